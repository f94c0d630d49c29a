// ESLint flat config: typescript-eslint's recommended rules plus sorted imports. Formatting is
// biome's job (biome.json); this file only lints.
import js from "@eslint/js";
import simpleImportSort from "eslint-plugin-simple-import-sort";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["dist/", "node_modules/", "**/node_modules/", "out/", "plan/"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        plugins: { "simple-import-sort": simpleImportSort },
        rules: {
            "simple-import-sort/imports": "error",
            "simple-import-sort/exports": "error",
        },
    },
);

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
            // A leading underscore marks a parameter or binding that is there for its position only.
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
            ],
        },
    },
    {
        // Tests read planned resource inputs, which are untyped JSON by nature,
        // and so are policy properties and the mock engine's requests in the offline plan.
        files: ["test/**/*.ts", "policy/**/*.ts", "tools/plan/**/*.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
    {
        // Plain CommonJS scripts run by CI with Node.
        files: [".ci/**/*.js"],
        languageOptions: { sourceType: "commonjs", globals: { require: "readonly", process: "readonly", console: "readonly" } },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);

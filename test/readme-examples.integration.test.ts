import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { PROJECT_ROOT } from "./helpers/plan-cli";

/**
 * The README's TypeScript examples, type-checked against the package as a user's program would be:
 * each ```ts block becomes a module of its own in a scratch directory, importing `serverless-spark`
 * (mapped to this checkout's components) and the Pulumi SDKs, and the repository's own tsc checks them.
 */
function readmeBlocks(): string[] {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    return [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

describe("README TypeScript examples", () => {
    it("GIVEN the README WHEN its blocks are read THEN there is an example for AWS, Alibaba Cloud and an existing cluster", () => {
        const blocks = readmeBlocks().join("\n");
        for (const entry of ['from "serverless-spark/aws"', 'from "serverless-spark/alicloud"', 'from "serverless-spark"']) {
            expect(blocks).toContain(entry);
        }
    });

    it("GIVEN every TypeScript block WHEN type-checked as a user's module THEN tsc reports nothing", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "readme-examples-"));
        try {
            const files = readmeBlocks().map((code, i) => {
                const file = path.join(dir, `example-${i + 1}.ts`);
                fs.writeFileSync(file, `${code}\nexport {};\n`);
                return file;
            });
            const modules = path.join(PROJECT_ROOT, "node_modules");
            const tsconfig = {
                compilerOptions: {
                    target: "ES2022",
                    module: "commonjs",
                    moduleResolution: "node",
                    strict: true,
                    esModuleInterop: true,
                    skipLibCheck: true,
                    noEmit: true,
                    types: ["node"],
                    typeRoots: [path.join(modules, "@types")],
                    baseUrl: dir,
                    paths: {
                        "serverless-spark": [path.join(PROJECT_ROOT, "components", "index.ts")],
                        "serverless-spark/*": [path.join(PROJECT_ROOT, "components", "*")],
                        "*": [path.join(modules, "*"), path.join(modules, "@types", "*")],
                    },
                },
                files,
            };
            fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
            let output = "";
            try {
                execFileSync(process.execPath, [path.join(modules, "typescript", "bin", "tsc"), "-p", dir], { encoding: "utf8" });
            } catch (err) {
                output = String((err as { stdout?: string }).stdout ?? err);
            }
            expect(output.replaceAll(dir, "<example>")).toBe("");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }, 120_000);
});

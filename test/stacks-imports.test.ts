import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { PROJECT_ROOT } from "./helpers/plan-cli";

/**
 * The shipped program uses the package the way a user's program would: `stacks/` imports nothing of
 * the library but its public entries (components/index.ts, components/aws.ts, components/alicloud.ts),
 * so whatever the stacks rely on (the config parser, the top-level components) is public too.
 */
const PUBLIC_ENTRIES = ["components/index.ts", "components/aws.ts", "components/alicloud.ts"].map((f) => path.join(PROJECT_ROOT, f));

function tsFiles(dir: string): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

/** Every module specifier of a file: static imports and exports, and dynamic `import("...")`. */
function specifiers(file: string): string[] {
    const text = fs.readFileSync(file, "utf8");
    return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)"([^"]+)"/g)].map((m) => m[1]!);
}

function resolveLocal(from: string, specifier: string): string {
    const base = path.resolve(path.dirname(from), specifier);
    for (const candidate of [`${base}.ts`, path.join(base, "index.ts")]) if (fs.existsSync(candidate)) return candidate;
    return base;
}

describe("stacks/ imports", () => {
    it("GIVEN every file under stacks/ WHEN its imports are resolved THEN each is a package, a file of stacks/, or a public entry", () => {
        const stacksDir = path.join(PROJECT_ROOT, "stacks");
        const offending: string[] = [];
        let checked = 0;
        for (const file of tsFiles(stacksDir)) {
            for (const specifier of specifiers(file)) {
                checked++;
                if (!specifier.startsWith(".")) continue;
                const target = resolveLocal(file, specifier);
                if (target.startsWith(stacksDir + path.sep) || PUBLIC_ENTRIES.includes(target)) continue;
                offending.push(`${path.relative(PROJECT_ROOT, file)}: ${specifier}`);
            }
        }
        expect(checked).toBeGreaterThan(3);
        expect(offending).toEqual([]);
    });

    it("GIVEN a file that imports a module behind the entries WHEN checked THEN the check sees it", () => {
        const file = path.join(PROJECT_ROOT, "stacks", "program.ts");
        expect(PUBLIC_ENTRIES.includes(resolveLocal(file, "../components/platforms/config/resolve"))).toBe(false);
        expect(PUBLIC_ENTRIES.includes(resolveLocal(file, "../components"))).toBe(true);
        expect(PUBLIC_ENTRIES.includes(resolveLocal(file, "../components/aws"))).toBe(true);
    });
});

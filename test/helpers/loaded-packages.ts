import { spawnSync } from "child_process";

import { PROJECT_ROOT } from "./plan-cli";

/**
 * Loads each module in one fresh Node process, one after another with an empty `require` cache in
 * between (what a fresh process would load, for CommonJS), and lists the @pulumi packages each one
 * pulled in. One process for all modules: starting Node with tsx costs seconds, loading costs less.
 */
export function pulumiPackagesLoadedByEach(modulePaths: string[]): Map<string, string[]> {
    const script = `
        const result = {};
        for (const modulePath of ${JSON.stringify(modulePaths)}) {
            for (const file of Object.keys(require.cache)) delete require.cache[file];
            require(modulePath);
            const names = new Set();
            for (const file of Object.keys(require.cache)) {
                const m = /node_modules\\/(@pulumi\\/[^/]+)\\//.exec(file);
                if (m) names.add(m[1]);
            }
            result[modulePath] = [...names].sort();
        }
        process.stdout.write(JSON.stringify(result));
    `;
    const result = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" });
    if (result.status !== 0) {
        // The first error line: tsx's own stack lines are minified and too long to show.
        const reason = result.stderr.split("\n").find((line) => /Error/.test(line) && line.length < 400) ?? `exit ${result.status}`;
        throw new Error(`loading ${modulePaths.join(", ")} failed: ${reason}`);
    }
    return new Map(Object.entries(JSON.parse(result.stdout) as Record<string, string[]>));
}

import { spawnSync } from "child_process";
import { PROJECT_ROOT } from "./plan-cli";

/** Loads a module in a fresh Node process and lists the @pulumi packages it pulled in. */
export function pulumiPackagesLoadedBy(modulePath: string): string[] {
    const script = `
        require(${JSON.stringify(modulePath)});
        const names = new Set();
        for (const file of Object.keys(require.cache)) {
            const m = /node_modules\\/(@pulumi\\/[^/]+)\\//.exec(file);
            if (m) names.add(m[1]);
        }
        process.stdout.write(JSON.stringify([...names].sort()));
    `;
    const result = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" });
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout);
}

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { main } from "../../tools/plan/main";

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

export interface CliResult {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** Runs `npm run plan -- <args>` in this process: the CLI's own entry, with stdout and stderr captured. */
export async function planCli(args: string[]): Promise<CliResult> {
    const out = { stdout: "", stderr: "" };
    const status = await main(args, {
        stdout: { write: (text: string) => (out.stdout += text) },
        stderr: { write: (text: string) => (out.stderr += text) },
    });
    return { status, ...out };
}

/**
 * Runs `npm run plan -- <args>` as its own process, the way a user would, minus npm's own banner.
 * For the few smoke tests of what only a process shows (exit code, no stack trace on stderr).
 */
export function runPlanCliProcess(args: string[]): CliResult {
    const result = spawnSync(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "tools/plan/cli.ts"), ...args], {
        cwd: PROJECT_ROOT,
        encoding: "utf8",
        env: { ...process.env, PULUMI_CONFIG: undefined, KUBECONFIG: undefined },
        timeout: 120_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary directory. */
export function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The stacks shipped in `stacks/` (names from `Pulumi.<name>.yaml`). */
export function shippedStacks(): string[] {
    return fs
        .readdirSync(path.join(PROJECT_ROOT, "stacks"))
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** Every file under `dir`, relative path -> content. */
export function readTree(dir: string): Map<string, string> {
    const files = new Map<string, string>();
    const walk = (sub: string) => {
        for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
            const rel = path.join(sub, entry.name);
            if (entry.isDirectory()) walk(rel);
            else files.set(rel, fs.readFileSync(path.join(dir, rel), "utf8"));
        }
    };
    walk("");
    return files;
}

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { main } from "../../tools/plan/main";
import { readProjectFile } from "../../tools/plan/plan-stack";
import { applyOverride, readStackFile, StackConfigValues, stackFileFor } from "../../tools/plan/stack-config";

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

/**
 * What a user sets before planning a shipped stack, as `--config` assignments (the README's
 * commands): the aws stack leaves the public endpoint's allow-list to its user. 1.2.3.4 stands for
 * an admin network's egress address: an ordinary public address (in no IANA special-purpose
 * block), and the plan is offline, so nothing is opened to it.
 */
export const USER_SETTINGS: Readonly<Record<string, readonly string[]>> = {
    aws: ['cluster.publicAccessCidrs=["1.2.3.4/32"]'],
    alicloud: ['cluster.publicAccessCidrs=["1.2.3.4/32"]'],
};

/** The user's settings of a shipped stack (none for most). */
export function userSettings(stack: string): string[] {
    return [...(USER_SETTINGS[stack] ?? [])];
}

/** `--stack NAME` plus the user's settings of that stack, as the README's command passes them. */
export function stackArgs(stack: string): string[] {
    return ["--stack", stack, ...userSettings(stack).flatMap((a) => ["--config", a])];
}

/** A shipped stack file's config with the user's settings applied, as the plan CLI builds it. */
export function shippedStackValues(stack: string): StackConfigValues {
    const values = readStackFile(stackFileFor(PROJECT_ROOT, stack), "--stack");
    for (const assignment of userSettings(stack)) applyOverride(values, assignment, readProjectFile(PROJECT_ROOT).name);
    return values;
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

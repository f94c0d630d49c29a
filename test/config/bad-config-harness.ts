import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { applyOverride, readStackFile, toEngineConfig } from "../../tools/plan/stack-config";
import { shippedStackValues, stackArgs } from "../helpers/plan-cli";
import type { BadConfig } from "./bad-configs";

/**
 * Turns a row of the bad-config corpus into what the program and the plan CLI are given: the engine's
 * config map (fully-qualified keys, every value a string, structured values JSON-encoded) and the
 * CLI arguments that produce the same map. Both are built with the plan's own stack-file reader and
 * `--config` parser, so the in-process run and the CLI run see the same config.
 */

export const PROJECT = "serverless-spark";
export const STACKS_DIR = path.join(__dirname, "..", "..", "stacks");

/** The shipped stack file a row starts from. */
export function stackFile(stack: string): string {
    return path.join(STACKS_DIR, `Pulumi.${stack}.yaml`);
}

/** `--config key=value` assignments of a row's `set`, values JSON-encoded (as the CLI parses them). */
export function assignments(row: BadConfig): string[] {
    return Object.entries(row.set ?? {}).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
}

/** The fully-qualified config key of a row's `unset` entry (`tpcds` -> `serverless-spark:tpcds`). */
function qualified(key: string): string {
    return key.includes(":") ? key : `${PROJECT}:${key}`;
}

/** Writes a row's `yaml` to a temporary stack file; returns its path. */
export function writeYaml(row: BadConfig, dir: string): string {
    const file = path.join(dir, "Pulumi.bad.yaml");
    fs.writeFileSync(file, row.yaml!);
    return file;
}

/** The engine config of a row, built the way the plan CLI builds it. */
export function engineConfig(row: BadConfig): Record<string, string> {
    let values: Record<string, unknown>;
    if (row.yaml !== undefined) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-config-"));
        try {
            values = readStackFile(writeYaml(row, dir), "--stack-file");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    } else {
        values = shippedStackValues(row.stack!);
    }
    for (const key of row.unset ?? []) {
        delete values[qualified(key)];
    }
    for (const assignment of assignments(row)) {
        applyOverride(values, assignment, PROJECT);
    }
    return toEngineConfig(values);
}

/**
 * Plan CLI arguments for a row: `--stack NAME --config ...`, or `--stack-file` for a YAML row or a row
 * that removes keys (which `--config` cannot), with the final config written out.
 */
export function cliArguments(row: BadConfig, dir: string): string[] {
    if (row.yaml !== undefined) {
        return ["--stack-file", writeYaml(row, dir)];
    }
    if (row.unset !== undefined) {
        const config = Object.fromEntries(Object.entries(engineConfig(row)).map(([k, v]) => [k, decode(v)]));
        const file = path.join(dir, "Pulumi.bad.yaml");
        fs.writeFileSync(file, JSON.stringify({ config }, null, 2)); // JSON is YAML
        return ["--stack-file", file];
    }
    return [...stackArgs(row.stack!), ...assignments(row).flatMap((a) => ["--config", a])];
}

function decode(text: string): unknown {
    try {
        const value: unknown = JSON.parse(text);
        // Plain strings stay strings (a region "1" must not turn into a number).
        return typeof value === "object" && value !== null ? value : text;
    } catch {
        return text;
    }
}

/** A row's name in test titles: `[area] title`. */
export function title(row: BadConfig): string {
    return `[${row.area}] ${row.title}`;
}

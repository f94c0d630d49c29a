import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";

import { InputError as PlanUsageError } from "../../components/errors";

/** Stack config as in a `Pulumi.<stack>.yaml` file: fully-qualified keys to YAML values. */
export type StackConfigValues = Record<string, unknown>;

/** Reads `config:` from a stack file. */
export function readStackFile(file: string, optionName: string): StackConfigValues {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        throw new PlanUsageError(optionName, `no readable stack file at ${JSON.stringify(file)}`, "the path of a Pulumi.<stack>.yaml file");
    }
    let doc: unknown;
    try {
        doc = parseYaml(text);
    } catch (err) {
        const firstLine = String((err as Error).message).split("\n")[0];
        throw new PlanUsageError(optionName, `${file} is not valid YAML (${firstLine})`, "a Pulumi stack file");
    }
    if (doc === null || doc === undefined) {
        return {};
    }
    if (typeof doc !== "object" || Array.isArray(doc)) {
        throw new PlanUsageError(optionName, `${file} is not a YAML mapping`, "a Pulumi stack file with a config: section");
    }
    const config = (doc as { config?: unknown }).config ?? {};
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new PlanUsageError(optionName, `config: in ${file} is not a mapping`, "config: key: value pairs");
    }
    return { ...(config as Record<string, unknown>) };
}

/**
 * Applies one `--config key=value`. `key` is a dotted path under the project namespace
 * (`operator.webhookReplicas`) or a namespaced key (`aws:region`); `value` is JSON when it parses
 * as JSON, else the string itself.
 */
export function applyOverride(config: StackConfigValues, assignment: string, project: string): void {
    const eq = assignment.indexOf("=");
    if (eq <= 0) {
        throw new PlanUsageError("--config", `got ${JSON.stringify(assignment)}`, "key=value");
    }
    const key = assignment.slice(0, eq);
    const value = parseOverrideValue(assignment.slice(eq + 1));
    const [head, ...rest] = key.includes(":") ? splitNamespaced(key) : [`${project}:${key.split(".")[0]}`, ...key.split(".").slice(1)];
    if (!/^[^.:\s]+:[^.\s]+$/.test(head!) || rest.some((part) => part === "")) {
        throw new PlanUsageError(
            "--config",
            `bad key ${JSON.stringify(key)}`,
            "a dotted key such as operator.webhookReplicas or a namespaced key such as aws:region",
        );
    }
    if (rest.length === 0) {
        config[head!] = value;
        return;
    }
    const existing = config[head!];
    const root: Record<string, unknown> = isPlainObject(existing) ? structuredClone(existing) : {};
    let node = root;
    for (const part of rest.slice(0, -1)) {
        if (!isPlainObject(node[part])) {
            node[part] = {};
        }
        node = node[part] as Record<string, unknown>;
    }
    node[rest[rest.length - 1]!] = value;
    config[head!] = root;
}

function splitNamespaced(key: string): string[] {
    const colon = key.indexOf(":");
    const ns = key.slice(0, colon);
    const [first, ...rest] = key.slice(colon + 1).split(".");
    return [`${ns}:${first}`, ...rest];
}

function parseOverrideValue(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Converts stack config to what the engine hands a program (`PULUMI_CONFIG`): every value a string,
 * structured values JSON-encoded. Encrypted (`secure:`) values cannot be decrypted offline.
 */
export function toEngineConfig(config: StackConfigValues): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of Object.keys(config).sort()) {
        const value = config[key];
        if (isPlainObject(value) && Object.keys(value).length === 1 && typeof value.secure === "string") {
            throw new PlanUsageError(key, "is encrypted in the stack file and the offline plan cannot decrypt it", "a plain value here, or --secret key=value");
        }
        out[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return out;
}

/** Resolves `--stack NAME` to `stacks/Pulumi.NAME.yaml` (the project's `stackConfigDir`). */
export function stackFileFor(projectRoot: string, stack: string): string {
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
        throw new PlanUsageError("--stack", `got ${JSON.stringify(stack)}`, "a stack name (letters, digits, '-', '_', '.')");
    }
    const file = path.join(projectRoot, "stacks", `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        const shipped = fs
            .readdirSync(path.join(projectRoot, "stacks"))
            .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
            .filter((s): s is string => s !== undefined)
            .sort();
        throw new PlanUsageError("--stack", `no stack file stacks/Pulumi.${stack}.yaml`, `one of ${shipped.join(", ")}`);
    }
    return file;
}

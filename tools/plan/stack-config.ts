import * as fs from "fs";
import { parse as parseYaml } from "yaml";

import { InputError as PlanUsageError } from "../../components/errors";

export { stackFileFor } from "./project";

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

/** One change to a stack's config from the command line, in the order given. */
export type ConfigEdit = { kind: "set"; text: string } | { kind: "unset"; key: string };

/** Applies one `--config key=value` or `--unset key`. */
export function applyConfigEdit(config: StackConfigValues, edit: ConfigEdit, project: string): void {
    if (edit.kind === "set") applyOverride(config, edit.text, project);
    else unsetKey(config, edit.key, project);
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
    const [head, ...rest] = keyPath(key, project, "--config");
    if (rest.length === 0) {
        config[head] = value;
        return;
    }
    const existing = config[head];
    const root: Record<string, unknown> = isPlainObject(existing) ? structuredClone(existing) : {};
    let node = root;
    for (const part of rest.slice(0, -1)) {
        if (!isPlainObject(node[part])) {
            node[part] = {};
        }
        node = node[part] as Record<string, unknown>;
    }
    node[rest[rest.length - 1]!] = value;
    config[head] = root;
}

/**
 * Applies one `--unset key`: removes the key, so the program sees it unset and its default applies
 * (JSON `null` cannot do that: it is a value the program's schema refuses). A key that is not set
 * is refused, so a misspelt key does not pass silently.
 */
export function unsetKey(config: StackConfigValues, key: string, project: string): void {
    const [head, ...rest] = keyPath(key, project, "--unset");
    const notSet = () => new PlanUsageError("--unset", `${key} is not set in the stack file or an earlier --config`, "a key the stack sets");
    if (!(head in config)) throw notSet();
    if (rest.length === 0) {
        delete config[head];
        return;
    }
    const root = config[head];
    if (!isPlainObject(root)) throw notSet();
    const copy = structuredClone(root);
    let node: Record<string, unknown> = copy;
    for (const part of rest.slice(0, -1)) {
        if (!isPlainObject(node[part])) throw notSet();
        node = node[part] as Record<string, unknown>;
    }
    const last = rest[rest.length - 1]!;
    if (!(last in node)) throw notSet();
    delete node[last];
    config[head] = copy;
}

/** `operator.webhookReplicas` -> [`<project>:operator`, `webhookReplicas`]; `aws:region` -> [`aws:region`]. */
function keyPath(key: string, project: string, option: string): [string, ...string[]] {
    const [head, ...rest] = key.includes(":") ? splitNamespaced(key) : [`${project}:${key.split(".")[0]}`, ...key.split(".").slice(1)];
    if (!/^[^.:\s]+:[^.\s]+$/.test(head!) || rest.some((part) => part === "")) {
        throw new PlanUsageError(
            option,
            `bad key ${JSON.stringify(key)}`,
            "a dotted key such as operator.webhookReplicas or a namespaced key such as aws:region",
        );
    }
    return [head!, ...rest];
}

function splitNamespaced(key: string): string[] {
    const colon = key.indexOf(":");
    const ns = key.slice(0, colon);
    const [first, ...rest] = key.slice(colon + 1).split(".");
    return [`${ns}:${first}`, ...rest];
}

/** A `--config` value: JSON when it parses as JSON, else the text itself. */
export function parseOverrideValue(text: string): unknown {
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
 * structured values JSON-encoded. Encrypted (`secure:`) values cannot be decrypted offline: the
 * error names the `--config` override that replaces one (for `project`'s keys, in their short form).
 */
export function toEngineConfig(config: StackConfigValues, project?: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of Object.keys(config).sort()) {
        const value = config[key];
        if (isPlainObject(value) && Object.keys(value).length === 1 && typeof value.secure === "string") {
            const short = project !== undefined && key.startsWith(`${project}:`) ? key.slice(project.length + 1) : key;
            throw new PlanUsageError(
                key,
                "is encrypted in the stack file and the offline plan cannot decrypt it",
                `a plain value in the stack file, or --config ${short}=VALUE`,
            );
        }
        out[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return out;
}

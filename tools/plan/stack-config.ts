import { parse as parseYaml } from "yaml";

import { InputError as PlanUsageError } from "../../components/errors";
import { readUserTextFile, showPath } from "../../components/files";

export { stackFileFor } from "./project";

/** Stack config as in a `Pulumi.<stack>.yaml` file: fully-qualified keys to YAML values. */
export type StackConfigValues = Record<string, unknown>;

/**
 * The largest stack file read. Stack files are kilobytes; an inline keytab (base64, at most 1 MiB of
 * bytes as a Secret holds) fits with room to spare. The cap refuses a device or runaway file fast.
 */
export const STACK_FILE_MAX_BYTES = 4 * 1024 * 1024;

/**
 * Keys that would reach an object's prototype when assigned (`node["__proto__"] = v`), or that
 * shadow what every object inherits: refused wherever a config key is built from user text.
 */
export const RESERVED_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

/** Reads `config:` from a stack file. */
export function readStackFile(file: string, optionName: string): StackConfigValues {
    let text: string;
    try {
        text = readUserTextFile(file, { key: optionName, what: "a Pulumi stack file", maxBytes: STACK_FILE_MAX_BYTES });
    } catch (err) {
        const problem = (err as PlanUsageError).problem ?? "";
        if (problem.startsWith("no readable file")) {
            throw new PlanUsageError(optionName, `no readable stack file at ${showPath(file)}`, "the path of a Pulumi.<stack>.yaml file");
        }
        throw err;
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
    const reserved = Object.keys(config).find((key) => RESERVED_KEYS.includes(key.slice(key.indexOf(":") + 1)));
    if (reserved !== undefined) {
        throw new PlanUsageError(
            optionName,
            `config: in ${file} has the key ${JSON.stringify(reserved)}`,
            "config keys other than __proto__, constructor, prototype",
        );
    }
    return { ...(config as Record<string, unknown>) };
}

/**
 * One change to a stack's config from the command line, in the order given. `secret` (from
 * `--secret key=value`) sets the value like `--config` and marks its top-level key secret, as
 * `pulumi config set --secret` does.
 */
export type ConfigEdit = { kind: "set"; text: string; secret?: boolean } | { kind: "unset"; key: string };

/** The fully-qualified top-level key a `key=value` assignment sets (`airflow.enabled=true` -> `<project>:airflow`). */
export function assignedTopLevelKey(assignment: string, project: string): string {
    const eq = assignment.indexOf("=");
    if (eq <= 0) throw new PlanUsageError("--secret", describeAssignment(assignment), "key=value");
    return keyPath(assignment.slice(0, eq), project, "--secret")[0];
}

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
        throw new PlanUsageError("--config", describeAssignment(assignment), "key=value");
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

/**
 * A `--config` argument without `=`, described without its text past the key: `kerberos.keytab:BQIA...`
 * (a colon typed for `=`) or `kerberos.keytab BQIA...` carries the value, which may be secret.
 */
function describeAssignment(assignment: string): string {
    const key = /^[A-Za-z0-9_.-]*/.exec(assignment)![0];
    const rest = assignment.length - key.length;
    if (key === "") return `got ${rest} characters that do not start with a key`;
    const separator = assignment[key.length]!;
    const shown = separator === ":" ? "a colon" : /\s/.test(separator) ? "a space" : JSON.stringify(separator);
    return rest === 0
        ? `got the key ${showKey(key)} with no "=" and no value`
        : `got ${showKey(key)} followed by ${shown} and ${rest - 1} more characters, no "="`;
}

/** A key as typed, quoted; cut at 60 characters (a key is short; a long one is likely a pasted value). */
function showKey(key: string): string {
    return key.length > 60 ? `a key of ${key.length} characters` : JSON.stringify(key);
}

/** `operator.webhookReplicas` -> [`<project>:operator`, `webhookReplicas`]; `aws:region` -> [`aws:region`]. */
function keyPath(key: string, project: string, option: string): [string, ...string[]] {
    const [head, ...rest] = key.includes(":") ? splitNamespaced(key) : [`${project}:${key.split(".")[0]}`, ...key.split(".").slice(1)];
    // Each part is a name: no spaces, `=` or `:` (a value typed into the key would carry them) and none
    // of the names that reach an object's prototype.
    if (!/^[^.:\s]+:[^.:\s=]+$/.test(head!) || rest.some((part) => part === "" || /[\s=:]/.test(part))) {
        const visible = /^[A-Za-z0-9_.:-]{1,60}$/.test(key) ? JSON.stringify(key) : `a key of ${key.length} characters with a space, "=" or ":" in a path part`;
        throw new PlanUsageError(option, `bad key ${visible}`, "a dotted key such as operator.webhookReplicas or a namespaced key such as aws:region");
    }
    const reserved = [head.slice(head.indexOf(":") + 1), ...rest].find((part) => RESERVED_KEYS.includes(part));
    if (reserved !== undefined) {
        throw new PlanUsageError(
            option,
            `key ${JSON.stringify(key)} has the part ${JSON.stringify(reserved)}`,
            "config key names other than __proto__, constructor, prototype",
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
 * What stands in for an encrypted (`secure:`) value, which the offline plan cannot decrypt. The
 * program sees this text where the value was, under a key marked secret as the engine marks it, so
 * every input derived from it is planned as a secret (`[secret]`).
 */
export const SECURE_PLACEHOLDER = "offline-plan-placeholder-for-a-secret";

/** `{secure: "v1:..."}`, what `pulumi config set --secret` writes (at the top level, or under `--path`). */
function isSecure(value: unknown): boolean {
    return isPlainObject(value) && Object.keys(value).length === 1 && typeof value.secure === "string";
}

/** The value with every encrypted leaf replaced by {@link SECURE_PLACEHOLDER}, and whether it had one. */
function withPlaceholders(value: unknown): { value: unknown; secret: boolean } {
    if (isSecure(value)) return { value: SECURE_PLACEHOLDER, secret: true };
    if (Array.isArray(value)) {
        const items = value.map(withPlaceholders);
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (isPlainObject(value)) {
        const entries = Object.entries(value).map(([k, v]) => [k, withPlaceholders(v)] as const);
        return { value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])), secret: entries.some(([, v]) => v.secret) };
    }
    return { value, secret: false };
}

/**
 * Converts stack config to what the engine hands a program (`PULUMI_CONFIG`): every value a string,
 * structured values JSON-encoded. Encrypted (`secure:`) values cannot be decrypted offline: each
 * becomes {@link SECURE_PLACEHOLDER} (see {@link secretKeysOf} for the keys the engine would mark secret).
 */
export function toEngineConfig(config: StackConfigValues, _project?: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of Object.keys(config).sort()) {
        const { value } = withPlaceholders(config[key]);
        out[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return out;
}

/**
 * The keys the engine would mark secret (`PULUMI_CONFIG_SECRET_KEYS`): the top-level key of every
 * encrypted value, also when the encrypted value sits deeper (`pulumi config set --secret --path`).
 */
export function secretKeysOf(config: StackConfigValues): string[] {
    return Object.keys(config)
        .filter((key) => withPlaceholders(config[key]).secret)
        .sort();
}

import { ConfigEdit, parseOverrideValue } from "./stack-config";

/**
 * `--config` reads a value as JSON when it can, so `cluster.version=1.36` hands the program the
 * number 1.36 (and `1.30` becomes 1.3). When the program then refuses that key, and not because it
 * wanted a number, say how to pass the text instead. The plan cannot know the program's schema (a
 * user's program has its own), so the hint follows the error: it names the overridden key and does
 * not ask for a number.
 * @param message the refusal, one line (`[Component "name": ]key: got ..., expected ...`)
 * @param edits the `--config` and `--unset` options, in order
 * @returns `""`, or a hint to append to the error line
 */
export function hintForScalarOverride(message: string, edits: readonly ConfigEdit[]): string {
    const expected = message.slice(message.lastIndexOf(", expected ") + 1);
    if (/\b(number|integer)\b/.test(expected)) return "";
    for (const edit of [...edits].reverse()) {
        if (edit.kind !== "set" || edit.secret) continue;
        const eq = edit.text.indexOf("=");
        const key = edit.text.slice(0, eq);
        const raw = edit.text.slice(eq + 1);
        const value = parseOverrideValue(raw);
        if (typeof value !== "number" && typeof value !== "boolean") continue;
        // The short key (`cluster.version`) or its namespaced form (`serverless-spark:cluster.version`).
        const bare = key.includes(":") ? key.slice(key.indexOf(":") + 1) : key;
        const named = [key, bare].some((k) => new RegExp(`(^|: )${escapeRegExp(k)}: `).test(message));
        if (named) {
            return ` (--config read ${raw} as a ${typeof value}; to pass it as text, quote it: --config '${key}="${raw}"')`;
        }
    }
    return "";
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * When the program refuses a key whose value the stack file encrypts, the refusal is about the
 * placeholder the offline plan put there (it cannot decrypt `secure:` values), not about the real
 * value: say so, and how to plan the real value.
 * @param message the refusal, one line
 * @param encryptedKeys fully-qualified keys with an encrypted value (`serverless-spark:kubeconfig`)
 * @param project the project name, whose keys the program names without the namespace
 */
export function hintForEncryptedKey(message: string, encryptedKeys: readonly string[], project: string): string {
    for (const key of encryptedKeys) {
        const short = key.startsWith(`${project}:`) ? key.slice(project.length + 1) : key;
        if (new RegExp(`(^|: )${escapeRegExp(short)}([.[][^:]*)?: `).test(message)) {
            return ` (${short} is encrypted in the stack file: the offline plan cannot decrypt it and planned a placeholder in its place; to check the value itself, pass it with --config ${short}=VALUE)`;
        }
    }
    return "";
}

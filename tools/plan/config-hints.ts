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
        if (edit.kind !== "set") continue;
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

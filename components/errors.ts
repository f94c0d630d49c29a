/**
 * The one error type for user mistakes (bad config, bad component arguments).
 *
 * Its message is always a single line, `<key>: <what is wrong>, expected <what>`, so the
 * offline plan and `pulumi up` can show it without a stack trace.
 */
export class InputError extends Error {
    /** The config key or argument path the error is about, e.g. `operator.webhookReplicas`. */
    readonly key: string;
    /** What is wrong with the value. */
    readonly problem: string;
    /** What was expected instead. */
    readonly expected: string;

    constructor(key: string, problem: string, expected: string) {
        super(`${key}: ${problem}, expected ${expected}`);
        this.name = "InputError";
        this.key = key;
        this.problem = problem;
        this.expected = expected;
    }
}

/** Renders a user-supplied value for an error message: JSON where possible, never multi-line. */
export function describeValue(value: unknown): string {
    if (value === undefined) {
        return "nothing";
    }
    let text: string;
    try {
        text = JSON.stringify(value) ?? String(value);
    } catch {
        text = String(value);
    }
    text = text.replace(/\s+/g, " ");
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Runs `fn`; an {@link InputError} it throws is re-thrown with its key under `prefix`
 * (`executor.cores` -> `jobs[0].executor.cores`), so errors name the key the user wrote.
 */
export function underKey<T>(prefix: string, fn: () => T): T {
    try {
        return fn();
    } catch (err) {
        if (err instanceof InputError) {
            const key = err.key.startsWith("[") ? `${prefix}${err.key}` : `${prefix}.${err.key}`;
            throw new InputError(key, err.problem, err.expected);
        }
        throw err;
    }
}

/*
 * How arguments are checked, everywhere in the package:
 * - `resolveX(input)` is a parser: it checks a component's (or a config part's) arguments and returns
 *   them resolved, with defaults applied (`ResolvedX`); constructors call it before declaring anything.
 * - `requireX(value, key)` checks one value and returns it typed.
 * - `checkX(...)` checks a rule across values and returns nothing.
 * Each throws one InputError naming the key; `underKey` puts a prefix on the key.
 */

/**
 * The one error type for user mistakes (bad config, bad component arguments).
 *
 * Its message is always a single line, `<key>: <what is wrong>, expected <what>` (prefixed with the
 * component, `SparkOperator "spark-operator": ...`, when a component's constructor refused it), so
 * the offline plan and `pulumi up` can show it without a stack trace.
 */
export class InputError extends Error {
    /**
     * Marks the error as a Pulumi `RunError`: the Node.js runtime prints a RunError's message alone,
     * without a stack trace (pulumi/pulumi sdk/nodejs/errors.ts `RunError.isInstance` checks this
     * field, so it works without importing the SDK and across two copies of it).
     */
    readonly __pulumiRunError = true;
    /** The config key or argument path the error is about, e.g. `operator.webhookReplicas`. */
    readonly key: string;
    /** What is wrong with the value. */
    readonly problem: string;
    /** What was expected instead. */
    readonly expected: string;
    /** The component whose arguments were refused, e.g. `SparkOperator "spark-operator"`. */
    readonly component?: string;
    /** `problem` and `expected` as written, with `{{sibling}}` placeholders (see the constructor). */
    readonly templates: { problem: string; expected: string };

    /**
     * @param problem what is wrong; `{{name}}` names another key beside `key` (`{{publicEndpoint}}`
     *   next to `cluster.publicAccessCidrs` reads `cluster.publicEndpoint`), so the text stays right
     *   when `underKey` puts a prefix on the key
     * @param expected what was expected, with the same placeholders
     */
    constructor(key: string, problem: string, expected: string, component?: string) {
        const at = parentOf(key);
        const render = (text: string) => text.replace(/\{\{([A-Za-z][\w.]*)\}\}/g, (_, sibling: string) => `${at}${sibling}`);
        super(`${component ? `${component}: ` : ""}${key}: ${render(problem)}, expected ${render(expected)}`);
        this.name = "InputError";
        this.key = key;
        this.problem = render(problem);
        this.expected = render(expected);
        this.component = component;
        this.templates = { problem, expected };
    }
}

/** The path a key sits in, with its trailing dot: `cluster.` for `cluster.publicAccessCidrs[0]`, `""` for `name`. */
function parentOf(key: string): string {
    const bare = key.replace(/(\[\d+\])+$/, "");
    const dot = bare.lastIndexOf(".");
    return dot < 0 ? "" : bare.slice(0, dot + 1);
}

/**
 * Runs a component's argument checks; an {@link InputError} they throw is re-thrown naming the
 * component (`<type> "<name>"`), so a library user sees which of their components was refused.
 * An error that already names a component (from a child's checks) keeps the innermost name.
 */
export function checkComponentArgs<T>(componentType: string, name: string, check: () => T): T {
    try {
        return check();
    } catch (err) {
        if (err instanceof InputError && err.component === undefined) {
            throw new InputError(err.key, err.templates.problem, err.templates.expected, `${componentType} ${JSON.stringify(name)}`);
        }
        throw err;
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
 * Describes a value that may be secret by its type and size only ("a string of 704 characters"),
 * for errors about keys that hold or may hold secret material: no part of it is shown.
 */
export function describeShape(value: unknown): string {
    if (value === undefined) return "nothing";
    if (value === null) return "null";
    if (typeof value === "string") return `a string of ${value.length} characters`;
    if (Array.isArray(value)) return `a list of ${value.length} items`;
    if (typeof value === "object") return `an object with ${Object.keys(value).length} keys`;
    return `a ${typeof value}`;
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
            const key = err.key === "" ? prefix : err.key.startsWith("[") ? `${prefix}${err.key}` : `${prefix}.${err.key}`;
            throw new InputError(key, err.templates.problem, err.templates.expected, err.component);
        }
        throw err;
    }
}

import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

import { describeShape, describeValue, InputError } from "./errors";

/**
 * The shape step of every parser (`resolve*`): zod checks the keys (an unknown key is refused) and
 * the types, and the first problem becomes the project's one-line `key: got X, expected Y`, so the
 * wording and the key format (`a.b[2].c`) are the same whichever argument is wrong. Keys are
 * relative to the value checked; `underKey` puts the caller's prefix on them.
 */

/** Structured config values arrive JSON-encoded; a value that is not JSON is kept as the string it is. */
export function decodeStructured(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

export interface IssueContext {
    /** The value that was checked (to show the offending part when zod did not report it). */
    input: unknown;
    /** The schema it was checked against (to list the keys it knows). */
    schema: z.ZodType;
    /** Config key the checked value sits under, e.g. `storage.hdfs`. @default "" (top level) */
    prefix?: string;
    /**
     * Keys (first path part) whose values are never echoed, e.g. a keytab; a wrong value for the
     * whole object that holds them is not echoed either. @default []
     */
    secretKeys?: readonly string[];
    /** Echo nothing of the value at all, only its type and size (the value may hold secret material). @default false */
    secret?: boolean;
}

/**
 * The issue to report: the first one, except that an unknown key in the same object comes first, so
 * a typo (`{cpus: "1"}`) is named as such instead of as the key it was meant to be (`cpu: got nothing`).
 */
export function firstIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
    const first = issues[0]!;
    const typo = issues.find(
        (issue) => issue.code === "unrecognized_keys" && issue.path.length === first.path.length - 1 && issue.path.every((part, i) => part === first.path[i]),
    );
    return typo ?? first;
}

/** The first zod issue as the one-line error users see. */
export function schemaIssueToError(issue: z.core.$ZodIssue, context: IssueContext): InputError {
    const path = issue.path.map(String);
    const prefix = context.prefix ?? "";
    if (issue.code === "unrecognized_keys") {
        const known = `one of ${knownKeysAt(context.schema, path).join(", ")}`;
        const name = issue.keys[0]!;
        if (!isShowableKey(name)) {
            // A "key" that is not a name may be a value pasted in the wrong place (a keytab's base64).
            return new InputError(joinKey([...splitPrefix(prefix), ...path]), `has an unknown key of ${name.length} characters`, known);
        }
        return new InputError(joinKey([...splitPrefix(prefix), ...path, name]), "unknown config key", known);
    }
    const key = joinKey([...splitPrefix(prefix), ...path]);
    const secretKeys = context.secretKeys ?? [];
    if (context.secret === true || (secretKeys.length > 0 && (path.length === 0 || secretKeys.includes(path[0]!)))) {
        const value = "input" in issue ? issue.input : valueAt(context.input, path);
        return new InputError(key, `got ${describeShape(value)}`, issue.message);
    }
    const value = "input" in issue ? issue.input : valueAt(context.input, path);
    return new InputError(key, `got ${describeValue(value)}`, issue.message);
}

/** Config key names as people write them; anything else is not echoed. */
function isShowableKey(name: string): boolean {
    return /^[A-Za-z0-9_.\-/]{1,64}$/.test(name) && !(name.length >= 16 && /[A-Z]/.test(name) && /[a-z]/.test(name) && /[0-9]/.test(name));
}

function splitPrefix(prefix: string): string[] {
    return prefix === "" ? [] : [prefix];
}

/** `["jobs", "2", "executor"]` -> `jobs[2].executor`. */
function joinKey(parts: string[]): string {
    return parts.reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc === "" ? part : `${acc}.${part}`), "");
}

function valueAt(input: unknown, path: string[]): unknown {
    return path.reduce<unknown>((node, part) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined), input);
}

/** The keys the object schema at `path` knows (through optionals and list elements). */
function knownKeysAt(schema: unknown, path: string[]): string[] {
    let node = unwrap(schema);
    for (const part of path) {
        // `unwrap` has already stepped from a list to its element, so an index keeps the node.
        const next = /^\d+$/.test(part) ? node : (node as { shape?: Record<string, unknown> } | undefined)?.shape?.[part];
        node = unwrap(next);
    }
    const shape = (node as { shape?: Record<string, unknown> } | undefined)?.shape;
    return shape ? Object.keys(shape) : [];
}

function unwrap(schema: unknown): unknown {
    let current = schema as { unwrap?: () => unknown } | undefined;
    while (current && typeof current.unwrap === "function" && !("shape" in current)) {
        current = current.unwrap() as typeof current;
    }
    return current;
}

/**
 * The shape check of a parser: the value as the schema parses it, or one InputError whose key is
 * relative to the value (`underKey` adds the caller's prefix).
 * @param secretKeys first path parts whose values are never echoed (a keytab)
 */
export function parseShape<T extends z.ZodType>(schema: T, input: unknown, secretKeys: readonly string[] = []): z.infer<T> {
    const result = schema.safeParse(input, { reportInput: true });
    if (!result.success) {
        throw schemaIssueToError(firstIssue(result.error.issues), { input, schema, secretKeys });
    }
    return result.data;
}

/** A copy without the keys whose value is `undefined` (what a strict shape sees as "not given"). */
export function dropUndefined<T extends object>(value: T): Partial<T> {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * A string, or a Pulumi output of one (`pulumi.Input<string>`): arguments that library users may
 * give from other resources.
 */
export function inputString(error: string) {
    return z.union([z.string(), z.custom<pulumi.Output<string>>((value) => pulumi.Output.isInstance(value))], { error });
}

/** The keys of `value` that an object schema knows, without the undefined ones: a component's part of a larger argument object. */
export function pickShape(schema: { shape: Record<string, unknown> }, value: object): Record<string, unknown> {
    return Object.fromEntries(Object.entries(value).filter(([key, v]) => key in schema.shape && v !== undefined));
}

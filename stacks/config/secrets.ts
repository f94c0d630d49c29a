import * as pulumi from "@pulumi/pulumi";

import { InputError } from "../../components";

/**
 * Keeping `pulumi config set --secret` values secret. The engine hands a program every config value
 * decrypted, with the list of keys that were secret; it tells only the top-level key
 * (`serverless-spark:jobs`), also when `--path` encrypted one leaf inside it. So every value under a
 * secret top-level key is treated as secret:
 * - errors about such a key never show its values ({@link redactSecretError});
 * - every resource input that carries one of its values verbatim becomes a Pulumi secret
 *   ({@link secretConfigTransformation}), whichever component derived the input from it.
 * Names are the exception: resource names and Kubernetes object names (`metadata.name`,
 * `metadata.namespace`) cannot be secret (Pulumi URNs are plain text, and anyone who can list the
 * objects sees them), so a job name in a secret `jobs` key stays visible there.
 */

/** Strings shorter than this are too common to track (`"1"`, `"a"`): they match unrelated inputs. */
const MIN_TRACKED_LENGTH = 3;

/**
 * The texts a secret value shows in resource inputs: its strings, verbatim and XML-escaped
 * (core-site.xml). Object keys are left out (`name`, `sparkConf` would match every input), and so
 * are numbers and booleans (sizes and flags, not credentials).
 */
export function secretNeedles(values: readonly unknown[]): string[] {
    const needles = new Set<string>();
    const visit = (value: unknown): void => {
        if (typeof value === "string") {
            if (value.length >= MIN_TRACKED_LENGTH) {
                needles.add(value);
                needles.add(xmlEscape(value));
            }
        } else if (Array.isArray(value)) {
            value.forEach(visit);
        } else if (typeof value === "object" && value !== null) {
            Object.values(value).forEach(visit);
        }
    };
    values.forEach(visit);
    return [...needles];
}

function xmlEscape(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** Whether a string anywhere in the value contains a needle (a value embedded in a URL or XML counts). */
function carries(value: unknown, needles: readonly string[]): boolean {
    if (typeof value === "string") return needles.some((needle) => value.includes(needle));
    if (Array.isArray(value)) return value.some((v) => carries(v, needles));
    if (typeof value === "object" && value !== null) return Object.values(value).some((v) => carries(v, needles));
    return false;
}

/** Whether a value holds an Output or a promise somewhere (then it is checked once resolved). */
function isEventual(value: unknown): boolean {
    if (pulumi.Output.isInstance(value) || value instanceof Promise) return true;
    if (Array.isArray(value)) return value.some(isEventual);
    if (typeof value === "object" && value !== null && !pulumi.Resource.isInstance(value)) return Object.values(value).some(isEventual);
    return false;
}

/** The input wrapped in `pulumi.secret` when it carries a secret value; unchanged otherwise. */
function taint(value: unknown, needles: readonly string[]): unknown {
    if (!isEventual(value)) {
        return carries(value, needles) ? pulumi.secret(value) : value;
    }
    return (pulumi.output(value) as unknown as pulumi.Output<unknown>).apply((plain) => (carries(plain, needles) ? pulumi.secret(plain) : plain));
}

/**
 * A transformation (given to the top-level component, so every resource under it gets it) that
 * makes each resource input carrying a value of a secret config key a Pulumi secret: the whole
 * top-level input (`spec` of a SparkApplication, `data` of a ConfigMap, `values` or
 * `repositoryOpts` of the Helm release), and of `metadata` its labels and annotations (names are
 * never secret, see above). Values are matched by text, so an input that embeds one (core-site.xml)
 * is found too; a value a component transforms (a memory size rounded up) no longer carries it.
 */
export function secretConfigTransformation(secretValues: readonly unknown[]): pulumi.ResourceTransformation | undefined {
    const needles = secretNeedles(secretValues);
    if (needles.length === 0) return undefined;
    return (args) => {
        const props: Record<string, unknown> = { ...args.props };
        for (const [key, value] of Object.entries(props)) {
            if (key === "apiVersion" || key === "kind") continue;
            if (key === "metadata" && typeof value === "object" && value !== null && !isEventual(value)) {
                const metadata = { ...(value as Record<string, unknown>) };
                for (const part of ["labels", "annotations"]) {
                    if (metadata[part] !== undefined) metadata[part] = taint(metadata[part], needles);
                }
                props[key] = metadata;
                continue;
            }
            props[key] = taint(value, needles);
        }
        return { props, opts: args.opts };
    };
}

/**
 * An error about a secret key, without its values: a `got <value>` problem becomes "got a secret
 * value (not shown)", and a problem or expectation that quotes one of its texts is replaced. The key
 * path stays: it is what the user needs to find the mistake.
 * @param secretTopLevelKeys the project's keys the engine marked secret, without the namespace
 */
export function redactSecretError(err: InputError, secretTopLevelKeys: ReadonlySet<string>, secretValues: readonly unknown[]): InputError {
    const head = /^[^.[]*/.exec(err.key)![0];
    const needles = secretNeedles(secretValues);
    const quotes = (text: string) => needles.some((needle) => text.includes(needle));
    const underSecret = secretTopLevelKeys.has(head);
    if (!underSecret && !quotes(err.problem) && !quotes(err.expected)) return err;
    const problem = err.problem.startsWith("got ") || quotes(err.problem) ? "got a secret value (not shown)" : err.problem;
    const expected = quotes(err.expected) ? "a valid value (the expected form quotes secret config, so it is not shown)" : err.expected;
    return new InputError(err.key, problem, expected, err.component);
}

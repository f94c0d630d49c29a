/**
 * The project's own JSON Schema (draft 2020-12) of the Spark operator's `sparkoperator.k8s.io/v1beta2`
 * API (SparkApplication, ScheduledSparkApplication), written for serverless-spark on 2026-11-21 from
 * the operator's Go API types at tag v2.5.2 (see the schema's `$comment` for the details), plus a
 * pure formatter that turns JSON Schema validation errors into one readable line each.
 *
 * This module loads no validator: the schema works with any draft 2020-12 validator (the tests use
 * Ajv's `ajv/dist/2020`, `unevaluatedProperties` needs 2019-09 or later). Fields that are Kubernetes
 * core types are annotated with {@link K8S_DEFINITION_KEYWORD}; a validator either checks them against
 * the Kubernetes OpenAPI schema or registers the keyword as a plain annotation.
 */
import schema from "./sparkoperator.k8s.io-v1beta2.schema.json";

/** The schema (read-only: it is shared). */
export const SPARK_OPERATOR_SCHEMA: Readonly<Record<string, unknown>> = schema;

/** What the schema describes. */
export const SPARK_OPERATOR_SCHEMA_INFO = {
    apiVersion: "sparkoperator.k8s.io/v1beta2",
    kinds: ["SparkApplication", "ScheduledSparkApplication"],
    operatorVersion: "v2.5.2",
    source: "kubeflow/spark-operator api/v1beta2/*_types.go and internal/webhook/*_validator.go at tag v2.5.2 (commit 43afb8bbd32463037d8fb6e414e252c69081882b)",
    written: "2026-11-21",
} as const;

/**
 * Annotation keyword on fields whose type is a Kubernetes API type: its value is the OpenAPI
 * definition name, e.g. `io.k8s.api.core.v1.PodTemplateSpec`. A validator that checks it reports
 * each problem as an error with this keyword, the full `instancePath` of the problem and a `message`
 * that already says what is wrong.
 */
export const K8S_DEFINITION_KEYWORD = "x-k8s-definition";

/** The parts of a JSON Schema validation error (Ajv's `ErrorObject`) the formatter reads. */
export interface SchemaErrorLike {
    keyword: string;
    /** JSON Pointer of the offending value, "" for the root. */
    instancePath: string;
    params: Record<string, any>;
    message?: string;
    /** The offending value (Ajv's `verbose: true`). */
    data?: unknown;
    /** The schema object holding the failed keyword (Ajv's `verbose: true`). */
    parentSchema?: Record<string, any>;
}

/**
 * One line per error, e.g. `spec.driver: unknown field "coers" (did you mean "cores"?)` or
 * `spec.type: "Jave" is not one of Java, Scala, Python, R`. Summary errors that only repeat a nested
 * one (`if`/`then`) are left out. `root` resolves `$ref`s when listing the known fields of an object.
 */
export function formatSchemaErrors(errors: readonly SchemaErrorLike[], root: Record<string, any> = schema): string[] {
    return [...new Set(relevantErrors(errors).map((e) => formatSchemaError(e, root)))];
}

/**
 * The errors worth a line: without `if` summaries, and where a value allowed in several shapes
 * (`oneOf`: a quantity is a string or a number) fails each one while one of them says precisely what
 * is wrong (a format or pattern), only that one.
 */
export function relevantErrors<T extends SchemaErrorLike>(errors: readonly T[]): T[] {
    const precise = new Set(errors.filter((e) => e.keyword === "format" || e.keyword === "pattern").map((e) => e.instancePath));
    const alternatives = new Set(errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf").map((e) => e.instancePath));
    return errors
        .filter((e) => e.keyword !== "if")
        .filter((e) => !(alternatives.has(e.instancePath) && precise.has(e.instancePath) && ["type", "oneOf", "anyOf"].includes(e.keyword)));
}

/** One readable line for one error: `<path>: <what is wrong>`. */
export function formatSchemaError(error: SchemaErrorLike, root: Record<string, any> = schema): string {
    return `${pathOf(error.instancePath)}: ${describeSchemaError(error, root)}`;
}

/** What is wrong, without the path: `unknown field "coers" (did you mean "cores"?)`. */
export function describeSchemaError(error: SchemaErrorLike, root: Record<string, any> = schema): string {
    const p = error.params;
    switch (error.keyword) {
        case "additionalProperties":
        case "unevaluatedProperties": {
            const field = String(p.additionalProperty ?? p.unevaluatedProperty);
            const known = error.parentSchema ? knownFields(error.parentSchema, root) : [];
            const guess = closest(field, known);
            return `unknown field ${JSON.stringify(field)}${guess ? ` (did you mean ${JSON.stringify(guess)}?)` : ""}`;
        }
        case "required":
            return `missing required field ${JSON.stringify(p.missingProperty)}`;
        case "enum":
            return `${show(error.data)} is not one of ${(p.allowedValues as unknown[]).map((v) => String(v)).join(", ")}`;
        case "const":
            return `${show(error.data)} is not ${JSON.stringify(p.allowedValue)}`;
        case "type":
            return error.data === undefined ? `${error.message}` : `${show(error.data)} is ${kindOf(error.data)}, expected ${[p.type].flat().join(" or ")}`;
        case "pattern":
        case "minLength":
        case "maxLength": {
            const description = error.parentSchema?.description;
            return `${show(error.data)} ${description ? `is not valid: ${description}` : `${error.message}`}`;
        }
        case "not":
            return `${error.parentSchema?.description ?? error.message ?? "matches a schema it must not match"}`;
        case "propertyNames":
            return `key ${JSON.stringify(p.propertyName)} is not a valid Kubernetes qualified name`;
        case K8S_DEFINITION_KEYWORD:
            // Already described by whoever checked the Kubernetes type (see the keyword's doc).
            return `${error.message}`;
        default:
            return `${error.data !== undefined && typeof error.data !== "object" ? `${show(error.data)} ` : ""}${error.message ?? error.keyword}`;
    }
}

/** `/spec/driver/cores` -> `spec.driver.cores`, `/spec/volumes/0` -> `spec.volumes[0]`. */
export function pathOf(instancePath: string): string {
    if (instancePath === "") return "(root)";
    return instancePath
        .split("/")
        .slice(1)
        .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce(
            (out, part) =>
                /^\d+$/.test(part)
                    ? `${out}[${part}]`
                    : out === ""
                      ? part
                      : /^[A-Za-z_$][\w$]*$/.test(part)
                        ? `${out}.${part}`
                        : `${out}[${JSON.stringify(part)}]`,
            "",
        );
}

/** Property names an object schema knows, following `allOf` and local `$ref`s. */
function knownFields(node: Record<string, any>, root: Record<string, any>, seen = new Set<object>()): string[] {
    if (seen.has(node)) return [];
    seen.add(node);
    const own = Object.keys(node.properties ?? {});
    const viaRef = typeof node.$ref === "string" && node.$ref.startsWith("#/") ? knownFields(resolvePointer(root, node.$ref.slice(1)), root, seen) : [];
    const viaAllOf = ((node.allOf ?? []) as Record<string, any>[]).flatMap((sub) => knownFields(sub, root, seen));
    return [...new Set([...own, ...viaRef, ...viaAllOf])];
}

function resolvePointer(root: Record<string, any>, pointer: string): Record<string, any> {
    return (
        pointer
            .split("/")
            .slice(1)
            .reduce<any>((node, part) => node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], root) ?? {}
    );
}

/** The known field nearest to a misspelled one (case-insensitive edit distance <= 2, or same letters). */
function closest(field: string, known: string[]): string | undefined {
    let best: { name: string; distance: number } | undefined;
    for (const name of known) {
        const distance = editDistance(field.toLowerCase(), name.toLowerCase());
        if (best === undefined || distance < best.distance) best = { name, distance };
    }
    return best && best.distance <= Math.max(2, Math.floor(field.length / 4)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0]!;
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j]!;
            row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length]!;
}

function kindOf(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "object") return "an object";
    if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
    return `a ${typeof value}`;
}

function show(value: unknown): string {
    if (value === undefined) return "the value";
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

import Ajv2020 from "ajv/dist/2020";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";

import { SECRET_PLACEHOLDER } from "../../tools/plan/plan-model";
import {
    describeSchemaError,
    formatSchemaErrors,
    K8S_DEFINITION_KEYWORD,
    relevantErrors,
    SchemaErrorLike,
    SPARK_OPERATOR_SCHEMA,
} from "./spark-operator-schema";

/**
 * Schema validation of rendered Kubernetes objects, for the tests:
 *
 * - core objects (Namespace, Role, PodDisruptionBudget, ...) against the Kubernetes OpenAPI schema,
 *   through the kubernetes-models class of their apiVersion and kind, plus a check for fields the
 *   schema does not know (the OpenAPI schema leaves objects open, the API server does not);
 * - SparkApplication and ScheduledSparkApplication against the project's own schema
 *   (test/helpers/spark-operator-schema), whose Kubernetes-typed fields (pod templates, volumes, ...) are checked
 *   the same way as core objects.
 *
 * Values the plan shows as `[secret]` cannot be checked offline: problems at or under them are left
 * out and listed as `unverifiable`.
 */

const requireModule = createRequire(__filename);
const MODELS_ROOT = path.dirname(requireModule.resolve("kubernetes-models/package.json"));

let folders: string[] | undefined;
/** The API group folders of kubernetes-models (`apps`, `networking.k8s.io`, ...). */
function modelFolders(): string[] {
    folders ??= fs
        .readdirSync(MODELS_ROOT, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.name.startsWith("_"))
        .map((d) => d.name);
    return folders;
}

/** A kubernetes-models class: its `validate` runs the OpenAPI schema's compiled validator on `this`. */
interface ModelClass {
    apiVersion?: string;
    kind?: string;
    prototype: { validate(this: unknown): void };
}

/** Kinds that are not Kubernetes core API types: validated by the project's own schema instead. */
export const OWN_SCHEMA_KINDS: Readonly<Record<string, readonly string[]>> = {
    "sparkoperator.k8s.io/v1beta2": ["SparkApplication", "ScheduledSparkApplication"],
};

export function hasOwnSchema(apiVersion: string, kind: string): boolean {
    return OWN_SCHEMA_KINDS[apiVersion]?.includes(kind) ?? false;
}

/** The kubernetes-models class of a top-level object, or undefined when the package has none. */
export function modelForObject(apiVersion: string, kind: string): ModelClass | undefined {
    if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
    let exports: Record<string, unknown>;
    try {
        exports = requireModule(`kubernetes-models/${apiVersion}`);
    } catch {
        return undefined;
    }
    const model = exports[kind] as ModelClass | undefined;
    // Nested types (PodSpec, ...) are exported too but have no apiVersion/kind of their own.
    return model && model.apiVersion === apiVersion && model.kind === kind ? model : undefined;
}

/**
 * The kubernetes-models class of an OpenAPI definition name: `io.k8s.api.core.v1.PodTemplateSpec`,
 * `io.k8s.api.networking.v1.IngressTLS`, `io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference`.
 */
export function modelForDefinition(definition: string): ModelClass | undefined {
    let modulePath: string | undefined;
    const api = /^io\.k8s\.api\.([a-z0-9]+)\.(v[0-9a-z]+)\.([A-Z][A-Za-z0-9]*)$/.exec(definition);
    const meta = /^io\.k8s\.apimachinery\.pkg\.apis\.meta\.(v1)\.([A-Z][A-Za-z0-9]*)$/.exec(definition);
    if (api) {
        const [, group, version, kind] = api;
        // Definitions name a group by its first label (`rbac` for rbac.authorization.k8s.io).
        const folder = group === "core" ? "" : modelFolders().find((d) => d.split(".")[0] === group);
        if (folder === undefined) return undefined;
        modulePath = `kubernetes-models/${folder ? `${folder}/` : ""}${version}/${kind}`;
    } else if (meta) {
        modulePath = `@kubernetes-models/apimachinery/apis/meta/${meta[1]}/${meta[2]}`;
    }
    if (modulePath === undefined) return undefined;
    try {
        return requireModule(modulePath)[definition.split(".").pop()!] as ModelClass | undefined;
    } catch {
        return undefined;
    }
}

/** Problems found in one object (empty `problems` means valid). */
export interface ObjectReport {
    /** One line per problem: `<path>: <what is wrong>`. */
    problems: string[];
    /** Paths holding `[secret]`: their content could not be checked. */
    unverifiable: string[];
}

/**
 * Runs a kubernetes-models validator on a value and also finds the fields it never looked at: the
 * compiled OpenAPI validators read every property their schema defines (`data.<name>`) and walk maps
 * key by key, so an own property nobody read is a field the schema does not know (a misspelling, or a
 * field from another API version). Returns Ajv-style errors with paths relative to the value.
 */
export function checkWithModel(model: ModelClass, value: unknown): SchemaErrorLike[] {
    const tracked = trackReads(structuredClone(value));
    const errors: SchemaErrorLike[] = [];
    try {
        model.prototype.validate.call(tracked.proxy);
    } catch (err) {
        const found = (err as { errors?: SchemaErrorLike[] }).errors;
        if (!Array.isArray(found)) throw err;
        errors.push(...found.map((e) => ({ ...e, data: valueAt(value, e.instancePath) })));
    }
    for (const unread of tracked.unread()) {
        errors.push({
            keyword: "additionalProperties",
            instancePath: unread.parent,
            params: { additionalProperty: unread.key },
            // The names the validator asked for are the fields the type has: used for "did you mean".
            parentSchema: { properties: Object.fromEntries(unread.known.map((k) => [k, {}])) },
        });
    }
    return errors;
}

/** Validates a core Kubernetes object (anything but the kinds in {@link OWN_SCHEMA_KINDS}). */
export function validateCoreObject(manifest: Record<string, any>): ObjectReport {
    const model = modelForObject(String(manifest.apiVersion), String(manifest.kind));
    if (model === undefined) {
        return {
            problems: [
                `(root): no Kubernetes schema for apiVersion ${JSON.stringify(manifest.apiVersion)} kind ${JSON.stringify(manifest.kind)} (kubernetes-models has no such model, and it is not a kind with a project schema)`,
            ],
            unverifiable: [],
        };
    }
    return report(manifest, checkWithModel(model, manifest));
}

type CompiledSchema = ((data: unknown) => boolean) & { errors?: SchemaErrorLike[] | null };

let sparkValidate: CompiledSchema | undefined;

/** The compiled project schema, with its Kubernetes-typed fields checked through kubernetes-models. */
function sparkOperatorValidate(): CompiledSchema {
    if (sparkValidate) return sparkValidate;
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    ajv.addKeyword({
        keyword: K8S_DEFINITION_KEYWORD,
        schemaType: "string",
        errors: true,
        validate: function checkKubernetesType(definition: string, data: unknown, _schema: unknown, ctx?: { instancePath: string }) {
            const model = modelForDefinition(definition);
            const at = ctx?.instancePath ?? "";
            const nested: SchemaErrorLike[] = model
                ? checkWithModel(model, data)
                : [{ keyword: "x", instancePath: "", params: {}, message: `no Kubernetes schema for ${definition} in kubernetes-models` }];
            (checkKubernetesType as any).errors = relevantErrors(nested).map((e) => ({
                keyword: K8S_DEFINITION_KEYWORD,
                instancePath: at + e.instancePath,
                params: { definition },
                message: `${describeSchemaError(e)} (${definition})`,
            }));
            return nested.length === 0;
        },
    });
    sparkValidate = ajv.compile(SPARK_OPERATOR_SCHEMA as Record<string, unknown>) as CompiledSchema;
    return sparkValidate;
}

/** Validates a SparkApplication or ScheduledSparkApplication against the project's schema. */
export function validateSparkObject(manifest: unknown): ObjectReport {
    const validate = sparkOperatorValidate();
    const valid = validate(manifest);
    return report(manifest, valid ? [] : [...(validate.errors ?? [])]);
}

/** Validates any Kubernetes object of the plan: the project's schema or kubernetes-models. */
export function validateObject(manifest: Record<string, any>): ObjectReport {
    return hasOwnSchema(String(manifest.apiVersion), String(manifest.kind)) ? validateSparkObject(manifest) : validateCoreObject(manifest);
}

function report(manifest: unknown, errors: SchemaErrorLike[]): ObjectReport {
    const secrets = secretPaths(manifest);
    const hidden = (p: string) => secrets.some((s) => p === s || p.startsWith(`${s}/`));
    return {
        problems: formatSchemaErrors(errors.filter((e) => !hidden(e.instancePath))),
        unverifiable: secrets,
    };
}

/** JSON Pointers of every `[secret]` value. */
export function secretPaths(value: unknown, at = ""): string[] {
    if (value === SECRET_PLACEHOLDER) return [at];
    if (Array.isArray(value)) return value.flatMap((v, i) => secretPaths(v, `${at}/${i}`));
    if (typeof value === "object" && value !== null) {
        return Object.entries(value).flatMap(([k, v]) => secretPaths(v, `${at}/${escapePointer(k)}`));
    }
    return [];
}

function valueAt(root: unknown, pointer: string): unknown {
    if (pointer === "") return root;
    let node: any = root;
    for (const part of pointer.split("/").slice(1)) {
        if (node === null || typeof node !== "object") return undefined;
        node = node[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    return node;
}

function escapePointer(key: string): string {
    return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Wraps a JSON value in proxies that record which properties of each object were read. */
function trackReads(root: unknown): { proxy: unknown; unread(): { parent: string; key: string; known: string[] }[] } {
    const objects: { path: string; target: Record<string, unknown>; read: Set<string>; asked: Set<string> }[] = [];
    const proxies = new WeakMap<object, unknown>();
    const wrap = (value: unknown, at: string): unknown => {
        if (typeof value !== "object" || value === null) return value;
        const existing = proxies.get(value);
        if (existing !== undefined) return existing;
        let proxy: unknown;
        if (Array.isArray(value)) {
            proxy = new Proxy(value, {
                get: (target, key, receiver) => {
                    const v = Reflect.get(target, key, receiver);
                    return typeof key === "string" && /^\d+$/.test(key) ? wrap(v, `${at}/${key}`) : v;
                },
            });
        } else {
            const entry = { path: at, target: value as Record<string, unknown>, read: new Set<string>(), asked: new Set<string>() };
            objects.push(entry);
            proxy = new Proxy(value, {
                get: (target, key, receiver) => {
                    const v = Reflect.get(target, key, receiver);
                    if (typeof key !== "string") return v;
                    entry.asked.add(key);
                    if (!Object.prototype.hasOwnProperty.call(target, key)) return v;
                    entry.read.add(key);
                    return wrap(v, `${at}/${escapePointer(key)}`);
                },
            });
        }
        proxies.set(value, proxy);
        return proxy;
    };
    const proxy = wrap(root, "");
    return {
        proxy,
        unread: () =>
            objects.flatMap((o) =>
                Object.keys(o.target)
                    .filter((k) => !o.read.has(k))
                    .map((key) => ({ parent: o.path, key, known: [...o.asked].filter((k) => !(k in Object.prototype)) })),
            ),
    };
}

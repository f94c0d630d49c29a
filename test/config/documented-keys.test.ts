import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import { ALICLOUD_CONFIG_KEYS } from "../../components/platforms/config/alicloud";
import { AWS_CONFIG_KEYS } from "../../components/platforms/config/aws";
import { hdfsStorageSchema } from "../../components/platforms/config/hdfs";
import { kerberosSchema } from "../../components/platforms/config/kerberos";
import { EXISTING_STORAGE_KEYS } from "../../components/platforms/config/resolve";
import { topLevelKeys } from "../../components/platforms/config/schema";
import { readStackConfig } from "../../stacks/config/read";
import { applyOverride, toEngineConfig } from "../../tools/plan/stack-config";
import { shippedStackValues } from "../helpers/plan-cli";

/**
 * "Every documented config key is validated in one place": the keys of README.md's configuration
 * reference and the keys the config step knows (components/platforms/config/schema.ts and the resolvers' own
 * schemas: HDFS, Kerberos, each cloud's) must be the same set, and every documented key must be
 * checked: a value of the wrong type set on it fails with a line naming it.
 */

const ROOT = path.join(__dirname, "..", "..");
const PROJECT = "serverless-spark";

/**
 * Keys the config step knows that README.md does not document yet. Each entry must still be
 * undocumented (an entry the README now covers has to be removed), so the list only shrinks.
 */
const NOT_YET_DOCUMENTED: string[] = [];

/**
 * The schemas of the top-level keys whose shape the resolvers check themselves (their top-level
 * schema is `z.unknown()`): HDFS storage and Kerberos, plus each cloud's keys. Add a cloud's
 * `*_CONFIG_KEYS` here.
 */
const CLOUD_CONFIG_KEYS: Record<string, unknown>[] = [AWS_CONFIG_KEYS, ALICLOUD_CONFIG_KEYS];

// ---- the schema side: a tree of known keys ----

/** A config key the config step knows; `fields` for an object with a fixed set of keys. */
interface KeyNode {
    fields?: Record<string, KeyNode>;
}

/** The known keys of a zod schema (through optionals and list elements; maps are leaves). */
function fromZod(schema: unknown): KeyNode {
    let node = schema as { unwrap?: () => unknown; shape?: Record<string, unknown> } | undefined;
    while (node && typeof node.unwrap === "function" && !("shape" in node)) {
        node = node.unwrap() as typeof node;
    }
    if (!node?.shape) {
        return {};
    }
    return { fields: Object.fromEntries(Object.entries(node.shape).map(([k, v]) => [k, fromZod(v)])) };
}

function merge(nodes: KeyNode[]): KeyNode {
    const withFields = nodes.filter((n) => n.fields !== undefined);
    if (withFields.length === 0) {
        return {};
    }
    const fields: Record<string, KeyNode[]> = {};
    for (const node of withFields) {
        for (const [k, v] of Object.entries(node.fields!)) {
            (fields[k] ??= []).push(v);
        }
    }
    return { fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, merge(v)])) };
}

/** The keys of the top-level keys a resolver shape-checks: storage on an existing cluster, Kerberos, each cloud's. */
const RESOLVER_SCHEMAS: Record<string, KeyNode[]> = {
    storage: [{ fields: Object.fromEntries(EXISTING_STORAGE_KEYS.map((k) => [k, k === "hdfs" ? fromZod(hdfsStorageSchema) : {}])) }],
    kerberos: [fromZod(kerberosSchema)],
};
for (const keys of CLOUD_CONFIG_KEYS) {
    for (const [key, schema] of Object.entries(keys)) {
        (RESOLVER_SCHEMAS[key] ??= []).push(fromZod(schema));
    }
}

/** Whether a top-level key's schema is `z.unknown()`: its shape is checked by a resolver. */
function isOpaque(schema: unknown): boolean {
    const inner = (schema as { unwrap?: () => unknown }).unwrap?.() ?? schema;
    return (inner as { def?: { type?: string } }).def?.type === "unknown";
}

/** Everything under `serverless-spark:`. */
function schemaTree(): KeyNode {
    const fields = Object.fromEntries(
        Object.entries(topLevelKeys).map(([key, spec]) => [key, isOpaque(spec.schema) ? merge(RESOLVER_SCHEMAS[key] ?? []) : fromZod(spec.schema)]),
    );
    return { fields };
}

/** The top-level keys a resolver shape-checks. */
function opaqueKeys(): string[] {
    return Object.entries(topLevelKeys)
        .filter(([, spec]) => isOpaque(spec.schema))
        .map(([key]) => key);
}

// ---- the README side ----

/** A documented key: its full dotted path, the stack its section is about, and any fields the row lists. */
interface DocumentedKey {
    key: string;
    stack: string;
    fields?: FieldList;
}
interface FieldList {
    [name: string]: FieldList | undefined;
}

/** Splits a Markdown table row into cells (`\|` inside a cell is not a separator). */
function cells(row: string): string[] {
    return row
        .trim()
        .replace(/^\|/, "")
        .replace(/\|$/, "")
        .split(/(?<!\\)\|/)
        .map((c) => c.trim());
}

/** `` `a`, `b` (`c`, `d`), `e` (`x` \| `y`) `` -> { a, b: { c, d }, e }: backticked names, with sub-fields in parentheses (alternatives are values). */
function fieldList(text: string): FieldList {
    const fields: FieldList = {};
    for (const m of text.matchAll(/`([A-Za-z][A-Za-z0-9]*)`(\s*\(([^)]*)\))?/g)) {
        const group = m[3];
        fields[m[1]!] = group !== undefined && !group.includes("\\|") ? fieldList(group) : undefined;
    }
    return fields;
}

/** The keys in README.md's configuration reference tables. */
function documentedKeys(): DocumentedKey[] {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const start = readme.indexOf("\n## Configuration reference");
    expect(start, "README.md has a ## Configuration reference section").toBeGreaterThan(0);
    const end = readme.indexOf("\n## ", start + 1);
    const section = readme.slice(start, end < 0 ? undefined : end);
    const keys: DocumentedKey[] = [];
    let stack = "existing";
    for (const line of section.split("\n")) {
        if (line.startsWith("#")) {
            // A section about one cloud says so: "### AWS keys (`cloud: aws`)".
            stack = /`cloud: ([a-z]+)`/.exec(line)?.[1] ?? "existing";
            continue;
        }
        if (!line.startsWith("|") || /^\|\s*Key\s*\|/.test(line) || /^\|[-\s|]+\|$/.test(line)) {
            continue;
        }
        const [first, type = "", , meaning = ""] = cells(line);
        // The type tells whether the row lists the fields of an object: `{cpu, memory}`, or "object" / "job objects" in the meaning.
        const braces = /^`?\{([A-Za-z, ]+)\}`?$/.exec(type);
        const fields = braces
            ? Object.fromEntries(braces[1]!.split(",").map((f) => [f.trim(), undefined]))
            : /object/.test(type)
              ? fieldList(meaning.slice(meaning.indexOf(":") + 1))
              : undefined;
        for (const m of first!.matchAll(/`([^`]+)`/g)) {
            keys.push({ key: m[1]!, stack, ...(fields ? { fields } : {}) });
        }
    }
    return keys;
}

/** Schema keys (dotted paths) that no documented key covers. */
function undocumented(tree: KeyNode, docs: DocumentedKey[]): string[] {
    const byKey = new Map(docs.map((d) => [d.key, d]));
    const missing: string[] = [];
    const walk = (node: KeyNode, at: string, listed: FieldList | undefined) => {
        for (const [name, child] of Object.entries(node.fields ?? {})) {
            const key = at === "" ? name : `${at}.${name}`;
            if (listed !== undefined) {
                // The parent's row lists its fields: this one must be among them.
                if (!(name in listed)) missing.push(key);
                else if (listed[name] !== undefined) walk(child, key, listed[name]);
                continue;
            }
            const doc = byKey.get(key);
            if (doc !== undefined) {
                if (doc.fields !== undefined) walk(child, key, doc.fields);
            } else if (docs.some((d) => d.key.startsWith(`${key}.`))) {
                walk(child, key, undefined);
            } else {
                missing.push(key);
            }
        }
    };
    walk(tree, "", undefined);
    return missing;
}

/** Whether a dotted key is one the schema tree knows. */
function known(tree: KeyNode, key: string): boolean {
    let node: KeyNode | undefined = tree;
    for (const part of key.split(".")) {
        node = node?.fields?.[part];
    }
    return node !== undefined;
}

// ---- the behaviour: a wrong value on a documented key fails naming it ----

const FIXTURES = path.join(__dirname, "..", "fixtures");
const KUBECONFIG = fs.readFileSync(path.join(FIXTURES, "kubeconfig.ts"), "utf8").match(/`([^`]*)`/)![1]!;

/** A valid config for each section's stack that sets every documented key's surroundings (storage, Kerberos, a kubeconfig). */
function baseline(stack: string): Record<string, unknown> {
    const values = shippedStackValues(stack);
    if (stack === "existing") {
        Object.assign(values, {
            [`${PROJECT}:kubeconfig`]: KUBECONFIG,
            [`${PROJECT}:context`]: "lab-admin",
            [`${PROJECT}:storage`]: { type: "hdfs", hdfs: { namenodes: ["nn1.corp.example:8020"] } },
            [`${PROJECT}:kerberos`]: {
                principal: "spark/worker.spark.test@SPARK.TEST",
                keytabPath: path.join(FIXTURES, "kerberos", "spark-v2.keytab"),
                kdcs: ["kdc1.spark.test:88"],
            },
            [`${PROJECT}:prices`]: { table: "fargate-us-east-1" },
        });
    }
    return values;
}

function configError(values: Record<string, unknown>): unknown {
    pulumi.runtime.setAllConfig(toEngineConfig(values));
    try {
        readStackConfig();
        return undefined;
    } catch (err) {
        return err;
    }
}

/** A value no documented key takes: an object with an unknown key holding a list. */
const WRONG = { "not-a-setting": [1] };

const DOCS = documentedKeys();
const TREE = schemaTree();

describe("documented config keys", () => {
    it("GIVEN README.md's configuration reference THEN it documents the keys of every section", () => {
        expect(DOCS.length).toBeGreaterThan(40);
        for (const key of [
            "cloud",
            "operator.webhookReplicas",
            "jobs",
            "storage.hdfs.namenodes",
            "kerberos.keytab",
            "aws:region",
            "cluster.publicAccessCidrs",
            "storage.bucket",
            "alicloud:region",
            "cluster.mode",
            "network.zoneIds",
            "storage.jindoVersion",
        ]) {
            expect(DOCS.map((d) => d.key)).toContain(key);
        }
        expect(DOCS.find((d) => d.key === "jobs")?.fields?.executor).toEqual({
            cores: undefined,
            memory: undefined,
            ephemeralStorage: undefined,
            instances: undefined,
        });
    });

    it("GIVEN each top-level key whose shape a resolver checks THEN the test knows its schema", () => {
        for (const key of opaqueKeys()) {
            expect(RESOLVER_SCHEMAS[key]?.length ?? 0, `a resolver schema for ${key}`).toBeGreaterThan(0);
        }
    });

    it("GIVEN every documented project key THEN the config schemas know it", () => {
        const unknownKeys = DOCS.map((d) => d.key).filter((key) => !key.includes(":") && !known(TREE, key));
        expect(unknownKeys).toEqual([]);
        for (const doc of DOCS.filter((d) => d.fields !== undefined && !d.key.includes(":"))) {
            const node = doc.key.split(".").reduce<KeyNode | undefined>((n, part) => n?.fields?.[part], TREE);
            const listed = Object.keys(doc.fields!).filter((f) => node?.fields?.[f] === undefined);
            expect(listed, `fields listed for ${doc.key}`).toEqual([]);
        }
    });

    it("GIVEN every key the config schemas know THEN README.md documents it (or it is on the not-yet-documented list)", () => {
        expect(undocumented(TREE, DOCS).sort()).toEqual([...NOT_YET_DOCUMENTED].sort());
    });

    it.each(["existing", ...new Set(DOCS.map((d) => d.stack))].filter((s, i, all) => all.indexOf(s) === i))(
        "GIVEN the %s baseline unchanged THEN it is valid",
        (stack) => {
            expect(configError(baseline(stack))).toBeUndefined();
        },
    );

    it.each(DOCS.map((d) => [`${d.key} (${d.stack})`, d] as const))("%s: a value of the wrong type fails with a line naming the key", (_, doc) => {
        const values = baseline(doc.stack);
        applyOverride(values, `${doc.key}=${JSON.stringify(WRONG)}`, PROJECT);
        const error = configError(values);
        expect(error, `${doc.key} accepted ${JSON.stringify(WRONG)}`).toBeInstanceOf(InputError);
        const { key, message } = error as InputError;
        expect(key === doc.key || key.startsWith(`${doc.key}.`) || key.startsWith(`${doc.key}[`), `"${message}" should name ${doc.key}`).toBe(true);
        expect(message).not.toContain("\n");
    });
});

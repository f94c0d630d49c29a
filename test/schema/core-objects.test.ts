import { describe, expect, it } from "vitest";

import { modelForDefinition, modelForObject, OWN_SCHEMA_KINDS, validateCoreObject, validateObject } from "../helpers/schema-validators";
import { K8S_DEFINITION_KEYWORD, SPARK_OPERATOR_SCHEMA, SPARK_OPERATOR_SCHEMA_INFO } from "../helpers/spark-operator-schema";

/**
 * The validator of core Kubernetes objects (kubernetes-models' OpenAPI schemas plus the unknown-field
 * check) is strict where it matters: wrong types, wrong enums, missing required fields, misspelled
 * fields and kinds without a schema all fail; maps (labels, data) and secrets do not trip it.
 */

const meta = { name: "spark-jobs", labels: { "pod-security.kubernetes.io/enforce": "restricted", "app.kubernetes.io/part-of": "serverless-spark" } };

describe("valid core objects of the kinds the project declares", () => {
    it.each<[string, Record<string, any>]>([
        ["Namespace", { apiVersion: "v1", kind: "Namespace", metadata: meta }],
        [
            "ServiceAccount",
            {
                apiVersion: "v1",
                kind: "ServiceAccount",
                metadata: { name: "spark-driver", namespace: "spark-jobs", annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/x" } },
                automountServiceAccountToken: true,
            },
        ],
        [
            "Role",
            {
                apiVersion: "rbac.authorization.k8s.io/v1",
                kind: "Role",
                metadata: { name: "spark-driver", namespace: "spark-jobs" },
                rules: [{ apiGroups: [""], resources: ["pods", "services", "configmaps"], verbs: ["create", "get", "list", "watch", "delete"] }],
            },
        ],
        [
            "RoleBinding",
            {
                apiVersion: "rbac.authorization.k8s.io/v1",
                kind: "RoleBinding",
                metadata: { name: "spark-driver", namespace: "spark-jobs" },
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "spark-driver" },
                subjects: [{ kind: "ServiceAccount", name: "spark-driver", namespace: "spark-jobs" }],
            },
        ],
        [
            "PodDisruptionBudget",
            {
                apiVersion: "policy/v1",
                kind: "PodDisruptionBudget",
                metadata: { name: "webhook", namespace: "spark-operator" },
                spec: { minAvailable: 1, selector: { matchLabels: { "app.kubernetes.io/component": "webhook" } } },
            },
        ],
        [
            "ConfigMap",
            {
                apiVersion: "v1",
                kind: "ConfigMap",
                metadata: { name: "hadoop-conf", namespace: "spark-jobs" },
                data: { "core-site.xml": "<configuration/>", "hdfs-site.xml": "<configuration/>" },
            },
        ],
        [
            "Secret",
            { apiVersion: "v1", kind: "Secret", metadata: { name: "keytab", namespace: "spark-jobs" }, type: "Opaque", data: { "krb5.keytab": "BQIAAAA=" } },
        ],
    ])("GIVEN a valid %s WHEN validated THEN it has no problem", (_kind, manifest) => {
        expect(validateCoreObject(manifest)).toEqual({ problems: [], unverifiable: [] });
    });
});

describe("deliberately broken core objects", () => {
    it.each<[string, Record<string, any>, string[]]>([
        [
            "a misspelled metadata field",
            { apiVersion: "v1", kind: "Namespace", metadata: { name: "a", lables: { a: "b" } } },
            ['metadata: unknown field "lables" (did you mean "labels"?)'],
        ],
        [
            "a misspelled top-level field",
            { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, date: { a: "b" } },
            ['(root): unknown field "date" (did you mean "data"?)'],
        ],
        [
            "a misspelled spec field",
            { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "a" }, spec: { minAvaliable: 1 } },
            ['spec: unknown field "minAvaliable" (did you mean "minAvailable"?)'],
        ],
        [
            "a misspelled field in a list item",
            {
                apiVersion: "rbac.authorization.k8s.io/v1",
                kind: "Role",
                metadata: { name: "a" },
                rules: [{ apiGroups: [""], resources: ["pods"], verb: ["get"] }],
            },
            ['rules[0]: missing required field "verbs"', 'rules[0]: unknown field "verb" (did you mean "verbs"?)'],
        ],
        [
            "a wrong type",
            {
                apiVersion: "rbac.authorization.k8s.io/v1",
                kind: "Role",
                metadata: { name: "a" },
                rules: [{ apiGroups: [""], resources: ["pods"], verbs: "get" }],
            },
            ['rules[0].verbs: "get" is a string, expected array'],
        ],
        [
            "a label value that is not a string",
            { apiVersion: "v1", kind: "Namespace", metadata: { name: "a", labels: { replicas: 2 } } },
            ["metadata.labels.replicas: 2 is an integer, expected string"],
        ],
        [
            "a missing required field",
            { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "a" }, subjects: [] },
            ['(root): missing required field "roleRef"'],
        ],
        [
            "a wrong quantity",
            { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "a" }, spec: { hard: { cpu: "lots" } } },
            ['spec.hard.cpu: "lots" must match format "quantity"'],
        ],
    ])("GIVEN %s WHEN validated THEN it fails with a message naming the field", (_label, manifest, expected) => {
        expect(validateCoreObject(manifest).problems).toEqual(expected);
    });

    it.each<[string, string]>([
        ["example.com/v1", "Widget"],
        ["v1", "PodSpec"],
        ["apps/v1", "Namespace"],
        ["../../etc", "Passwd"],
    ])("GIVEN apiVersion %s kind %s (no kubernetes-models class) WHEN validated THEN it fails instead of being skipped", (apiVersion, kind) => {
        expect(validateObject({ apiVersion, kind, metadata: { name: "a" } }).problems).toEqual([
            `(root): no Kubernetes schema for apiVersion ${JSON.stringify(apiVersion)} kind ${JSON.stringify(kind)} (kubernetes-models has no such model, and it is not a kind with a project schema)`,
        ]);
    });
});

describe("[secret] values", () => {
    it("GIVEN a Secret whose data is a Pulumi secret WHEN validated THEN data is listed as unverifiable and the rest is still checked", () => {
        expect(validateCoreObject({ apiVersion: "v1", kind: "Secret", metadata: { name: "keytab" }, type: "Opaque", data: "[secret]" })).toEqual({
            problems: [],
            unverifiable: ["/data"],
        });
        expect(validateCoreObject({ apiVersion: "v1", kind: "Secret", metadata: { name: "keytab" }, type: 5, data: "[secret]" })).toEqual({
            problems: ["type: 5 is an integer, expected string"],
            unverifiable: ["/data"],
        });
    });
});

describe("model lookup", () => {
    it("GIVEN every x-k8s-definition in the project schema WHEN looked up THEN kubernetes-models has a class for it", () => {
        const definitions = new Set<string>();
        const walk = (node: unknown) => {
            if (Array.isArray(node)) node.forEach(walk);
            else if (typeof node === "object" && node !== null) {
                for (const [key, value] of Object.entries(node)) {
                    if (key === K8S_DEFINITION_KEYWORD) definitions.add(String(value));
                    else walk(value);
                }
            }
        };
        walk(SPARK_OPERATOR_SCHEMA);
        expect(definitions.size).toBeGreaterThan(10);
        const missing = [...definitions].filter((d) => modelForDefinition(d) === undefined);
        expect(missing).toEqual([]);
    });

    it("GIVEN definitions that do not exist WHEN looked up THEN there is no model", () => {
        expect(modelForDefinition("io.k8s.api.core.v1.PodTemplateSpek")).toBeUndefined();
        expect(modelForDefinition("io.k8s.api.nosuchgroup.v1.Thing")).toBeUndefined();
        expect(modelForDefinition("PodSpec")).toBeUndefined();
    });

    it("GIVEN top-level kinds WHEN looked up THEN the class carries the same apiVersion and kind", () => {
        for (const [apiVersion, kind] of [
            ["v1", "Namespace"],
            ["policy/v1", "PodDisruptionBudget"],
            ["rbac.authorization.k8s.io/v1", "RoleBinding"],
        ] as const) {
            const model = modelForObject(apiVersion, kind);
            expect([model?.apiVersion, model?.kind]).toEqual([apiVersion, kind]);
        }
    });

    it("GIVEN the kinds with a project schema WHEN listed THEN they are exactly the ones the schema describes", () => {
        expect(OWN_SCHEMA_KINDS).toEqual({ [SPARK_OPERATOR_SCHEMA_INFO.apiVersion]: SPARK_OPERATOR_SCHEMA_INFO.kinds });
    });
});

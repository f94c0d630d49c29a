import * as path from "path";
import { describe, expect, it } from "vitest";

import { guardInput } from "../../components/platform";
import { guardName, namespaceGuardBinding, namespaceGuardPolicy, PLATFORM_OBJECT_LABEL } from "../../components/rbac/guard";
import { ECI_RAM_ROLE_ANNOTATION } from "../../components/storage/oss/storage";
import { planStack } from "../../tools/plan/plan-stack";
import { PROJECT_ROOT, userSettings } from "../helpers/plan-cli";

/**
 * The guard as rendered data; test/components/namespace-guard-cel.test.ts evaluates its CEL on
 * admission requests. Only an API server (Kubernetes 1.30 or later) type-checks the expressions
 * against the objects' schemas (README, "Known limitations").
 */
const VAP = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy";
const BINDING = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding";
const SPARK_APP = "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication";

const input = {
    namespace: "team-a",
    driverServiceAccount: "spark-driver",
    executorServiceAccount: "spark-executor",
    driverOnlySecrets: ["spark-kerberos-keytab"],
    pinnedPodAnnotations: { [ECI_RAM_ROLE_ANNOTATION]: "spark-team-a-role" },
};

/** Parentheses and brackets outside string literals balance (a cheap check that each expression is well formed). */
function balanced(expression: string): boolean {
    const stack: string[] = [];
    const pairs: Record<string, string> = { ")": "(", "]": "[" };
    let inString = false;
    for (let i = 0; i < expression.length; i++) {
        const ch = expression[i]!;
        if (inString) {
            if (ch === "\\") i++;
            else if (ch === '"') inString = false;
        } else if (ch === '"') inString = true;
        else if (ch === "(" || ch === "[") stack.push(ch);
        else if (ch === ")" || ch === "]") {
            if (stack.pop() !== pairs[ch]) return false;
        }
    }
    return stack.length === 0 && !inString;
}

describe("a job namespace's ValidatingAdmissionPolicy", () => {
    const policy = namespaceGuardPolicy(input);
    const expressions = policy.spec.validations.map((v) => v.expression);

    it("GIVEN a namespace WHEN rendered THEN it matches pods, ConfigMaps and Secrets of that namespace only and fails closed", () => {
        expect(policy.metadata.name).toBe("serverless-spark-guard-team-a");
        expect(policy.spec.failurePolicy).toBe("Fail");
        expect(policy.spec.matchConstraints).toEqual({
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "team-a" } },
            resourceRules: [
                { apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["pods"] },
                { apiGroups: [""], apiVersions: ["v1"], operations: ["UPDATE", "DELETE"], resources: ["configmaps", "secrets"] },
            ],
        });
        expect(policy.spec.variables[0]).toEqual({
            name: "spark",
            expression: 'request.userInfo.username in ["system:serviceaccount:team-a:spark-driver", "system:serviceaccount:team-a:spark-executor"]',
        });
    });

    it("GIVEN the platform's objects WHEN rendered THEN Spark's accounts may not change those labelled, nor start executors with Secrets or another account", () => {
        expect(expressions[0]).toContain(`!("${PLATFORM_OBJECT_LABEL}" in oldObject.metadata.labels)`);
        expect(expressions[1]).toMatch(/^request\.resource\.resource != "pods" \|\| !variables\.spark \|\| !\(variables\.volumes\.exists/);
        for (const field of ["has(v.secret)", "has(s.secret)", "has(e.valueFrom.secretKeyRef)", "has(e.secretRef)"]) {
            expect(expressions[1]).toContain(field);
        }
        expect(expressions[2]).toContain('object.spec.serviceAccountName == "spark-executor"');
    });

    it("GIVEN a keytab and an ECI role WHEN rendered THEN only drivers reference the keytab and every pod names the namespace's role or none", () => {
        // Drivers, Spark Connect servers (the operator labels them `spark-role: connect-server`), which are drivers too,
        // and the History Server that logs in to a Kerberized HDFS with the keytab.
        expect(expressions[3]).toContain('object.metadata.labels["spark-role"] in ["driver", "connect-server", "history-server"]');
        expect(expressions[3]).toContain('v.secret.secretName in ["spark-kerberos-keytab"]');
        expect(expressions[4]).toBe(
            `request.resource.resource != "pods" || !has(object.metadata.annotations) || !("${ECI_RAM_ROLE_ANNOTATION}" in object.metadata.annotations) || object.metadata.annotations["${ECI_RAM_ROLE_ANNOTATION}"] == "spark-team-a-role"`,
        );
        // CEL's `!` binds tighter than `==`: a negated comparison would be a type error, which fails closed on every request.
        for (const expression of expressions) expect(expression).not.toMatch(/!request\./);
        for (const expression of [...expressions, ...policy.spec.variables.map((v) => v.expression)]) {
            expect(balanced(expression), expression).toBe(true);
        }
    });

    it("GIVEN nothing to pin WHEN rendered THEN only the three always-on validations remain", () => {
        expect(namespaceGuardPolicy({ ...input, driverOnlySecrets: [], pinnedPodAnnotations: {} }).spec.validations).toHaveLength(3);
    });

    it("GIVEN the binding WHEN rendered THEN it denies through the namespace's policy", () => {
        expect(namespaceGuardBinding("team-a")).toEqual({
            metadata: { name: guardName("team-a") },
            spec: {
                policyName: "serverless-spark-guard-team-a",
                validationActions: ["Deny"],
                matchResources: { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "team-a" } } },
            },
        });
    });

    it("GIVEN integrations WHEN the guard's input is built THEN driver Secrets, a token Secret and pod annotations are what it protects", () => {
        expect(
            guardInput("team-a", { driver: "spark-driver", executor: "spark-executor" }, [
                { source: "kerberos", driverSecrets: { "spark-kerberos-keytab": "/mnt/k" } },
                { source: "token", sparkConf: { "spark.kubernetes.kerberos.tokenSecret.name": "spark-kerberos-token" } },
                { source: "storage", podAnnotations: { [ECI_RAM_ROLE_ANNOTATION]: "r" } },
            ]),
        ).toEqual({ ...input, driverOnlySecrets: ["spark-kerberos-keytab", "spark-kerberos-token"], pinnedPodAnnotations: { [ECI_RAM_ROLE_ANNOTATION]: "r" } });
    });
});

describe("the shipped stacks declare a guard per job namespace", () => {
    const plan = async (stack: string, extra: string[] = []) =>
        (await planStack({ projectRoot: PROJECT_ROOT, stack, overrides: [...userSettings(stack), ...extra], loadProgram: (p) => import(p) })).plan;

    it("GIVEN alicloud with two namespaces WHEN planned THEN each namespace's policy pins the ECI role its jobs carry", async () => {
        const { resources } = await plan("alicloud", ['jobNamespaces=["team-a","team-b"]', 'samples=["wordcount"]', "jobs=[]"]);
        const policies = resources.filter((r) => r.type === VAP);
        expect(policies.map((r) => (r.inputs.metadata as any).name).sort()).toEqual(["serverless-spark-guard-team-a", "serverless-spark-guard-team-b"]);
        expect(resources.filter((r) => r.type === BINDING)).toHaveLength(2);
        const app = resources.find((r) => r.type === SPARK_APP)!;
        const ns = (app.inputs.metadata as any).namespace as string;
        const role = (app.inputs.spec as any).driver.annotations[ECI_RAM_ROLE_ANNOTATION] as string;
        expect((app.inputs.spec as any).executor.annotations[ECI_RAM_ROLE_ANNOTATION]).toBe(role);
        const own = policies.find((r) => (r.inputs.metadata as any).name === guardName(ns))!;
        const other = policies.find((r) => (r.inputs.metadata as any).name !== guardName(ns))!;
        const pin = (r: typeof own) => ((r.inputs.spec as any).validations as { expression: string }[]).at(-1)!.expression;
        expect(pin(own)).toContain(`== "${role}"`);
        expect(pin(other)).not.toContain(`== "${role}"`);
    });

    it("GIVEN existing with HDFS and Kerberos WHEN planned THEN the keytab is driver-only and the platform's objects carry the protected label", async () => {
        const keytab = path.join(PROJECT_ROOT, "test/fixtures/kerberos/spark-v2.keytab");
        const { resources } = await plan("existing", [
            "storage.type=hdfs",
            'storage.hdfs.namenodes=["nn1:8020"]',
            "kerberos.principal=spark/worker.spark.test@SPARK.TEST",
            `kerberos.keytabPath=${keytab}`,
            "kerberos.realm=SPARK.TEST",
            'kerberos.kdcs=["kdc:88"]',
        ]);
        const policy = resources.find((r) => r.type === VAP)!;
        expect(JSON.stringify((policy.inputs.spec as any).validations)).toContain('in [\\"spark-kerberos-keytab\\"]');
        const labelled = resources
            .filter((r) => r.type === "kubernetes:core/v1:ConfigMap" || r.type === "kubernetes:core/v1:Secret")
            .filter((r) => (r.inputs.metadata as any).namespace === "spark-jobs");
        expect(labelled.map((r) => (r.inputs.metadata as any).name).sort()).toEqual([
            "hadoop-conf",
            "spark-kerberos-keytab",
            "spark-kerberos-krb5",
            "wordcount-input",
        ]);
        for (const r of labelled) expect((r.inputs.metadata as any).labels[PLATFORM_OBJECT_LABEL]).toBe("true");
    });
});

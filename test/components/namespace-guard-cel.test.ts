import { describe, expect, it } from "vitest";

import { namespaceGuardPolicy, PLATFORM_OBJECT_LABEL } from "../../components/rbac/guard";
import { ECI_RAM_ROLE_ANNOTATION } from "../../components/storage/oss/storage";
import { AdmissionRequest, deniedBy } from "../helpers/admission";

/**
 * The namespace guard's CEL, evaluated (test/helpers/admission.ts) on the requests a job namespace
 * sees: the operator submitting a driver, a driver creating executors and ConfigMaps, Pulumi
 * updating the platform's objects, and the ways a driver could widen what its pods hold.
 */
const NS = "team-a";
const KEYTAB = "spark-kerberos-keytab";
const ROLE = "spark-team-a-role";
const policy = namespaceGuardPolicy({
    namespace: NS,
    driverServiceAccount: "spark-driver",
    executorServiceAccount: "spark-executor",
    driverOnlySecrets: [KEYTAB],
    pinnedPodAnnotations: { [ECI_RAM_ROLE_ANNOTATION]: ROLE },
});

const DRIVER_SA = `system:serviceaccount:${NS}:spark-driver`;
const EXECUTOR_SA = `system:serviceaccount:${NS}:spark-executor`;
/** spark-submit runs in the operator's pod, so the driver pod is created by the operator's account. */
const OPERATOR_SA = "system:serviceaccount:spark-operator:spark-operator-controller";
/** Pulumi (or a platform engineer) applying the stack. */
const DEPLOYER = "arn:aws:iam::123456789012:user/deployer";

/** A driver pod as the operator submits it: the keytab mounted, the namespace's role annotation. */
function driverPod(over: { labels?: Record<string, string>; annotations?: Record<string, string> } = {}): Record<string, unknown> {
    return {
        metadata: {
            name: "wordcount-driver",
            labels: over.labels ?? { "spark-role": "driver", "sparkoperator.k8s.io/app-name": "wordcount" },
            annotations: over.annotations ?? { [ECI_RAM_ROLE_ANNOTATION]: ROLE },
        },
        spec: {
            serviceAccountName: "spark-driver",
            containers: [{ name: "spark-kubernetes-driver", image: "apache/spark:3.5.3" }],
            volumes: [
                { name: "keytab", secret: { secretName: KEYTAB } },
                { name: "krb5", configMap: { name: "spark-kerberos-krb5" } },
            ],
        },
    };
}

/** An executor pod as a driver creates it. */
function executorPod(spec: Record<string, unknown> = {}, annotations: Record<string, string> = { [ECI_RAM_ROLE_ANNOTATION]: ROLE }): Record<string, unknown> {
    return {
        metadata: { name: "wordcount-exec-1", labels: { "spark-role": "executor" }, annotations },
        spec: {
            serviceAccountName: "spark-executor",
            containers: [{ name: "spark-kubernetes-executor", image: "apache/spark:3.5.3", env: [{ name: "SPARK_EXECUTOR_ID", value: "1" }] }],
            volumes: [{ name: "spark-conf-volume-exec", configMap: { name: "spark-exec-conf" } }],
            ...spec,
        },
    };
}

const platformConfigMap = { metadata: { name: "spark-kerberos-krb5", labels: { [PLATFORM_OBJECT_LABEL]: "true" } }, data: { "krb5.conf": "[libdefaults]" } };
const sparkConfigMap = { metadata: { name: "spark-drv-conf", labels: { "spark-app-selector": "spark-1" } }, data: {} };

const createPod = (username: string, object: Record<string, unknown>): AdmissionRequest => ({ resource: "pods", operation: "CREATE", username, object });

describe("the namespace guard's CEL, evaluated", () => {
    it("GIVEN the requests a working job makes WHEN admitted THEN none is denied", () => {
        const allowed: [string, AdmissionRequest][] = [
            ["the operator submits a driver with the keytab", createPod(OPERATOR_SA, driverPod())],
            ["a driver starts an executor", createPod(DRIVER_SA, executorPod())],
            ["an executor without the role annotation (it is optional)", createPod(DRIVER_SA, executorPod({}, {}))],
            [
                "a driver updates its own ConfigMap",
                { resource: "configmaps", operation: "UPDATE", username: DRIVER_SA, object: sparkConfigMap, oldObject: sparkConfigMap },
            ],
            [
                "a driver deletes its own ConfigMap",
                { resource: "configmaps", operation: "DELETE", username: DRIVER_SA, object: null, oldObject: sparkConfigMap },
            ],
            [
                "the deployer updates the platform's ConfigMap",
                { resource: "configmaps", operation: "UPDATE", username: DEPLOYER, object: platformConfigMap, oldObject: platformConfigMap },
            ],
            [
                "the deployer deletes the keytab Secret",
                {
                    resource: "secrets",
                    operation: "DELETE",
                    username: DEPLOYER,
                    object: null,
                    oldObject: { metadata: { name: KEYTAB, labels: { [PLATFORM_OBJECT_LABEL]: "true" } } },
                },
            ],
            ["a Spark Connect server pod with the keytab", createPod(OPERATOR_SA, driverPod({ labels: { "spark-role": "connect-server" } }))],
            ["the History Server's pod with the keytab (Kerberized HDFS)", createPod(DEPLOYER, driverPod({ labels: { "spark-role": "history-server" } }))],
        ];
        for (const [what, request] of allowed) expect(deniedBy(policy, request), what).toEqual([]);
    });

    it("GIVEN a driver reaching for the platform's objects WHEN admitted THEN the change is denied", () => {
        const message = `Spark's service accounts may not change or delete the platform's ConfigMaps and Secrets (labelled ${PLATFORM_OBJECT_LABEL})`;
        const edited = { ...platformConfigMap, data: { "krb5.conf": "[realms]\nEVIL = {}" } };
        const denied: [string, AdmissionRequest][] = [
            ["update krb5.conf", { resource: "configmaps", operation: "UPDATE", username: DRIVER_SA, object: edited, oldObject: platformConfigMap }],
            [
                "update it while stripping the label",
                { resource: "configmaps", operation: "UPDATE", username: DRIVER_SA, object: sparkConfigMap, oldObject: platformConfigMap },
            ],
            ["delete it", { resource: "configmaps", operation: "DELETE", username: DRIVER_SA, object: null, oldObject: platformConfigMap }],
            [
                "an executor deletes the keytab Secret",
                {
                    resource: "secrets",
                    operation: "DELETE",
                    username: EXECUTOR_SA,
                    object: null,
                    oldObject: { metadata: { name: KEYTAB, labels: { [PLATFORM_OBJECT_LABEL]: "true" } } },
                },
            ],
        ];
        for (const [what, request] of denied) expect(deniedBy(policy, request), what).toEqual([message]);
    });

    it("GIVEN a driver starting pods that would hold a Secret or its own token WHEN admitted THEN each is denied with the reason", () => {
        const noSecrets = "pods created by Spark drivers (executors) may not reference Secrets";
        const driverOnly = `only Spark driver pods (and the History Server) may reference ${KEYTAB}`;
        const keytabVolume = { name: "k", secret: { secretName: KEYTAB } };
        const container = (extra: Record<string, unknown>) => [{ name: "c", image: "apache/spark:3.5.3", ...extra }];
        const cases: [string, Record<string, unknown>, string[]][] = [
            ["the keytab as a volume", { volumes: [keytabVolume] }, [noSecrets, driverOnly]],
            ["the keytab in a projected volume", { volumes: [{ name: "p", projected: { sources: [{ secret: { name: KEYTAB } }] } }] }, [noSecrets, driverOnly]],
            [
                "the keytab through env",
                { containers: container({ env: [{ name: "K", valueFrom: { secretKeyRef: { name: KEYTAB, key: "keytab" } } }] }) },
                [noSecrets, driverOnly],
            ],
            [
                "the keytab through envFrom of an init container",
                { initContainers: container({ envFrom: [{ secretRef: { name: KEYTAB } }] }) },
                [noSecrets, driverOnly],
            ],
            ["another Secret", { volumes: [{ name: "s", secret: { secretName: "db-password" } }] }, [noSecrets]],
            [
                "the driver's service account",
                { serviceAccountName: "spark-driver" },
                ["pods created by Spark drivers must run as the spark-executor service account"],
            ],
            [
                "no service account named (the default one)",
                { serviceAccountName: undefined },
                ["pods created by Spark drivers must run as the spark-executor service account"],
            ],
        ];
        for (const [what, spec, messages] of cases) {
            const pod = executorPod(spec);
            if (spec.serviceAccountName === undefined && "serviceAccountName" in spec) delete (pod.spec as Record<string, unknown>).serviceAccountName;
            expect(deniedBy(policy, createPod(DRIVER_SA, pod)), what).toEqual(messages);
        }
    });

    it("GIVEN anyone's pod that is not a driver WHEN it mounts the keytab THEN it is denied, whoever creates it", () => {
        const message = `only Spark driver pods (and the History Server) may reference ${KEYTAB}`;
        expect(deniedBy(policy, createPod(DEPLOYER, driverPod({ labels: { "spark-role": "executor" } })))).toEqual([message]);
        expect(deniedBy(policy, createPod(OPERATOR_SA, driverPod({ labels: {} })))).toEqual([message]);
        const { labels: _labels, ...metadata } = driverPod().metadata as Record<string, unknown>;
        expect(deniedBy(policy, createPod(DEPLOYER, { ...driverPod(), metadata }))).toEqual([message]);
    });

    it("GIVEN a pod naming another RAM role WHEN admitted THEN it is denied, also for a driver the operator submits", () => {
        const message = `pods in ${NS} may only set ${ECI_RAM_ROLE_ANNOTATION} to ${ROLE}`;
        const other = { [ECI_RAM_ROLE_ANNOTATION]: "AliyunECSAdminRole" };
        expect(deniedBy(policy, createPod(OPERATOR_SA, driverPod({ annotations: other })))).toEqual([message]);
        expect(deniedBy(policy, createPod(DRIVER_SA, executorPod({}, other)))).toEqual([message]);
        expect(
            deniedBy(policy, { resource: "pods", operation: "UPDATE", username: DEPLOYER, object: executorPod({}, other), oldObject: executorPod() }),
        ).toEqual([message]);
    });

    it("GIVEN every validation WHEN evaluated on a pod and on a ConfigMap THEN each returns a bool rather than failing", () => {
        // A validation that errors also denies (failurePolicy Fail): deniedBy reports that as
        // "evaluation failed", which the cases above would show; this pins it for both kinds.
        const pod = deniedBy(policy, createPod(OPERATOR_SA, driverPod()));
        const configMap = deniedBy(policy, {
            resource: "configmaps",
            operation: "UPDATE",
            username: DRIVER_SA,
            object: sparkConfigMap,
            oldObject: sparkConfigMap,
        });
        expect([...pod, ...configMap].filter((m) => m.includes("evaluation failed"))).toEqual([]);
    });
});

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/**
 * The label the platform puts on the objects it keeps in a job namespace (the krb5 and Hadoop
 * ConfigMaps, the keytab or token Secret, sample inputs). The driver Role may update and delete
 * ConfigMaps (Spark manages its own), and RBAC cannot say "only those you created", so the
 * namespace's guard refuses Spark's service accounts any change to an object carrying it.
 */
export const PLATFORM_OBJECT_LABEL = "serverless-spark/platform-object";
/** {@link PLATFORM_OBJECT_LABEL} as labels to spread into an object's metadata. */
export const PLATFORM_OBJECT_LABELS: Record<string, string> = { [PLATFORM_OBJECT_LABEL]: "true" };

/** What a job namespace's guard protects. */
export interface NamespaceGuardInput {
    /** The job namespace. */
    namespace: string;
    /** Service account of Spark drivers (they create executor pods and ConfigMaps). */
    driverServiceAccount: string;
    /** Service account executors run as (the only one a driver may give its pods). */
    executorServiceAccount: string;
    /** Secrets only driver pods may reference (the keytab, a delegation token). @default [] */
    driverOnlySecrets?: string[];
    /**
     * Pod annotations whose value is fixed in this namespace (an ECI RAM role: the namespace's own).
     * A pod may leave such an annotation out, never set another value.
     * @default {}
     */
    pinnedPodAnnotations?: Record<string, string>;
}

/** The label Spark puts on driver pods (apache/spark v3.5.3, `Constants.SPARK_ROLE_LABEL`, `SPARK_POD_DRIVER_ROLE`). */
export const SPARK_ROLE_LABEL = "spark-role";
/**
 * The role the platform's Spark History Server pod carries when it logs in to a Kerberized HDFS with
 * the namespace's keytab (`spark.history.kerberos.keytab`): it holds the keytab as a driver does.
 */
export const HISTORY_SERVER_ROLE = "history-server";
/**
 * Roles of pods that may hold the driver-only Secrets: Spark's `driver`, `connect-server`, which the
 * operator puts on a Spark Connect server pod it creates from the platform's template
 * (kubeflow/spark-operator v2.5.2 `pkg/common/spark.go`, `SparkRoleConnectServer`, read 2026-11-29)
 * and which is its session's driver, and the platform's History Server. Pods Spark's own accounts
 * create may reference no Secret at all (validation 2), so no label opens anything to a driver.
 */
const DRIVER_ROLES = ["driver", "connect-server", HISTORY_SERVER_ROLE];

/** A CEL string literal (names here are DNS labels and annotation values; JSON escapes are valid CEL escapes). */
const lit = (s: string): string => JSON.stringify(s);
const list = (items: string[]): string => `[${items.map(lit).join(", ")}]`;

/**
 * A CEL expression true when the pod references a Secret whose name satisfies `pred` (a CEL
 * expression over `n`): as a volume, a projected volume source, or an environment variable in a
 * container or init container (what the kubelet would hand to the pod). Image pull secrets are not
 * mounted and are left out.
 */
function referencesSecret(pred: (name: string) => string): string {
    return [
        `variables.volumes.exists(v, (has(v.secret) && has(v.secret.secretName) && ${pred("v.secret.secretName")})`,
        ` || (has(v.projected) && has(v.projected.sources) && v.projected.sources.exists(s, has(s.secret) && has(s.secret.name) && ${pred("s.secret.name")})))`,
        ` || variables.containers.exists(c, (has(c.env) && c.env.exists(e, has(e.valueFrom) && has(e.valueFrom.secretKeyRef) && ${pred("e.valueFrom.secretKeyRef.name")}))`,
        ` || (has(c.envFrom) && c.envFrom.exists(e, has(e.secretRef) && ${pred("e.secretRef.name")})))`,
    ].join("");
}

/** A CEL expression with its name (variables) or its refusal (validations). */
export interface CelVariable {
    name: string;
    expression: string;
}
export interface CelValidation {
    expression: string;
    message: string;
    reason: string;
}

/** The namespace's policy as plain data (tests read it; the SDK takes it as is). */
export interface GuardPolicy {
    metadata: { name: string };
    spec: {
        failurePolicy: string;
        matchConstraints: {
            namespaceSelector: { matchLabels: Record<string, string> };
            resourceRules: { apiGroups: string[]; apiVersions: string[]; operations: string[]; resources: string[] }[];
        };
        variables: CelVariable[];
        validations: CelValidation[];
    };
}

/** The binding as plain data. */
export interface GuardBinding {
    metadata: { name: string };
    spec: { policyName: string; validationActions: string[]; matchResources: { namespaceSelector: { matchLabels: Record<string, string> } } };
}

/** The guard's name: cluster-scoped objects, so it carries the namespace. */
export function guardName(namespace: string): string {
    return `serverless-spark-guard-${namespace}`;
}

/**
 * The ValidatingAdmissionPolicy of one job namespace (admissionregistration.k8s.io/v1, GA in
 * Kubernetes 1.30: kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/,
 * read 2026-11-29). Its validations:
 * 1. Spark's service accounts change no ConfigMap or Secret labelled {@link PLATFORM_OBJECT_LABEL}
 *    (update or delete; `oldObject` holds the object as stored).
 * 2. Pods Spark's service accounts create (a driver's executors) reference no Secret: executors get
 *    delegation tokens from their driver, never the keytab.
 * 3. Those pods run as the executor service account, so a driver cannot start a pod holding its own
 *    API token.
 * 4. Only driver pods (label `spark-role: driver`, or `connect-server` on a Spark Connect server, which
 *    is its session's driver, or `history-server` on the History Server that reads a Kerberized
 *    HDFS) reference the driver-only Secrets, whoever creates them.
 * 5. Pinned annotations (the ECI RAM role) carry the namespace's value on every pod.
 */
export function namespaceGuardPolicy(input: NamespaceGuardInput): GuardPolicy {
    const spark = [input.driverServiceAccount, input.executorServiceAccount].map((sa) => `system:serviceaccount:${input.namespace}:${sa}`);
    const driverOnly = [...new Set(input.driverOnlySecrets ?? [])].sort();
    const pinned = Object.entries(input.pinnedPodAnnotations ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
    // `!` binds tighter than `==` in CEL, so "not a pod" is spelled with `!=`.
    const isPod = `request.resource.resource == "pods"`;
    const notPod = `request.resource.resource != "pods"`;
    const validations: CelValidation[] = [
        {
            expression: `${isPod} || !variables.spark || oldObject == null || !has(oldObject.metadata.labels) || !(${lit(PLATFORM_OBJECT_LABEL)} in oldObject.metadata.labels)`,
            message: `Spark's service accounts may not change or delete the platform's ConfigMaps and Secrets (labelled ${PLATFORM_OBJECT_LABEL})`,
            reason: "Forbidden",
        },
        {
            expression: `${notPod} || !variables.spark || !(${referencesSecret(() => "true")})`,
            message: "pods created by Spark drivers (executors) may not reference Secrets",
            reason: "Forbidden",
        },
        {
            expression: `${notPod} || !variables.spark || (has(object.spec.serviceAccountName) && object.spec.serviceAccountName == ${lit(input.executorServiceAccount)})`,
            message: `pods created by Spark drivers must run as the ${input.executorServiceAccount} service account`,
            reason: "Forbidden",
        },
    ];
    if (driverOnly.length > 0) {
        validations.push({
            expression: `${notPod} || (has(object.metadata.labels) && ${lit(SPARK_ROLE_LABEL)} in object.metadata.labels && object.metadata.labels[${lit(SPARK_ROLE_LABEL)}] in ${list(DRIVER_ROLES)}) || !(${referencesSecret((n) => `${n} in ${list(driverOnly)}`)})`,
            message: `only Spark driver pods (and the History Server) may reference ${driverOnly.join(", ")}`,
            reason: "Forbidden",
        });
    }
    for (const [key, value] of pinned) {
        validations.push({
            expression: `${notPod} || !has(object.metadata.annotations) || !(${lit(key)} in object.metadata.annotations) || object.metadata.annotations[${lit(key)}] == ${lit(value)}`,
            message: `pods in ${input.namespace} may only set ${key} to ${value}`,
            reason: "Forbidden",
        });
    }
    return {
        metadata: { name: guardName(input.namespace) },
        spec: {
            // A broken expression refuses the request rather than letting it through.
            failurePolicy: "Fail",
            matchConstraints: {
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": input.namespace } },
                resourceRules: [
                    { apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["pods"] },
                    { apiGroups: [""], apiVersions: ["v1"], operations: ["UPDATE", "DELETE"], resources: ["configmaps", "secrets"] },
                ],
            },
            variables: [
                { name: "spark", expression: `request.userInfo.username in ${list(spark)}` },
                { name: "volumes", expression: `${isPod} && object != null && has(object.spec.volumes) ? object.spec.volumes : []` },
                {
                    name: "containers",
                    expression: `${isPod} && object != null ? (has(object.spec.containers) ? object.spec.containers : []) + (has(object.spec.initContainers) ? object.spec.initContainers : []) : []`,
                },
            ],
            validations,
        },
    };
}

/** The binding that applies the namespace's policy, denying what it refuses. */
export function namespaceGuardBinding(namespace: string): GuardBinding {
    return {
        metadata: { name: guardName(namespace) },
        spec: {
            policyName: guardName(namespace),
            validationActions: ["Deny"],
            matchResources: { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } },
        },
    };
}

/**
 * Declares a job namespace's guard: the policy and its binding. The binding waits for the policy (an
 * unbound policy does nothing; a binding to a missing policy is ignored by the API server).
 */
export function declareNamespaceGuard(
    name: string,
    input: NamespaceGuardInput,
    opts: pulumi.CustomResourceOptions,
): { policy: k8s.admissionregistration.v1.ValidatingAdmissionPolicy; binding: k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding } {
    const policy = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(`${name}-guard`, namespaceGuardPolicy(input), opts);
    const binding = new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(`${name}-guard`, namespaceGuardBinding(input.namespace), {
        ...opts,
        dependsOn: [policy],
    });
    return { policy, binding };
}

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

import { checkComponentArgs } from "../errors";
import { requireDns1123Label, requireLabels } from "../names";
import { restrictedNamespaceLabels } from "../pod-security";
import { dropUndefined, parseShape } from "../shape";
import { sparkDriverRules } from "./driver-role";

/** Arguments of {@link SparkNamespace}. */
export interface SparkNamespaceArgs {
    /** Name of the Kubernetes namespace Spark jobs run in. */
    namespace: string;
    /**
     * Extra namespace labels (e.g. `pod-identity.alibabacloud.com/injection: "on"` for RRSA). The
     * pod-security labels cannot be overridden.
     * @default {}
     */
    labels?: Record<string, string>;
    /**
     * Name of the driver's service account (the one holding the Role).
     * @default "spark-driver"
     */
    driverServiceAccount?: string;
    /**
     * Name of the executors' service account (no RBAC, no API token mounted).
     * @default "spark-executor"
     */
    executorServiceAccount?: string;
    /**
     * Annotations for both service accounts, supplied by the storage identity (e.g.
     * `eks.amazonaws.com/role-arn` for IRSA), so drivers and executors reach the object store.
     * @default {}
     */
    serviceAccountAnnotations?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * Whether the Kubernetes namespace stays in the cluster when this component is deleted (the
     * namespace dropped from `jobNamespaces`, or `pulumi destroy`). Deleting a namespace deletes
     * everything in it, objects Pulumi does not manage included, so it takes an explicit act:
     * `kubectl delete namespace <name>` afterwards, or `false` here beforehand.
     * @default true
     */
    retainOnDelete?: boolean;
}

/** The shape of {@link SparkNamespaceArgs}; each message is the "expected" half of an error. */
const sparkNamespaceArgsSchema = z.strictObject(
    {
        namespace: z.string({ error: "a namespace name" }),
        labels: z.record(z.string(), z.string({ error: "label values as strings" }), { error: "a map of namespace labels" }).optional(),
        driverServiceAccount: z.string({ error: "a service account name" }).optional(),
        executorServiceAccount: z.string({ error: "a service account name" }).optional(),
        // Inputs (often outputs of an IAM or RAM role): checked by Kubernetes when they resolve.
        serviceAccountAnnotations: z.unknown().optional(),
        retainOnDelete: z.boolean({ error: "true or false" }).optional(),
    },
    { error: "an object with namespace, labels, driverServiceAccount, executorServiceAccount, serviceAccountAnnotations, retainOnDelete" },
);

/** Parses the namespace's arguments (shape, names, labels); returns the two service account names. */
export function resolveSparkNamespaceArgs(args: SparkNamespaceArgs): { driver: string; executor: string } {
    parseShape(sparkNamespaceArgsSchema, dropUndefined(args));
    requireDns1123Label(args.namespace, "namespace");
    requireLabels(args.labels ?? {}, "labels");
    return {
        driver: requireDns1123Label(args.driverServiceAccount ?? "spark-driver", "driverServiceAccount"),
        executor: requireDns1123Label(args.executorServiceAccount ?? "spark-executor", "executorServiceAccount"),
    };
}

/**
 * One Spark job namespace: enforced `restricted` pod security, a driver service account bound to a
 * namespaced Role with exactly what a Spark driver needs, and an executor service account with no
 * RBAC at all.
 */
export class SparkNamespace extends pulumi.ComponentResource {
    /** The namespace's name (an output, so dependents wait for it to exist). */
    readonly namespaceName: pulumi.Output<string>;
    readonly namespace: k8s.core.v1.Namespace;
    readonly driverServiceAccount: k8s.core.v1.ServiceAccount;
    readonly executorServiceAccount: k8s.core.v1.ServiceAccount;
    readonly driverRole: k8s.rbac.v1.Role;
    readonly driverRoleBinding: k8s.rbac.v1.RoleBinding;

    constructor(name: string, args: SparkNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        const { driver: driverSa, executor: executorSa } = checkComponentArgs("SparkNamespace", name, () => resolveSparkNamespaceArgs(args));
        super("serverless-spark:rbac:SparkNamespace", name, {}, opts);

        const child = { parent: this };
        this.namespace = new k8s.core.v1.Namespace(
            `${name}-ns`,
            {
                metadata: {
                    name: args.namespace,
                    // Pod-security labels last, so extra labels cannot weaken them.
                    labels: { ...(args.labels ?? {}), ...restrictedNamespaceLabels() },
                },
            },
            { ...child, retainOnDelete: args.retainOnDelete ?? true },
        );
        this.namespaceName = this.namespace.metadata.name;
        const annotations = args.serviceAccountAnnotations ?? {};

        this.driverServiceAccount = new k8s.core.v1.ServiceAccount(
            `${name}-driver`,
            {
                metadata: { name: driverSa, namespace: this.namespaceName, annotations },
                // The driver talks to the API server to manage its executors.
                automountServiceAccountToken: true,
            },
            child,
        );
        this.executorServiceAccount = new k8s.core.v1.ServiceAccount(
            `${name}-executor`,
            {
                metadata: { name: executorSa, namespace: this.namespaceName, annotations },
                // Executors never call the Kubernetes API; workload-identity tokens are projected
                // separately by the cloud's webhook, so no API token is mounted.
                automountServiceAccountToken: false,
            },
            child,
        );
        this.driverRole = new k8s.rbac.v1.Role(
            `${name}-driver`,
            {
                metadata: { name: driverSa, namespace: this.namespaceName },
                rules: sparkDriverRules(),
            },
            child,
        );
        this.driverRoleBinding = new k8s.rbac.v1.RoleBinding(
            `${name}-driver`,
            {
                metadata: { name: driverSa, namespace: this.namespaceName },
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: this.driverRole.metadata.name },
                subjects: [{ kind: "ServiceAccount", name: this.driverServiceAccount.metadata.name, namespace: this.namespaceName }],
            },
            child,
        );

        this.registerOutputs({
            namespaceName: this.namespaceName,
            driverServiceAccount: driverSa,
            executorServiceAccount: executorSa,
        });
    }
}

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { requireInteger } from "../checks";
import { EMPTY_SCHEDULING_PROFILE, SchedulingProfile } from "../cluster/types";
import { checkComponentArgs, describeValue, InputError } from "../errors";
import { isSystemNamespace, requireDns1123Label, requireUnique } from "../names";
import { restrictedNamespaceLabels } from "../pod-security";
import { OPERATOR_DEFAULTS, webhookSelectorLabels } from "./defaults";
import { ContainerResources, operatorHelmValues } from "./values";

/** Arguments of {@link SparkOperator}. */
export interface SparkOperatorArgs {
    /** The namespaces the operator watches for SparkApplications. They must exist before the release. */
    jobNamespaces: string[];
    /**
     * Version of the `spark-operator` chart.
     * @default "2.5.2"
     */
    chartVersion?: string;
    /**
     * Helm repository the chart comes from.
     * @default "https://kubeflow.github.io/spark-operator"
     */
    repository?: string;
    /**
     * Namespace the operator runs in.
     * @default "spark-operator"
     */
    namespace?: string;
    /**
     * Whether this component creates the operator namespace (with the `restricted` pod-security labels).
     * Set `false` when the namespace is managed elsewhere.
     * @default true
     */
    createNamespace?: boolean;
    /**
     * Helm release name; every chart object name derives from it, so it is pinned.
     * @default "spark-operator"
     */
    releaseName?: string;
    /**
     * Replicas of the admission webhook. While no replica is reachable, every Spark pod in the job
     * namespaces is rejected, so at least 2 are required; a PodDisruptionBudget keeps one up.
     * @default 2
     */
    webhookReplicas?: number;
    /**
     * Controller CPU and memory (requests = limits). spark-submit runs in this pod.
     * @default { cpu: "1", memory: "1792Mi" }
     */
    controllerResources?: ContainerResources;
    /**
     * Webhook CPU and memory (requests = limits).
     * @default { cpu: "250m", memory: "256Mi" }
     */
    webhookResources?: ContainerResources;
    /**
     * Placement of the operator's pods, usually the cluster's scheduling profile.
     * @default no constraints
     */
    scheduling?: SchedulingProfile;
}

const CHART_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
// CPU in cores or millicores; memory in bytes with a decimal or binary suffix ("m" would be millibytes).
const QUANTITY = {
    cpu: { pattern: /^(\d+(\.\d+)?)m?$/, expected: "a Kubernetes quantity of CPU above zero, such as 250m, 1 or 1.5" },
    memory: {
        pattern: /^(\d+(\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/,
        expected: "a Kubernetes quantity of memory above zero, such as 256Mi or 1Gi (not 256m: m means millibytes)",
    },
} as const;

/**
 * Checks the operator arguments; throws an {@link InputError} naming the argument.
 * @param keyOf maps an argument name to the key users know it by (e.g. `operator.chartVersion` in
 *   stack config); identity by default.
 */
export function checkSparkOperatorArgs(args: SparkOperatorArgs, keyOf: (arg: string) => string = (arg) => arg): void {
    if (!Array.isArray(args.jobNamespaces) || args.jobNamespaces.length === 0) {
        throw new InputError(keyOf("jobNamespaces"), `got ${describeValue(args.jobNamespaces)}`, "at least one namespace name");
    }
    args.jobNamespaces.forEach((ns, i) => requireDns1123Label(ns, `${keyOf("jobNamespaces")}[${i}]`));
    requireUnique(args.jobNamespaces, keyOf("jobNamespaces"));
    const version = args.chartVersion ?? OPERATOR_DEFAULTS.chartVersion;
    if (typeof version !== "string" || !CHART_VERSION.test(version)) {
        throw new InputError(keyOf("chartVersion"), `got ${describeValue(version)}`, "a chart version such as 2.5.2");
    }
    const repository = args.repository ?? OPERATOR_DEFAULTS.repository;
    if (typeof repository !== "string" || !/^https?:\/\/[^\s/?#]+[^\s]*$/.test(repository)) {
        throw new InputError(
            keyOf("repository"),
            `got ${describeValue(repository)}`,
            "an http(s) URL of a Helm repository such as https://kubeflow.github.io/spark-operator",
        );
    }
    const namespace = requireDns1123Label(args.namespace ?? OPERATOR_DEFAULTS.namespace, keyOf("namespace"));
    // Declaring a namespace the cluster already has fails with AlreadyExists at deploy time.
    if ((args.createNamespace ?? true) && isSystemNamespace(namespace)) {
        throw new InputError(
            keyOf("namespace"),
            `got ${describeValue(namespace)}, a namespace every cluster already has`,
            "a namespace of the operator's own (not default or kube-*), or createNamespace: false",
        );
    }
    // Helm release names are DNS-1123 labels of at most 53 characters.
    requireDns1123Label(args.releaseName ?? OPERATOR_DEFAULTS.releaseName, keyOf("releaseName"), 53);
    requireInteger(args.webhookReplicas ?? OPERATOR_DEFAULTS.webhookReplicas, keyOf("webhookReplicas"), 2, 10, "an integer");
    for (const [key, resources] of [
        ["controllerResources", args.controllerResources],
        ["webhookResources", args.webhookResources],
    ] as const) {
        if (resources === undefined) continue;
        for (const field of ["cpu", "memory"] as const) {
            const value: unknown = resources[field];
            const match = typeof value === "string" ? QUANTITY[field].pattern.exec(value) : null;
            if (!match || Number(match[1]) <= 0) {
                throw new InputError(keyOf(`${key}.${field}`), `got ${describeValue(value)}`, QUANTITY[field].expected);
            }
        }
    }
}

/**
 * The Kubeflow Spark operator, installed as a Helm release with a pinned name, explicit controller
 * resources, a replicated webhook guarded by a PodDisruptionBudget, metrics on, and the chart's own
 * Spark RBAC off (see {@link SparkNamespace}).
 */
export class SparkOperator extends pulumi.ComponentResource {
    /** The Helm release; SparkApplications must depend on it (the webhook rejects them until it is up). */
    readonly release: k8s.helm.v3.Release;
    /** The namespace the operator runs in. */
    readonly namespace: pulumi.Output<string>;
    /** The pinned Helm release name. */
    readonly releaseName: string;
    /** The webhook's PodDisruptionBudget. */
    readonly webhookDisruptionBudget: k8s.policy.v1.PodDisruptionBudget;

    constructor(name: string, args: SparkOperatorArgs, opts?: pulumi.ComponentResourceOptions) {
        checkComponentArgs("SparkOperator", name, () => checkSparkOperatorArgs(args));
        super("serverless-spark:operator:SparkOperator", name, {}, opts);

        // A component's dependsOn does not hold back its children, so it is passed down explicitly:
        // the release must wait for the job namespaces (and the cluster's virtual-node plumbing).
        const child: pulumi.CustomResourceOptions = { parent: this, dependsOn: opts?.dependsOn };
        const namespaceName = args.namespace ?? OPERATOR_DEFAULTS.namespace;
        this.releaseName = args.releaseName ?? OPERATOR_DEFAULTS.releaseName;

        let namespace: pulumi.Output<string> = pulumi.output(namespaceName);
        if (args.createNamespace ?? true) {
            const ns = new k8s.core.v1.Namespace(`${name}-ns`, { metadata: { name: namespaceName, labels: restrictedNamespaceLabels() } }, child);
            namespace = ns.metadata.name;
        }
        this.namespace = namespace;

        const values = operatorHelmValues({
            jobNamespaces: args.jobNamespaces,
            webhookReplicas: args.webhookReplicas ?? OPERATOR_DEFAULTS.webhookReplicas,
            controllerResources: args.controllerResources ?? { ...OPERATOR_DEFAULTS.controllerResources },
            webhookResources: args.webhookResources ?? { ...OPERATOR_DEFAULTS.webhookResources },
            scheduling: args.scheduling ?? EMPTY_SCHEDULING_PROFILE,
        });

        this.release = new k8s.helm.v3.Release(
            name,
            {
                name: this.releaseName,
                chart: OPERATOR_DEFAULTS.chart,
                version: args.chartVersion ?? OPERATOR_DEFAULTS.chartVersion,
                repositoryOpts: { repo: args.repository ?? OPERATOR_DEFAULTS.repository },
                namespace,
                createNamespace: false,
                values,
                // Roll back a failed upgrade instead of leaving a half-applied release.
                atomic: true,
                cleanupOnFail: true,
                maxHistory: 10,
            },
            child,
        );

        this.webhookDisruptionBudget = new k8s.policy.v1.PodDisruptionBudget(
            `${name}-webhook-pdb`,
            {
                metadata: { name: `${this.releaseName}-webhook`, namespace },
                spec: {
                    minAvailable: 1,
                    selector: { matchLabels: webhookSelectorLabels(this.releaseName) },
                },
            },
            child,
        );

        this.registerOutputs({ namespace: this.namespace, releaseName: this.releaseName });
    }
}

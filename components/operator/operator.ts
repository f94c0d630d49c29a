import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { EMPTY_SCHEDULING_PROFILE, SchedulingProfile } from "../cluster/types";
import { checkComponentArgs } from "../errors";
import { requireImageRegistry } from "../images";
import { checkJobNamespaces } from "../names";
import { restrictedNamespaceLabels } from "../pod-security";
import { OPERATOR_DEFAULTS, webhookSelectorLabels } from "./defaults";
import { resolveSparkOperatorSettings, SparkOperatorSettings } from "./settings";
import { operatorHelmValues } from "./values";

/** Arguments of {@link SparkOperator}: its settings, and the namespaces it watches. */
export interface SparkOperatorArgs extends SparkOperatorSettings {
    /** The namespaces the operator watches for SparkApplications. They must exist before the release. */
    jobNamespaces: string[];
    /**
     * Whether this component creates the operator namespace (with the `restricted` pod-security labels).
     * Set `false` when the namespace is managed elsewhere.
     * @default true
     */
    createNamespace?: boolean;
    /**
     * Placement of the operator's pods, usually the cluster's scheduling profile.
     * @default no constraints
     */
    scheduling?: SchedulingProfile;
    /**
     * A registry holding a copy of the operator's image, usually the cluster's `imageRegistry`: the
     * controller (and webhook) image is pulled as `<imageRegistry>/controller:<chart appVersion>`.
     * @default none: the chart's `ghcr.io/kubeflow/spark-operator/controller`
     */
    imageRegistry?: string;
}

/**
 * Parses the operator's arguments: the namespaces it watches (`jobNamespaces`), then its settings.
 * Throws an {@link InputError} naming the argument.
 */
export function resolveSparkOperatorArgs(args: SparkOperatorArgs): SparkOperatorSettings {
    checkJobNamespaces(args.jobNamespaces);
    const { jobNamespaces: _namespaces, createNamespace, scheduling: _scheduling, imageRegistry, ...settings } = args;
    if (imageRegistry !== undefined) requireImageRegistry(imageRegistry, "imageRegistry");
    return resolveSparkOperatorSettings(settings, createNamespace ?? true);
}

/**
 * The Kubeflow Spark operator, installed as a Helm release with a pinned name, explicit controller
 * resources, metrics on, and the chart's own Spark RBAC off (see {@link SparkNamespace}). Its
 * admission webhook is off unless `webhook: true` (then replicated and guarded by a
 * PodDisruptionBudget): this package's jobs do not need it (see `OPERATOR_DEFAULTS.webhook`).
 */
export class SparkOperator extends pulumi.ComponentResource {
    /** The Helm release; SparkApplications must depend on it (it installs their CRDs and the controller). */
    readonly release: k8s.helm.v3.Release;
    /** The namespace the operator runs in. */
    readonly namespace: pulumi.Output<string>;
    /** The pinned Helm release name. */
    readonly releaseName: string;
    /** The webhook's PodDisruptionBudget, with `webhook: true` only. */
    readonly webhookDisruptionBudget?: k8s.policy.v1.PodDisruptionBudget;

    constructor(name: string, args: SparkOperatorArgs, opts?: pulumi.ComponentResourceOptions) {
        checkComponentArgs("SparkOperator", name, () => resolveSparkOperatorArgs(args));
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
            webhook: args.webhook ?? OPERATOR_DEFAULTS.webhook,
            webhookReplicas: args.webhookReplicas ?? OPERATOR_DEFAULTS.webhookReplicas,
            controllerResources: args.controllerResources ?? { ...OPERATOR_DEFAULTS.controllerResources },
            webhookResources: args.webhookResources ?? { ...OPERATOR_DEFAULTS.webhookResources },
            scheduling: args.scheduling ?? EMPTY_SCHEDULING_PROFILE,
            ...(args.imageRegistry !== undefined ? { imageRegistry: args.imageRegistry } : {}),
        });

        this.release = new k8s.helm.v3.Release(
            name,
            {
                name: this.releaseName,
                chart: OPERATOR_DEFAULTS.chart,
                version: args.chartVersion ?? OPERATOR_DEFAULTS.chartVersion,
                repositoryOpts: {
                    repo: args.repository ?? OPERATOR_DEFAULTS.repository,
                    // Credentials reach Helm as secrets whether or not the config marked them secret.
                    ...(args.repositoryUsername !== undefined ? { username: pulumi.secret(args.repositoryUsername) } : {}),
                    ...(args.repositoryPassword !== undefined ? { password: pulumi.secret(args.repositoryPassword) } : {}),
                },
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

        if (args.webhook ?? OPERATOR_DEFAULTS.webhook) {
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
        }

        this.registerOutputs({ namespace: this.namespace, releaseName: this.releaseName });
    }
}

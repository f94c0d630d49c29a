import * as pulumi from "@pulumi/pulumi";
import { ServerlessCluster } from "./cluster/types";
import { SparkOperator, SparkOperatorArgs, validateSparkOperatorArgs } from "./operator/operator";
import { SparkNamespace } from "./rbac/namespace";

/** Operator settings of the platform (the job namespaces and placement come from the platform). */
export type PlatformOperatorArgs = Omit<SparkOperatorArgs, "jobNamespaces" | "scheduling">;

/** Arguments of {@link ServerlessSparkPlatform}. */
export interface ServerlessSparkPlatformArgs {
    /**
     * The cluster to run on: an `ExistingCluster`, an `EksFargateCluster` or an
     * `AlicloudServerlessCluster` (or anything giving the same {@link ServerlessCluster} shape).
     */
    cluster: ServerlessCluster;
    /**
     * Namespaces Spark jobs run in; each gets a {@link SparkNamespace}.
     * @default ["spark-jobs"]
     */
    jobNamespaces?: string[];
    /**
     * Spark operator settings.
     * @default the {@link SparkOperator} defaults (chart 2.5.2, namespace `spark-operator`, 2 webhook replicas)
     */
    operator?: PlatformOperatorArgs;
}

/** The default job namespace list. */
export const DEFAULT_JOB_NAMESPACES: readonly string[] = ["spark-jobs"];

/**
 * A serverless Spark platform on one cluster: job namespaces with least-privilege RBAC and the Spark
 * operator watching them, placed on the cluster's virtual nodes.
 */
export class ServerlessSparkPlatform extends pulumi.ComponentResource {
    readonly operator: SparkOperator;
    /** Job namespaces by name. */
    readonly namespaces: Record<string, SparkNamespace>;

    constructor(name: string, args: ServerlessSparkPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        const jobNamespaces = [...(args.jobNamespaces ?? DEFAULT_JOB_NAMESPACES)];
        const operatorArgs: SparkOperatorArgs = {
            ...(args.operator ?? {}),
            jobNamespaces,
            scheduling: args.cluster.scheduling,
        };
        // Every argument is checked before the first resource is registered: nothing half made.
        validateSparkOperatorArgs(operatorArgs, (arg) => (arg === "jobNamespaces" ? arg : `operator.${arg}`));

        super("serverless-spark:index:ServerlessSparkPlatform", name, {}, opts);

        const child: pulumi.ComponentResourceOptions = { parent: this, providers: [args.cluster.provider] };
        this.namespaces = {};
        for (const namespace of jobNamespaces) {
            this.namespaces[namespace] = new SparkNamespace(`${name}-${namespace}`, { namespace }, child);
        }

        this.operator = new SparkOperator(`${name}-operator`, operatorArgs, {
            ...child,
            // The chart expects its job namespaces to exist, and its pods need the cluster's
            // virtual-node plumbing (Fargate profiles, CoreDNS, virtual-node add-on).
            dependsOn: [...Object.values(this.namespaces), ...args.cluster.readyResources],
        });

        this.registerOutputs({ operatorNamespace: this.operator.namespace });
    }
}

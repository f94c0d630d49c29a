import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

import { checkComponentArgs, describeValue, InputError } from "../errors";
import { dropUndefined, inputString, parseShape } from "../shape";
import { checkKubeconfig, classifyKubeconfig, KubeconfigSource } from "./kubeconfig";
import { checkSchedulingProfile, schedulingSchema } from "./scheduling-rules";
import { CAPACITY_GRIDS, CapacityGridName, SchedulingProfile, schedulingProfile, SchedulingSettings, ServerlessCluster } from "./types";

/** How to reach a cluster you have and what it bills by: the `existing` stack's cluster keys. */
export interface ExistingClusterSettings {
    /**
     * The cluster's kubeconfig: a path to a file, or the file's content (YAML or JSON). Content is
     * stored as a Pulumi secret because kubeconfigs usually carry credentials.
     * @default the ambient kubeconfig (`KUBECONFIG`, else `~/.kube/config`) of whoever runs Pulumi
     */
    kubeconfig?: pulumi.Input<string>;
    /**
     * The kubeconfig context to use.
     * @default the kubeconfig's `current-context`
     */
    context?: string;
    /**
     * How pods reach the cluster's virtual nodes (node selector, tolerations, pod annotations and
     * labels), e.g. `{ nodeSelector: { type: "virtual-kubelet" }, tolerations: [...] }` for ECI
     * virtual nodes added to a cluster you already run.
     * @default no constraints: pods go wherever the scheduler puts them
     */
    scheduling?: SchedulingSettings;
    /**
     * The billing grid the cluster's virtual nodes charge pods by, for right-sizing Spark pods.
     * @default "none" (report requests only)
     */
    capacityGrid?: CapacityGridName;
}

/** The shape of {@link ExistingClusterSettings}; each message is the "expected" half of an error. */
export const existingClusterSettingsSchema = z.strictObject(
    {
        kubeconfig: inputString("a kubeconfig path or content").optional(),
        context: z.string({ error: "a kubeconfig context name" }).optional(),
        scheduling: schedulingSchema.optional(),
        capacityGrid: z.enum(CAPACITY_GRIDS as [CapacityGridName, ...CapacityGridName[]], { error: `one of ${CAPACITY_GRIDS.join(", ")}` }).optional(),
    },
    { error: "an object with kubeconfig, context, scheduling, capacityGrid" },
) satisfies z.ZodType<ExistingClusterSettings>;

/** Arguments of {@link ExistingCluster}: how to reach it, and the provider's identity. */
export interface ExistingClusterArgs extends ExistingClusterSettings {
    /**
     * A stable identity for the Kubernetes provider, so that rotating credentials in the kubeconfig
     * does not make Pulumi think the cluster changed and replace every object in it.
     * @default the component's name
     */
    clusterIdentifier?: string;
}

/**
 * Parses the cluster's arguments (shape, the kubeconfig and its context, the scheduling profile) and
 * returns where the kubeconfig comes from. Errors name the argument.
 */
export function resolveExistingClusterArgs(args: ExistingClusterArgs): KubeconfigSource {
    const { clusterIdentifier, ...settings } = args;
    parseShape(existingClusterSettingsSchema, dropUndefined(settings));
    if (clusterIdentifier !== undefined && typeof clusterIdentifier !== "string") {
        throw new InputError("clusterIdentifier", `got ${describeValue(clusterIdentifier)}`, "a string");
    }
    const source = classifyKubeconfig(typeof args.kubeconfig === "string" ? args.kubeconfig : undefined);
    checkKubeconfig(source, "kubeconfig", args.context);
    checkSchedulingProfile(schedulingProfile(args.scheduling), "scheduling");
    return source;
}

/**
 * A Kubernetes cluster you already have, reached through a kubeconfig. Gives the same
 * {@link ServerlessCluster} shape as the cloud cluster components, so the rest of the platform does
 * not care where the cluster came from.
 */
export class ExistingCluster extends pulumi.ComponentResource implements ServerlessCluster {
    readonly provider: k8s.Provider;
    readonly scheduling: SchedulingProfile;
    readonly capacityGrid: CapacityGridName;
    readonly readyResources: pulumi.Resource[] = [];

    constructor(name: string, args: ExistingClusterArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const capacityGrid = args.capacityGrid ?? "none";
        // Validate before anything is registered: a bad kubeconfig must not leave a half-made stack.
        const plainKubeconfig = typeof args.kubeconfig === "string" ? args.kubeconfig : undefined;
        const source = checkComponentArgs("ExistingCluster", name, () => resolveExistingClusterArgs(args));

        super("serverless-spark:cluster:ExistingCluster", name, {}, opts);

        this.scheduling = schedulingProfile(args.scheduling);
        this.capacityGrid = capacityGrid;

        // A path is passed as-is (the provider reads it where Pulumi runs); content is a secret.
        let kubeconfig: pulumi.Input<string> | undefined;
        if (plainKubeconfig === undefined) {
            kubeconfig = args.kubeconfig === undefined ? undefined : pulumi.secret(args.kubeconfig);
        } else {
            kubeconfig = source.kind === "path" ? source.path : source.kind === "content" ? pulumi.secret(source.content) : undefined;
        }

        this.provider = new k8s.Provider(
            `${name}-k8s`,
            {
                kubeconfig,
                context: args.context,
                clusterIdentifier: args.clusterIdentifier ?? name,
            },
            { parent: this },
        );

        this.registerOutputs({ capacityGrid: this.capacityGrid });
    }
}

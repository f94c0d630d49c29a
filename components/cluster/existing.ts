import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { checkComponentArgs, describeValue, InputError } from "../errors";
import { checkKubeconfig, classifyKubeconfig } from "./kubeconfig";
import { CAPACITY_GRIDS, CapacityGridName, SchedulingProfile, schedulingProfile, ServerlessCluster } from "./types";

/** Arguments of {@link ExistingCluster}. */
export interface ExistingClusterArgs {
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
    scheduling?: Partial<SchedulingProfile>;
    /**
     * The billing grid the cluster's virtual nodes charge pods by, for right-sizing Spark pods.
     * @default "none" (report requests only)
     */
    capacityGrid?: CapacityGridName;
    /**
     * A stable identity for the Kubernetes provider, so that rotating credentials in the kubeconfig
     * does not make Pulumi think the cluster changed and replace every object in it.
     * @default the component's name
     */
    clusterIdentifier?: string;
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
        const source = checkComponentArgs("ExistingCluster", name, () => {
            if (!CAPACITY_GRIDS.includes(capacityGrid)) {
                throw new InputError("capacityGrid", `got ${describeValue(capacityGrid)}`, `one of ${CAPACITY_GRIDS.join(", ")}`);
            }
            const classified = classifyKubeconfig(plainKubeconfig);
            checkKubeconfig(classified, "kubeconfig", args.context);
            return classified;
        });

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

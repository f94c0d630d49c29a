import * as alicloud from "@pulumi/alicloud";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { checkComponentArgs, describeValue, InputError } from "../../errors";
import type { CapacityShape } from "../../sizing/grids";
import type { CapacityGridName, SchedulingProfile, ServerlessCluster } from "../types";
import { createApiServerAcl } from "./api-acl";
import type { AlicloudServerlessClusterArgs } from "./args";
import { derivedClusterName } from "./cluster-name";
import { ACK_ADDONS, createAckCluster, RrsaOidc } from "./control-plane";
import { createImageCache } from "./image-cache";
import { ackKubeconfig } from "./kubeconfig";
import { AckLogs, createAckLogs, derivedLogProjectName, logCollectionSparkConf, SPARK_LOGSTORE } from "./logs";
import { preflightGate } from "./preflight";
import { resolveAlicloudClusterArgs, ResolvedAlicloudArgs } from "./validate";
import { AlicloudVpc } from "./vpc";

/**
 * An Alibaba Cloud Kubernetes cluster whose pods all run on ECI: a network (a new VPC with NAT egress,
 * or yours), the cluster (`managed`: ACK Pro with the `ack-virtual-node` add-on, no ECS worker;
 * `serverless`: ACK Serverless), RRSA on, a private API server by default, deletion protection, and a
 * Kubernetes provider reaching the API server with the kubeconfig ACK issues.
 *
 * Pods reach ECI through the virtual nodes' label and taint (the scheduling profile), ask for image
 * caches and extra storage by annotation, and, with `spot`, executors run on spot instances while
 * drivers stay on-demand. The capacity grid is `eci`.
 *
 * Nothing is looked up in Alibaba Cloud while the program runs except the kubeconfig (a data source
 * the offline plan answers with a placeholder), so the plan needs no credentials.
 *
 * Switching `mode` keeps the cluster's logical name and leaves every network resource untouched,
 * but it is a new cluster: turn `deletionProtection` off first so the old one can be deleted.
 */
export class AlicloudServerlessCluster extends pulumi.ComponentResource implements ServerlessCluster {
    readonly provider: k8s.Provider;
    readonly scheduling: SchedulingProfile;
    readonly capacityGrid: CapacityGridName = "eci";
    /** The virtual-node add-on (managed) or the cluster (serverless), the node pool and pod identity add-on when asked, and the SNAT entries. */
    readonly readyResources: pulumi.Resource[];
    readonly executorPodAnnotations: Record<string, string>;
    readonly executorFallbackShapes: CapacityShape[];
    readonly jobSparkConf: Record<string, string>;
    /** Where the platform pulls public images from instead (`imageRegistry`), or undefined. */
    readonly imageRegistry?: string;

    /** The validated arguments with defaults applied. */
    readonly settings: ResolvedAlicloudArgs;
    /**
     * The ACK cluster's name as asked: `name`, or derived from the stack. A cluster created under
     * the old default keeps its name; `ackCluster.name` is the name it has.
     */
    readonly clusterName: string;
    readonly region: string;
    /** `alicloud.cs.ManagedKubernetes` (managed) or `alicloud.cs.ServerlessKubernetes` (serverless). */
    readonly ackCluster: alicloud.cs.ManagedKubernetes | alicloud.cs.ServerlessKubernetes;
    /** The ACK cluster id (`c` and 32 hex digits). */
    readonly clusterId: pulumi.Output<string>;
    /** The kubeconfig, a secret: it holds a client certificate. */
    readonly kubeconfig: pulumi.Output<string>;
    /** What RRSA roles trust: the cluster's OIDC provider in RAM and its issuer URL. */
    readonly rrsa: pulumi.Output<RrsaOidc>;
    readonly vpcId: pulumi.Output<string>;
    readonly vswitchIds: pulumi.Output<string[]>;
    /** The security group ACK created for the cluster (ECI pods join it). */
    readonly securityGroupId: pulumi.Output<string>;
    /** The network component, when the cluster made its own VPC. */
    readonly network?: AlicloudVpc;
    readonly virtualNode?: alicloud.cs.KubernetesAddon;
    readonly podIdentityWebhook?: alicloud.cs.KubernetesAddon;
    readonly systemNodePool?: alicloud.cs.NodePool;
    readonly imageCache?: alicloud.eci.ImageCache;
    /** The SLS project, logstore and index Spark pods log to (with `logs.enabled`, the default). */
    readonly logs?: AckLogs;
    /** With `publicEndpoint`: the API server's allow-list (admin networks, ACK's range, the VPC). */
    readonly apiServerAcl?: alicloud.slb.Acl;
    /**
     * With `publicEndpoint`: the one-time command that binds {@link apiServerAcl} to the API server's
     * 6443 listener (the provider cannot change the listener ACK made).
     */
    readonly apiServerAclBinding?: pulumi.Output<string>;

    constructor(name: string, args: AlicloudServerlessClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything is checked before the first registration: a bad argument leaves nothing half made.
        const providerRegion = alicloud.config.region;
        const r = checkComponentArgs("AlicloudServerlessCluster", name, () => {
            const resolved = resolveAlicloudClusterArgs(args, args.region ?? providerRegion, name);
            checkProviderRegion(resolved.region, providerRegion, opts);
            return resolved;
        });
        super("serverless-spark:cluster:AlicloudServerlessCluster", name, {}, opts);
        const child = { parent: this };
        this.settings = r;
        const scope = { organization: organizationName(), project: pulumi.getProject(), stack: pulumi.getStack() };
        this.clusterName = r.nameGiven ? r.clusterName : derivedClusterName(r.clusterName, name, scope);
        this.region = r.region;
        this.scheduling = r.scheduling;
        this.executorPodAnnotations = r.executorPodAnnotations;
        this.executorFallbackShapes = r.executorFallbackShapes;
        this.imageRegistry = r.imageRegistry;
        const logProjectName = r.logs ? derivedLogProjectName(r.clusterName, name, scope) : undefined;
        this.jobSparkConf = { ...r.jobSparkConf, ...(logProjectName ? logCollectionSparkConf(logProjectName) : {}) };

        // With `preflight`, the network and the cluster wait for the account's roles to be found
        // (preflight.ts), so a missing role stops `pulumi up` before anything billed exists.
        const gate = r.preflight ? preflightGate(r.mode, name, this) : undefined;
        let egress: pulumi.Resource[] = [];
        if (r.network.kind === "new") {
            this.network = new AlicloudVpc(`${name}-vpc`, { plan: r.network, ...(gate ? { gate } : {}) }, child);
            this.vpcId = this.network.vpcId;
            this.vswitchIds = this.network.vswitchIds;
            egress = this.network.egress;
        } else {
            this.vpcId = pulumi.output(r.network.vpcId);
            this.vswitchIds = pulumi.output(r.network.vswitchIds);
        }

        const controlPlane = createAckCluster(name, r, this.clusterName, { vpcId: this.vpcId, vswitchIds: this.vswitchIds }, egress, this, gate);
        this.ackCluster = controlPlane.cluster;
        this.clusterId = controlPlane.clusterId;
        this.securityGroupId = controlPlane.securityGroupId;
        this.rrsa = controlPlane.rrsa;
        this.virtualNode = controlPlane.virtualNode;
        this.systemNodePool = controlPlane.systemNodePool;

        if (r.publicEndpoint) {
            const vpcCidr = this.vpcCidrBlock();
            const slbId = this.ackCluster instanceof alicloud.cs.ManagedKubernetes ? this.ackCluster.slbId : undefined;
            const apiAcl = createApiServerAcl(name, r.publicAccessCidrs, vpcCidr, slbId, this, this.ackCluster);
            this.apiServerAcl = apiAcl.acl;
            this.apiServerAclBinding = apiAcl.binding;
        }

        if (r.podIdentityWebhook) {
            this.podIdentityWebhook = new alicloud.cs.KubernetesAddon(
                `${name}-pod-identity`,
                { clusterId: this.clusterId, name: ACK_ADDONS.podIdentityWebhook },
                // Its webhook pods run on the system node pool (managed mode) or ECI (serverless).
                { parent: this, dependsOn: [...(this.virtualNode ? [this.virtualNode] : []), ...(this.systemNodePool ? [this.systemNodePool] : [])] },
            );
        }

        if (r.imageCaches.length > 0) {
            const firstVswitch = this.vswitchIds.apply((ids) => ids[0]!);
            this.imageCache = createImageCache(
                `${name}-images`,
                // Lower case: ECI image cache names take lower-case letters, digits and '-'.
                `${r.clusterName.toLowerCase()}-images`,
                r.imageCaches,
                { vswitchId: firstVswitch, securityGroupId: this.securityGroupId, egress },
                this,
            );
        }

        if (r.logs && logProjectName) {
            this.logs = createAckLogs(name, { projectName: logProjectName, ...r.logs }, this);
        }

        this.readyResources = [
            this.virtualNode ?? this.ackCluster,
            ...(this.systemNodePool ? [this.systemNodePool] : []),
            ...(this.podIdentityWebhook ? [this.podIdentityWebhook] : []),
            // Pods log to the project from their first line: it must exist before they start.
            ...(this.logs ? [this.logs.index] : []),
            ...egress,
        ];

        const credential = alicloud.cs.getClusterCredentialOutput(
            {
                clusterId: this.clusterId,
                ...(r.kubeconfigValidityMinutes !== undefined ? { temporaryDurationMinutes: r.kubeconfigValidityMinutes } : {}),
            },
            { parent: this },
        );
        this.kubeconfig = pulumi.secret(
            pulumi.all([credential.kubeConfig, controlPlane.apiServer]).apply(([config, server]) => ackKubeconfig(config, server || undefined)),
        );
        this.provider = new k8s.Provider(
            `${name}-k8s`,
            // The cluster id, not the kubeconfig, identifies the cluster: a renewed certificate updates
            // the provider in place, while a new cluster (a mode switch) replaces it and every object.
            { kubeconfig: this.kubeconfig, clusterIdentifier: this.clusterId },
            child,
        );

        this.registerOutputs({
            clusterName: this.ackCluster.name,
            clusterId: this.clusterId,
            kubeconfig: this.kubeconfig,
            vpcId: this.vpcId,
            rrsa: this.rrsa,
            ...(this.logs ? { logProject: this.logs.projectName, logstore: SPARK_LOGSTORE } : {}),
            ...(this.apiServerAclBinding ? { apiServerAclBinding: this.apiServerAclBinding } : {}),
        });
    }

    private cidrBlock?: pulumi.Output<string>;

    /** The VPC's IPv4 CIDR: the new VPC's, or your VPC's as the VPC API reports it (looked up once, when asked). */
    vpcCidrBlock(): pulumi.Output<string> {
        if (this.cidrBlock === undefined) {
            const r = this.settings;
            this.cidrBlock =
                r.network.kind === "new"
                    ? pulumi.output(r.network.vpcCidr)
                    : alicloud.vpc.getNetworksOutput({ ids: [r.network.vpcId] }, { parent: this }).vpcs.apply((vpcs) => vpcs[0]?.cidrBlock ?? "");
        }
        return this.cidrBlock;
    }
}

/**
 * Alibaba resources have no per-resource region: they go where their provider points. A `region`
 * argument that differs from `alicloud:region` while no provider is passed would put the cluster
 * somewhere else than the zones name.
 */
function checkProviderRegion(region: string, providerRegion: string | undefined, opts: pulumi.ComponentResourceOptions | undefined): void {
    const explicitProvider = opts?.provider !== undefined || opts?.providers !== undefined;
    if (!explicitProvider && providerRegion !== undefined && providerRegion !== region) {
        throw new InputError(
            "region",
            `got ${describeValue(region)} while alicloud:region is ${describeValue(providerRegion)} and no provider is passed`,
            `alicloud:region's region, or an alicloud provider for ${region} in opts.providers`,
        );
    }
}

function organizationName(): string {
    try {
        return pulumi.getOrganization();
    } catch {
        return "";
    }
}

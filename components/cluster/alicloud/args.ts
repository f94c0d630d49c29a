import { z } from "zod";

/**
 * Arguments of `AlicloudServerlessCluster`. Plain types only (no `@pulumi/alicloud` import), so the
 * stack config layer can use them without loading the SDK.
 */

/**
 * Which ACK flavour the cluster is.
 * - `managed`: ACK managed Pro (`ack.pro.small`) with the `ack-virtual-node` add-on, so pods run on
 *   ECI; no ECS worker is needed.
 * - `serverless`: ACK Serverless (ASK). Since 2025-02-17 new Alibaba Cloud accounts cannot create
 *   ASK clusters (Alibaba points them to ACK Pro + virtual nodes); accounts that already use ASK can.
 */
export const ClusterMode = { Managed: "managed", Serverless: "serverless" } as const;
export type ClusterMode = (typeof ClusterMode)[keyof typeof ClusterMode];
/** @deprecated the same values as {@link ClusterMode} (kept for 0.1 programs) */
export const ClusterModes = ClusterMode;

/**
 * ECI spot bidding (pod annotation `k8s.aliyun.com/eci-spot-strategy`):
 * - `SpotAsPriceGo`: pay the market price, up to the on-demand price.
 * - `SpotWithPriceLimit`: pay at most `priceLimit` per hour.
 */
export const SpotStrategy = { AsPriceGo: "SpotAsPriceGo", WithPriceLimit: "SpotWithPriceLimit" } as const;
export type SpotStrategy = (typeof SpotStrategy)[keyof typeof SpotStrategy];
/** @deprecated the same values as {@link SpotStrategy} (kept for 0.1 programs) */
export const SpotStrategies = SpotStrategy;

/** Which Spark pods may run on spot instances. Only executors are accepted (see {@link AlicloudSpotArgs.roles}). */
export const SpotRole = { Executor: "executor", Driver: "driver" } as const;
export type SpotRole = (typeof SpotRole)[keyof typeof SpotRole];

/** Spot capacity for Spark executors. */
export interface AlicloudSpotArgs {
    /** How to bid. @default none (required when `spot` is set) */
    strategy: SpotStrategy;
    /**
     * Highest hourly price per pod, in the account's currency, with at most three decimals (ECI pod
     * annotations doc, read 2026-11-29); required with `SpotWithPriceLimit`, refused with `SpotAsPriceGo`.
     * @default none
     */
    priceLimit?: number;
    /**
     * Spark roles whose pods go to spot. Only `executor`: a reclaimed driver fails the whole
     * application, so drivers always stay on-demand and `driver` is refused.
     * @default ["executor"]
     */
    roles?: SpotRole[];
    /**
     * ECI vCPU-memory specs (`"8-32Gi"`, from ECI's all-regions table) an executor may take when
     * its own spec has no spot capacity, in order; at most 4. Each executor's
     * `k8s.aliyun.com/eci-use-specs` becomes its sized spec followed by those of these that hold it
     * (at least its vCPU and memory): ECI tries them in order (ECI "Create pods by specifying
     * multiple specifications", at most five specs). A larger spec is billed in full while Spark
     * uses the executor's own size: worth it when its spot price is below the sized spec's
     * on-demand price, which the on-demand fallback would pay.
     * @default [] (the sized spec only)
     */
    fallbackSpecs?: string[];
}

/** A small ECS node pool for what cannot run on ECI (DaemonSet-based add-ons, tools you add). */
export interface AlicloudSystemNodePoolArgs {
    /** ECS instance types, tried in order, e.g. `["ecs.g7.large", "ecs.g6.large"]`. @default none (required) */
    instanceTypes: string[];
    /** Number of nodes (1-10). @default 2 */
    size?: number;
    /**
     * The ECS key pair the nodes' SSH login uses. ACK needs a login method for ECS nodes (the
     * provider's node pool docs: "You have to specify one of `password` and `key_name`"; managed node
     * pools take only a key pair), and a key pair keeps no password in the Pulumi state. Create it
     * once (`aliyun ecs CreateKeyPair` or the ECS console) in the cluster's region.
     * @default none (required)
     */
    keyName: string;
}

/**
 * Where the cluster and its ECI pods live: a new VPC (`zoneIds`, `vpcCidr`, `eipBandwidthMbps`) or a
 * VPC you already have (`vpcId`, `vswitchIds`).
 */
export interface AlicloudNetworkArgs {
    /**
     * Zones of a new VPC: two or three zone ids of the region, e.g. `["cn-hangzhou-h", "cn-hangzhou-i"]`.
     * Required for a new VPC: Alibaba zone ids follow no pattern a default could be built from, and no
     * API call looks them up (the plan needs no credentials). The first zone also hosts the NAT gateway,
     * so it must offer the enhanced NAT gateway (`alicloud.vpc.getEnhancedNatAvailableZones`).
     * @default none
     */
    zoneIds?: string[];
    /**
     * IPv4 range of a new VPC, /16 to /24. Each zone gets a vSwitch of a quarter of it: every ECI pod
     * takes one address from its vSwitch.
     * @default "10.0.0.0/16"
     */
    vpcCidr?: string;
    /**
     * Bandwidth cap of the NAT gateway's EIP in Mbit/s. The EIP is billed by traffic, so a high cap
     * costs nothing by itself and keeps image pulls fast (1-200 for pay-by-traffic EIPs, per the
     * `alicloud.ecs.EipAddress` docs of @pulumi/alicloud 3.108.0, read 2026-11-21).
     * @default 100
     */
    eipBandwidthMbps?: number;
    /** An existing VPC's id (`vpc-...`); set together with `vswitchIds`. @default a new VPC */
    vpcId?: string;
    /**
     * vSwitches of the existing VPC (at least two, in different zones) for the control plane and ECI
     * pods. They need egress to the internet (a NAT gateway with SNAT entries) to pull public images;
     * nothing here checks that.
     * @default none (a new VPC)
     */
    vswitchIds?: string[];
}

/** The ACK cluster's own settings: the `cluster` settings of the `alicloud` stack. */
export interface AckClusterSettings {
    /**
     * `managed` (ACK Pro + ECI virtual nodes) or `serverless` (ASK; new accounts cannot create it
     * since 2025-02-17). Changing it creates a new cluster under the same logical name; the network
     * stays as it is.
     * @default "managed"
     */
    mode?: ClusterMode;
    /**
     * The cluster's name (1-63 letters, digits and '-', not starting with '-'). Changing it renames
     * the cluster in place. Without it, the name is derived from the stack, so stacks of one program
     * in one account get clusters of their own names; a cluster created under the old default (the
     * component's name, `serverless-spark` in the stacks) keeps its name.
     * @default `<defaultName>-<stack>-<6 hex>` (the hex from the Pulumi organization, project, stack and component name), kept once created
     */
    name?: string;
    /**
     * ACK Kubernetes version: a minor such as `"1.36"` (the newest patch ACK creates in the region,
     * looked up with `alicloud.cs.getKubernetesVersion` at deploy time; a later `pulumi up` moves the
     * control plane to a newer patch of it when one ships), or an exact `x.y.z-aliyun.n` for those who
     * must pin (ACK stops creating a patch once a newer one ships, so a pinned patch soon fails to
     * create a cluster). Raise the minor to upgrade; ACK never downgrades.
     * @default none: ACK's newest version when the cluster is created, left as it is afterwards
     */
    version?: string;
    /**
     * Whether the API server is also reachable from the internet (managed: an EIP on the API server's
     * load balancer; serverless: an EIP). Off, `pulumi up` must run where the VPC is reachable (a VPN,
     * Express Connect, a bastion or ECS instance in the VPC, Cloud Shell with VPC access). ACK applies
     * it only when the cluster is created. On, `publicAccessCidrs` is required.
     * @default false
     */
    publicEndpoint?: boolean;
    /**
     * IPv4 CIDRs allowed to reach the API server (the egress of where `pulumi up` and `kubectl` run),
     * required with `publicEndpoint`. They go into an allow-list ACL for the 6443 listener of the API
     * server's load balancer, with ACK's control-plane range 100.104.0.0/16 and the VPC's CIDR, which
     * ACK requires in any allow-list (alibabacloud.com/help/en/ack/cluster-access-control, updated
     * 2026-03-26, read 2026-11-29). Private, documentation and other special-purpose ranges are
     * refused (they admit no one over the internet); `0.0.0.0/0` needs `allowPublicAccessFromAnywhere`.
     * The provider cannot bind an ACL to the listener ACK made: bind it once (the component's
     * `apiServerAclBinding` output is the command), after which the entries follow this list.
     * @default none
     */
    publicAccessCidrs?: string[];
    /**
     * Acknowledges `0.0.0.0/0` in `publicAccessCidrs`: the API server open to the whole internet
     * (still behind certificate authentication).
     * @default false
     */
    allowPublicAccessFromAnywhere?: boolean;
    /**
     * ACK deletion protection: `pulumi destroy` (or a mode switch) fails until it is turned off.
     * @default true
     */
    deletionProtection?: boolean;
    /**
     * The Kubernetes Service CIDR; it must not overlap the VPC. Fixed at creation.
     * @default "192.168.0.0/16"
     */
    serviceCidr?: string;
    /**
     * A small ECS node pool (managed mode only), e.g. for DaemonSet-based tools. Spark and the
     * operator still run on ECI.
     * @default none
     */
    systemNodePool?: AlicloudSystemNodePoolArgs;
    /**
     * Whether every platform pod asks ECI to use (and create) image caches automatically
     * (`k8s.aliyun.com/eci-auto-imc`): later pods of the same image start without pulling it. False
     * writes `"false"`: ECI's own default is true, and auto-created caches are billed as snapshots.
     * @default true
     */
    autoImageCache?: boolean;
    /**
     * Extra ephemeral storage for every ECI pod on top of the free 30 GiB (which the image uses too),
     * e.g. `"50Gi"` for shuffle-heavy jobs (`k8s.aliyun.com/eci-extra-ephemeral-storage`). Billed.
     * @default none
     */
    extraEphemeralStorage?: string;
    /**
     * Spot ECI instances for Spark executors (drivers stay on-demand), falling back to on-demand when
     * no spot capacity is left (`k8s.aliyun.com/eci-spot-fallback: "true"`). Turns Spark
     * decommissioning on for every job; it runs only when a pod is deleted gracefully (a scale-down),
     * not on a spot reclaim: ECI releases a reclaimed instance without running the pod's preStop
     * hook, and Spark recomputes the lost executor's blocks (docs/alicloud.md).
     * @default none (all pods on-demand)
     */
    spot?: AlicloudSpotArgs;
    /**
     * Images to pre-cache in one ECI image cache (versioned references such as
     * `apache/spark:3.5.3`), so even the first pod skips the pull.
     * @default [] (no image cache resource)
     */
    imageCaches?: string[];
    /**
     * A registry of your own holding copies of the public images the platform pulls, e.g. an ACR
     * namespace `registry-vpc.<region>.aliyuncs.com/<namespace>`: every image from Docker Hub, ghcr.io,
     * gcr.io, registry.k8s.io, Quay, public.ecr.aws or mcr.microsoft.com (the Spark operator, the
     * samples, the History Server, Spark Connect, the driver reaper, `imageCaches` and jobs) is pulled
     * as `<imageRegistry>/<last path segment>:<tag>` instead (`apache/spark:3.5.3` ->
     * `<imageRegistry>/spark:3.5.3`). For mainland China regions, where pulls from those registries
     * can fail, and to keep pulls off the NAT gateway. docs/alicloud.md ("Images") lists the images
     * to copy. An ACR VPC endpoint must be in the cluster's region.
     * @default none: images are pulled from where they are published
     */
    imageRegistry?: string;
    /**
     * Whether to install the `ack-pod-identity-webhook` add-on, which injects the RRSA token and
     * environment into pods whose namespace and service account ask for it, for your own SDK-based
     * applications. The platform's OSS storage does not need it: it gives Spark pods a RAM role
     * through ECI's `k8s.aliyun.com/eci-ram-role-name` annotation. In managed mode it needs
     * `systemNodePool`: the add-on's webhook runs as a Deployment in kube-system, and its
     * configuration takes no toleration for the virtual nodes' taint, so on virtual nodes only its
     * pods would never be scheduled.
     * @default false
     */
    podIdentityWebhook?: boolean;
    /**
     * A pre-flight check of the account at deploy time, before the cluster is created: the RAM roles
     * ACK and its add-ons assume here are looked up (`alicloud.ram.getRoles`, needing
     * `ram:ListRoles`), and a missing one stops `pulumi up` with one line naming it. ECI's
     * service-linked roles are only warned about (ECI creates them on first use). Whether ACK is
     * activated cannot be checked without activating it; docs/alicloud.md lists the one-time steps.
     * @default false
     */
    preflight?: boolean;
    /**
     * Lifetime of the client certificate in the kubeconfig (15-4320 minutes). A new one is fetched on
     * every `pulumi up`; `pulumi destroy` and `refresh` use the one stored (encrypted) in the state,
     * so a short lifetime means running `pulumi up` shortly before them.
     * @default ACK's default (a long-lived certificate)
     */
    kubeconfigValidityMinutes?: number;
    /**
     * Log collection of every Spark pod (stdout and stderr of drivers and executors on ECI) into a Log
     * Service (SLS) project and logstore the stack owns. See {@link AlicloudLogsArgs}.
     * @default { enabled: true, retentionDays: 30, retainOnDestroy: false }
     */
    logs?: AlicloudLogsArgs;
}

/** Log Service (SLS) collection of the Spark pods' output, through ECI's own collector (no DaemonSet). */
export interface AlicloudLogsArgs {
    /** Declare the SLS project and logstore and send every Spark pod's stdout and stderr there. @default true */
    enabled?: boolean;
    /** Days the logstore keeps logs, 1-3650. @default 30 */
    retentionDays?: number;
    /**
     * Keep the SLS project, its logstore and its logs on `pulumi destroy` (then delete them by hand:
     * they keep billing for storage). `false` deletes them with the stack.
     * @default false
     */
    retainOnDestroy?: boolean;
}

/**
 * The shape of {@link AckClusterSettings}; each message is the "expected" half of an error. The
 * enums (mode, spot strategy and roles) are strings here: their value rules check them, so the
 * message is the same whichever way a wrong value arrives.
 */
export const ackClusterSettingsSchema = z.strictObject(
    {
        mode: z.string({ error: "managed or serverless" }).optional(),
        name: z.string({ error: "an ACK cluster name" }).optional(),
        version: z.string({ error: 'a Kubernetes minor such as "1.36", or an exact ACK version such as "1.36.2-aliyun.1"' }).optional(),
        publicEndpoint: z.boolean({ error: "true or false" }).optional(),
        publicAccessCidrs: z.array(z.string({ error: "IPv4 CIDR" }), { error: "a list of IPv4 CIDRs" }).optional(),
        allowPublicAccessFromAnywhere: z.boolean({ error: "true or false" }).optional(),
        deletionProtection: z.boolean({ error: "true or false" }).optional(),
        serviceCidr: z.string({ error: "an IPv4 CIDR such as 192.168.0.0/16" }).optional(),
        systemNodePool: z
            .strictObject(
                {
                    instanceTypes: z.array(z.string({ error: "ECS instance type" }), { error: "a list of ECS instance types" }),
                    size: z.int({ error: "a whole number of nodes" }).optional(),
                    keyName: z.string({ error: "an ECS key pair name" }).optional(),
                },
                { error: "an object {instanceTypes, size, keyName}" },
            )
            .optional(),
        autoImageCache: z.boolean({ error: "true or false" }).optional(),
        extraEphemeralStorage: z.string({ error: 'a whole number of GiB such as "50Gi"' }).optional(),
        spot: z
            .strictObject(
                {
                    strategy: z.string({ error: "SpotAsPriceGo or SpotWithPriceLimit" }),
                    priceLimit: z.number({ error: "a price per hour" }).optional(),
                    roles: z.array(z.string({ error: "pod role" }), { error: "a list of pod roles" }).optional(),
                    fallbackSpecs: z.array(z.string({ error: 'an ECI spec such as "8-32Gi"' }), { error: 'a list of ECI specs such as ["8-32Gi"]' }).optional(),
                },
                { error: "an object {strategy, priceLimit, roles, fallbackSpecs}" },
            )
            .optional(),
        imageCaches: z.array(z.string({ error: "container image" }), { error: "a list of container images" }).optional(),
        imageRegistry: z.string({ error: "a registry and namespace such as registry-vpc.<region>.aliyuncs.com/<namespace>" }).optional(),
        podIdentityWebhook: z.boolean({ error: "true or false" }).optional(),
        preflight: z.boolean({ error: "true or false" }).optional(),
        kubeconfigValidityMinutes: z.int({ error: "a whole number of minutes" }).optional(),
        logs: z
            .strictObject(
                {
                    enabled: z.boolean({ error: "true or false" }).optional(),
                    retentionDays: z.int({ error: "a whole number of days" }).optional(),
                    retainOnDestroy: z.boolean({ error: "true or false" }).optional(),
                },
                { error: "an object {enabled, retentionDays, retainOnDestroy}" },
            )
            .optional(),
    },
    {
        error: "an object with mode, name, version, publicEndpoint, publicAccessCidrs, allowPublicAccessFromAnywhere, deletionProtection, serviceCidr, systemNodePool, autoImageCache, extraEphemeralStorage, spot, imageCaches, imageRegistry, podIdentityWebhook, preflight, kubeconfigValidityMinutes, logs",
    },
) as unknown as z.ZodType<AckClusterSettings>;

/** Arguments of `AlicloudServerlessCluster`. */
export interface AlicloudServerlessClusterArgs extends AckClusterSettings {
    /**
     * What a derived cluster name starts with, and the prefix of the names derived from the
     * cluster's (the SLS log project, the image cache) when `name` is not set. The platform passes
     * `serverless-spark`, the stacks' name up to 0.1, so their derived names stay as they were.
     * @default the component's name
     */
    defaultName?: string;
    /**
     * The region. Alibaba resources take their region from the provider, so this must be the region of
     * the `alicloud` provider the cluster is created with; it is used to check zone ids.
     * @default the provider's `alicloud:region`
     */
    region?: string;
    /**
     * The network.
     * @default none: `network.zoneIds` (a new VPC) or `network.vpcId` + `network.vswitchIds` is required
     */
    network?: AlicloudNetworkArgs;
}

/** Defaults of {@link AlicloudServerlessClusterArgs}, with where the outside facts come from. */
export const ALICLOUD_DEFAULTS = {
    mode: ClusterModes.Managed,
    /** ACK Pro: the managed control plane with an SLA (`clusterSpec` docs, @pulumi/alicloud 3.108.0). */
    clusterSpec: "ack.pro.small",
    publicEndpoint: false,
    deletionProtection: true,
    /** The service CIDR of the ACK example in the @pulumi/alicloud 3.108.0 `ManagedKubernetes` docs. */
    serviceCidr: "192.168.0.0/16",
    vpcCidr: "10.0.0.0/16",
    eipBandwidthMbps: 100,
    systemNodePoolSize: 2,
    autoImageCache: true,
    podIdentityWebhook: false,
    logsEnabled: true,
    /** A month of job logs; SLS bills storage by the day, so longer is a choice, not a default. */
    logRetentionDays: 30,
    logsRetainOnDestroy: false,
} as const;

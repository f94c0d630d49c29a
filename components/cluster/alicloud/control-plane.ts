import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";

import { checkComponentArgs } from "../../errors";
import type { ClusterMode } from "./args";
import { ACK_SLS_DELETE_OPTIONS } from "./logs";
import type { ResolvedAlicloudArgs } from "./validate";
import { AckVersionPlan, newestPatchOf } from "./version";

/**
 * Add-on names (ACK add-on docs and the @pulumi/alicloud 3.108.0 `ManagedKubernetes` examples, read
 * 2026-11-21).
 */
export const ACK_ADDONS = {
    /** ECI virtual nodes for an ACK managed cluster. */
    virtualNode: "ack-virtual-node",
    /** Terway: pods get VPC addresses from the vSwitches, as ECI pods do anyway. */
    terway: "terway-eniip",
    /**
     * CoreDNS run by ACK outside the cluster: a cluster of virtual nodes has no ECS node for
     * self-managed CoreDNS, and an ASK cluster without a DNS add-on cannot resolve Services (Spark
     * executors reach their driver through one).
     */
    managedCoreDns: "managed-coredns",
    /** Injects RRSA tokens and environment into pods (ack-pod-identity-webhook docs, 2025-12-16). */
    podIdentityWebhook: "ack-pod-identity-webhook",
} as const;

/** RRSA (RAM roles for service accounts): what RAM roles trust, as IRSA's `IrsaProvider` on AWS. */
export interface RrsaOidc {
    /** `acs:ram::<account>:oidc-provider/ack-rrsa-<cluster id>`. */
    oidcProviderArn: string;
    oidcProviderName: string;
    /** The issuer of the cluster's service-account tokens. */
    oidcIssuerUrl: string;
}

/** The ACK cluster and what hangs off it. */
export interface AckControlPlane {
    cluster: alicloud.cs.ManagedKubernetes | alicloud.cs.ServerlessKubernetes;
    clusterId: pulumi.Output<string>;
    securityGroupId: pulumi.Output<string>;
    rrsa: pulumi.Output<RrsaOidc>;
    /** The API server URL the kubeconfig must use: the intranet endpoint, or the internet one with `publicEndpoint`. */
    apiServer: pulumi.Output<string>;
    /** The ECI virtual-node add-on (managed mode). */
    virtualNode?: alicloud.cs.KubernetesAddon;
    systemNodePool?: alicloud.cs.NodePool;
}

/**
 * Declares the cluster for `r.mode`, always under the logical name `name`, so that switching modes
 * touches nothing but the cluster and its add-ons. Children of `parent`.
 * @param ackName the ACK cluster's name (`name`, or derived from the stack)
 * @param dependsOn the network's egress: ACK's own set-up and ECI pods need it, and on destroy the
 *   cluster (and the ENIs of its pods) must go before the NAT gateway and vSwitches
 * @param gate resolves when the pre-flight check passed (the cluster waits for it), or undefined
 */
export function createAckCluster(
    name: string,
    r: ResolvedAlicloudArgs,
    ackName: string,
    network: { vpcId: pulumi.Input<string>; vswitchIds: pulumi.Input<string[]> },
    dependsOn: pulumi.Resource[],
    parent: pulumi.Resource,
    gate?: pulumi.Output<unknown>,
): AckControlPlane {
    const version = ackVersionInput(r.version, r.mode, r.region, parent, name);
    const common = {
        name: ackName,
        clusterSpec: r.clusterSpec,
        version: version.value,
        // RRSA cannot be turned off once on (`enableRrsa` docs), so it is on from the start.
        enableRrsa: true,
        deletionProtection: r.deletionProtection,
        serviceCidr: r.serviceCidr,
        vswitchIds: network.vswitchIds,
        // The network brings its own NAT gateway and SNAT entries.
        newNatGateway: false,
        // No SLS project ACK made outlives the cluster (ours is declared on its own, see logs.ts).
        deleteOptions: ACK_SLS_DELETE_OPTIONS,
    };
    // A defaulted name is fixed at creation: a cluster made under the old default keeps it (cluster-name.ts).
    const opts = {
        parent,
        // Checks made at deploy time hold the cluster back; a failed one stops it with its own line
        // (thrown from an input instead, the engine would prefix it with the input's name).
        dependsOn: gate || version.check ? pulumi.all([gate, version.check]).apply(() => dependsOn) : dependsOn,
        ...(r.nameGiven ? {} : { ignoreChanges: ["name"] }),
    };

    if (r.mode === "serverless") {
        const cluster = new alicloud.cs.ServerlessKubernetes(
            name,
            {
                ...common,
                vpcId: network.vpcId,
                endpointPublicAccessEnabled: r.publicEndpoint,
                addons: [{ name: ACK_ADDONS.managedCoreDns }],
            },
            opts,
        );
        return {
            cluster,
            clusterId: cluster.id,
            securityGroupId: cluster.securityGroupId,
            rrsa: rrsaOf(cluster.rrsaMetadata),
            apiServer: serverlessApiServer(cluster.id, r.publicEndpoint, parent),
        };
    }

    const cluster = new alicloud.cs.ManagedKubernetes(
        name,
        {
            ...common,
            podVswitchIds: network.vswitchIds,
            slbInternetEnabled: r.publicEndpoint,
            isEnterpriseSecurityGroup: true,
            // The deprecated certificate attributes would put credentials in the state for nothing.
            skipSetCertificateAuthority: true,
            addons: [{ name: ACK_ADDONS.terway }, { name: ACK_ADDONS.managedCoreDns }],
        },
        opts,
    );
    const virtualNode = new alicloud.cs.KubernetesAddon(
        `${name}-virtual-node`,
        // Uninstalling the add-on must also remove the ECI resources it created, or they keep billing.
        { clusterId: cluster.id, name: ACK_ADDONS.virtualNode, cleanupCloudResources: true },
        { parent },
    );
    let systemNodePool: alicloud.cs.NodePool | undefined;
    if (r.systemNodePool !== undefined) {
        systemNodePool = new alicloud.cs.NodePool(
            `${name}-system`,
            {
                clusterId: cluster.id,
                nodePoolName: "system",
                vswitchIds: network.vswitchIds,
                instanceTypes: r.systemNodePool.instanceTypes,
                desiredSize: String(r.systemNodePool.size),
                // ACK's ECS nodes need a login method; a key pair keeps no password in the state.
                keyName: r.systemNodePool.keyName,
            },
            { parent },
        );
    }
    const apiServer = cluster.connections.apply((c) => (r.publicEndpoint ? c.apiServerInternet : c.apiServerIntranet) ?? "");
    return {
        cluster,
        clusterId: cluster.id,
        securityGroupId: cluster.securityGroupId,
        rrsa: rrsaOf(cluster.rrsaMetadata),
        apiServer,
        virtualNode,
        systemNodePool,
    };
}

/**
 * The API server URL of an ACK Serverless cluster: the resource exports no endpoints, and the
 * kubeconfig ACK returns is the internet one (`PrivateIpAddress=false`), which a cluster without a
 * public endpoint does not have. `alicloud.cs.getServerlessKubernetesClusters` with details reads
 * both endpoints (ACK's GetClusterEndpoints: terraform-provider-alicloud
 * `data_source_alicloud_cs_serverless_kubernetes_clusters.go`, read 2026-11-29), so the kubeconfig
 * is pointed at the intranet one, or the internet one with `publicEndpoint`, as in managed mode.
 */
function serverlessApiServer(clusterId: pulumi.Output<string>, publicEndpoint: boolean, parent: pulumi.Resource): pulumi.Output<string> {
    const found = alicloud.cs.getServerlessKubernetesClustersOutput({ ids: [clusterId], enableDetails: true }, { parent });
    return found.clusters.apply((clusters) => {
        const connections = clusters[0]?.connections;
        return (publicEndpoint ? connections?.apiServerInternet : connections?.apiServerIntranet) ?? "";
    });
}

function rrsaOf(metadata: pulumi.Output<{ ramOidcProviderArn: string; ramOidcProviderName: string; rrsaOidcIssuerUrl: string }>): pulumi.Output<RrsaOidc> {
    return metadata.apply((m) => ({ oidcProviderArn: m.ramOidcProviderArn, oidcProviderName: m.ramOidcProviderName, oidcIssuerUrl: m.rrsaOidcIssuerUrl }));
}

/**
 * What the cluster's `version` input gets: nothing for ACK's newest, the exact version as given, or
 * for a minor the newest patch ACK creates in the region, from `alicloud.cs.getKubernetesVersion`
 * (ACK's DescribeKubernetesVersionMetadata, which without a version or mode lists the creatable
 * versions: help.aliyun.com/document_detail/2667899.html, read 2026-11-29).
 *
 * With a minor, a later `pulumi up` after ACK ships a newer patch shows the cluster's `version`
 * changing, and applying it upgrades the control plane in place to that patch (as EKS moves its
 * own patch versions); ACK never downgrades. A minor the region no longer creates fails the deployment
 * with one line naming `version` and the minors it does create.
 */
function ackVersionInput(
    plan: AckVersionPlan,
    mode: ClusterMode,
    region: string,
    parent: pulumi.Resource,
    componentName: string,
): { value: pulumi.Output<string> | string | undefined; check?: pulumi.Output<true> } {
    if (plan.kind === "newest") return { value: undefined };
    if (plan.kind === "exact") return { value: plan.version };
    const metadata = alicloud.cs.getKubernetesVersionOutput(
        // ASK clusters are ManagedKubernetes with the Serverless profile (the data source's docs).
        { clusterType: "ManagedKubernetes", profile: mode === "serverless" ? "Serverless" : "Default" },
        { parent },
    );
    const resolved = metadata.metadatas.apply((list) => {
        try {
            return {
                version: newestPatchOf(
                    plan.minor,
                    list.map((m) => m.version),
                    region,
                ),
            };
        } catch (err) {
            return { version: "", error: err };
        }
    });
    return {
        value: resolved.apply((x) => x.version),
        check: resolved.apply((x) =>
            checkComponentArgs("AlicloudServerlessCluster", componentName, () => {
                if (x.error !== undefined) throw x.error;
                return true as const;
            }),
        ),
    };
}

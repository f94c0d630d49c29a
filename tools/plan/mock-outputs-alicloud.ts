import * as pulumi from "@pulumi/pulumi";

import { defineInvoke, defineOutputs, stableHex } from "./mock-outputs";

/**
 * Placeholder outputs of the Alibaba Cloud resources the ACK cluster component declares, shaped like
 * what Alibaba returns (`vpc-...`, `vsw-...`, `ngw-...`, `eip-...`, cluster ids `c<32 hex>`, RRSA
 * metadata, API server endpoints), plus the answer of the kubeconfig data source. Deterministic from
 * type and name, so two plans of one config are byte-identical. Import this module for its side
 * effect before the program runs.
 *
 * Cluster outputs depend on the logical name only, not on the cluster type, so a managed and a
 * serverless cluster of one name get the same id: what differs between the two plans is then only
 * what the component itself changes.
 */

/** A placeholder account id (Alibaba account ids are 16 digits). */
const ACCOUNT = "1234567890123456";

function regionOf(): string {
    return pulumi.runtime.getConfig("alicloud:region") ?? "cn-hangzhou";
}

/** An Alibaba-style id: prefix, dash, 24 lower-case hex digits (real ids use [a-z0-9]). */
function resourceId(prefix: string, type: string, name: string): string {
    return `${prefix}-${stableHex(24, type, name)}`;
}

/** A documentation address (RFC 5737), never someone's real one. */
function docAddress(net: "192.0.2" | "203.0.113", ...parts: string[]): string {
    return `${net}.${(parseInt(stableHex(2, ...parts), 16) % 254) + 1}`;
}

function simple(type: string, prefix: string, extra: (id: string, inputs: Record<string, any>) => Record<string, unknown> = () => ({})) {
    defineOutputs(type, (name, inputs) => {
        const id = resourceId(prefix, type, name);
        return { id, state: extra(id, inputs) };
    });
}

simple("alicloud:vpc/network:Network", "vpc", (id) => ({
    routeTableId: `vtb-${stableHex(24, "vtb", id)}`,
    routerId: `vrt-${stableHex(24, "vrt", id)}`,
    status: "Available",
}));
simple("alicloud:vpc/switch:Switch", "vsw", () => ({ status: "Available" }));
simple("alicloud:vpc/natGateway:NatGateway", "ngw", (id) => ({
    snatTableIds: `stb-${stableHex(24, "stb", id)}`,
    forwardTableIds: `ftb-${stableHex(24, "ftb", id)}`,
    status: "Available",
}));
defineOutputs("alicloud:ecs/eipAddress:EipAddress", (name) => {
    const id = resourceId("eip", "eip", name);
    return { id, state: { allocationId: id, ipAddress: docAddress("203.0.113", "eip", name), status: "InUse" } };
});
defineOutputs("alicloud:ecs/eipAssociation:EipAssociation", (_name, inputs) => ({ id: `${inputs.allocationId}:${inputs.instanceId}` }));
defineOutputs("alicloud:vpc/snatEntry:SnatEntry", (name, inputs) => {
    const entry = resourceId("snat", "snat", name);
    // The provider's id is `<snat table id>:<snat entry id>`.
    return { id: `${inputs.snatTableId}:${entry}`, state: { snatEntryId: entry, status: "Available" } };
});

/** The cluster id for a logical name: `c` and 32 hex digits, whatever the cluster type. */
function clusterIdOf(name: string): string {
    return `c${stableHex(32, "ack-cluster", name)}`;
}

function apiServerIntranet(clusterId: string): string {
    return `https://${docAddress("192.0.2", "api", clusterId)}:6443`;
}

function clusterState(name: string, inputs: Record<string, any>): { id: string; state: Record<string, unknown> } {
    const id = clusterIdOf(name);
    const region = regionOf();
    const providerName = `ack-rrsa-${id}`;
    return {
        id,
        state: {
            name: inputs.name ?? name,
            version: inputs.version ?? "1.36.1-aliyun.1",
            clusterSpec: inputs.clusterSpec ?? "ack.pro.small",
            vpcId: inputs.vpcId ?? `vpc-${stableHex(24, "ack-vpc", name)}`,
            securityGroupId: `sg-${stableHex(20, "ack-sg", name)}`,
            rrsaMetadata: {
                enabled: inputs.enableRrsa === true,
                rrsaOidcIssuerUrl: `https://oidc-ack-${region}.oss-${region}.aliyuncs.com/${id}`,
                ramOidcProviderName: providerName,
                ramOidcProviderArn: `acs:ram::${ACCOUNT}:oidc-provider/${providerName}`,
            },
        },
    };
}

defineOutputs("alicloud:cs/managedKubernetes:ManagedKubernetes", (name, inputs) => {
    const { id, state } = clusterState(name, inputs);
    const region = regionOf();
    return {
        id,
        state: {
            ...state,
            connections: {
                apiServerIntranet: apiServerIntranet(id),
                apiServerInternet: inputs.slbInternetEnabled === true ? `https://${docAddress("203.0.113", "api", id)}:6443` : "",
                serviceDomain: `*.${id}.${region}.alicontainer.com`,
            },
            slbId: `lb-${stableHex(20, "slb", id)}`,
            slbIntranet: docAddress("192.0.2", "api", id),
            workerRamRoleName: `KubernetesWorkerRole-${stableHex(8, "role", id)}`,
            natGatewayId: "",
        },
    };
});
defineOutputs("alicloud:cs/serverlessKubernetes:ServerlessKubernetes", clusterState);

defineOutputs("alicloud:cs/kubernetesAddon:KubernetesAddon", (_name, inputs) => ({
    id: `${inputs.clusterId}:${inputs.name}`,
    // ACK installs its current version of the add-on; the plan cannot know which.
    state: { version: inputs.version ?? "", nextVersion: "", canUpgrade: false, required: false, config: inputs.config ?? "" },
}));
defineOutputs("alicloud:cs/nodePool:NodePool", (name, inputs) => {
    const nodePoolId = `np${stableHex(32, "np", name)}`;
    return { id: `${inputs.clusterId}:${nodePoolId}`, state: { nodePoolId, scalingGroupId: `asg-${stableHex(20, "asg", name)}` } };
});
defineOutputs("alicloud:eci/imageCache:ImageCache", (name) => ({
    id: resourceId("imc", "imc", name),
    state: { containerGroupId: resourceId("eci", "eci", name), status: "Ready" },
}));

/** A base64 PEM placeholder (not a real certificate or key). */
function pemData(kind: "CERTIFICATE" | "RSA PRIVATE KEY", ...parts: string[]): string {
    const body = Buffer.from(stableHex(64, kind, ...parts).repeat(6), "hex").toString("base64");
    const lines = body.match(/.{1,64}/g)!.join("\n");
    return Buffer.from(`-----BEGIN ${kind}-----\n${lines}\n-----END ${kind}-----\n`).toString("base64");
}

/**
 * `alicloud.cs.getClusterCredential`: a kubeconfig shaped like ACK's (cluster `kubernetes`, a user
 * named by the account, a client certificate), for the cluster's internet endpoint, as the provider
 * asks ACK for (`PrivateIpAddress=false`); the component points it at the endpoint it should use.
 */
defineInvoke("alicloud:cs/getClusterCredential:getClusterCredential", (inputs) => {
    const clusterId = String(inputs.clusterId);
    const user = ACCOUNT;
    const context = `${user}-${clusterId}`;
    const clusterCert = pemData("CERTIFICATE", "ca", clusterId);
    const clientCert = pemData("CERTIFICATE", "client", clusterId);
    const clientKey = pemData("RSA PRIVATE KEY", "client-key", clusterId);
    const kubeConfig = [
        "apiVersion: v1",
        "clusters:",
        "- cluster:",
        `    server: https://${docAddress("203.0.113", "api", clusterId)}:6443`,
        `    certificate-authority-data: ${clusterCert}`,
        "  name: kubernetes",
        "contexts:",
        "- context:",
        "    cluster: kubernetes",
        `    user: "${user}"`,
        `  name: ${context}`,
        `current-context: ${context}`,
        "kind: Config",
        "preferences: {}",
        "users:",
        `- name: "${user}"`,
        "  user:",
        `    client-certificate-data: ${clientCert}`,
        `    client-key-data: ${clientKey}`,
        "",
    ].join("\n");
    return {
        id: stableHex(16, "credential", clusterId),
        clusterId,
        clusterName: "",
        kubeConfig,
        certificateAuthority: { clusterCert, clientCert, clientKey },
        expiration: "2029-11-21T00:00:00Z",
        ...(inputs.temporaryDurationMinutes !== undefined ? { temporaryDurationMinutes: inputs.temporaryDurationMinutes } : {}),
    };
});

/**
 * `alicloud.cs.getKubernetesVersion`: the versions ACK creates in the region. A placeholder list
 * shaped like ACK's answer (the newest patch of each of three minors), not a claim about any region
 * today: the plan shows which patch a minor would resolve to against it.
 */
export const MOCK_CREATABLE_ACK_VERSIONS = ["1.36.2-aliyun.1", "1.35.7-aliyun.1", "1.34.10-aliyun.1"] as const;
defineInvoke("alicloud:cs/getKubernetesVersion:getKubernetesVersion", (inputs) => ({
    id: stableHex(16, "ack-versions", String(inputs.profile ?? "")),
    clusterType: inputs.clusterType,
    ...(inputs.profile !== undefined ? { profile: inputs.profile } : {}),
    metadatas: MOCK_CREATABLE_ACK_VERSIONS.map((version) => ({ version, runtimes: [{ name: "containerd", version: "1.6.38" }] })),
}));

/**
 * `alicloud.cs.getServerlessKubernetesClusters` by id, with details: the clusters' endpoints (an
 * intranet one always; the internet one is a placeholder too, the plan cannot know whether ACK made it).
 */
defineInvoke("alicloud:cs/getServerlessKubernetesClusters:getServerlessKubernetesClusters", (inputs) => {
    const ids: string[] = inputs.ids ?? [];
    return {
        id: stableHex(16, "ask-clusters", ...ids),
        ids,
        names: ids.map((id) => `ask-${id}`),
        clusters: ids.map((id) => ({
            id,
            name: `ask-${id}`,
            connections: {
                apiServerIntranet: apiServerIntranet(id),
                apiServerInternet: `https://${docAddress("203.0.113", "api", id)}:6443`,
                masterPublicIp: docAddress("203.0.113", "api", id),
            },
        })),
    };
});

/**
 * `alicloud.ram.getRoles` by a name pattern `^(a|b|...)$` (the pre-flight check's): every role it
 * names, as in an account whose ACK roles are authorized. A test passes its own answer to see a
 * fresh account.
 */
defineInvoke("alicloud:ram/getRoles:getRoles", (inputs) => {
    const names = /^\^\((.*)\)\$$/.exec(String(inputs.nameRegex ?? ""))?.[1]?.split("|") ?? [];
    return {
        id: stableHex(16, "ram-roles", ...names),
        ...(inputs.nameRegex !== undefined ? { nameRegex: inputs.nameRegex } : {}),
        ids: names.map((n) => stableHex(19, "role", n)),
        names,
        roles: names.map((name) => ({ id: stableHex(19, "role", name), name, arn: `acs:ram::${ACCOUNT}:role/${name.toLowerCase()}` })),
    };
});

simple("alicloud:slb/acl:Acl", "acl");
defineOutputs("alicloud:slb/aclEntryAttachment:AclEntryAttachment", (_name, inputs) => ({ id: `${inputs.aclId}:${inputs.entry}` }));

/** `alicloud.vpc.getNetworks` by id: your own VPC, with a placeholder CIDR. */
defineInvoke("alicloud:vpc/getNetworks:getNetworks", (inputs) => {
    const ids: string[] = inputs.ids ?? [];
    return {
        id: stableHex(16, "vpcs", ...ids),
        ids,
        names: ids.map((id) => `vpc-of-${id}`),
        vpcs: ids.map((id) => ({ id, vpcId: id, cidrBlock: "172.16.0.0/16", vpcName: `vpc-of-${id}`, status: "Available" })),
    };
});

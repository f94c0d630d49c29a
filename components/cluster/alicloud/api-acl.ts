import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";

/**
 * ACK's own control-plane range, which any allow-list on the API server's listener must admit, or
 * the control plane loses the API server (alibabacloud.com/help/en/ack/cluster-access-control,
 * updated 2026-03-26, read 2026-11-29).
 */
export const ACK_CONTROL_PLANE_CIDR = "100.104.0.0/16";

/** The API server's allow-list and the one step the provider cannot take. */
export interface ApiServerAcl {
    acl: alicloud.slb.Acl;
    entries: alicloud.slb.AclEntryAttachment[];
    /**
     * The Alibaba Cloud CLI command that binds the ACL to the 6443 listener of the API server's load
     * balancer as an allow-list (SLB `SetLoadBalancerTCPListenerAttribute`, `AclStatus`, `AclType`,
     * `AclId`). ACK creates that listener itself and the provider has no resource that changes a
     * listener it did not create, so this is run once, by hand.
     */
    binding: pulumi.Output<string>;
}

/**
 * An allow-list ACL for the public API server: the admin networks, ACK's control-plane range and
 * the VPC's CIDR (cluster nodes and ECI pods reach the API server through the same load balancer:
 * the public and internal endpoints share it, so the list applies to both).
 */
export function createApiServerAcl(
    name: string,
    adminCidrs: string[],
    vpcCidr: pulumi.Input<string>,
    slbId: pulumi.Input<string> | undefined,
    parent: pulumi.Resource,
    cluster?: pulumi.Resource,
): ApiServerAcl {
    // After the cluster: once bound to the listener of the cluster's load balancer, the ACL can only
    // be deleted after that load balancer, which `pulumi destroy` then deletes first (with the cluster).
    const acl = new alicloud.slb.Acl(
        `${name}-api-server`,
        { name: `${name}-api-server`, ipVersion: "ipv4" },
        { parent, ...(cluster ? { dependsOn: [cluster] } : {}) },
    );
    const wanted: { cidr: pulumi.Input<string>; label: string; comment: string }[] = [
        ...adminCidrs.map((cidr) => ({ cidr, label: cidr.replace(/[./]/g, "-"), comment: "admin network" })),
        { cidr: ACK_CONTROL_PLANE_CIDR, label: "ack-control-plane", comment: "ACK control plane" },
        { cidr: vpcCidr, label: "vpc", comment: "cluster VPC" },
    ];
    const entries = wanted.map(
        ({ cidr, label, comment }) => new alicloud.slb.AclEntryAttachment(`${name}-api-server-${label}`, { aclId: acl.id, entry: cidr, comment }, { parent }),
    );
    // ACK Serverless exposes no load balancer id: the console's Cluster Information page shows it.
    const lb = slbId ?? "<the API server's CLB id, from the cluster's Cluster Information page>";
    const binding = pulumi.interpolate`aliyun slb SetLoadBalancerTCPListenerAttribute --LoadBalancerId ${lb} --ListenerPort 6443 --AclStatus on --AclType white --AclId ${acl.id}`;
    return { acl, entries, binding };
}

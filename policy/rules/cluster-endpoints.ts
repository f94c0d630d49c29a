import type { ResourceRule, StackRule, StackViolation } from "./types";
import { asList, isObj, isOpaque, strings } from "./util";

/** EKS: the private API endpoint is on and Kubernetes secrets are envelope-encrypted with KMS. */
export const eksPrivateEncrypted: ResourceRule = {
    kind: "resource",
    name: "eks-private-endpoint-encrypted-secrets",
    description: "EKS clusters keep the private API endpoint on and encrypt Kubernetes secrets with a KMS key.",
    check(type, props) {
        if (type !== "aws:eks/cluster:Cluster") return [];
        const out: string[] = [];
        const vpc = props.vpcConfig;
        if (!isObj(vpc) || (vpc.endpointPrivateAccess !== true && !isOpaque(vpc.endpointPrivateAccess))) {
            out.push("vpcConfig.endpointPrivateAccess must be true (the provider's default is false)");
        }
        // aws v6/v7 take one object; older versions a list: accept either.
        const encrypted = asList(props.encryptionConfig)
            .filter(isObj)
            // `in`, not a read: the key's ARN is unknown at preview when the key is created in the same run.
            .some((c) => (isOpaque(c.resources) || strings(c.resources).includes("secrets")) && isObj(c.provider) && "keyArn" in c.provider);
        if (!encrypted) {
            out.push('encryptionConfig must encrypt secrets with a KMS key (resources: ["secrets"], provider.keyArn)');
        }
        return out;
    },
};

/** Config of {@link ackApiServerPrivate}. */
export interface AckApiServerConfig {
    /** The stack exposes its API server without an allow-list on purpose. @default false */
    allowPublicApiServer?: boolean;
}

const OPT_OUT = "or set allowPublicApiServer: true in this policy's config for a stack that exposes it on purpose";
const ACL = "alicloud:slb/acl:Acl";
const ACL_ENTRY = "alicloud:slb/aclEntryAttachment:AclEntryAttachment";

/** Why a cluster's API server is public, or undefined when it is not (or cannot be told at preview). */
function publicApiServer(type: string, props: Record<string, any>): string | undefined {
    if (type === "alicloud:cs/managedKubernetes:ManagedKubernetes" || type === "alicloud:cs/kubernetes:Kubernetes") {
        // The provider's default is true: an unset field means a public endpoint for the API server.
        if (props.slbInternetEnabled !== false && !isOpaque(props.slbInternetEnabled)) {
            const value = props.slbInternetEnabled === undefined ? "unset (the provider's default is true)" : JSON.stringify(props.slbInternetEnabled);
            return `slbInternetEnabled is ${value}: the API server gets an internet endpoint`;
        }
    }
    if (type === "alicloud:cs/serverlessKubernetes:ServerlessKubernetes" && props.endpointPublicAccessEnabled === true) {
        return "endpointPublicAccessEnabled is true: the API server gets a public EIP";
    }
    return undefined;
}

/**
 * ACK / ASK: the API server is private, or public with an allow-list: the stack declares an SLB ACL
 * with entries and none of them is 0.0.0.0/0 (ACK's allow-list lives on the API server's load
 * balancer listener: alibabacloud.com/help/en/ack/cluster-access-control, read 2026-11-29). A stack
 * rule, since the list is separate resources.
 */
export const ackApiServerPrivate: StackRule = {
    kind: "stack",
    name: "ack-api-server-private",
    description:
        "ACK and ACK Serverless API servers are private, or public behind an SLB allow-list ACL without 0.0.0.0/0, unless the policy's config sets allowPublicApiServer.",
    configSchema: {
        properties: {
            allowPublicApiServer: {
                type: "boolean",
                default: false,
                description: "Allow a public API server endpoint without an allow-list (for stacks that expose it on purpose).",
            },
        },
    },
    check(resources, config) {
        if ((config as AckApiServerConfig).allowPublicApiServer === true) return [];
        const entries = resources.filter((r) => r.type === ACL_ENTRY).map((r) => r.props.entry);
        const hasAcl = resources.some((r) => r.type === ACL) && entries.length > 0;
        const openToAll = entries.includes("0.0.0.0/0");
        const out: StackViolation[] = [];
        for (const r of resources) {
            const why = publicApiServer(r.type, r.props);
            if (why === undefined) continue;
            if (!hasAcl) {
                out.push({
                    resource: r.id,
                    message: `${why} and the stack declares no allow-list ACL (alicloud.slb.Acl with entries); keep it private, ${OPT_OUT}`,
                });
            } else if (openToAll) {
                out.push({ resource: r.id, message: `${why} and its allow-list ACL admits 0.0.0.0/0; list your admin networks, ${OPT_OUT}` });
            }
        }
        return out;
    },
};

/** Config of {@link eksPublicEndpointAllowList}. */
export interface EksPublicEndpointConfig {
    /** The stack opens its public endpoint to the whole internet on purpose. @default false */
    allowPublicAccessFromAnywhere?: boolean;
}

/**
 * EKS: a public API endpoint has an explicit allow-list without `0.0.0.0/0`. EKS's own default for
 * `publicAccessCidrs` is `0.0.0.0/0` (docs.aws.amazon.com/eks/latest/APIReference/API_VpcConfigRequest.html,
 * read 2026-11-29), so leaving it unset opens the endpoint to the internet.
 */
export const eksPublicEndpointAllowList: ResourceRule = {
    kind: "resource",
    name: "eks-public-endpoint-allow-list",
    description:
        "A public EKS API endpoint lists the networks allowed to reach it, without 0.0.0.0/0, unless the policy's config sets allowPublicAccessFromAnywhere.",
    configSchema: {
        properties: {
            allowPublicAccessFromAnywhere: {
                type: "boolean",
                default: false,
                description: "Allow 0.0.0.0/0 (or no list) on a public EKS endpoint (for stacks that expose it on purpose).",
            },
        },
    },
    check(type, props, config) {
        if (type !== "aws:eks/cluster:Cluster" || (config as EksPublicEndpointConfig).allowPublicAccessFromAnywhere === true) return [];
        const vpc = props.vpcConfig;
        if (!isObj(vpc) || vpc.endpointPublicAccess === false || isOpaque(vpc.endpointPublicAccess) || isOpaque(vpc.publicAccessCidrs)) return [];
        const optOut = "or set allowPublicAccessFromAnywhere: true in this policy's config for a stack that exposes it on purpose";
        const cidrs = strings(vpc.publicAccessCidrs);
        if (cidrs.length === 0) {
            return [`vpcConfig.publicAccessCidrs is unset on a public endpoint: EKS then admits 0.0.0.0/0; list your admin networks, ${optOut}`];
        }
        return cidrs.includes("0.0.0.0/0")
            ? [`vpcConfig.publicAccessCidrs includes 0.0.0.0/0: the API server is open to the internet; list your admin networks, ${optOut}`]
            : [];
    },
};

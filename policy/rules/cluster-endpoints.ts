import type { ResourceRule } from "./types";
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
    /** The stack exposes its API server on purpose. @default false */
    allowPublicApiServer?: boolean;
}

const OPT_OUT = "or set allowPublicApiServer: true in this policy's config for a stack that exposes it on purpose";

/** ACK / ASK: no public API server endpoint unless the stack opts out through the policy's config. */
export const ackApiServerPrivate: ResourceRule = {
    kind: "resource",
    name: "ack-api-server-private",
    description: "ACK and ACK Serverless API servers get no public endpoint, unless the policy's config sets allowPublicApiServer.",
    configSchema: {
        properties: {
            allowPublicApiServer: {
                type: "boolean",
                default: false,
                description: "Allow a public API server endpoint (for stacks that expose it on purpose).",
            },
        },
    },
    check(type, props, config) {
        if ((config as AckApiServerConfig).allowPublicApiServer === true) return [];
        if (type === "alicloud:cs/managedKubernetes:ManagedKubernetes" || type === "alicloud:cs/kubernetes:Kubernetes") {
            // The provider's default is true: an unset field means a public SLB for the API server.
            if (props.slbInternetEnabled !== false && !isOpaque(props.slbInternetEnabled)) {
                const value = props.slbInternetEnabled === undefined ? "unset (the provider's default is true)" : JSON.stringify(props.slbInternetEnabled);
                return [`slbInternetEnabled is ${value}: the API server gets an internet-facing SLB; set slbInternetEnabled: false, ${OPT_OUT}`];
            }
        }
        if (type === "alicloud:cs/serverlessKubernetes:ServerlessKubernetes" && props.endpointPublicAccessEnabled === true) {
            return [`endpointPublicAccessEnabled is true: the API server gets a public EIP; leave it false, ${OPT_OUT}`];
        }
        return [];
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

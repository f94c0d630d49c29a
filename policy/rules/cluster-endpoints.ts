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

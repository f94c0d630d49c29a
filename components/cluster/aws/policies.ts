/**
 * IAM policy documents of the EKS Fargate cluster, as plain functions of plain values (tested
 * without Pulumi). Every Allow names its actions and resources; nothing is `*`.
 */

/** An IAM policy statement (the subset used here). */
export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Principal?: Record<string, string | string[]> | "*";
    Action: string | string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

/** An IAM policy document. */
export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** An AWS managed policy's ARN, e.g. `arn:aws:iam::aws:policy/AmazonEKSClusterPolicy`. */
export function managedPolicyArn(partition: string, name: string): string {
    return `arn:${partition}:iam::aws:policy/${name}`;
}

/** An EKS access policy's ARN, e.g. `arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`. */
export function eksAccessPolicyArn(partition: string, name: string): string {
    return `arn:${partition}:eks::aws:cluster-access-policy/${name}`;
}

/** Trust of the cluster role: only the EKS service assumes it. */
export function eksClusterTrustPolicy(): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
            },
        ],
    };
}

/**
 * The ARN pattern of this cluster's Fargate profiles, from the cluster's ARN:
 * `arn:aws:eks:<region>:<account>:cluster/<name>` -> `arn:aws:eks:<region>:<account>:fargateprofile/<name>/*`.
 */
export function fargateProfileArnPattern(clusterArn: string): string {
    const marker = ":cluster/";
    const at = clusterArn.lastIndexOf(marker);
    if (at < 0) {
        throw new Error(`not an EKS cluster ARN: ${clusterArn}`);
    }
    return `${clusterArn.slice(0, at)}:fargateprofile/${clusterArn.slice(at + marker.length)}/*`;
}

/**
 * Trust of the Fargate pod execution role: the Fargate service, and only on behalf of this
 * cluster's Fargate profiles (`aws:SourceArn`, against the confused-deputy problem).
 */
export function fargatePodTrustPolicy(clusterArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "eks-fargate-pods.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { ArnLike: { "aws:SourceArn": fargateProfileArnPattern(clusterArn) } },
            },
        ],
    };
}

/** What the cluster role needs on the key that envelope-encrypts Kubernetes secrets. */
export function clusterKmsPolicy(keyArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "EnvelopeEncryptKubernetesSecrets",
                Effect: "Allow",
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
                Resource: keyArn,
            },
        ],
    };
}

/** The cluster's IAM OIDC provider, as an IRSA role's trust needs it. */
export interface IrsaProvider {
    /** ARN of the IAM OIDC provider (`arn:aws:iam::<account>:oidc-provider/oidc.eks...`). */
    oidcProviderArn: string;
    /** The cluster's issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<id>`). */
    oidcIssuerUrl: string;
}

/**
 * Trust of an IRSA role: web-identity tokens from this cluster's issuer, for exactly the given
 * service accounts (`<issuer>:sub`) and with the STS audience (`<issuer>:aud`).
 * @param serviceAccounts `namespace/name` pairs
 */
export function irsaTrustPolicy(provider: IrsaProvider, serviceAccounts: readonly { namespace: string; name: string }[]): PolicyDocument {
    const issuer = provider.oidcIssuerUrl.replace(/^https:\/\//, "");
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: provider.oidcProviderArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${issuer}:sub`]: serviceAccounts.map((sa) => `system:serviceaccount:${sa.namespace}:${sa.name}`),
                        [`${issuer}:aud`]: "sts.amazonaws.com",
                    },
                },
            },
        ],
    };
}

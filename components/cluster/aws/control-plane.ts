import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { clusterKmsPolicy, eksAccessPolicyArn, eksClusterTrustPolicy, managedPolicyArn } from "./policies";
import type { ResolvedEksArgs } from "./validate";

/** The EKS control plane and what it is made of. */
export interface ControlPlane {
    cluster: aws.eks.Cluster;
    role: aws.iam.Role;
    secretsKey: aws.kms.Key;
    logGroup: aws.cloudwatch.LogGroup;
    /** Ingress rules letting `privateAccessCidrs` reach the private endpoint. */
    privateAccess: aws.vpc.SecurityGroupIngressRule[];
    /** The admin access entry's policy association, when `adminPrincipalArn` was given. */
    adminAccess?: aws.eks.AccessPolicyAssociation;
}

/**
 * Declares the cluster role, the KMS key for secrets, the control-plane log group and the EKS
 * cluster (API authentication mode, private endpoint, optional public endpoint with an allow-list,
 * every log type), plus an access entry for the admin principal. Children of `parent`.
 */
export function createControlPlane(name: string, r: ResolvedEksArgs, subnetIds: pulumi.Input<string[]>, parent: pulumi.Resource): ControlPlane {
    const child = { parent };
    const region = r.region;

    const role = new aws.iam.Role(
        `${name}-cluster`,
        { assumeRolePolicy: JSON.stringify(eksClusterTrustPolicy()), description: `EKS control plane of ${r.clusterName}` },
        child,
    );
    const clusterPolicy = new aws.iam.RolePolicyAttachment(
        `${name}-cluster`,
        { role: role.name, policyArn: managedPolicyArn(r.partition, "AmazonEKSClusterPolicy") },
        child,
    );

    const secretsKey = new aws.kms.Key(
        `${name}-secrets`,
        {
            region,
            description: `Envelope encryption of Kubernetes secrets in EKS cluster ${r.clusterName}`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
        },
        child,
    );
    const keyAccess = new aws.iam.RolePolicy(
        `${name}-cluster-kms`,
        { role: role.name, policy: secretsKey.arn.apply((arn) => JSON.stringify(clusterKmsPolicy(arn))) },
        child,
    );

    // Created before the cluster so EKS writes into a group with a retention (its own never expires).
    // Kept on destroy: the deleting cluster re-creates it anyway (see `adoptLogGroup`), and its logs
    // are the record of what the cluster did. A log group's import id is its name.
    const logGroupName = `/aws/eks/${r.clusterName}/cluster`;
    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-control-plane`,
        { region, name: logGroupName, retentionInDays: r.logRetentionDays },
        { ...child, retainOnDelete: true, ...(r.adoptLogGroup ? { import: logGroupName } : {}) },
    );

    const cluster = new aws.eks.Cluster(
        name,
        {
            region,
            name: r.clusterName,
            version: r.version,
            upgradePolicy: { supportType: r.upgradePolicy },
            roleArn: role.arn,
            vpcConfig: {
                subnetIds,
                endpointPrivateAccess: true,
                endpointPublicAccess: r.publicEndpoint,
                ...(r.publicEndpoint ? { publicAccessCidrs: r.publicAccessCidrs } : {}),
            },
            accessConfig: {
                // Access entries only: no aws-auth ConfigMap. The creator's own entry is fixed at
                // creation (changing it would replace the cluster), so it is always on.
                authenticationMode: "API",
                bootstrapClusterCreatorAdminPermissions: true,
            },
            encryptionConfig: { provider: { keyArn: secretsKey.arn }, resources: ["secrets"] },
            enabledClusterLogTypes: r.controlPlaneLogTypes,
        },
        // The role's permissions must outlive the cluster on delete, or EKS cannot clean up.
        { parent, dependsOn: [clusterPolicy, keyAccess, logGroup] },
    );

    // The cluster security group admits only itself; a private-only cluster is reached from a
    // connected network through these rules. Named by CIDR, so editing the list touches only the
    // rules it changes.
    const privateAccess = r.privateAccessCidrs.map(
        (cidr) =>
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-api-from-${cidr.replace(/[./]/g, "-")}`,
                {
                    region,
                    securityGroupId: cluster.vpcConfig.clusterSecurityGroupId,
                    cidrIpv4: cidr,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    description: `Kubernetes API of ${r.clusterName} from ${cidr}`,
                },
                child,
            ),
    );

    let adminAccess: aws.eks.AccessPolicyAssociation | undefined;
    if (r.adminPrincipalArn !== undefined) {
        const entry = new aws.eks.AccessEntry(
            `${name}-admin`,
            { region, clusterName: cluster.name, principalArn: r.adminPrincipalArn, type: "STANDARD" },
            child,
        );
        adminAccess = new aws.eks.AccessPolicyAssociation(
            `${name}-admin`,
            {
                region,
                clusterName: cluster.name,
                principalArn: entry.principalArn,
                policyArn: eksAccessPolicyArn(r.partition, "AmazonEKSClusterAdminPolicy"),
                accessScope: { type: "cluster" },
            },
            child,
        );
    }
    return { cluster, role, secretsKey, logGroup, adminAccess, privateAccess };
}

import * as pulumi from "@pulumi/pulumi";

import { defineOutputs, stableHex } from "./mock-outputs";

/**
 * Placeholder outputs of the AWS resources the EKS Fargate cluster and S3 storage declare, shaped
 * like what AWS returns (ids such as `vpc-<17 hex>`, ARNs in account 123456789012, an EKS endpoint
 * and OIDC issuer, a certificate authority). Deterministic from type and name, so two plans of one
 * config are byte-identical. Import this module for its side effect before the program runs.
 */

const ACCOUNT = "123456789012";

function regionOf(inputs: Record<string, any>): string {
    return inputs.region ?? pulumi.runtime.getConfig("aws:region") ?? "us-east-1";
}

function partitionOf(region: string): string {
    return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

function uuid(...parts: string[]): string {
    const h = stableHex(32, ...parts);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** An EC2-style id (`vpc-0123456789abcdef0`) and its ARN. */
function ec2(type: string, prefix: string, resource: string) {
    defineOutputs(type, (name, inputs) => {
        const id = `${prefix}-${stableHex(17, type, name)}`;
        const region = regionOf(inputs);
        return { id, state: { arn: `arn:${partitionOf(region)}:ec2:${region}:${ACCOUNT}:${resource}/${id}`, ownerId: ACCOUNT } };
    });
}

ec2("aws:ec2/vpc:Vpc", "vpc", "vpc");
ec2("aws:ec2/subnet:Subnet", "subnet", "subnet");
ec2("aws:ec2/internetGateway:InternetGateway", "igw", "internet-gateway");
ec2("aws:ec2/routeTable:RouteTable", "rtb", "route-table");
ec2("aws:ec2/natGateway:NatGateway", "nat", "natgateway");
ec2("aws:ec2/vpcEndpoint:VpcEndpoint", "vpce", "vpc-endpoint");
ec2("aws:ec2/securityGroup:SecurityGroup", "sg", "security-group");

defineOutputs("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", (name, inputs) => {
    const id = `sgr-${stableHex(17, "sgr", name)}`;
    const region = regionOf(inputs);
    return { id, state: { arn: `arn:${partitionOf(region)}:ec2:${region}:${ACCOUNT}:security-group-rule/${id}`, securityGroupRuleId: id } };
});
defineOutputs("aws:ec2/route:Route", (_name, inputs) => ({ id: `r-${inputs.routeTableId}1080289494`, state: { state: "active", origin: "CreateRoute" } }));
defineOutputs("aws:ec2/routeTableAssociation:RouteTableAssociation", (name) => ({ id: `rtbassoc-${stableHex(17, "rtbassoc", name)}` }));
defineOutputs("aws:ec2/eip:Eip", (name) => {
    const id = `eipalloc-${stableHex(17, "eip", name)}`;
    const n = parseInt(stableHex(2, "eip-ip", name), 16);
    // 203.0.113.0/24 is documentation space (RFC 5737): never someone's real address.
    return { id, state: { allocationId: id, publicIp: `203.0.113.${(n % 254) + 1}`, domain: "vpc" } };
});

function iamArn(inputs: Record<string, any>, resource: string): string {
    return `arn:${partitionOf(regionOf(inputs))}:iam::${ACCOUNT}:${resource}`;
}

defineOutputs("aws:iam/role:Role", (name, inputs) => {
    const roleName = inputs.name ?? `${name}-${stableHex(7, "role", name)}`;
    return { id: roleName, state: { name: roleName, arn: iamArn(inputs, `role/${roleName}`), uniqueId: `AROA${stableHex(17, "role", name).toUpperCase()}` } };
});
defineOutputs("aws:iam/rolePolicy:RolePolicy", (name, inputs) => {
    const policyName = inputs.name ?? `${name}-${stableHex(7, "policy", name)}`;
    return { id: `${inputs.role}:${policyName}`, state: { name: policyName } };
});
defineOutputs("aws:iam/rolePolicyAttachment:RolePolicyAttachment", (name, inputs) => ({ id: `${inputs.role}-${stableHex(20, "attachment", name)}` }));
defineOutputs("aws:iam/openIdConnectProvider:OpenIdConnectProvider", (_name, inputs) => {
    const arn = iamArn(inputs, `oidc-provider/${String(inputs.url).replace(/^https:\/\//, "")}`);
    return { id: arn, state: { arn } };
});

defineOutputs("aws:kms/key:Key", (name, inputs) => {
    const keyId = uuid("kms", name);
    const region = regionOf(inputs);
    return { id: keyId, state: { keyId, arn: `arn:${partitionOf(region)}:kms:${region}:${ACCOUNT}:key/${keyId}` } };
});
defineOutputs("aws:cloudwatch/logGroup:LogGroup", (name, inputs) => {
    const groupName = inputs.name ?? `${name}-${stableHex(7, "logs", name)}`;
    const region = regionOf(inputs);
    return { id: groupName, state: { name: groupName, arn: `arn:${partitionOf(region)}:logs:${region}:${ACCOUNT}:log-group:${groupName}` } };
});

/** A base64 PEM the way EKS returns `certificateAuthority.data` (a placeholder, not a real certificate). */
function certificateData(name: string): string {
    const body = Buffer.from(stableHex(64, "ca", name).repeat(6), "hex").toString("base64");
    const lines = body.match(/.{1,64}/g)!.join("\n");
    return Buffer.from(`-----BEGIN CERTIFICATE-----\n${lines}\n-----END CERTIFICATE-----\n`).toString("base64");
}

function eksArn(inputs: Record<string, any>, resource: string): string {
    const region = regionOf(inputs);
    return `arn:${partitionOf(region)}:eks:${region}:${ACCOUNT}:${resource}`;
}

defineOutputs("aws:eks/cluster:Cluster", (name, inputs) => {
    const clusterName = inputs.name ?? `${name}-${stableHex(7, "eks", name)}`;
    const region = regionOf(inputs);
    // EKS uses one id for the endpoint host and the OIDC issuer path.
    const hex = stableHex(32, "eks", clusterName).toUpperCase();
    return {
        id: clusterName,
        state: {
            name: clusterName,
            arn: eksArn(inputs, `cluster/${clusterName}`),
            endpoint: `https://${hex}.gr7.${region}.eks.amazonaws.com`,
            certificateAuthority: { data: certificateData(clusterName) },
            identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${hex}` }] }],
            clusterId: uuid("eks-id", clusterName),
            platformVersion: "eks.1",
            status: "ACTIVE",
            vpcConfig: { ...(inputs.vpcConfig ?? {}), clusterSecurityGroupId: `sg-${stableHex(17, "eks-sg", clusterName)}` },
        },
    };
});
defineOutputs("aws:eks/accessEntry:AccessEntry", (name, inputs) => ({
    id: `${inputs.clusterName}:${inputs.principalArn}`,
    state: { accessEntryArn: eksArn(inputs, `access-entry/${inputs.clusterName}/${uuid("entry", name)}`), type: inputs.type ?? "STANDARD" },
}));
defineOutputs("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", (_name, inputs) => ({
    id: `${inputs.clusterName}#${inputs.principalArn}#${inputs.policyArn}`,
    state: { associatedAt: "2026-01-01T00:00:00Z" },
}));
defineOutputs("aws:eks/fargateProfile:FargateProfile", (name, inputs) => ({
    id: `${inputs.clusterName}:${inputs.fargateProfileName}`,
    state: { arn: eksArn(inputs, `fargateprofile/${inputs.clusterName}/${inputs.fargateProfileName}/${uuid("fp", name)}`), status: "ACTIVE" },
}));
defineOutputs("aws:eks/addon:Addon", (name, inputs) => ({
    id: `${inputs.clusterName}:${inputs.addonName}`,
    state: {
        arn: eksArn(inputs, `addon/${inputs.clusterName}/${inputs.addonName}/${uuid("addon", name)}`),
        addonVersion: inputs.addonVersion ?? "v1.11.4-eksbuild.2",
    },
}));

// AMP: workspace ids are `ws-<uuid>`, scraper ids `s-<uuid>`; the scraper's role is its
// service-linked role under the aws-service-role path, as `aws amp describe-scraper` shows it.
defineOutputs("aws:amp/workspace:Workspace", (name, inputs) => {
    const region = regionOf(inputs);
    const id = `ws-${uuid("amp-ws", name)}`;
    return {
        id,
        state: {
            arn: `arn:${partitionOf(region)}:aps:${region}:${ACCOUNT}:workspace/${id}`,
            prometheusEndpoint: `https://aps-workspaces.${region}.amazonaws.com/workspaces/${id}/`,
        },
    };
});
defineOutputs("aws:amp/scraper:Scraper", (name, inputs) => {
    const region = regionOf(inputs);
    const id = `s-${uuid("amp-scraper", name)}`;
    return {
        id,
        state: {
            arn: `arn:${partitionOf(region)}:aps:${region}:${ACCOUNT}:scraper/${id}`,
            roleArn: `arn:${partitionOf(region)}:iam::${ACCOUNT}:role/aws-service-role/scraper.aps.amazonaws.com/AWSServiceRoleForAmazonPrometheusScraper_${stableHex(12, "amp-role", name)}`,
        },
    };
});

defineOutputs("aws:s3/bucket:Bucket", (name, inputs) => {
    const bucket = inputs.bucket ?? `${name}-${stableHex(7, "bucket", name)}`;
    const region = regionOf(inputs);
    return {
        id: bucket,
        state: {
            bucket,
            arn: `arn:${partitionOf(region)}:s3:::${bucket}`,
            bucketDomainName: `${bucket}.s3.amazonaws.com`,
            bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
            region,
        },
    };
});
for (const type of [
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketVersioning:BucketVersioning",
]) {
    defineOutputs(type, (_name, inputs) => ({ id: String(inputs.bucket) }));
}
defineOutputs("aws:s3/bucketObject:BucketObject", (name, inputs) => ({
    id: String(inputs.key),
    state: { etag: stableHex(32, "etag", name, String(inputs.content ?? "")), versionId: "" },
}));

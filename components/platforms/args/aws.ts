import type { SparkPlatformConfig } from "./common";

/** Arguments of `AwsSparkPlatform`: the `aws` stack's config. */

/** How many NAT gateways a new VPC gets. */
export const NatGatewayCount = { Single: "single", PerZone: "perZone" } as const;
export type NatGatewayCount = (typeof NatGatewayCount)[keyof typeof NatGatewayCount];

/** The AWS EKS cluster. */
export interface AwsClusterConfig {
    /** The EKS cluster name. @default "serverless-spark" */
    name?: string;
    /** The Kubernetes version. @default "1.35" */
    version?: string;
    /** Open the API server to `publicAccessCidrs`. @default false */
    publicEndpoint?: boolean;
    /** Who may reach the public endpoint (no implicit 0.0.0.0/0). @default none */
    publicAccessCidrs?: string[];
    /** An IAM role or user made cluster admin. @default none: only the creator */
    adminPrincipalArn?: string;
    /** Days to keep control-plane logs. @default 90 */
    logRetentionDays?: number;
}

/** The AWS network: a new VPC, or yours. */
export interface AwsNetworkConfig {
    /** Zones of a new VPC. @default the region's a, b and c */
    availabilityZones?: string[];
    /** NAT gateways of a new VPC. @default "single" */
    natGateways?: NatGatewayCount;
    /** A new VPC's CIDR. @default "10.0.0.0/16" */
    vpcCidr?: string;
    /** An S3 gateway endpoint in a new VPC. @default true */
    s3GatewayEndpoint?: boolean;
    /** Your VPC. @default none: a new VPC */
    vpcId?: string;
    /** Your private subnets (two or more), with vpcId. @default none */
    privateSubnetIds?: string[];
    /** Your public subnets, only checked. @default [] */
    publicSubnetIds?: string[];
}

/** The S3 data bucket. */
export interface S3StorageConfig {
    /** `s3`. @default "s3" */
    type?: string;
    /** A new bucket's name. @default `storage-bucket-<random>` */
    bucket?: string;
    /** Your bucket instead of a new one. @default none */
    existingBucket?: string;
    /** Keep the bucket on `pulumi destroy`. @default true */
    retainOnDestroy?: boolean;
    /** Bucket versioning. @default false */
    versioning?: boolean;
}

/** Arguments of `AwsSparkPlatform`: the `aws` stack's config. */
export interface AwsSparkPlatformArgs extends SparkPlatformConfig {
    /** The AWS region. @default the `aws:region` config */
    region?: string;
    /** The EKS cluster. @default see AwsClusterConfig */
    cluster?: AwsClusterConfig;
    /** The network. @default a new VPC */
    network?: AwsNetworkConfig;
    /** The S3 bucket. @default a new, retained bucket */
    storage?: S3StorageConfig;
}

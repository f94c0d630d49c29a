import type { SparkPlatformConfig } from "./common";

/** Arguments of `AlicloudSparkPlatform`: the `alicloud` stack's config. */

/** An ACK system node pool (only for add-ons that cannot run on ECI). */
export interface AlicloudNodePoolConfig {
    /** ECS instance types. */
    instanceTypes: string[];
    /** Nodes. @default 2 */
    size?: number;
}

/** ECI spot instances. */
export interface AlicloudSpotConfig {
    /** `SpotAsPriceGo` or `SpotWithPriceLimit`. */
    strategy: string;
    /** The price limit per hour, with SpotWithPriceLimit. @default none */
    priceLimit?: number;
    /** Pod roles on spot: `executor` (drivers stay on demand). @default ["executor"] */
    roles?: string[];
}

/** The Alibaba Cloud ACK cluster. */
export interface AlicloudClusterConfig {
    /** `managed` (ACK Pro with ECI virtual nodes) or `serverless` (ACK Serverless). @default "managed" */
    mode?: string;
    /** The ACK cluster name. @default "serverless-spark" */
    name?: string;
    /** The ACK Kubernetes version. @default "1.36.1-aliyun.1" */
    version?: string;
    /** A public API server endpoint. @default false */
    publicEndpoint?: boolean;
    /** Deletion protection. @default true */
    deletionProtection?: boolean;
    /** The service CIDR. @default "192.168.0.0/16" */
    serviceCidr?: string;
    /** A system node pool. @default none */
    systemNodePool?: AlicloudNodePoolConfig;
    /** ECI's automatic image cache. @default true */
    autoImageCache?: boolean;
    /** Extra ephemeral storage per pod, e.g. `"50Gi"`. @default none */
    extraEphemeralStorage?: string;
    /** Spot executors. @default none: all on demand */
    spot?: AlicloudSpotConfig;
    /** Images to cache ahead of time. @default [] */
    imageCaches?: string[];
    /** The ack-pod-identity-webhook add-on. @default false */
    podIdentityWebhook?: boolean;
    /** How long the kubeconfig is valid. @default ACK's default */
    kubeconfigValidityMinutes?: number;
}

/** The Alibaba Cloud network: a new VPC, or yours. */
export interface AlicloudNetworkConfig {
    /** Two or three zones of the region, for a new VPC. @default none: required for a new VPC */
    zoneIds?: string[];
    /** A new VPC's CIDR. @default "10.0.0.0/16" */
    vpcCidr?: string;
    /** The NAT gateway's EIP bandwidth. @default 100 */
    eipBandwidthMbps?: number;
    /** Your VPC. @default none: a new VPC */
    vpcId?: string;
    /** Your vSwitches (two or more), with vpcId. @default none */
    vswitchIds?: string[];
}

/** The OSS data bucket. */
export interface OssStorageConfig {
    /** `oss`. @default "oss" */
    type?: string;
    /** A new bucket's name. @default derived from the stack */
    bucket?: string;
    /** Your bucket instead of a new one. @default none */
    existingBucket?: string;
    /** Keep the bucket on `pulumi destroy`. @default true */
    retainOnDestroy?: boolean;
    /** Bucket versioning. @default false */
    versioning?: boolean;
    /** A KMS key for server-side encryption. @default none: OSS-managed keys */
    kmsKeyId?: string;
    /** The JindoSDK version. @default "6.8.0" */
    jindoVersion?: string;
}

/** Arguments of `AlicloudSparkPlatform`: the `alicloud` stack's config. */
export interface AlicloudSparkPlatformArgs extends SparkPlatformConfig {
    /** The Alibaba Cloud region. @default the `alicloud:region` config */
    region?: string;
    /** The ACK cluster. @default see AlicloudClusterConfig */
    cluster?: AlicloudClusterConfig;
    /** The network. @default a new VPC in `network.zoneIds` */
    network?: AlicloudNetworkConfig;
    /** The OSS bucket. @default a new, retained bucket */
    storage?: OssStorageConfig;
}

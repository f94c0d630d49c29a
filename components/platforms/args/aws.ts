import type { EksClusterSettings } from "../../cluster/aws/args";
import type { EksNetworkArgs } from "../../cluster/aws/network-plan";
import type { S3BucketSettings } from "../../storage/s3/args";
import type { SparkPlatformConfig } from "./common";

/**
 * Arguments of `AwsSparkPlatform`: the `aws` stack's config. The cluster, network and bucket
 * settings are the composable components' own (`EksFargateCluster`, `S3Storage`), described there.
 */

/** The S3 bucket of the `aws` stack: `S3Storage`'s bucket settings, and the storage type. */
export interface S3StorageConfig extends S3BucketSettings {
    /** The storage type; only `s3` on AWS. @default "s3" */
    type?: string;
}

/** Arguments of `AwsSparkPlatform`: the `aws` stack's config. */
export interface AwsSparkPlatformArgs extends SparkPlatformConfig {
    /** The AWS region. @default the `aws:region` config */
    region?: string;
    /** The EKS cluster. @default see EksClusterSettings */
    cluster?: EksClusterSettings;
    /** The network. @default a new VPC */
    network?: EksNetworkArgs;
    /** The S3 bucket. @default a new, retained bucket */
    storage?: S3StorageConfig;
}

import type { AckClusterSettings, AlicloudNetworkArgs } from "../../cluster/alicloud/args";
import type { OssBucketSettings } from "../../storage/oss/args";
import type { SparkPlatformConfig } from "./common";

/**
 * Arguments of `AlicloudSparkPlatform`: the `alicloud` stack's config. The cluster, network and
 * bucket settings are the composable components' own (`AlicloudServerlessCluster`, `OssStorage`),
 * described there.
 */

/** The OSS bucket of the `alicloud` stack: `OssStorage`'s bucket settings, and the storage type. */
export interface OssStorageConfig extends OssBucketSettings {
    /** The storage type; only `oss` on Alibaba Cloud. @default "oss" */
    type?: string;
}

/** Arguments of `AlicloudSparkPlatform`: the `alicloud` stack's config. */
export interface AlicloudSparkPlatformArgs extends SparkPlatformConfig {
    /** The Alibaba Cloud region. @default the `alicloud:region` config */
    region?: string;
    /** The ACK cluster. @default see AckClusterSettings */
    cluster?: AckClusterSettings;
    /** The network. @default a new VPC in `network.zoneIds` */
    network?: AlicloudNetworkArgs;
    /** The OSS bucket. @default a new, retained bucket */
    storage?: OssStorageConfig;
}

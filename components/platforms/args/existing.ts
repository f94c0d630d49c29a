import type { ExistingClusterSettings } from "../../cluster/existing";
import type { HdfsStorageArgs } from "../../storage/hdfs";
import type { SparkPlatformConfig } from "./common";

/**
 * Arguments of `ExistingSparkPlatform`: the `existing` stack's config. The cluster settings
 * (`kubeconfig`, `context`, `scheduling`, `capacityGrid`) are `ExistingCluster`'s own, described there.
 */

/** Storage on a cluster you bring: an existing HDFS. */
export interface ExistingStorageConfig {
    /** `hdfs`. */
    type: string;
    /** The HDFS. */
    hdfs?: HdfsStorageArgs;
}

/** Arguments of `ExistingSparkPlatform`: the `existing` stack's config. */
export interface ExistingSparkPlatformArgs extends SparkPlatformConfig, ExistingClusterSettings {
    /** An existing HDFS. @default none */
    storage?: ExistingStorageConfig;
}

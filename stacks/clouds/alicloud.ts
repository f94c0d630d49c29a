import { AlicloudServerlessCluster, OssStorage } from "../../components/alicloud";
import type { ServerlessCluster } from "../../components/cluster/types";
import { WORDCOUNT_TEXT } from "../../components/jobs/samples/wordcount";
import type { SparkStorage } from "../../components/storage/types";
import { AlicloudStackConfig, checkAlicloudConfig } from "./alicloud-config";

/** What the Alibaba Cloud stack hands the platform. */
export interface AlicloudInfrastructure {
    cluster: ServerlessCluster;
    storage: SparkStorage;
}

/**
 * Declares the Alibaba Cloud side of the stack: the ACK cluster with ECI virtual nodes, or ACK
 * Serverless (`cluster`), and the OSS storage (`storage`, with an ECI RAM role per job namespace and
 * the WordCount input uploaded). Loads `@pulumi/alicloud`, so the program imports this module
 * dynamically, only for `cloud: alicloud`.
 * @param config from `resolveAlicloudConfig`
 */
export function createAlicloudInfrastructure(
    config: AlicloudStackConfig,
    namespaces: { jobNamespaces: string[]; wordCountText?: string },
): AlicloudInfrastructure {
    checkAlicloudConfig(config, namespaces.jobNamespaces);
    const cluster = new AlicloudServerlessCluster("cluster", config.cluster);
    const storage = new OssStorage("storage", {
        ...config.storage,
        region: config.region,
        jobNamespaces: namespaces.jobNamespaces,
        wordCountText: namespaces.wordCountText ?? WORDCOUNT_TEXT,
    });
    return { cluster, storage };
}

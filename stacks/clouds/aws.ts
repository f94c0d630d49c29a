import { EksFargateCluster, S3Storage } from "../../components/aws";
import type { ServerlessCluster } from "../../components/cluster/types";
import { WORDCOUNT_TEXT } from "../../components/jobs/samples/wordcount";
import type { SparkStorage } from "../../components/storage/types";
import { AwsNamespaces, AwsStackConfig, checkAwsConfig, eksClusterArgs } from "./aws-config";

/** What the AWS stack hands the platform. */
export interface AwsInfrastructure {
    cluster: ServerlessCluster;
    storage: SparkStorage;
}

/**
 * Declares the AWS side of the stack: the EKS Fargate cluster (`cluster`) and the S3 storage
 * (`storage`, with IRSA roles for the job namespaces and the WordCount input uploaded). Loads
 * `@pulumi/aws`, so the program imports this module dynamically, only for `cloud: aws`.
 * @param config from `resolveAwsConfig`
 */
export function createAwsInfrastructure(config: AwsStackConfig, namespaces: AwsNamespaces & { wordCountText?: string }): AwsInfrastructure {
    // The namespaces decide the Fargate profiles: check them with errors naming config keys.
    checkAwsConfig(config, namespaces);
    const cluster = new EksFargateCluster("cluster", eksClusterArgs(config, namespaces));
    const { type: _type, ...storage } = config.storage;
    const s3 = new S3Storage("storage", {
        ...storage,
        region: config.region,
        jobNamespaces: namespaces.jobNamespaces,
        irsa: cluster.irsa,
        wordCountText: namespaces.wordCountText ?? WORDCOUNT_TEXT,
    });
    return { cluster, storage: s3 };
}

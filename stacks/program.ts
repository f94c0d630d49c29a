import * as pulumi from "@pulumi/pulumi";

import { ExistingCluster } from "../components/cluster/existing";
import { ServerlessCluster } from "../components/cluster/types";
import { KerberosSecrets } from "../components/kerberos/secrets";
import { OPERATOR_DEFAULTS } from "../components/operator/defaults";
import { ServerlessSparkPlatform } from "../components/platform";
import { HdfsStorage } from "../components/storage/hdfs";
import type { SparkStorage } from "../components/storage/types";
import { readStackConfig } from "./config/read";
import { StackConfig } from "./config/validate";

/**
 * The Pulumi program: stack config -> one validation step -> typed args -> the platform.
 * Cloud cluster modules are loaded only for their own cloud, so an `existing` stack never loads a
 * cloud SDK.
 */
export async function runProgram(): Promise<Record<string, pulumi.Input<unknown>>> {
    const config = readStackConfig();
    const { cluster, storage } = await createInfrastructure(config);
    const kerberos = config.kerberos ? new KerberosSecrets("kerberos", config.kerberos) : undefined;
    const platform = new ServerlessSparkPlatform("spark", {
        cluster,
        storage,
        integrations: kerberos ? [kerberos] : [],
        jobNamespaces: config.jobNamespaces,
        operator: config.operator,
        jobs: config.jobs,
        samples: config.samples,
        prices: config.prices,
    });
    return {
        cloud: config.cloud,
        operatorNamespace: platform.operator.namespace,
        operatorRelease: platform.operator.releaseName,
        jobNamespaces: config.jobNamespaces,
        capacityGrid: cluster.capacityGrid,
        jobs: Object.keys(platform.jobs),
    };
}

/** The cluster and storage for the stack's cloud; a cloud's SDK is loaded only for that cloud. */
async function createInfrastructure(config: StackConfig): Promise<{ cluster: ServerlessCluster; storage?: SparkStorage }> {
    if (config.cloud === "aws") {
        const { createAwsInfrastructure } = await import("./clouds/aws");
        return createAwsInfrastructure(config.aws!, {
            jobNamespaces: config.jobNamespaces,
            operatorNamespace: config.operator.namespace ?? OPERATOR_DEFAULTS.namespace,
        });
    }
    if (config.cloud === "alicloud") {
        const { createAlicloudInfrastructure } = await import("./clouds/alicloud");
        return createAlicloudInfrastructure(config.alicloud!, { jobNamespaces: config.jobNamespaces });
    }
    const cluster = new ExistingCluster("cluster", {
        kubeconfig: config.existing.kubeconfig,
        context: config.existing.context,
        capacityGrid: config.existing.capacityGrid,
        scheduling: config.existing.scheduling,
    });
    return { cluster, storage: config.storage ? new HdfsStorage("storage", config.storage.hdfs) : undefined };
}

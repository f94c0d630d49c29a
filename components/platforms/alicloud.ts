import * as pulumi from "@pulumi/pulumi";

import { AirflowApsaraDatabase } from "../airflow/database/alicloud";
import { AlicloudServerlessCluster } from "../cluster/alicloud/cluster";
import { SPARK_LOGSTORE } from "../cluster/alicloud/logs";
import { checkComponentArgs, underKey } from "../errors";
import { WORDCOUNT_TEXT } from "../jobs/samples/wordcount";
import { resolveOssBucketSettings } from "../storage/oss/args";
import { OssStorage } from "../storage/oss/storage";
import type { AlicloudSparkPlatformArgs } from "./args";
import { childOf, cloudPlatformOutputs, declarePlatform, eventLogAge, resolveCloudPlatformArgs, SparkPlatformOptions } from "./children";
import { DEFAULT_ACK_CLUSTER_NAME } from "./config/alicloud";
import type { StackConfig } from "./config/resolve";

/**
 * Checks the arguments of {@link AlicloudSparkPlatform} and applies their defaults, declaring
 * nothing. Throws one `InputError` naming the argument path, the value and what is expected.
 * @param providerRegion the Alibaba Cloud provider's `alicloud:region`, used when `args.region` is not given
 */
export function resolveAlicloudSparkPlatformArgs(args: AlicloudSparkPlatformArgs, providerRegion?: string): StackConfig {
    return resolveCloudPlatformArgs("alicloud", args, providerRegion);
}

/**
 * A serverless Spark platform on Alibaba Cloud: ACK with every pod on ECI virtual nodes (or ACK
 * Serverless), an OSS bucket with one ECI RAM role per job namespace, the Spark operator, RBAC,
 * Kerberos when configured, and the jobs. Its arguments are the `alicloud` stack's config. Loads
 * `@pulumi/alicloud`.
 */
export class AlicloudSparkPlatform extends pulumi.ComponentResource {
    /** The kubeconfig of the ACK cluster (a secret: it holds a client certificate). */
    public readonly kubeconfig!: pulumi.Output<string>;
    /** The ACK cluster's name. */
    public readonly clusterName!: pulumi.Output<string>;
    /** The region. */
    public readonly region!: pulumi.Output<string>;
    /** The data bucket. */
    public readonly bucket!: pulumi.Output<string>;
    /** Where the first job namespace's jobs (the samples) keep data: `oss://<bucket>/namespaces/<namespace>`. */
    public readonly dataRoot!: pulumi.Output<string>;
    /** Where pod logs go: the stack's SLS project and logstore (fields `_namespace_`, `_pod_name_`), or "" with `cluster.logs.enabled: false`. */
    public readonly logs!: pulumi.Output<string>;
    /** The namespaces Spark jobs run in. */
    public readonly jobNamespaces!: pulumi.Output<string[]>;
    /** The Spark operator's namespace. */
    public readonly operatorNamespace!: pulumi.Output<string>;
    /** The operator's Helm release. */
    public readonly operatorRelease!: pulumi.Output<string>;
    /** The billing grid pods are sized to (`eci`). */
    public readonly capacityGrid!: pulumi.Output<string>;
    /** The Spark applications declared (samples and jobs). */
    public readonly jobs!: pulumi.Output<string[]>;
    /** Each job namespace's Spark service accounts (`driver`, `executor`). */
    public readonly serviceAccounts!: pulumi.Output<Record<string, Record<string, string>>>;
    /** The `kubectl port-forward` command of each job namespace's History Server. */
    public readonly historyServers!: pulumi.Output<Record<string, string>>;
    /**
     * With `cluster.publicEndpoint`: the one-time Alibaba Cloud CLI command that binds the API
     * server's allow-list ACL to its listener ("" without a public endpoint).
     */
    public readonly apiServerAclBinding!: pulumi.Output<string>;

    constructor(name: string, args: AlicloudSparkPlatformArgs, opts?: SparkPlatformOptions) {
        const providerRegion = new pulumi.Config("alicloud").get("region");
        const s = childOf(undefined, name, opts, "storage");
        const config = checkComponentArgs("AlicloudSparkPlatform", name, () => {
            const resolved = resolveAlicloudSparkPlatformArgs(args ?? {}, providerRegion);
            // A created bucket's name starts with the storage component's name: check it is one.
            underKey("storage", () => resolveOssBucketSettings(resolved.alicloud!.storage, s.name));
            return resolved;
        });
        const ali = config.alicloud!;
        super("serverless-spark:index:AlicloudSparkPlatform", name, {}, opts);
        const c = childOf(this, name, opts, "cluster");
        const cluster = new AlicloudServerlessCluster(
            c.name,
            { ...ali.cluster, defaultName: DEFAULT_ACK_CLUSTER_NAME, region: ali.region, network: ali.network },
            c.opts,
        );
        const storage = new OssStorage(
            s.name,
            { ...ali.storage, region: ali.region, jobNamespaces: config.jobNamespaces, wordCountText: WORDCOUNT_TEXT, ...eventLogAge(ali.storage, config) },
            { ...s.opts, parent: this },
        );
        const airflowDatabase = config.airflow.enabled
            ? new AirflowApsaraDatabase(
                  `${name}-airflow-db`,
                  {
                      instanceName: `${cluster.clusterName}-airflow`,
                      vpcId: cluster.vpcId,
                      vswitchId: cluster.vswitchIds.apply((ids) => ids[0]!),
                      vpcCidr: cluster.vpcCidrBlock(),
                      password: config.airflowSecrets!.databasePassword,
                      ...(config.airflow.database.instanceClass ? { instanceType: config.airflow.database.instanceClass } : {}),
                      storageGiB: config.airflow.database.storageGiB,
                      finalSnapshot: config.airflow.database.finalSnapshot,
                  },
                  { parent: this },
              ).connection
            : undefined;
        const { outputs } = declarePlatform(this, name, opts, config, { cluster, storage, airflowDatabase });
        const out = {
            ...cloudPlatformOutputs(
                cluster,
                storage,
                outputs,
                config.jobNamespaces[0]!,
                cluster.logs ? pulumi.interpolate`SLS project ${cluster.logs.projectName}, logstore ${SPARK_LOGSTORE} in ${cluster.region}` : "",
            ),
            // The name the cluster has: one created under the old default kept it.
            clusterName: cluster.ackCluster.name,
            apiServerAclBinding: cluster.apiServerAclBinding ?? pulumi.output(""),
        };
        Object.assign(this, out);
        this.registerOutputs(out);
    }
}

import * as pulumi from "@pulumi/pulumi";

import { AirflowRdsDatabase, rdsIdentifier } from "../airflow/database/aws";
import { EksFargateCluster } from "../cluster/aws/cluster";
import { declareScraperAccessAll } from "../cluster/aws/prometheus-scraper";
import { checkComponentArgs, underKey } from "../errors";
import { WORDCOUNT_TEXT } from "../jobs/samples/wordcount";
import { OPERATOR_DEFAULTS } from "../operator/defaults";
import { resolveS3BucketSettings } from "../storage/s3/args";
import { S3Storage } from "../storage/s3/storage";
import type { AwsSparkPlatformArgs } from "./args";
import { childOf, cloudPlatformOutputs, declarePlatform, eventLogAge, resolveCloudPlatformArgs, SparkPlatformOptions } from "./children";
import { eksClusterArgs } from "./config/aws";
import type { StackConfig } from "./config/resolve";

/**
 * Checks the arguments of {@link AwsSparkPlatform} and applies their defaults, declaring nothing.
 * Throws one `InputError` naming the argument path, the value and what is expected.
 * @param providerRegion the AWS provider's `aws:region`, used when `args.region` is not given
 */
export function resolveAwsSparkPlatformArgs(args: AwsSparkPlatformArgs, providerRegion?: string): StackConfig {
    return resolveCloudPlatformArgs("aws", args, providerRegion);
}

/**
 * A serverless Spark platform on AWS: EKS with every pod on Fargate, an S3 bucket with one IRSA role
 * per job namespace, the Spark operator, RBAC, Kerberos when configured, and the jobs. Its arguments
 * are the `aws` stack's config. Loads `@pulumi/aws`.
 */
export class AwsSparkPlatform extends pulumi.ComponentResource {
    /** The kubeconfig of the EKS cluster (a secret). */
    public readonly kubeconfig!: pulumi.Output<string>;
    /** The EKS cluster's name. */
    public readonly clusterName!: pulumi.Output<string>;
    /** The region. */
    public readonly region!: pulumi.Output<string>;
    /** The data bucket. */
    public readonly bucket!: pulumi.Output<string>;
    /** Where the first job namespace's jobs (the samples) keep data: `s3a://<bucket>/namespaces/<namespace>`. */
    public readonly dataRoot!: pulumi.Output<string>;
    /** Where pod logs go: the Fargate log router's CloudWatch Logs group, a stream per pod. */
    public readonly logs!: pulumi.Output<string>;
    /** The namespaces Spark jobs run in. */
    public readonly jobNamespaces!: pulumi.Output<string[]>;
    /** The Spark operator's namespace. */
    public readonly operatorNamespace!: pulumi.Output<string>;
    /** The operator's Helm release. */
    public readonly operatorRelease!: pulumi.Output<string>;
    /** The billing grid pods are sized to (`fargate`). */
    public readonly capacityGrid!: pulumi.Output<string>;
    /** The Spark applications declared (samples and jobs). */
    public readonly jobs!: pulumi.Output<string[]>;
    /** Each job namespace's Spark service accounts (`driver`, `executor`). */
    public readonly serviceAccounts!: pulumi.Output<Record<string, Record<string, string>>>;
    /** The `kubectl port-forward` command of each job namespace's History Server. */
    public readonly historyServers!: pulumi.Output<Record<string, string>>;
    /** The AMP workspace the managed scraper writes to (with `cluster.prometheusScraper`), else none. */
    public readonly prometheusWorkspaceArn!: pulumi.Output<string | undefined>;

    constructor(name: string, args: AwsSparkPlatformArgs, opts?: SparkPlatformOptions) {
        const providerRegion = new pulumi.Config("aws").get("region");
        const s = childOf(undefined, name, opts, "storage");
        const config = checkComponentArgs("AwsSparkPlatform", name, () => {
            const resolved = resolveAwsSparkPlatformArgs(args ?? {}, providerRegion);
            // A created bucket's name starts with the storage component's name: check it is one.
            underKey("storage", () => resolveS3BucketSettings(resolved.aws!.storage, s.name));
            return resolved;
        });
        const aws = config.aws!;
        super("serverless-spark:index:AwsSparkPlatform", name, {}, opts);
        const namespaces = {
            jobNamespaces: config.jobNamespaces,
            operatorNamespace: config.operator.namespace ?? OPERATOR_DEFAULTS.namespace,
            ...(config.airflow.enabled ? { serviceNamespaces: [config.airflow.namespace] } : {}),
        };
        const c = childOf(this, name, opts, "cluster");
        const cluster = new EksFargateCluster(c.name, eksClusterArgs(aws, namespaces), c.opts);
        const storage = new S3Storage(
            s.name,
            {
                ...aws.storage,
                region: aws.region,
                jobNamespaces: config.jobNamespaces,
                irsa: cluster.irsa,
                wordCountText: WORDCOUNT_TEXT,
                ...eventLogAge(aws.storage, config),
            },
            { ...s.opts, parent: this },
        );
        const airflowDatabase = config.airflow.enabled
            ? new AirflowRdsDatabase(
                  `${name}-airflow-db`,
                  {
                      region: aws.region,
                      identifier: rdsIdentifier(cluster.clusterName),
                      vpcId: cluster.vpcId,
                      subnetIds: cluster.privateSubnetIds,
                      podSecurityGroupId: cluster.eksCluster.vpcConfig.clusterSecurityGroupId,
                      password: config.airflowSecrets!.databasePassword,
                      ...(config.airflow.database.instanceClass ? { instanceClass: config.airflow.database.instanceClass } : {}),
                      storageGiB: config.airflow.database.storageGiB,
                      finalSnapshot: config.airflow.database.finalSnapshot,
                  },
                  { parent: this },
              ).connection
            : undefined;
        const { platform, outputs } = declarePlatform(this, name, opts, config, { cluster, storage, airflowDatabase });
        if (cluster.prometheus) {
            // The scraper reads pods in each namespace it scrapes, once the namespace exists.
            declareScraperAccessAll(
                name,
                {
                    jobNamespaces: Object.fromEntries(Object.entries(platform.namespaces).map(([ns, n]) => [ns, n.namespace])),
                    operatorNamespace: namespaces.operatorNamespace,
                    operatorRelease: platform.operator.release,
                },
                { parent: this, provider: cluster.provider },
            );
        }
        const logs = `CloudWatch Logs group /aws/eks/${cluster.clusterName}/fargate in ${cluster.region}, a stream per pod`;
        const out = {
            ...cloudPlatformOutputs(cluster, storage, outputs, config.jobNamespaces[0]!, logs),
            prometheusWorkspaceArn: cluster.prometheus ? cluster.prometheus.workspaceArn : pulumi.output(undefined),
        };
        Object.assign(this, out);
        this.registerOutputs(out);
    }
}

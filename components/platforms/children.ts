import * as pulumi from "@pulumi/pulumi";

import type { AirflowExternalDatabase } from "../airflow/airflow";
import type { ServerlessCluster } from "../cluster/types";
import { portForwardCommand } from "../history/conf";
import { KerberosSecrets } from "../kerberos/secrets";
import { ServerlessSparkPlatform } from "../platform";
import type { SparkStorage } from "../storage/types";
import { resolveStackConfig, StackConfig } from "./config/resolve";

/** Resource options of the top-level components. */
export interface SparkPlatformOptions extends pulumi.ComponentResourceOptions {
    /**
     * Adopt what a program declared at the stack's root before this component existed, as
     * serverless-spark's own stacks did up to 0.1 (`cluster`, `storage`, `kerberos` and `spark`): the
     * children keep those names and get an alias to the root, so `pulumi up` replaces nothing.
     * @default false: the children are named after the component (`<name>-cluster`, ..., `<name>`)
     */
    adoptRootChildren?: boolean;
}

/** The children a top-level component declares, by role. */
export type ChildRole = "cluster" | "storage" | "kerberos" | "platform";

/** The names the shipped stacks gave these children at the stack's root (up to 0.1). */
const ROOT_NAMES: Record<ChildRole, string> = { cluster: "cluster", storage: "storage", kerberos: "kerberos", platform: "spark" };

/** A child's name and options: parented to the component, named after it (or adopting a root resource). */
export function childOf(parent: pulumi.ComponentResource | undefined, name: string, opts: SparkPlatformOptions | undefined, role: ChildRole) {
    const adopt = opts?.adoptRootChildren === true;
    return {
        name: adopt ? ROOT_NAMES[role] : role === "platform" ? name : `${name}-${role}`,
        opts: { parent, ...(adopt ? { aliases: [{ parent: pulumi.rootStackResource }] } : {}) } as pulumi.ComponentResourceOptions,
    };
}

/** What every top-level component exports (plain outputs, for every language). */
export interface SparkPlatformOutputs {
    jobNamespaces: pulumi.Output<string[]>;
    operatorNamespace: pulumi.Output<string>;
    operatorRelease: pulumi.Output<string>;
    capacityGrid: pulumi.Output<string>;
    jobs: pulumi.Output<string[]>;
    /** Each job namespace's Spark service accounts, e.g. `{"spark-jobs": {"driver": "spark-driver", "executor": "spark-executor"}}`. */
    serviceAccounts: pulumi.Output<Record<string, Record<string, string>>>;
    /** The `kubectl port-forward` command of each job namespace's History Server (none declared: `{}`). */
    historyServers: pulumi.Output<Record<string, string>>;
}

/** The outputs of the cloud top-level components (EKS, ACK): the platform's, and the cloud's. */
export interface CloudPlatformOutputs extends SparkPlatformOutputs {
    kubeconfig: pulumi.Output<string>;
    clusterName: pulumi.Output<string>;
    region: pulumi.Output<string>;
    bucket: pulumi.Output<string>;
    dataRoot: pulumi.Output<string>;
    /** Where the jobs' pod logs go (a CloudWatch log group, an SLS logstore), or "" when nowhere. */
    logs: pulumi.Output<string>;
}

/** A cloud top-level component's outputs from its cluster and storage (the kubeconfig kept secret). */
export function cloudPlatformOutputs(
    cluster: { kubeconfig: pulumi.Output<string>; clusterName: string; region: string },
    storage: { bucketName: pulumi.Output<string>; namespaceDataRoot(namespace: string): pulumi.Output<string> },
    platform: SparkPlatformOutputs,
    defaultNamespace: string,
    logs: pulumi.Input<string>,
): CloudPlatformOutputs {
    return {
        ...platform,
        kubeconfig: pulumi.secret(cluster.kubeconfig),
        clusterName: pulumi.output(cluster.clusterName),
        region: pulumi.output(cluster.region),
        bucket: storage.bucketName,
        dataRoot: storage.namespaceDataRoot(defaultNamespace),
        logs: pulumi.output(logs),
    };
}

/**
 * The part the three top-level components share: Kerberos secrets when configured, and the platform
 * (namespaces, operator, jobs) on the cluster and storage the component made.
 */
export function declarePlatform(
    parent: pulumi.ComponentResource,
    name: string,
    opts: SparkPlatformOptions | undefined,
    config: StackConfig,
    infrastructure: { cluster: ServerlessCluster; storage?: SparkStorage; airflowDatabase?: AirflowExternalDatabase },
): { platform: ServerlessSparkPlatform; outputs: SparkPlatformOutputs } {
    const k = childOf(parent, name, opts, "kerberos");
    const kerberos = config.kerberos ? new KerberosSecrets(k.name, config.kerberos, k.opts) : undefined;
    const p = childOf(parent, name, opts, "platform");
    const platform = new ServerlessSparkPlatform(
        p.name,
        {
            cluster: infrastructure.cluster,
            storage: infrastructure.storage,
            integrations: kerberos ? [kerberos] : [],
            jobNamespaces: config.jobNamespaces,
            operator: config.operator,
            jobs: config.jobs,
            samples: config.samples,
            prices: config.prices,
            historyServer: config.historyServer,
            metrics: config.metrics,
            sparkConnect: config.sparkConnect,
            ...(config.airflow.enabled
                ? {
                      airflow: {
                          settings: config.airflow,
                          secrets: config.airflowSecrets,
                          ...(infrastructure.airflowDatabase ? { database: infrastructure.airflowDatabase } : {}),
                      },
                  }
                : {}),
        },
        p.opts,
    );
    return {
        platform,
        outputs: {
            jobNamespaces: pulumi.output(config.jobNamespaces),
            operatorNamespace: pulumi.output(platform.operator.namespace),
            operatorRelease: pulumi.output(platform.operator.releaseName),
            capacityGrid: pulumi.output(infrastructure.cluster.capacityGrid),
            jobs: pulumi.output(Object.keys(platform.jobs)),
            serviceAccounts: pulumi.output(
                Object.fromEntries(
                    Object.entries(platform.namespaces).map(([ns, n]) => [
                        ns,
                        { driver: n.driverServiceAccount.metadata.name, executor: n.executorServiceAccount.metadata.name },
                    ]),
                ),
            ) as unknown as pulumi.Output<Record<string, Record<string, string>>>,
            historyServers: pulumi.output(Object.fromEntries(Object.keys(platform.historyServers).map((ns) => [ns, portForwardCommand(ns)]))),
        },
    };
}

/**
 * The bucket storage's `eventLogMaxAgeDays` from `historyServer.maxAgeDays`: a created bucket's
 * lifecycle rules expire event logs after it; an existing bucket gets no rules (its configuration is
 * its owner's), so nothing is passed.
 */
export function eventLogAge(storage: { existingBucket?: string }, config: StackConfig): { eventLogMaxAgeDays?: number } {
    return storage.existingBucket === undefined ? { eventLogMaxAgeDays: config.historyServer.maxAgeDays } : {};
}

/**
 * A cloud top-level component's arguments parsed as its stack's config: the region is `args.region`
 * (errors name `region`), else the provider's (errors name `aws:region` or `alicloud:region`).
 */
export function resolveCloudPlatformArgs(cloud: "aws" | "alicloud", args: { region?: string }, providerRegion: string | undefined): StackConfig {
    const { region, ...rest } = args as { region?: string } & Record<string, unknown>;
    const given = region !== undefined;
    return resolveStackConfig({ ...rest, cloud }, { [cloud]: given ? region : providerRegion, [`${cloud}Key`]: given ? "region" : `${cloud}:region` });
}

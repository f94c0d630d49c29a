import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";

/**
 * Log collection for Spark pods on ECI without a DaemonSet. ECI runs its own collector outside the
 * pod's containers and configures it from the containers' `aliyun_logs_{key}` environment variables:
 * `aliyun_logs_{key}=stdout` collects stdout and stderr, `aliyun_logs_{key}_project` and
 * `aliyun_logs_{key}_logstore` name where they go (an existing project and logstore are used as they
 * are). Elastic Container Instance docs, "Use environment variables to configure log collection", and
 * ACK's "Collect container logs with environment variables" (help.aliyun.com / alibabacloud.com).
 * Those pages could not be re-read on 2026-11-29 (no copy reachable from here); the variable names
 * are to be confirmed on an account (docs/alicloud.md, "What only a real account can confirm").
 *
 * The project and logstore are declared here, so Pulumi owns them: deleted with the stack unless
 * `retainOnDestroy`. Neither the `logtail-ds` nor the `alibaba-log-controller` add-on is installed,
 * so ACK does not create its own `k8s-log-<cluster id>` project, and the cluster's `deleteOptions`
 * delete any SLS project ACK made anyway (see {@link ACK_SLS_DELETE_OPTIONS}).
 */

/** The collection's name in the environment keys, and the logstore's name. */
export const SPARK_LOGSTORE = "spark";

/**
 * SLS project names: 3-63 lower-case letters, digits and '-', starting and ending with a letter or
 * digit, unique within a region across all accounts (SLS "Limits" on projects, read 2026-11-29).
 * Derived like the OSS bucket name: `<cluster name>-logs-<10 hex>`, the hex a digest of the Pulumi
 * organization, project, stack and component name, so it is known before the project exists and the
 * job settings naming it need no apply.
 */
export function derivedLogProjectName(clusterName: string, componentName: string, scope: { organization: string; project: string; stack: string }): string {
    const digest = createHash("sha256").update([scope.organization, scope.project, scope.stack, componentName].join("\u0000")).digest("hex");
    const prefix = clusterName
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, "-")
        .slice(0, 63 - "-logs-".length - 10)
        .replace(/-+$/, "");
    return `${prefix || "spark"}-logs-${digest.slice(0, 10)}`;
}

/**
 * Spark conf that puts the collection's environment on every driver and executor container
 * (`spark.kubernetes.driverEnv.*`, `spark.executorEnv.*`).
 */
export function logCollectionSparkConf(projectName: string): Record<string, string> {
    const env: Record<string, string> = {
        [`aliyun_logs_${SPARK_LOGSTORE}`]: "stdout",
        [`aliyun_logs_${SPARK_LOGSTORE}_project`]: projectName,
        [`aliyun_logs_${SPARK_LOGSTORE}_logstore`]: SPARK_LOGSTORE,
    };
    const conf: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) {
        conf[`spark.kubernetes.driverEnv.${name}`] = value;
        conf[`spark.executorEnv.${name}`] = value;
    }
    return conf;
}

/**
 * What ACK deletes with the cluster: the SLS projects of its logging add-on (`SLS_Data`) and of its
 * control-plane logs (`SLS_ControlPlane`), which it keeps by default and which keep billing
 * (@pulumi/alicloud 3.108.0 `ManagedKubernetesDeleteOption`; ACK "Delete an ACK cluster created by
 * Terraform", read 2026-11-29). Ours is a separate resource and follows `retainOnDestroy` instead.
 */
export const ACK_SLS_DELETE_OPTIONS = [
    { resourceType: "SLS_Data", deleteMode: "delete" },
    { resourceType: "SLS_ControlPlane", deleteMode: "delete" },
];

/** The declared log destination. */
export interface AckLogs {
    project: alicloud.log.Project;
    logstore: alicloud.log.Store;
    index: alicloud.log.StoreIndex;
    projectName: string;
}

/**
 * Declares the SLS project, the `spark` logstore with its retention, and an index on the fields the
 * collector adds (`_namespace_`, `_pod_name_`, `_container_name_`), so a job's logs are found by
 * namespace and pod name.
 */
export function createAckLogs(
    name: string,
    settings: { projectName: string; retentionDays: number; retainOnDestroy: boolean },
    parent: pulumi.Resource,
): AckLogs {
    const opts = { parent, retainOnDelete: settings.retainOnDestroy };
    const project = new alicloud.log.Project(
        `${name}-logs`,
        { projectName: settings.projectName, description: "Spark driver and executor logs (serverless-spark)" },
        opts,
    );
    const logstore = new alicloud.log.Store(
        `${name}-logs-spark`,
        {
            projectName: project.projectName,
            logstoreName: SPARK_LOGSTORE,
            retentionPeriod: settings.retentionDays,
            shardCount: 2,
            autoSplit: true,
            maxSplitShardCount: 64,
            appendMeta: true,
        },
        opts,
    );
    const text = (field: string) => ({ name: field, type: "text", enableAnalytics: true, caseSensitive: false, token: " ,;=()[]{}?@&<>/:\n\t\r" });
    const index = new alicloud.log.StoreIndex(
        `${name}-logs-spark-index`,
        {
            project: project.projectName,
            logstore: logstore.logstoreName,
            fullText: { caseSensitive: false, token: " ,'\";=()[]{}?@&<>/:\n\t\r" },
            fieldSearches: [text("_namespace_"), text("_pod_name_"), text("_container_name_")],
        },
        opts,
    );
    return { project, logstore, index, projectName: settings.projectName };
}

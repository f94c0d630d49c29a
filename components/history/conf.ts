import * as pulumi from "@pulumi/pulumi";

/**
 * The Spark History Server's settings, as plain functions. Sources (read 2026-11-29): apache/spark
 * v3.5.3 `docs/monitoring.md` ("Viewing After the Fact": `spark.history.fs.logDirectory` is one
 * directory, the server's port is `spark.history.ui.port`, 18080; the cleaner keys
 * `spark.history.fs.cleaner.{enabled,interval,maxAge}`; `SPARK_DAEMON_MEMORY`, 1g by default) and
 * `sbin/start-thriftserver.sh`, which starts a server class through `spark-submit --class ...
 * spark-internal`: the same route here lets `spark.jars.packages` bring a connector the image lacks
 * (JindoSDK for OSS) onto the server's class path, as spark-submit does for a job's driver.
 */

/** The History Server's port (Spark's default). */
export const HISTORY_SERVER_PORT = 18080;

/** Its Deployment, Service and service account name in a job namespace. */
export const HISTORY_SERVER_NAME = "spark-history";

/** The stock image the server runs on when the storage names none (its connector then comes as packages). */
export const STOCK_SPARK_IMAGE = "apache/spark:3.5.3";

/** The class spark-submit starts. */
export const HISTORY_SERVER_CLASS = "org.apache.spark.deploy.history.HistoryServer";

/** What the server's settings are built from. */
export interface HistoryServerConfInput {
    /** The event-log directory. */
    logDirectory: pulumi.Input<string>;
    /** Days an event log is kept. */
    maxAgeDays: number;
    /** Hadoop settings, without `spark.hadoop.`. */
    hadoopConf: Record<string, pulumi.Input<string>>;
    /** Packages and their repositories, when the image lacks the connector. */
    packages?: { packages: string[]; repositories?: string[] };
}

/**
 * The server's Spark settings. The listing is cached on the pod's `/tmp` (`spark.history.store.path`)
 * so a page view does not replay a log from the bucket twice; the cache is lost with the pod, which
 * only costs a replay. The cleaner runs daily (Spark's default interval).
 */
export function historyServerSparkConf(input: HistoryServerConfInput): Record<string, pulumi.Input<string>> {
    const conf: Record<string, pulumi.Input<string>> = {
        "spark.history.fs.logDirectory": input.logDirectory,
        "spark.history.ui.port": String(HISTORY_SERVER_PORT),
        "spark.history.fs.update.interval": "30s",
        "spark.history.fs.cleaner.enabled": "true",
        "spark.history.fs.cleaner.interval": "1d",
        "spark.history.fs.cleaner.maxAge": `${input.maxAgeDays}d`,
        "spark.history.store.path": "/tmp/spark-history-store",
        // Ivy's home must be writable under the restricted profile (read-only image paths).
        "spark.jars.ivy": "/tmp/.ivy2",
    };
    if (input.packages !== undefined) {
        conf["spark.jars.packages"] = input.packages.packages.join(",");
        if (input.packages.repositories?.length) {
            conf["spark.jars.repositories"] = input.packages.repositories.join(",");
        }
    }
    for (const [key, value] of Object.entries(input.hadoopConf)) {
        conf[`spark.hadoop.${key}`] = value;
    }
    return Object.fromEntries(Object.entries(conf).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The container's arguments: spark-submit starting the server, with each setting as `--conf`. */
export function historyServerArgs(conf: Record<string, pulumi.Input<string>>): pulumi.Output<string[]> {
    const pairs = Object.entries(conf).map(([key, value]) => pulumi.interpolate`${key}=${value}`);
    return pulumi.all(pairs).apply((resolved) => ["--class", HISTORY_SERVER_CLASS, ...resolved.flatMap((pair) => ["--conf", pair]), "spark-internal"]);
}

/** The `kubectl port-forward` command that opens a namespace's History Server on localhost:18080. */
export function portForwardCommand(namespace: string): string {
    return `kubectl port-forward -n ${namespace} service/${HISTORY_SERVER_NAME} ${HISTORY_SERVER_PORT}:${HISTORY_SERVER_PORT}`;
}

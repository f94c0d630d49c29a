import * as pulumi from "@pulumi/pulumi";

/**
 * The Spark History Server's settings, as plain functions. Sources (read 2026-11-29): apache/spark
 * v3.5.3 `docs/monitoring.md` ("Viewing After the Fact": `spark.history.fs.logDirectory` is one
 * directory, the server's port is `spark.history.ui.port`, 18080; the cleaner keys
 * `spark.history.fs.cleaner.{enabled,interval,maxAge}`; `spark.history.kerberos.{enabled,principal,keytab}`
 * for a server reading a Kerberized HDFS; `SPARK_DAEMON_MEMORY`, 1g by default) and
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
    /**
     * Days after which the server's cleaner deletes an event log, when the server expires logs itself
     * (HDFS); undefined turns the cleaner off (a bucket's lifecycle rules expire them).
     */
    cleanerMaxAgeDays?: number;
    /** Hadoop settings, without `spark.hadoop.`. */
    hadoopConf: Record<string, pulumi.Input<string>>;
    /** Other Spark settings (Kerberos login). @default none */
    sparkConf?: Record<string, pulumi.Input<string>>;
    /** Packages and their repositories, when the image lacks the connector. */
    packages?: { packages: string[]; repositories?: string[] };
}

/**
 * The server's Spark settings. The listing is cached on the pod's `/tmp` (`spark.history.store.path`)
 * so a page view does not replay a log from the bucket twice; the cache is lost with the pod, which
 * only costs a replay.
 *
 * The cleaner (`spark.history.fs.cleaner.*`) runs only where the server expires logs itself (HDFS).
 * On a bucket the server's identity may not delete, and the cleaner would fail loudly and loop
 * (apache/spark `core/src/main/scala/org/apache/spark/deploy/history/FsHistoryProvider.scala`, 3.x
 * versions in a code index, not the v3.5.3 tag itself: the repository is too large to fetch; read
 * 2026-11-29): `deleteAttemptLogs` drops an expired application from the listing first, then
 * `deleteLog` calls `fs.delete`, which S3A answers with `java.nio.file.AccessDeniedException` for a
 * 403 (apache/hadoop `S3AUtils.translateException`, read 2026-11-29): an IOException, not Hadoop's
 * AccessControlException, the only refusal `deleteLog` logs quietly, so every expired log logs an
 * error with its stack trace (JindoSDK's exception class for a refusal was not checked); the file is
 * still there, so the next scan (every 30 s) lists it as new,
 * replays it, and `checkAndCleanLog`, which runs after each replay while the cleaner is on, fails
 * again. Spark has no setting that only forgets expired entries (the cleaner's keys are `enabled`,
 * `interval`, `maxAge` and `maxNum`). None is needed: `checkForLogs`, the scan itself, deletes the
 * listing entry of every application whose files were not seen in the scan ("Delete all information
 * about applications whose log files disappeared from storage"), so once the bucket's lifecycle rule
 * has deleted a log, the application leaves the listing within one update interval. The server writes
 * nothing to the log directory either: compaction only rewrites logs beyond
 * `spark.history.fs.eventLog.rolling.maxFilesToRetain`, unlimited by default.
 */
export function historyServerSparkConf(input: HistoryServerConfInput): Record<string, pulumi.Input<string>> {
    const conf: Record<string, pulumi.Input<string>> = {
        "spark.history.fs.logDirectory": input.logDirectory,
        "spark.history.ui.port": String(HISTORY_SERVER_PORT),
        "spark.history.fs.update.interval": "30s",
        "spark.history.store.path": "/tmp/spark-history-store",
        // Ivy's home must be writable under the restricted profile (read-only image paths).
        "spark.jars.ivy": "/tmp/.ivy2",
        ...(input.sparkConf ?? {}),
    };
    if (input.cleanerMaxAgeDays === undefined) {
        conf["spark.history.fs.cleaner.enabled"] = "false";
    } else {
        // Daily (Spark's default interval).
        conf["spark.history.fs.cleaner.enabled"] = "true";
        conf["spark.history.fs.cleaner.interval"] = "1d";
        conf["spark.history.fs.cleaner.maxAge"] = `${input.cleanerMaxAgeDays}d`;
    }
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

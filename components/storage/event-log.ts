import * as pulumi from "@pulumi/pulumi";

import { namespacePrefix } from "./layout";

/** The prefix event logs go under in a job namespace's part of a bucket (the History Server reads it). */
export const EVENT_LOG_PREFIX = "spark-events/";

/**
 * How a rolling event log's directory starts: Spark writes each application's log as
 * `<event log dir>/eventlog_v2_<app id>[_<attempt>]/` holding `events_<n>_<app id>` files and a
 * zero-byte `appstatus_<app id>[.inprogress]` file (apache/spark
 * `core/src/main/scala/org/apache/spark/deploy/history/EventLogFileWriters.scala`,
 * `RollingEventLogFilesWriter.EVENT_LOG_DIR_NAME_PREFIX`, 3.x versions in a code index, read
 * 2026-11-29). Every job the platform declares rolls its log (see {@link eventLogSparkConfAt}).
 */
export const ROLLING_EVENT_LOG_DIR_PREFIX = "eventlog_v2_";

/**
 * The key prefix a bucket's lifecycle rule expires in a job namespace: the rolling event logs under
 * `namespaces/<namespace>/spark-events/`, and nothing else. Not the directory itself: its marker
 * object (`spark-events/` on S3, `spark-events/.keep` on OSS) must stay, or Spark refuses to start
 * a job ("Log directory ... does not exist") and the History Server exits once every log expired.
 */
export function eventLogExpiryPrefix(namespace: string): string {
    return `${namespacePrefix(namespace)}${EVENT_LOG_PREFIX}${ROLLING_EVENT_LOG_DIR_PREFIX}`;
}

/**
 * Event logging on, into `dir`, rolling. An object store shows a file only once its writer closes
 * it, so a single event log stays invisible to the History Server until the application ends;
 * rolling closes a file every `maxFileSize` and the History Server reads the finished ones while the
 * application runs (Spark `docs/configuration.md`, `spark.eventLog.rolling.enabled` and
 * `spark.eventLog.rolling.maxFileSize`, since 3.0.0, read 2026-11-29). 64m is what
 * awslabs/data-on-eks's Spark blueprints use. HDFS logs roll too, so every storage's logs have one
 * layout (a directory per application) that the History Server and the bucket lifecycle rules know.
 * @param dir the event-log directory as Hadoop names it, e.g. `hdfs://nn:8020/spark-events/etl`
 */
export function eventLogSparkConfAt(dir: pulumi.Input<string>): Record<string, pulumi.Input<string>> {
    return {
        "spark.eventLog.enabled": "true",
        "spark.eventLog.dir": dir,
        "spark.eventLog.rolling.enabled": "true",
        "spark.eventLog.rolling.maxFileSize": "64m",
    };
}

/**
 * Event logging into object storage, shared by S3 and OSS: {@link eventLogSparkConfAt} under
 * `<namespace data root>/spark-events/`.
 * @param namespaceRoot the job namespace's data root as Hadoop names it, e.g. `s3a://data/namespaces/spark-jobs`
 */
export function eventLogSparkConf(namespaceRoot: pulumi.Input<string>): Record<string, pulumi.Input<string>> {
    return eventLogSparkConfAt(pulumi.interpolate`${namespaceRoot}/${EVENT_LOG_PREFIX}`);
}

import * as pulumi from "@pulumi/pulumi";

/** The prefix event logs go under in a job namespace's part of a bucket (the History Server reads it). */
export const EVENT_LOG_PREFIX = "spark-events/";

/**
 * Event logging into object storage, shared by S3 and OSS: on, under `<namespace data root>/spark-events/`,
 * rolling. An object store shows a file only once its writer closes it, so a single event log stays
 * invisible to the History Server until the application ends; rolling closes a file every
 * `maxFileSize` and the History Server reads the finished ones while the application runs (Spark
 * `docs/configuration.md`, `spark.eventLog.rolling.enabled` and `spark.eventLog.rolling.maxFileSize`,
 * since 3.0.0, read 2026-11-29). 64m is what awslabs/data-on-eks's Spark blueprints use.
 * @param namespaceRoot the job namespace's data root as Hadoop names it, e.g. `s3a://data/namespaces/spark-jobs`
 */
export function eventLogSparkConf(namespaceRoot: pulumi.Input<string>): Record<string, pulumi.Input<string>> {
    return {
        "spark.eventLog.enabled": "true",
        "spark.eventLog.dir": pulumi.interpolate`${namespaceRoot}/${EVENT_LOG_PREFIX}`,
        "spark.eventLog.rolling.enabled": "true",
        "spark.eventLog.rolling.maxFileSize": "64m",
    };
}

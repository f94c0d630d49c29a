/**
 * Where each job namespace's data lives in a bucket (S3 or OSS), as plain functions of names.
 *
 * A namespace's jobs read and write only under `namespaces/<namespace>/` (their data, results and
 * event logs) and read the shared inputs under `samples/`; the IAM (S3) and RAM (OSS) policies grant
 * exactly these prefixes, so one namespace's identity cannot read or overwrite another's data. The
 * fixed `namespaces/` level keeps a namespace's prefix from ever meeting `samples/` (a namespace may
 * be called `samples`). Hadoop's S3A guide shows the pattern: a writable path needs the key itself,
 * its `key/` marker and `key/*` (apache/hadoop `hadoop-tools/hadoop-aws/src/site/markdown/tools/hadoop-aws/assumed_roles.md`,
 * "Mixed Permissions in a single S3 Bucket", read 2026-11-29).
 */

/** The level under which every job namespace has its own prefix. */
export const NAMESPACES_PREFIX = "namespaces/";

/** Inputs every job namespace may read and none may write (the WordCount text). */
export const SHARED_INPUTS_PREFIX = "samples/";

/** A job namespace's prefix in the bucket, e.g. `namespaces/spark-jobs/`. */
export function namespacePrefix(namespace: string): string {
    return `${NAMESPACES_PREFIX}${namespace}/`;
}

/** A job namespace's data root, e.g. `s3a://bucket/namespaces/spark-jobs`, from the bucket's URI. */
export function namespaceDataRoot(bucketUri: string, namespace: string): string {
    return `${bucketUri.replace(/\/+$/, "")}/${namespacePrefix(namespace).replace(/\/$/, "")}`;
}

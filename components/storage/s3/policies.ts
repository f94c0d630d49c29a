import type { PolicyDocument } from "../../cluster/aws/policies";
import { EVENT_LOG_PREFIX } from "../event-log";
import { namespacePrefix, SHARED_INPUTS_PREFIX } from "../layout";

/**
 * Bucket and IRSA policies for Spark's S3 access, as plain functions of the bucket's ARN.
 */

/** The S3 actions S3A needs on the bucket itself besides listing (granted per prefix): its multipart uploads, its region. */
export const SPARK_BUCKET_ACTIONS = ["s3:ListBucketMultipartUploads", "s3:GetBucketLocation"] as const;
/** The S3 actions S3A needs on objects: read, write, delete (renames are copy + delete), multipart uploads. */
export const SPARK_OBJECT_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"] as const;

/** The ARN of a bucket by name (for an existing bucket), e.g. `arn:aws:s3:::my-bucket`. */
export function bucketArn(partition: string, bucket: string): string {
    return `arn:${partition}:s3:::${bucket}`;
}

/** Denies every request to the bucket and its objects that does not use TLS. */
export function tlsOnlyBucketPolicy(arn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [arn, `${arn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}

/**
 * What one job namespace's Spark pods may do, and nothing more: the S3A actions on the objects under
 * the namespace's own prefix (`namespaces/<namespace>/`: data, results, event logs); reading the
 * shared inputs under `samples/`; listing only those two prefixes (`s3:prefix`, Amazon S3 User Guide
 * "Amazon S3 condition key examples", read 2026-11-29). The bucket-level `GetBucketLocation` and
 * `ListBucketMultipartUploads` take no `s3:prefix` condition (Service Authorization Reference,
 * "Actions defined by Amazon S3"), so a namespace can see the key names, never the content, of other
 * namespaces' uploads still in progress; S3A's committers list them to abort their own.
 */
export function sparkNamespaceAccessPolicy(arn: string, namespace: string): PolicyDocument {
    const own = namespacePrefix(namespace);
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "SparkListOwnAndSharedPrefixes",
                Effect: "Allow",
                Action: "s3:ListBucket",
                Resource: arn,
                Condition: { StringLike: { "s3:prefix": [`${own}*`, `${SHARED_INPUTS_PREFIX}*`] } },
            },
            { Sid: "SparkBucketMetadata", Effect: "Allow", Action: [...SPARK_BUCKET_ACTIONS], Resource: arn },
            // The prefix as a key too: S3A looks for a file named like a directory before listing it.
            {
                Sid: "SparkReadWriteOwnPrefix",
                Effect: "Allow",
                Action: [...SPARK_OBJECT_ACTIONS],
                Resource: [`${arn}/${own.replace(/\/$/, "")}`, `${arn}/${own}*`],
            },
            { Sid: "SparkReadSharedInputs", Effect: "Allow", Action: "s3:GetObject", Resource: `${arn}/${SHARED_INPUTS_PREFIX}*` },
        ],
    };
}

/**
 * What a job namespace's Spark History Server may do: list and read that namespace's event logs,
 * nothing else: no write, no delete (the bucket's lifecycle rules expire old logs, see
 * `dataBucketLifecycleRules`), no read of the namespace's data, no other namespace. The directory
 * itself as a key too: S3A looks for a file named like the directory before it lists it.
 * `GetBucketLocation` takes no prefix and reveals no object.
 */
export function historyServerAccessPolicy(arn: string, namespace: string): PolicyDocument {
    const events = `${namespacePrefix(namespace)}${EVENT_LOG_PREFIX}`;
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "HistoryListEventLogs",
                Effect: "Allow",
                Action: "s3:ListBucket",
                Resource: arn,
                Condition: { StringLike: { "s3:prefix": [`${events}*`] } },
            },
            { Sid: "HistoryBucketLocation", Effect: "Allow", Action: "s3:GetBucketLocation", Resource: arn },
            {
                Sid: "HistoryReadEventLogs",
                Effect: "Allow",
                Action: "s3:GetObject",
                Resource: [`${arn}/${events.replace(/\/$/, "")}`, `${arn}/${events}*`],
            },
        ],
    };
}

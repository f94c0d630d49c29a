import type { PolicyDocument } from "../../cluster/aws/policies";

/**
 * Bucket and IRSA policies for Spark's S3 access, as plain functions of the bucket's ARN.
 */

/** The S3 actions S3A needs on the bucket itself: listing (with a prefix, for directories), its multipart uploads, its region. */
export const SPARK_BUCKET_ACTIONS = ["s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:GetBucketLocation"] as const;
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

/** What a job namespace's Spark pods may do: the S3A actions, on this bucket and its objects only. */
export function sparkBucketAccessPolicy(arn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "SparkListBucket", Effect: "Allow", Action: [...SPARK_BUCKET_ACTIONS], Resource: arn },
            { Sid: "SparkReadWriteObjects", Effect: "Allow", Action: [...SPARK_OBJECT_ACTIONS], Resource: `${arn}/*` },
        ],
    };
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { eventLogExpiryRules } from "../event-log-expiry";
import type { ResolvedS3Args } from "./args";
import { tlsOnlyBucketPolicy } from "./policies";

/**
 * The created bucket's one lifecycle configuration (S3 keeps one per bucket, of up to 1,000 rules:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html, read 2026-11-29):
 * abort multipart uploads left incomplete, and expire each job namespace's rolling event logs
 * `eventLogMaxAgeDays` after they were written (S3 counts from the object's creation, rounded up to
 * the next midnight UTC). The expiry takes the place of the History Server's cleaner, so the server's
 * role needs no `s3:DeleteObject`; the directory marker `namespaces/<namespace>/spark-events/` is
 * outside the rules' prefix and stays.
 */
export function dataBucketLifecycleRules(s: Pick<ResolvedS3Args, "abortIncompleteUploadsAfterDays" | "jobNamespaces" | "eventLogMaxAgeDays">) {
    return [
        {
            id: "abort-incomplete-multipart-uploads",
            status: "Enabled",
            filter: { prefix: "" },
            abortIncompleteMultipartUpload: { daysAfterInitiation: s.abortIncompleteUploadsAfterDays },
        },
        ...(s.eventLogMaxAgeDays === undefined ? [] : eventLogExpiryRules(s.jobNamespaces, s.eventLogMaxAgeDays)).map((rule) => ({
            id: rule.id,
            status: "Enabled",
            filter: { prefix: rule.prefix },
            expiration: { days: rule.days },
        })),
    ];
}

/** A created data bucket and the settings objects must wait for. */
export interface DataBucket {
    bucket: aws.s3.Bucket;
    /** Public-access block, ownership, encryption, TLS-only policy (and versioning). */
    settings: pulumi.Resource[];
}

/**
 * Declares the data bucket with the safe defaults: kept on destroy (emptied and deleted only when
 * `retainOnDestroy` is false), all four public-access blocks,
 * ACLs disabled (BucketOwnerEnforced), SSE-S3 default encryption, and a policy that refuses any
 * request without TLS. Everything is kept on `pulumi destroy` unless `retainOnDestroy` is false, so a
 * kept bucket keeps its protections too.
 *
 * Encryption is SSE-S3 (AES256) rather than SSE-KMS: it costs nothing per request, and the IRSA
 * roles then need no KMS permissions; data is encrypted at rest either way.
 */
export function createDataBucket(name: string, s: ResolvedS3Args, parent: pulumi.Resource): DataBucket {
    const region = s.region;
    const opts = { parent, retainOnDelete: s.retainOnDestroy };

    // A bucket the user asked to delete on destroy is emptied first (else S3 refuses: BucketNotEmpty);
    // a kept bucket is never emptied.
    const bucket = new aws.s3.Bucket(`${name}-bucket`, { region, ...(s.bucket ? { bucket: s.bucket } : {}), forceDestroy: !s.retainOnDestroy }, opts);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
        `${name}-public-access`,
        { region, bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        opts,
    );
    // S3 refuses concurrent changes to one bucket's settings, so they go one after another.
    const ownership = new aws.s3.BucketOwnershipControls(
        `${name}-ownership`,
        { region, bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
        { ...opts, dependsOn: [publicAccess] },
    );
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-encryption`,
        { region, bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
        { ...opts, dependsOn: [ownership] },
    );
    const policy = new aws.s3.BucketPolicy(
        `${name}-tls-only`,
        { region, bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) },
        { ...opts, dependsOn: [encryption] },
    );
    const lifecycle = new aws.s3.BucketLifecycleConfiguration(
        `${name}-lifecycle`,
        { region, bucket: bucket.id, rules: dataBucketLifecycleRules(s) },
        { ...opts, dependsOn: [policy] },
    );
    const settings: pulumi.Resource[] = [publicAccess, ownership, encryption, policy, lifecycle];
    if (s.versioning) {
        settings.push(
            new aws.s3.BucketVersioning(
                `${name}-versioning`,
                { region, bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
                { ...opts, dependsOn: [lifecycle] },
            ),
        );
    }
    return { bucket, settings };
}

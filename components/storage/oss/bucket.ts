import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";

import { eventLogExpiryRules } from "../event-log-expiry";
import type { ResolvedOssArgs } from "./args";
import { tlsOnlyBucketPolicy } from "./policies";

/**
 * The created bucket's lifecycle rules: each job namespace's rolling event logs expire
 * `eventLogMaxAgeDays` after they were last modified, in place of the History Server's cleaner, so
 * the server's RAM role needs no `oss:DeleteObject`. The `spark-events/.keep` marker is outside the
 * rules' prefix and stays. The rules are the bucket's own argument (the provider has no separate
 * lifecycle resource); OSS's PutBucketLifecycle replaces a bucket's whole set of rules
 * (https://help.aliyun.com/en/oss/developer-reference/putbucketlifecycle, read 2026-11-29), which is
 * why an existing bucket gets none.
 */
export function ossLifecycleRules(s: Pick<ResolvedOssArgs, "jobNamespaces" | "eventLogMaxAgeDays">): alicloud.types.input.oss.BucketLifecycleRule[] {
    if (s.eventLogMaxAgeDays === undefined) return [];
    return eventLogExpiryRules(s.jobNamespaces, s.eventLogMaxAgeDays).map((rule) => ({
        id: rule.id,
        prefix: rule.prefix,
        enabled: true,
        expirations: [{ days: rule.days }],
    }));
}

/** A created data bucket and the settings objects must wait for. */
export interface OssDataBucket {
    bucket: alicloud.oss.Bucket;
    /** Public-access block, ACL, encryption, TLS-only policy (and versioning), in that order. */
    settings: pulumi.Resource[];
}

/**
 * Declares the data bucket with safe defaults: no force-destroy, public access blocked, a private
 * ACL, default server-side encryption (AES256 with OSS-managed keys, or KMS with the given key), and
 * a policy that refuses any request without TLS. Everything is kept on `pulumi destroy` unless
 * `retainOnDestroy` is false, so a kept bucket keeps its protections too.
 *
 * Each setting is its own resource (`BucketAcl`, `BucketServerSideEncryption`, `BucketPolicy`,
 * `BucketVersioning`): the bucket's own `acl` and `policy` arguments are deprecated since provider
 * 1.220.0, and an inline encryption rule must not be combined with the separate resource. The
 * settings go one after another, so no two requests change the bucket at the same time.
 * @param bucketName the name to create the bucket with (given or derived)
 */
export function createOssDataBucket(name: string, bucketName: string, s: ResolvedOssArgs, parent: pulumi.Resource): OssDataBucket {
    const opts = { parent, retainOnDelete: s.retainOnDestroy };

    // A derived name hashes the organization, project and stack (./bucket-name.ts) once, when the
    // bucket is created: renaming the stack or moving it to another organization or backend must not
    // replace a bucket full of data, so later changes of the derived name are ignored, and everything
    // that names the bucket reads its actual name. A name the user sets is theirs to change.
    const lifecycleRules = ossLifecycleRules(s);
    const bucket = new alicloud.oss.Bucket(
        `${name}-bucket`,
        { bucket: bucketName, forceDestroy: false, ...(lifecycleRules.length > 0 ? { lifecycleRules } : {}) },
        { ...opts, ...(s.bucket === undefined ? { ignoreChanges: ["bucket"] } : {}) },
    );
    const publicAccess = new alicloud.oss.BucketPublicAccessBlock(`${name}-public-access`, { bucket: bucket.bucket, blockPublicAccess: true }, opts);
    const acl = new alicloud.oss.BucketAcl(`${name}-acl`, { bucket: bucket.bucket, acl: "private" }, { ...opts, dependsOn: [publicAccess] });
    const encryption = new alicloud.oss.BucketServerSideEncryption(
        `${name}-encryption`,
        s.kmsKeyId === undefined
            ? { bucket: bucket.bucket, sseAlgorithm: "AES256" }
            : { bucket: bucket.bucket, sseAlgorithm: "KMS", kmsMasterKeyId: s.kmsKeyId },
        { ...opts, dependsOn: [acl] },
    );
    const policy = new alicloud.oss.BucketPolicy(
        `${name}-tls-only`,
        { bucket: bucket.bucket, policy: bucket.bucket.apply((b) => JSON.stringify(tlsOnlyBucketPolicy(b))) },
        { ...opts, dependsOn: [encryption] },
    );
    const settings: pulumi.Resource[] = [publicAccess, acl, encryption, policy];
    if (s.versioning) {
        settings.push(new alicloud.oss.BucketVersioning(`${name}-versioning`, { bucket: bucket.bucket, status: "Enabled" }, { ...opts, dependsOn: [policy] }));
    }
    return { bucket, settings };
}

import type * as pulumi from "@pulumi/pulumi";

import type { IrsaProvider } from "../../cluster/aws/policies";
import { awsPartition, requireAwsRegion } from "../../cluster/aws/region";
import { describeValue, InputError } from "../../errors";
import { requireDns1123Label, requireUnique } from "../../names";
import { requireBucketName } from "./bucket-name";

/** Arguments of `S3Storage`. */
export interface S3StorageArgs {
    /** Job namespaces: each gets an IRSA role for its driver and executor service accounts. */
    jobNamespaces: string[];
    /** The cluster's OIDC provider and issuer (`EksFargateCluster.irsa`). */
    irsa: pulumi.Input<IrsaProvider>;
    /**
     * The bucket's region (and the S3A endpoint's).
     * @default the AWS provider's `aws:region`
     */
    region?: string;
    /**
     * Name of the bucket to create (S3 rules, no dots). Bucket names are global: a fixed name can
     * collide with anyone's bucket.
     * @default `<component name>-bucket-<random>`
     */
    bucket?: string;
    /**
     * Use this existing bucket instead of creating one: no bucket resource is declared, and its
     * public-access, encryption and TLS settings stay yours. Dots are allowed (path-style access).
     * @default none (a bucket is created)
     */
    existingBucket?: string;
    /**
     * Whether `pulumi destroy` deletes the created bucket (and its settings) or leaves them in AWS
     * (`retainOnDelete`). A kept bucket must be deleted by hand.
     * @default true (kept)
     */
    retainOnDestroy?: boolean;
    /**
     * Versioning of the created bucket. Spark rewrites many objects, so versions add up: pair it
     * with a lifecycle rule if you turn it on.
     * @default false
     */
    versioning?: boolean;
    /**
     * Service accounts the IRSA roles trust in each job namespace.
     * @default { driver: "spark-driver", executor: "spark-executor" }
     */
    serviceAccounts?: { driver: string; executor: string };
    /**
     * Text uploaded as the WordCount sample's input (`samples/wordcount/input.txt`), exposed as
     * `wordCountInput`.
     * @default nothing uploaded
     */
    wordCountText?: pulumi.Input<string>;
}

/** {@link S3StorageArgs} after validation, with defaults applied. */
export interface ResolvedS3Args {
    region: string;
    partition: string;
    /** Set when a bucket is created with a fixed name. */
    bucket?: string;
    existingBucket?: string;
    retainOnDestroy: boolean;
    versioning: boolean;
    jobNamespaces: string[];
    serviceAccounts: { driver: string; executor: string };
}

/** Where the WordCount input is uploaded. */
export const WORDCOUNT_KEY = "samples/wordcount/input.txt";

/**
 * Checks the storage arguments (no AWS call). Errors name the argument through `keyOf` (e.g.
 * `bucket` -> `storage.bucket` in stack config).
 * @param componentName when no bucket name is given, the created bucket's name derives from it
 */
export function resolveS3StorageArgs(
    // The IRSA provider is an output of the cluster, passed through as is: nothing to check here.
    args: Omit<S3StorageArgs, "irsa">,
    region: string | undefined,
    componentName: string,
    keyOf: (arg: string) => string = (arg) => arg,
): ResolvedS3Args {
    requireAwsRegion(region, keyOf("region"));
    const r = region as string;
    if (args.bucket !== undefined && args.existingBucket !== undefined) {
        throw new InputError(keyOf("existingBucket"), `is set together with ${keyOf("bucket")}`, "either a bucket to create or an existing one");
    }
    if (args.existingBucket !== undefined) {
        requireBucketName(args.existingBucket, keyOf("existingBucket"), { allowDots: true });
        for (const arg of ["retainOnDestroy", "versioning"] as const) {
            if (args[arg] !== undefined) {
                throw new InputError(
                    keyOf(arg),
                    `is set for an existing bucket`,
                    `it only for a bucket this package creates (without ${keyOf("existingBucket")})`,
                );
            }
        }
    } else if (args.bucket !== undefined) {
        requireBucketName(args.bucket, keyOf("bucket"), { allowDots: false });
    } else if (!/^[a-z0-9][a-z0-9-]{0,47}$/.test(componentName)) {
        // Pulumi names the bucket `<name>-bucket-<7 random characters>`.
        throw new InputError(
            keyOf("bucket"),
            `not set, and the component name ${describeValue(componentName)} cannot start a bucket name`,
            "a bucket name, or a lower-case component name of at most 48 characters",
        );
    }
    for (const arg of ["retainOnDestroy", "versioning"] as const) {
        if (args[arg] !== undefined && typeof args[arg] !== "boolean") {
            throw new InputError(keyOf(arg), `got ${describeValue(args[arg])}`, "true or false");
        }
    }
    if (!Array.isArray(args.jobNamespaces) || args.jobNamespaces.length === 0) {
        throw new InputError(keyOf("jobNamespaces"), `got ${describeValue(args.jobNamespaces)}`, "at least one namespace name");
    }
    args.jobNamespaces.forEach((ns, i) => requireDns1123Label(ns, `${keyOf("jobNamespaces")}[${i}]`));
    requireUnique(args.jobNamespaces, keyOf("jobNamespaces"));
    const serviceAccounts = args.serviceAccounts ?? { driver: "spark-driver", executor: "spark-executor" };
    requireDns1123Label(serviceAccounts.driver, keyOf("serviceAccounts.driver"));
    requireDns1123Label(serviceAccounts.executor, keyOf("serviceAccounts.executor"));
    return {
        region: r,
        partition: awsPartition(r),
        bucket: args.bucket,
        existingBucket: args.existingBucket,
        retainOnDestroy: args.retainOnDestroy ?? true,
        versioning: args.versioning ?? false,
        jobNamespaces: [...args.jobNamespaces],
        serviceAccounts: { ...serviceAccounts },
    };
}

import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

import { requireInteger } from "../../checks";
import type { IrsaProvider } from "../../cluster/aws/policies";
import { awsPartition, requireAwsRegion } from "../../cluster/aws/region";
import { describeValue, InputError } from "../../errors";
import { checkJobNamespaces, requireDns1123Label } from "../../names";
import { parseShape, pickShape } from "../../shape";
import { resolveEventLogMaxAgeDays } from "../event-log-expiry";
import { requireBucketName } from "./bucket-name";

/** The bucket Spark keeps its data in: the `storage` settings of the `aws` stack. */
export interface S3BucketSettings {
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
     * Days after which a created bucket aborts multipart uploads that never completed (S3A writes in
     * 128 MB parts; parts of an abandoned upload are billed until aborted). A lifecycle rule, as
     * https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html
     * describes (read 2026-11-29).
     * @default 7
     */
    abortIncompleteUploadsAfterDays?: number;
    /**
     * Add the S3A connector (hadoop-aws 3.3.4 and the AWS SDK v1 bundle, about 280 MB) to every job
     * as `deps.packages`, fetched from Maven Central at each submission: for jobs on images without
     * hadoop-aws, such as the stock apache/spark 3.5 images. Off, jobs bring their connector in their
     * image, and the WordCount sample runs on the TPC-DS sample image, which has hadoop-aws 3.4.1.
     * @default false
     */
    downloadConnector?: boolean;
}

/** The shape of {@link S3BucketSettings}; each message is the "expected" half of an error. */
export const s3BucketSettingsSchema = z.strictObject(
    {
        bucket: z.string({ error: "an S3 bucket name" }).optional(),
        existingBucket: z.string({ error: "an S3 bucket name" }).optional(),
        retainOnDestroy: z.boolean({ error: "true or false" }).optional(),
        versioning: z.boolean({ error: "true or false" }).optional(),
        abortIncompleteUploadsAfterDays: z.int({ error: "a whole number of days" }).optional(),
        downloadConnector: z.boolean({ error: "true or false" }).optional(),
    },
    { error: "an object with bucket or existingBucket, retainOnDestroy, versioning, abortIncompleteUploadsAfterDays, downloadConnector" },
) satisfies z.ZodType<S3BucketSettings>;

/** Arguments of `S3Storage`: the bucket, and who may use it. */
export interface S3StorageArgs extends S3BucketSettings {
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
    /**
     * Days a job namespace's event logs are kept: a rule of the created bucket's lifecycle
     * configuration per namespace deletes the rolling logs under `namespaces/<namespace>/spark-events/`
     * this long after they were written, so the History Server needs no delete permission. The
     * platform's `historyServer.maxAgeDays` must be the same (the top-level components pass it). Not
     * for an `existingBucket`: S3 keeps one lifecycle configuration per bucket, and declaring one
     * would replace its owner's rules, so they add this rule themselves (README, "Day 2").
     * @default 30 for a created bucket
     */
    eventLogMaxAgeDays?: number;
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
    abortIncompleteUploadsAfterDays: number;
    downloadConnector: boolean;
    jobNamespaces: string[];
    serviceAccounts: { driver: string; executor: string };
    /** Days the created bucket's lifecycle rules keep event logs; undefined for an existing bucket. */
    eventLogMaxAgeDays?: number;
}

/** Where the WordCount input is uploaded. */
export const WORDCOUNT_KEY = "samples/wordcount/input.txt";

/**
 * Parses the bucket settings (shape, values, defaults); errors name the setting relative to them.
 * @param componentName when no bucket name is given, the created bucket's name derives from it
 */
export function resolveS3BucketSettings(
    input: unknown,
    componentName: string,
): Pick<ResolvedS3Args, "bucket" | "existingBucket" | "retainOnDestroy" | "versioning" | "abortIncompleteUploadsAfterDays" | "downloadConnector"> {
    const settings = parseShape(s3BucketSettingsSchema, input ?? {});
    if (settings.bucket !== undefined && settings.existingBucket !== undefined) {
        throw new InputError("existingBucket", "is set together with {{bucket}}", "either a bucket to create or an existing one");
    }
    if (settings.existingBucket !== undefined) {
        requireBucketName(settings.existingBucket, "existingBucket", { allowDots: true });
        for (const arg of ["retainOnDestroy", "versioning", "abortIncompleteUploadsAfterDays"] as const) {
            if (settings[arg] !== undefined) {
                throw new InputError(arg, "is set for an existing bucket", "it only for a bucket this package creates (without {{existingBucket}})");
            }
        }
    } else if (settings.bucket !== undefined) {
        requireBucketName(settings.bucket, "bucket", { allowDots: false });
    } else if (!/^[a-z0-9][a-z0-9-]{0,47}$/.test(componentName)) {
        // Pulumi names the bucket `<name>-bucket-<7 random characters>`.
        throw new InputError(
            "bucket",
            `not set, and the component name ${describeValue(componentName)} cannot start a bucket name`,
            "a bucket name, or a lower-case component name of at most 48 characters",
        );
    }
    const abortIncompleteUploadsAfterDays = requireInteger(
        settings.abortIncompleteUploadsAfterDays ?? 7,
        "abortIncompleteUploadsAfterDays",
        1,
        365,
        "a whole number of days",
    );
    return {
        bucket: settings.bucket,
        existingBucket: settings.existingBucket,
        retainOnDestroy: settings.retainOnDestroy ?? true,
        versioning: settings.versioning ?? false,
        abortIncompleteUploadsAfterDays,
        downloadConnector: settings.downloadConnector ?? false,
    };
}

/**
 * Parses the storage arguments (no AWS call): the region, the bucket settings, the namespaces and
 * service accounts. Errors name the argument.
 * @param componentName when no bucket name is given, the created bucket's name derives from it
 */
export function resolveS3StorageArgs(
    // The IRSA provider is an output of the cluster, passed through as is: nothing to check here.
    args: Omit<S3StorageArgs, "irsa">,
    region: string | undefined,
    componentName: string,
): ResolvedS3Args {
    const r = requireAwsRegion(region, "region");
    const settings = resolveS3BucketSettings(pickShape(s3BucketSettingsSchema, args), componentName);
    checkJobNamespaces(args.jobNamespaces);
    const serviceAccounts = args.serviceAccounts ?? { driver: "spark-driver", executor: "spark-executor" };
    requireDns1123Label(serviceAccounts.driver, "serviceAccounts.driver");
    requireDns1123Label(serviceAccounts.executor, "serviceAccounts.executor");
    const eventLogMaxAgeDays = resolveEventLogMaxAgeDays(args.eventLogMaxAgeDays, settings.existingBucket !== undefined);
    return {
        region: r,
        partition: awsPartition(r),
        ...settings,
        jobNamespaces: [...args.jobNamespaces],
        serviceAccounts: { ...serviceAccounts },
        ...(eventLogMaxAgeDays === undefined ? {} : { eventLogMaxAgeDays }),
    };
}

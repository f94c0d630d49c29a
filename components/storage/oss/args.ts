import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

import { requireAlicloudRegion } from "../../cluster/alicloud/region";
import { describeValue, InputError } from "../../errors";
import { checkJobNamespaces } from "../../names";
import { parseShape, pickShape } from "../../shape";
import { resolveEventLogMaxAgeDays } from "../event-log-expiry";
import { canPrefixBucketName, MAX_DERIVED_PREFIX, OSS_BUCKET_NAME_RULES, requireOssBucketName } from "./bucket-name";
import { DEFAULT_JINDO_VERSION } from "./spark-conf";

/** The bucket Spark keeps its data in: the `storage` settings of the `alicloud` stack. */
export interface OssBucketSettings {
    /**
     * Name of the bucket to create (OSS naming rules). Bucket names are global: a fixed name can
     * collide with anyone's bucket.
     * @default `<component name>-<10 hex>`, derived from the Pulumi organization, project, stack and component name
     */
    bucket?: string;
    /**
     * Use this existing bucket instead of creating one: no bucket resource is declared, and its ACL,
     * public-access block, encryption and TLS settings stay yours.
     * @default none (a bucket is created)
     */
    existingBucket?: string;
    /**
     * Whether `pulumi destroy` deletes the created bucket (and its settings) or leaves them in OSS
     * (`retainOnDelete`). A kept bucket must be deleted by hand.
     * @default true (kept)
     */
    retainOnDestroy?: boolean;
    /**
     * Versioning of the created bucket. Spark rewrites many objects, so versions add up: pair it
     * with a lifecycle rule if you turn it on. OSS cannot turn versioning off again, only suspend it.
     * @default false
     */
    versioning?: boolean;
    /**
     * A KMS key id: the created bucket encrypts objects with SSE-KMS under this key instead of
     * OSS-managed AES256, and the job roles may use the key (`kms:GenerateDataKey`, `kms:Decrypt`).
     * With `existingBucket`, only the roles' key permission is added (the bucket's encryption is
     * left as it is).
     * @default none (AES256 with OSS-managed keys)
     */
    kmsKeyId?: string;
    /**
     * JindoSDK version: the `com.aliyun.jindodata:jindo-core` and `jindo-sdk` packages jobs fetch.
     * @default "6.10.7"
     */
    jindoVersion?: string;
}

/** The shape of {@link OssBucketSettings}; each message is the "expected" half of an error. */
export const ossBucketSettingsSchema = z.strictObject(
    {
        bucket: z.string({ error: OSS_BUCKET_NAME_RULES }).optional(),
        existingBucket: z.string({ error: OSS_BUCKET_NAME_RULES }).optional(),
        retainOnDestroy: z.boolean({ error: "true or false" }).optional(),
        versioning: z.boolean({ error: "true or false" }).optional(),
        kmsKeyId: z.string({ error: "a KMS key id" }).optional(),
        jindoVersion: z.string({ error: 'a JindoSDK version such as "6.10.7"' }).optional(),
    },
    { error: "an object with bucket or existingBucket, retainOnDestroy, versioning, kmsKeyId, jindoVersion" },
) satisfies z.ZodType<OssBucketSettings>;

/** Arguments of `OssStorage`: the bucket, and who may use it. */
export interface OssStorageArgs extends OssBucketSettings {
    /**
     * Job namespaces: each gets its own RAM role, which ECI gives to the namespace's Spark pods.
     */
    jobNamespaces: string[];
    /**
     * The bucket's region, and the region of the internal OSS endpoint jobs use. A created bucket
     * lands in the Alibaba provider's region (OSS buckets take no region argument), so this must be
     * that region; for an existing bucket it is where that bucket lives.
     * @default the Alibaba provider's `alicloud:region`
     */
    region?: string;
    /**
     * Text uploaded as the WordCount sample's input (`samples/wordcount/input.txt`), exposed as
     * `wordCountInput`.
     * @default nothing uploaded
     */
    wordCountText?: pulumi.Input<string>;
    /**
     * Days a job namespace's event logs are kept: a lifecycle rule per namespace on the created
     * bucket deletes the rolling logs under `namespaces/<namespace>/spark-events/` this long after
     * they were last modified, so the History Server needs no delete permission. The platform's
     * `historyServer.maxAgeDays` must be the same (the top-level components pass it). Not for an
     * `existingBucket`: OSS's PutBucketLifecycle replaces a bucket's whole set of rules, so its owner
     * adds this rule themselves (README, "Day 2").
     * @default 30 for a created bucket
     */
    eventLogMaxAgeDays?: number;
}

/** {@link OssStorageArgs} after validation, with defaults applied. */
export interface ResolvedOssArgs {
    region: string;
    /** Set when a bucket is created with a fixed name. */
    bucket?: string;
    existingBucket?: string;
    retainOnDestroy: boolean;
    versioning: boolean;
    kmsKeyId?: string;
    jindoVersion: string;
    jobNamespaces: string[];
    /** Days the created bucket's lifecycle rules keep event logs; undefined for an existing bucket. */
    eventLogMaxAgeDays?: number;
}

/** Where the WordCount input is uploaded. */
export const OSS_WORDCOUNT_KEY = "samples/wordcount/input.txt";

const JINDO_VERSION = /^\d+\.\d+\.\d+$/;
/** KMS key ids are UUIDs or `key-...` ids: letters, digits, '-' and '_'. */
const KMS_KEY_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
/** Arguments that only make sense for a bucket this package creates. */
const CREATED_BUCKET_ONLY = ["retainOnDestroy", "versioning"] as const;

/**
 * Parses the bucket settings (shape, values, defaults); errors name the setting relative to them.
 * @param componentName when no bucket name is given, the created bucket's name derives from it
 */
export function resolveOssBucketSettings(input: unknown, componentName: string): Omit<ResolvedOssArgs, "region" | "jobNamespaces"> {
    const args = parseShape(ossBucketSettingsSchema, input ?? {});
    if (args.bucket !== undefined && args.existingBucket !== undefined) {
        throw new InputError("existingBucket", "is set together with {{bucket}}", "either a bucket to create or an existing one");
    }
    if (args.existingBucket !== undefined) {
        requireOssBucketName(args.existingBucket, "existingBucket");
        for (const arg of CREATED_BUCKET_ONLY) {
            if (args[arg] !== undefined) {
                throw new InputError(arg, "is set for an existing bucket", "it only for a bucket this package creates (without {{existingBucket}})");
            }
        }
    } else if (args.bucket !== undefined) {
        requireOssBucketName(args.bucket, "bucket");
    } else if (!canPrefixBucketName(componentName)) {
        throw new InputError(
            "bucket",
            `not set, and the component name ${describeValue(componentName)} cannot start a bucket name`,
            `a bucket name, or a component name of at most ${MAX_DERIVED_PREFIX} lower-case letters, digits and '-'`,
        );
    }
    if (args.kmsKeyId !== undefined && !KMS_KEY_ID.test(args.kmsKeyId)) {
        throw new InputError("kmsKeyId", `got ${describeValue(args.kmsKeyId)}`, "a KMS key id: letters, digits, '-' and '_'");
    }
    const jindoVersion = args.jindoVersion ?? DEFAULT_JINDO_VERSION;
    if (!JINDO_VERSION.test(jindoVersion)) {
        throw new InputError("jindoVersion", `got ${describeValue(jindoVersion)}`, `a JindoSDK release version such as ${DEFAULT_JINDO_VERSION}`);
    }
    return {
        bucket: args.bucket,
        existingBucket: args.existingBucket,
        retainOnDestroy: args.retainOnDestroy ?? true,
        versioning: args.versioning ?? false,
        kmsKeyId: args.kmsKeyId,
        jindoVersion,
    };
}

/**
 * Parses the storage arguments (no Alibaba Cloud call): the region, the bucket settings and the
 * namespaces. Errors name the argument.
 * @param region the bucket's region (`args.region` or the provider's)
 * @param componentName when no bucket name is given, the created bucket's name derives from it
 */
export function resolveOssStorageArgs(args: OssStorageArgs, region: string | undefined, componentName: string): ResolvedOssArgs {
    const r = requireAlicloudRegion(region, "region");
    const settings = resolveOssBucketSettings(pickShape(ossBucketSettingsSchema, args), componentName);
    checkJobNamespaces(args.jobNamespaces);
    const eventLogMaxAgeDays = resolveEventLogMaxAgeDays(args.eventLogMaxAgeDays, settings.existingBucket !== undefined);
    return { region: r, ...settings, jobNamespaces: [...args.jobNamespaces], ...(eventLogMaxAgeDays === undefined ? {} : { eventLogMaxAgeDays }) };
}

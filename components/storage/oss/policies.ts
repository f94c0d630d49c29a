/**
 * OSS bucket policy and RAM policies for Spark's OSS access, as plain functions of names. Both
 * policy languages use `"Version": "1"` and `acs:` resource names.
 */
import { EVENT_LOG_PREFIX } from "../event-log";
import { namespacePrefix, SHARED_INPUTS_PREFIX } from "../layout";

/** A statement of a RAM or OSS bucket policy. */
export interface RamStatement {
    Effect: "Allow" | "Deny";
    Action: string | string[];
    Resource?: string | string[];
    Principal?: Record<string, string[]> | string[];
    Condition?: Record<string, Record<string, string[]>>;
}

/** A RAM or OSS bucket policy document. */
export interface RamPolicyDocument {
    Version: "1";
    Statement: RamStatement[];
}

/** The OSS actions JindoSDK needs on the bucket itself besides listing (granted per prefix): its multipart uploads, its metadata. */
export const SPARK_BUCKET_ACTIONS = ["oss:ListMultipartUploads", "oss:GetBucketInfo", "oss:GetBucketLocation"] as const;
/**
 * The OSS actions JindoSDK needs on objects: read, write (multipart uploads are authorised as
 * `oss:PutObject`), delete (renames are copy + delete), and cleaning up multipart uploads.
 */
export const SPARK_OBJECT_ACTIONS = ["oss:GetObject", "oss:PutObject", "oss:DeleteObject", "oss:AbortMultipartUpload", "oss:ListParts"] as const;
/** What SSE-KMS needs from a writer and reader of the bucket's objects. */
export const SPARK_KMS_ACTIONS = ["kms:GenerateDataKey", "kms:Decrypt"] as const;

/** The bucket's resource name in policies, e.g. `acs:oss:*:*:my-bucket` (region and account left open, as OSS names are global). */
export function ossBucketResource(bucket: string): string {
    return `acs:oss:*:*:${bucket}`;
}

/**
 * Denies every request to the bucket and its objects that does not use TLS, whoever makes it.
 * This Deny is the one place `oss:*` appears: it takes nothing away from a TLS request.
 */
export function tlsOnlyBucketPolicy(bucket: string): RamPolicyDocument {
    const resource = ossBucketResource(bucket);
    return {
        Version: "1",
        Statement: [
            {
                Effect: "Deny",
                Principal: ["*"],
                Action: ["oss:*"],
                Resource: [resource, `${resource}/*`],
                Condition: { Bool: { "acs:SecureTransport": ["false"] } },
            },
        ],
    };
}

/**
 * What one job namespace's Spark pods may do: the JindoSDK actions on the objects under the
 * namespace's own prefix (`namespaces/<namespace>/`), reading the shared inputs under `samples/`,
 * listing only those two prefixes (`oss:Prefix`, Alibaba Cloud OSS "Control OSS access with RAM
 * policies", read 2026-11-29), the bucket's metadata, and the KMS key when objects are encrypted
 * with one. `oss:ListMultipartUploads` takes no prefix condition, so a namespace can see the key
 * names, never the content, of other namespaces' uploads in progress.
 */
export function sparkOssNamespacePolicy(bucket: string, namespace: string, kms?: { region: string; keyId: string }): RamPolicyDocument {
    const resource = ossBucketResource(bucket);
    const own = namespacePrefix(namespace);
    const statements: RamStatement[] = [
        {
            Effect: "Allow",
            Action: ["oss:ListObjects"],
            Resource: [resource],
            Condition: { StringLike: { "oss:Prefix": [`${own}*`, `${SHARED_INPUTS_PREFIX}*`] } },
        },
        { Effect: "Allow", Action: [...SPARK_BUCKET_ACTIONS], Resource: [resource] },
        // The prefix as a key too: JindoSDK looks for a file named like a directory before listing it.
        { Effect: "Allow", Action: [...SPARK_OBJECT_ACTIONS], Resource: [`${resource}/${own.replace(/\/$/, "")}`, `${resource}/${own}*`] },
        { Effect: "Allow", Action: ["oss:GetObject"], Resource: [`${resource}/${SHARED_INPUTS_PREFIX}*`] },
    ];
    if (kms !== undefined) {
        statements.push({ Effect: "Allow", Action: [...SPARK_KMS_ACTIONS], Resource: [`acs:kms:${kms.region}:*:key/${kms.keyId}`] });
    }
    return { Version: "1", Statement: statements };
}

/** The service principal ECI instance RAM roles are assumed by (ECI uses the ECS trust; to be confirmed on a real account). */
export const ECI_ROLE_PRINCIPAL = "ecs.aliyuncs.com";

/** Trust policy of a role ECI gives to pods: assumable by the ECS service only. */
export function eciRoleTrustPolicy(): RamPolicyDocument {
    return {
        Version: "1",
        Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: [ECI_ROLE_PRINCIPAL] } }],
    };
}

/**
 * What a job namespace's Spark History Server may do on OSS: list and read that namespace's event
 * logs, and the bucket metadata JindoSDK reads; no write, no delete (the bucket's lifecycle rules
 * expire old logs, see `ossLifecycleRules`), no read of the namespace's data, no other namespace
 * (`oss:Prefix` on the listing, Alibaba Cloud OSS "Control OSS access with RAM policies", read
 * 2026-11-29), plus reading through the KMS key when objects are encrypted with one.
 */
export function historyServerOssPolicy(bucket: string, namespace: string, kms?: { region: string; keyId: string }): RamPolicyDocument {
    const resource = ossBucketResource(bucket);
    const events = `${namespacePrefix(namespace)}${EVENT_LOG_PREFIX}`;
    const statements: RamStatement[] = [
        { Effect: "Allow", Action: ["oss:ListObjects"], Resource: [resource], Condition: { StringLike: { "oss:Prefix": [`${events}*`] } } },
        { Effect: "Allow", Action: ["oss:GetBucketInfo", "oss:GetBucketLocation"], Resource: [resource] },
        { Effect: "Allow", Action: ["oss:GetObject"], Resource: [`${resource}/${events.replace(/\/$/, "")}`, `${resource}/${events}*`] },
    ];
    if (kms !== undefined) {
        statements.push({ Effect: "Allow", Action: ["kms:Decrypt"], Resource: [`acs:kms:${kms.region}:*:key/${kms.keyId}`] });
    }
    return { Version: "1", Statement: statements };
}

import { createHash } from "crypto";

import { describeValue, InputError } from "../../errors";

/**
 * OSS bucket naming rules (Alibaba Cloud OSS docs, "Bucket naming conventions", last updated
 * 2026-03-20): 3-63 characters; lower-case letters, digits and hyphens only; starting and ending
 * with a letter or digit; unique across all of OSS. Checked before anything is declared, so a bad
 * name fails with one line instead of a `InvalidBucketName` halfway through `pulumi up`.
 */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
export const OSS_BUCKET_NAME_RULES = "an OSS bucket name: 3-63 lower-case letters, digits and '-', starting and ending with a letter or digit";

/** Length of the hash suffix of a derived bucket name. */
const SUFFIX_LENGTH = 10;
/** The longest component name a derived bucket name can start with (`<name>-<suffix>` <= 63). */
export const MAX_DERIVED_PREFIX = 63 - 1 - SUFFIX_LENGTH;

/** Checks an OSS bucket name. */
export function requireOssBucketName(value: unknown, key: string): string {
    if (typeof value !== "string" || !BUCKET_NAME.test(value)) {
        throw new InputError(key, `got ${describeValue(value)}`, OSS_BUCKET_NAME_RULES);
    }
    return value;
}

/** Whether a component name can start a derived bucket name. */
export function canPrefixBucketName(componentName: string): boolean {
    return componentName.length <= MAX_DERIVED_PREFIX && /^[a-z0-9][a-z0-9-]*$/.test(componentName);
}

/**
 * The bucket name used when none is given: `<component name>-<10 hex>`, the hex a digest of the
 * Pulumi organization, project, stack and component name. The Alibaba provider would otherwise
 * pick `tf-oss-bucket-<timestamp>` itself; a derived name is known before the bucket exists (so
 * the job settings that name it need no apply) and stays the same across re-creations of the stack.
 * The offline plan runs without a Pulumi organization, so the name it shows differs from the one
 * `pulumi up` creates under a named organization. Bucket names are global, so a derived name can
 * still be taken by someone else: set a name of your own then.
 */
export function derivedBucketName(componentName: string, scope: { organization: string; project: string; stack: string }): string {
    const digest = createHash("sha256").update([scope.organization, scope.project, scope.stack, componentName].join("\u0000")).digest("hex");
    return `${componentName}-${digest.slice(0, SUFFIX_LENGTH)}`;
}

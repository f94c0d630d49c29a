import type { StackResource, StackRule, StackViolation } from "./types";
import { asList, isObj, isOpaque, Obj, parsePolicyDocument, PolicyStatement, strings } from "./util";

/**
 * S3 and OSS buckets are private, encrypted, TLS-only and kept on `pulumi destroy`. A bucket's
 * settings live in separate resources (public-access block, ownership controls, encryption, bucket
 * policy, ACL), so this is a stack rule: it finds each bucket's settings by the bucket's name, or,
 * when that is not known yet (a generated name at preview), by what the setting depends on.
 *
 * Values that are unknown (at preview) are given the benefit of the doubt; the pack runs stack
 * policies again after `pulumi up`, with every value known.
 */

/** The resource types that make up one kind of bucket. */
interface BucketKind {
    cloud: "S3" | "OSS";
    buckets: string[];
    publicAccessBlock: string;
    encryption: string[];
    policy: string;
    acl: string[];
    ownership?: string;
    /** Default-encryption algorithms that count. */
    algorithms: string[];
    /** The condition key that is false for a request without TLS, and the action prefix of the service. */
    secureTransportKey: string;
    service: string;
}

const S3: BucketKind = {
    cloud: "S3",
    buckets: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    encryption: [
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ],
    policy: "aws:s3/bucketPolicy:BucketPolicy",
    acl: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
    algorithms: ["AES256", "aws:kms", "aws:kms:dsse"],
    secureTransportKey: "aws:securetransport",
    service: "s3",
};

const OSS: BucketKind = {
    cloud: "OSS",
    buckets: ["alicloud:oss/bucket:Bucket"],
    publicAccessBlock: "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock",
    encryption: ["alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption"],
    policy: "alicloud:oss/bucketPolicy:BucketPolicy",
    acl: ["alicloud:oss/bucketAcl:BucketAcl"],
    algorithms: ["AES256", "KMS", "SM4"],
    secureTransportKey: "acs:securetransport",
    service: "oss",
};

const S3_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
const PUBLIC_GRANTEES = /AllUsers|AuthenticatedUsers/;

export const bucketSafety: StackRule = {
    kind: "stack",
    name: "bucket-private-encrypted-tls-retained",
    description: "S3 and OSS buckets block public access, encrypt by default, refuse requests without TLS and are kept on destroy.",
    check(resources) {
        const out: StackViolation[] = [];
        for (const kind of [S3, OSS]) {
            // Settings that are unsafe in themselves, whichever bucket they apply to (one of this
            // stack's, or one it does not declare).
            for (const r of resources) out.push(...settingViolations(kind, r));
            // What each bucket of this stack must have.
            const buckets = resources.filter((r) => kind.buckets.includes(r.type));
            for (const bucket of buckets) {
                const settings = (types: string[]) => resources.filter((r) => types.includes(r.type) && belongsTo(r, bucket, buckets));
                out.push(...checkBucket(kind, bucket, settings));
            }
        }
        return out;
    },
};

/** Whether a setting resource applies to `bucket`: by the bucket's name, else by its dependencies. */
export function belongsTo(setting: StackResource, bucket: StackResource, buckets: StackResource[]): boolean {
    const target = setting.props.bucket;
    if (typeof target === "string" && !isOpaque(target)) {
        if (bucketName(bucket) === target) return true;
        if (buckets.some((b) => bucketName(b) === target)) return false;
    }
    const deps = setting.propertyDependencies?.bucket ?? setting.dependsOn;
    return deps.includes(bucket.id);
}

function bucketName(bucket: StackResource): string | undefined {
    const name = bucket.props.bucket;
    return typeof name === "string" && !isOpaque(name) ? name : undefined;
}

function checkBucket(kind: BucketKind, bucket: StackResource, settings: (types: string[]) => StackResource[]): StackViolation[] {
    const out: StackViolation[] = [];
    const on = (r: StackResource, message: string) => out.push({ resource: r.id, message });
    const b = bucket.props;

    // Private: no public ACL on the bucket, public access blocked, (S3) ACLs disabled.
    if (typeof b.acl === "string" && !isOpaque(b.acl) && b.acl !== "private") on(bucket, `acl is ${JSON.stringify(b.acl)}; buckets must be private`);
    for (const grant of asList(b.grants).filter(isObj)) {
        if (PUBLIC_GRANTEES.test(String(grant.uri ?? ""))) on(bucket, `grants access to ${grant.uri}; buckets must be private`);
    }
    if (settings([kind.publicAccessBlock]).length === 0) {
        on(
            bucket,
            kind.cloud === "S3"
                ? `has no BucketPublicAccessBlock (all four of ${S3_FLAGS.join(", ")} true)`
                : "has no BucketPublicAccessBlock with blockPublicAccess: true",
        );
    }
    if (kind.ownership !== undefined && settings([kind.ownership]).length === 0) {
        on(bucket, "has no BucketOwnershipControls with objectOwnership BucketOwnerEnforced (ACLs disabled)");
    }
    const policies = [
        ...(b.policy !== undefined ? [{ owner: bucket, document: b.policy }] : []),
        ...settings([kind.policy]).map((p) => ({ owner: p, document: p.props.policy })),
    ].map((p) => ({ ...p, parsed: parsePolicyDocument(p.document) }));
    if (b.policy !== undefined) out.push(...publicPolicyViolations(bucket, b.policy));

    // Encrypted by default.
    const encrypted =
        inlineAlgorithms(kind, b).some((a) => isOpaque(a) || kind.algorithms.includes(String(a))) ||
        settings(kind.encryption).some((e) => algorithmsOf(kind, e.props).some((a) => isOpaque(a) || kind.algorithms.includes(String(a))));
    if (!encrypted) {
        on(
            bucket,
            `has no default encryption (${kind.cloud === "S3" ? "a BucketServerSideEncryptionConfiguration" : "serverSideEncryptionRule or a BucketServerSideEncryption"} with ${kind.algorithms.join(" or ")})`,
        );
    }

    // TLS only: some policy denies every action of the service to everyone when the request has no TLS.
    const unreadable = policies.some((p) => p.parsed.kind === "opaque");
    const tlsOnly = policies.some((p) => p.parsed.kind === "ok" && p.parsed.statements.some((s) => isTlsDeny(kind, s)));
    if (!tlsOnly && !unreadable) {
        on(
            bucket,
            `has no bucket policy that denies requests without TLS (Deny ${kind.service}:* on the bucket's objects to Principal * when ${kind.secureTransportKey.replace("securetransport", "SecureTransport")} is false)`,
        );
    }

    // Kept on destroy.
    if (b.forceDestroy === true) on(bucket, "forceDestroy is true: pulumi destroy would delete the bucket with its data");
    if (bucket.retainOnDelete === false && !bucket.protect) on(bucket, "is not retained on destroy: set retainOnDelete (or protect) on the bucket");
    return out;
}

/** Violations of a setting resource in itself: a public ACL, a public-access block left open, ACLs enabled, a public policy. */
function settingViolations(kind: BucketKind, r: StackResource): StackViolation[] {
    const out: StackViolation[] = [];
    const on = (message: string) => out.push({ resource: r.id, message });
    if (kind.acl.includes(r.type)) {
        if (typeof r.props.acl === "string" && !isOpaque(r.props.acl) && r.props.acl !== "private")
            on(`acl is ${JSON.stringify(r.props.acl)}; buckets must be private`);
        const grants = isObj(r.props.accessControlPolicy) ? asList(r.props.accessControlPolicy.grants) : [];
        for (const grant of grants.filter(isObj)) {
            const uri = isObj(grant.grantee) ? String(grant.grantee.uri ?? "") : "";
            if (PUBLIC_GRANTEES.test(uri)) on(`grants access to ${uri}; buckets must be private`);
        }
    } else if (r.type === kind.publicAccessBlock) {
        for (const flag of kind.cloud === "S3" ? S3_FLAGS : ["blockPublicAccess"]) {
            if (r.props[flag] !== true && !isOpaque(r.props[flag])) on(`${flag} must be true`);
        }
    } else if (r.type === kind.ownership) {
        const value = isObj(r.props.rule) ? r.props.rule.objectOwnership : undefined;
        if (value !== "BucketOwnerEnforced" && !isOpaque(value))
            on(`rule.objectOwnership is ${JSON.stringify(value)}; it must be BucketOwnerEnforced (ACLs disabled)`);
    } else if (r.type === kind.policy) {
        out.push(...publicPolicyViolations(r, r.props.policy));
    }
    return out;
}

/** An Allow to everyone without a condition makes a bucket public. */
function publicPolicyViolations(owner: StackResource, document: unknown): StackViolation[] {
    const parsed = parsePolicyDocument(document);
    if (parsed.kind !== "ok") return [];
    return parsed.statements
        .filter((s) => s.Effect === "Allow" && isEveryone(s.Principal) && !hasCondition(s))
        .map(() => ({ resource: owner.id, message: "policy allows Principal * without a condition; buckets must be private" }));
}

/** S3: serverSideEncryptionConfiguration.rule(s); OSS: serverSideEncryptionRule. */
function inlineAlgorithms(kind: BucketKind, props: Obj): unknown[] {
    if (kind.cloud === "OSS") return isObj(props.serverSideEncryptionRule) ? [props.serverSideEncryptionRule.sseAlgorithm] : [];
    const config = props.serverSideEncryptionConfiguration;
    return isObj(config) ? algorithmsOf(kind, { rules: [...asList(config.rule), ...asList(config.rules)] }) : [];
}

function algorithmsOf(kind: BucketKind, props: Obj): unknown[] {
    if (kind.cloud === "OSS") return [props.sseAlgorithm];
    return asList(props.rules)
        .filter(isObj)
        .map((rule) => (isObj(rule.applyServerSideEncryptionByDefault) ? rule.applyServerSideEncryptionByDefault.sseAlgorithm : undefined));
}

function isEveryone(principal: unknown): boolean {
    if (principal === "*") return true;
    if (Array.isArray(principal)) return principal.includes("*");
    return isObj(principal) && Object.values(principal).some((v) => v === "*" || (Array.isArray(v) && v.includes("*")));
}

function hasCondition(statement: PolicyStatement): boolean {
    return isObj(statement.Condition) && Object.keys(statement.Condition).length > 0;
}

/** `Deny <service>:*` (or `*`) to everyone on the objects when the secure-transport key is false. */
export function isTlsDeny(kind: Pick<BucketKind, "service" | "secureTransportKey">, s: PolicyStatement): boolean {
    if (s.Effect !== "Deny" || !isEveryone(s.Principal)) return false;
    if (!strings(s.Action).some((a) => a === "*" || a === `${kind.service}:*`)) return false;
    if (!strings(s.Resource).some((r) => r === "*" || r.endsWith("/*"))) return false;
    if (!isObj(s.Condition)) return false;
    return Object.entries(s.Condition).some(
        ([operator, clause]) =>
            operator.toLowerCase() === "bool" &&
            isObj(clause) &&
            Object.entries(clause).some(
                ([key, value]) =>
                    key.toLowerCase() === kind.secureTransportKey && asList(value).some((v) => v === false || String(v).toLowerCase() === "false"),
            ),
    );
}

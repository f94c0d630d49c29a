import { describe, expect, it } from "vitest";

import { bucketSafety, StackResource } from "../../policy/rules";

const check = (resources: StackResource[]) => bucketSafety.check(resources, {});

function res(type: string, name: string, props: Record<string, any>, extra: Partial<StackResource> = {}): StackResource {
    return { id: `${type}::${name}`, type, name, props, dependsOn: [], protect: false, retainOnDelete: true, ...extra };
}

const S3 = {
    bucket: "aws:s3/bucket:Bucket",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    policy: "aws:s3/bucketPolicy:BucketPolicy",
    acl: "aws:s3/bucketAcl:BucketAcl",
};
const OSS = {
    bucket: "alicloud:oss/bucket:Bucket",
    pab: "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock",
    sse: "alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption",
    policy: "alicloud:oss/bucketPolicy:BucketPolicy",
    acl: "alicloud:oss/bucketAcl:BucketAcl",
};

function s3TlsOnly(bucket: string) {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    });
}

/**
 * An S3 bucket as the project declares it: a generated name (so the bucket has no `bucket` input
 * and its settings are tied to it by what they depend on), and its four settings.
 */
function s3Stack(name = "data", bucketName = "data-bucket-1a2b3c"): StackResource[] {
    const bucket = res(S3.bucket, `${name}-bucket`, { forceDestroy: false, region: "us-east-1" });
    const dep = { dependsOn: [bucket.id] };
    return [
        bucket,
        res(
            S3.pab,
            `${name}-public-access`,
            { bucket: bucketName, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            dep,
        ),
        res(S3.ownership, `${name}-ownership`, { bucket: bucketName, rule: { objectOwnership: "BucketOwnerEnforced" } }, dep),
        res(S3.sse, `${name}-encryption`, { bucket: bucketName, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, dep),
        res(S3.policy, `${name}-tls-only`, { bucket: bucketName, policy: s3TlsOnly(bucketName) }, dep),
    ];
}

/** An OSS bucket as the OSS storage component declares it: named, with settings that name it. */
function ossStack(bucketName = "spark-data"): StackResource[] {
    const tls = {
        Version: "1",
        Statement: [
            {
                Effect: "Deny",
                Principal: ["*"],
                Action: ["oss:*"],
                Resource: [`acs:oss:*:*:${bucketName}`, `acs:oss:*:*:${bucketName}/*`],
                Condition: { Bool: { "acs:SecureTransport": ["false"] } },
            },
        ],
    };
    return [
        res(OSS.bucket, "storage-bucket", { bucket: bucketName, forceDestroy: false }),
        res(OSS.pab, "storage-public-access", { bucket: bucketName, blockPublicAccess: true }),
        res(OSS.acl, "storage-acl", { bucket: bucketName, acl: "private" }),
        res(OSS.sse, "storage-encryption", { bucket: bucketName, sseAlgorithm: "KMS", kmsMasterKeyId: "key-1" }),
        res(OSS.policy, "storage-tls-only", { bucket: bucketName, policy: JSON.stringify(tls) }),
    ];
}

const without = (resources: StackResource[], type: string) => resources.filter((r) => r.type !== type);
function edit(resources: StackResource[], type: string, change: (r: StackResource) => void): StackResource[] {
    return resources.map((r) => {
        if (r.type !== type) return r;
        const copy = structuredClone(r);
        change(copy);
        return copy;
    });
}

describe("bucket-private-encrypted-tls-retained: S3", () => {
    it("GIVEN the project's S3 bucket and settings WHEN checked THEN there is no violation", () => {
        expect(check(s3Stack())).toEqual([]);
    });

    it("GIVEN settings that name the bucket WHEN the bucket has a fixed name THEN they are matched by name, not by dependencies", () => {
        const stack = s3Stack("a", "bucket-a").map((r) => ({ ...r, dependsOn: [] }));
        stack[0]!.props.bucket = "bucket-a";
        expect(check(stack)).toEqual([]);
    });

    it("GIVEN two buckets WHEN only one has its settings THEN only the other is reported", () => {
        const bare = res(S3.bucket, "bare", { bucket: "bare-bucket" });
        const violations = check([...s3Stack(), bare]);
        expect(new Set(violations.map((v) => v.resource))).toEqual(new Set([bare.id]));
        expect(violations.map((v) => v.message)).toEqual([
            "has no BucketPublicAccessBlock (all four of blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets true)",
            "has no BucketOwnershipControls with objectOwnership BucketOwnerEnforced (ACLs disabled)",
            "has no default encryption (a BucketServerSideEncryptionConfiguration with AES256 or aws:kms or aws:kms:dsse)",
            "has no bucket policy that denies requests without TLS (Deny s3:* on the bucket's objects to Principal * when aws:SecureTransport is false)",
        ]);
    });

    it("GIVEN a setting that names another, known bucket WHEN it also depends on this one THEN it counts for the named bucket only", () => {
        const other = res(S3.bucket, "other", { bucket: "other-bucket" });
        const stack = edit(s3Stack(), S3.pab, (r) => (r.props.bucket = "other-bucket"));
        expect(
            check([...stack, other])
                .filter((v) => v.resource === "aws:s3/bucket:Bucket::data-bucket")
                .map((v) => v.message),
        ).toEqual([expect.stringContaining("has no BucketPublicAccessBlock")]);
    });

    it.each([
        [
            "a public-access flag is false",
            (s: StackResource[]) => edit(s, S3.pab, (r) => (r.props.restrictPublicBuckets = false)),
            S3.pab,
            "restrictPublicBuckets must be true",
        ],
        [
            "ownership allows ACLs",
            (s: StackResource[]) => edit(s, S3.ownership, (r) => (r.props.rule.objectOwnership = "ObjectWriter")),
            S3.ownership,
            'rule.objectOwnership is "ObjectWriter"; it must be BucketOwnerEnforced (ACLs disabled)',
        ],
        [
            "the bucket ACL is public-read",
            (s: StackResource[]) => edit(s, S3.bucket, (r) => (r.props.acl = "public-read")),
            S3.bucket,
            'acl is "public-read"; buckets must be private',
        ],
        [
            "a BucketAcl is public",
            (s: StackResource[]) => [...s, res(S3.acl, "acl", { bucket: "data-bucket-1a2b3c", acl: "public-read-write" })],
            S3.acl,
            'acl is "public-read-write"; buckets must be private',
        ],
        [
            "the policy also allows everyone",
            (s: StackResource[]) =>
                edit(s, S3.policy, (r) => {
                    const doc = JSON.parse(r.props.policy);
                    doc.Statement.push({ Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::data-bucket-1a2b3c/*" });
                    r.props.policy = JSON.stringify(doc);
                }),
            S3.policy,
            "policy allows Principal * without a condition; buckets must be private",
        ],
        ["there is no encryption", (s: StackResource[]) => without(s, S3.sse), S3.bucket, "has no default encryption"],
        [
            "the TLS deny has no condition",
            (s: StackResource[]) =>
                edit(s, S3.policy, (r) => {
                    const doc = JSON.parse(r.props.policy);
                    delete doc.Statement[0].Condition;
                    r.props.policy = JSON.stringify(doc);
                }),
            S3.bucket,
            "has no bucket policy that denies requests without TLS",
        ],
        [
            "the TLS deny covers one action only",
            (s: StackResource[]) => edit(s, S3.policy, (r) => (r.props.policy = r.props.policy.replace('"s3:*"', '"s3:GetObject"'))),
            S3.bucket,
            "has no bucket policy that denies requests without TLS",
        ],
        ["there is no bucket policy", (s: StackResource[]) => without(s, S3.policy), S3.bucket, "has no bucket policy that denies requests without TLS"],
        ["forceDestroy is on", (s: StackResource[]) => edit(s, S3.bucket, (r) => (r.props.forceDestroy = true)), S3.bucket, "forceDestroy is true"],
        ["it is not retained", (s: StackResource[]) => edit(s, S3.bucket, (r) => (r.retainOnDelete = false)), S3.bucket, "is not retained on destroy"],
    ])("GIVEN the S3 stack where %s WHEN checked THEN it is reported on the resource to fix", (_, mutate, type, message) => {
        const violations = check(mutate(s3Stack()));
        expect(violations).toEqual([
            { resource: expect.stringMatching(new RegExp(`^${type.replace(/[/.]/g, "\\$&")}::`)), message: expect.stringContaining(message) },
        ]);
    });

    it("GIVEN inline encryption and an inline TLS-only policy on the bucket WHEN checked THEN they count", () => {
        const stack = without(without(s3Stack(), S3.sse), S3.policy);
        stack[0]!.props.serverSideEncryptionConfiguration = { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } };
        stack[0]!.props.policy = s3TlsOnly("data-bucket-1a2b3c");
        expect(check(stack)).toEqual([]);
    });

    it("GIVEN a protected bucket without retainOnDelete WHEN checked THEN protect counts as retained", () => {
        expect(check(edit(s3Stack(), S3.bucket, (r) => Object.assign(r, { retainOnDelete: false, protect: true })))).toEqual([]);
    });

    it("GIVEN the policy pack's view (retainOnDelete not visible, unknown policy at preview) WHEN checked THEN neither is reported", () => {
        const stack = edit(
            edit(s3Stack(), S3.bucket, (r) => (r.retainOnDelete = undefined)),
            S3.policy,
            (r) => (r.props.policy = "[unknown]"),
        );
        expect(check(stack)).toEqual([]);
    });
});

describe("bucket-private-encrypted-tls-retained: OSS", () => {
    it("GIVEN an OSS bucket with its settings WHEN checked THEN there is no violation", () => {
        expect(check(ossStack())).toEqual([]);
    });

    it("GIVEN inline encryption on the bucket WHEN there is no encryption resource THEN the inline rule counts", () => {
        const stack = edit(without(ossStack(), OSS.sse), OSS.bucket, (r) => (r.props.serverSideEncryptionRule = { sseAlgorithm: "AES256" }));
        expect(check(stack)).toEqual([]);
    });

    it.each([
        [
            "public access is not blocked",
            (s: StackResource[]) => edit(s, OSS.pab, (r) => (r.props.blockPublicAccess = false)),
            OSS.pab,
            "blockPublicAccess must be true",
        ],
        [
            "there is no public-access block",
            (s: StackResource[]) => without(s, OSS.pab),
            OSS.bucket,
            "has no BucketPublicAccessBlock with blockPublicAccess: true",
        ],
        ["the ACL is public-read", (s: StackResource[]) => edit(s, OSS.acl, (r) => (r.props.acl = "public-read")), OSS.acl, 'acl is "public-read"'],
        [
            "the deprecated bucket acl is public",
            (s: StackResource[]) => edit(s, OSS.bucket, (r) => (r.props.acl = "public-read-write")),
            OSS.bucket,
            'acl is "public-read-write"',
        ],
        [
            "there is no encryption",
            (s: StackResource[]) => without(s, OSS.sse),
            OSS.bucket,
            "has no default encryption (serverSideEncryptionRule or a BucketServerSideEncryption with AES256 or KMS or SM4)",
        ],
        [
            "the deny uses the AWS condition key",
            (s: StackResource[]) => edit(s, OSS.policy, (r) => (r.props.policy = r.props.policy.replace("acs:SecureTransport", "aws:SecureTransport"))),
            OSS.bucket,
            "Deny oss:* on the bucket's objects to Principal * when acs:SecureTransport is false",
        ],
        ["forceDestroy is on", (s: StackResource[]) => edit(s, OSS.bucket, (r) => (r.props.forceDestroy = true)), OSS.bucket, "forceDestroy is true"],
        ["it is not retained", (s: StackResource[]) => edit(s, OSS.bucket, (r) => (r.retainOnDelete = false)), OSS.bucket, "is not retained on destroy"],
    ])("GIVEN the OSS stack where %s WHEN checked THEN it is reported on the resource to fix", (_, mutate, type, message) => {
        const violations = check(mutate(ossStack()));
        expect(violations).toEqual([
            { resource: expect.stringMatching(new RegExp(`^${type.replace(/[/.]/g, "\\$&")}::`)), message: expect.stringContaining(message) },
        ]);
    });

    it("GIVEN settings of a bucket the stack does not declare WHEN checked THEN nothing is reported", () => {
        expect(check(ossStack().slice(1))).toEqual([]);
        expect(check(s3Stack().slice(1))).toEqual([]);
    });

    it("GIVEN unsafe settings of a bucket the stack does not declare WHEN checked THEN they are still reported", () => {
        const external = [
            res(OSS.acl, "ext-acl", { bucket: "someone-elses", acl: "public-read" }),
            res(S3.pab, "ext-pab", {
                bucket: "someone-elses",
                blockPublicAcls: false,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            }),
        ];
        expect(check(external)).toEqual([
            { resource: `${S3.pab}::ext-pab`, message: "blockPublicAcls must be true" },
            { resource: `${OSS.acl}::ext-acl`, message: 'acl is "public-read"; buckets must be private' },
        ]);
    });
});

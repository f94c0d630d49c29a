import { describe, expect, it } from "vitest";

import { clusterKmsPolicy } from "../../components/cluster/aws/policies";
import { sparkNamespaceAccessPolicy, tlsOnlyBucketPolicy } from "../../components/storage/s3/policies";
import { isWildcardAction, isWildcardResource, noWildcardPolicies } from "../../policy/rules";

const check = (type: string, props: Record<string, any>) => noWildcardPolicies.check(type, props, {});
const doc = (...Statement: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement });
const allow = (Action: unknown, Resource: unknown) => ({ Effect: "Allow", Action, Resource });

const BUCKET_ARN = "arn:aws:s3:::data-bucket";

describe("no-wildcard-policies: classification", () => {
    it.each([
        ["*", true],
        ["s3:*", true],
        ["oss:*", true],
        // Partial wildcards grant every present and future action with the prefix.
        ["s3:Get*", true],
        ["iam:Pass*", true],
        ["s3:GetObject", false],
    ])("GIVEN action %s WHEN classified THEN wildcard is %s", (action, expected) => {
        expect(isWildcardAction(action)).toBe(expected);
    });

    it.each([
        ["*", true],
        ["arn:aws:s3:::*", true],
        ["arn:aws:s3:::*/*", true],
        ["acs:oss:*:*:*", true],
        // A prefix is not a name: every bucket starting with it.
        ["arn:aws:s3:::prod-*/*", true],
        ["acs:oss:*:*:b*", true],
        ["arn:aws:s3:::data-bucket/namespaces/etl/*", false],
        ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/eks/c/fargate:log-stream:*", false],
        ["arn:aws:s3:::data-bucket", false],
        ["arn:aws:s3:::data-bucket/*", false],
        ["acs:oss:*:*:data-bucket/*", false],
        ["acs:oss:*:1234567890123456:data-bucket", false],
        ["arn:aws:kms:us-east-1:123456789012:key/abcd", false],
    ])("GIVEN resource %s WHEN classified THEN wildcard is %s", (resource, expected) => {
        expect(isWildcardResource(resource)).toBe(expected);
    });
});

describe("no-wildcard-policies: good documents", () => {
    it("GIVEN the project's own IRSA, KMS and TLS-only documents WHEN checked THEN there is no violation", () => {
        expect(check("aws:iam/rolePolicy:RolePolicy", { policy: JSON.stringify(sparkNamespaceAccessPolicy(BUCKET_ARN, "etl")), role: "r" })).toEqual([]);
        expect(check("aws:iam/rolePolicy:RolePolicy", { policy: JSON.stringify(clusterKmsPolicy("arn:aws:kms:us-east-1:123456789012:key/k")) })).toEqual([]);
        // The TLS-only policy denies s3:* to everyone: a Deny may use wildcards.
        expect(check("aws:s3/bucketPolicy:BucketPolicy", { bucket: "data-bucket", policy: JSON.stringify(tlsOnlyBucketPolicy(BUCKET_ARN)) })).toEqual([]);
    });

    it("GIVEN a document as an object instead of a JSON string WHEN checked THEN it is read the same way", () => {
        expect(check("aws:iam/policy:Policy", { policy: doc(allow(["s3:GetObject"], [`${BUCKET_ARN}/*`])) })).toEqual([]);
        expect(check("aws:iam/policy:Policy", { policy: doc(allow("s3:*", `${BUCKET_ARN}/*`)) })).toHaveLength(1);
    });

    it("GIVEN Alibaba documents that name the bucket with wildcard region and account WHEN checked THEN there is no violation", () => {
        const ram = {
            Version: "1",
            Statement: [
                { Effect: "Allow", Action: ["oss:ListObjects", "oss:GetBucketInfo"], Resource: ["acs:oss:*:*:data-bucket"] },
                { Effect: "Allow", Action: ["oss:GetObject", "oss:PutObject"], Resource: ["acs:oss:*:*:data-bucket/*"] },
            ],
        };
        const tlsOnly = {
            Version: "1",
            Statement: [
                {
                    Effect: "Deny",
                    Principal: ["*"],
                    Action: ["oss:*"],
                    Resource: ["acs:oss:*:*:data-bucket", "acs:oss:*:*:data-bucket/*"],
                    Condition: { Bool: { "acs:SecureTransport": ["false"] } },
                },
            ],
        };
        expect(check("alicloud:ram/policy:Policy", { policyName: "spark", policyDocument: JSON.stringify(ram) })).toEqual([]);
        expect(check("alicloud:oss/bucketPolicy:BucketPolicy", { bucket: "data-bucket", policy: JSON.stringify(tlsOnly) })).toEqual([]);
    });

    it("GIVEN values the plan cannot read (unknown, secret) WHEN checked THEN nothing is reported", () => {
        expect(check("aws:iam/rolePolicy:RolePolicy", { policy: "[unknown]" })).toEqual([]);
        expect(check("aws:iam/rolePolicy:RolePolicy", { policy: "[secret]" })).toEqual([]);
    });

    it("GIVEN a trust policy (assumeRolePolicy) or a type the rule does not cover WHEN checked THEN nothing is reported", () => {
        expect(
            check("aws:iam/role:Role", { assumeRolePolicy: JSON.stringify(doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })) }),
        ).toEqual([]);
        expect(check("aws:kms/key:Key", { policy: JSON.stringify(doc(allow("kms:*", "*"))) })).toEqual([]);
    });
});

describe("no-wildcard-policies: bad documents", () => {
    it.each([
        ["aws:iam/policy:Policy", "policy"],
        ["aws:iam/rolePolicy:RolePolicy", "policy"],
        ["aws:iam/userPolicy:UserPolicy", "policy"],
        ["aws:iam/groupPolicy:GroupPolicy", "policy"],
        ["aws:s3/bucketPolicy:BucketPolicy", "policy"],
        ["aws:s3/bucket:Bucket", "policy"],
        ["alicloud:ram/policy:Policy", "policyDocument"],
        ["alicloud:ram/policy:Policy", "document"],
        ["alicloud:oss/bucketPolicy:BucketPolicy", "policy"],
        ["alicloud:oss/bucket:Bucket", "policy"],
    ])("GIVEN %s with Allow * on * in %s WHEN checked THEN both wildcards are reported", (type, field) => {
        const violations = check(type, { [field]: JSON.stringify(doc({ Sid: "Everything", ...allow("*", "*") })) });
        expect(violations).toEqual([
            `${field}: statement "Everything" allows action "*"; name the actions needed`,
            `${field}: statement "Everything" allows resource "*"; name the resources`,
        ]);
    });

    it("GIVEN service-wide actions and wildcard resource parts WHEN checked THEN each is reported by statement position", () => {
        const policy = JSON.stringify(
            doc(allow(["s3:GetObject", "s3:*"], [`${BUCKET_ARN}/*`]), allow("s3:ListBucket", "arn:aws:s3:::*"), allow("oss:*", "acs:oss:*:*:*")),
        );
        expect(check("aws:iam/policy:Policy", { policy })).toEqual([
            'policy: statement 1 allows action "s3:*"; name the actions needed',
            'policy: statement 2 allows resource "arn:aws:s3:::*"; name the resources',
            'policy: statement 3 allows action "oss:*"; name the actions needed',
            'policy: statement 3 allows resource "acs:oss:*:*:*"; name the resources',
        ]);
    });

    it("GIVEN NotAction or NotResource in an Allow WHEN checked THEN they are reported", () => {
        const policy = doc({ Effect: "Allow", NotAction: "iam:*", NotResource: BUCKET_ARN });
        expect(check("aws:iam/policy:Policy", { policy })).toEqual([
            "policy: statement 1 allows NotAction (every other action); name the actions needed",
            "policy: statement 1 allows NotResource (every other resource); name the resources",
        ]);
    });

    it("GIVEN a role's inline policies WHEN one allows * THEN it is reported under its name", () => {
        const props = {
            assumeRolePolicy: "{}",
            inlinePolicies: [
                { name: "ok", policy: JSON.stringify(doc(allow("s3:GetObject", `${BUCKET_ARN}/*`))) },
                { name: "admin", policy: JSON.stringify(doc(allow("*", `${BUCKET_ARN}/*`))) },
            ],
        };
        expect(check("aws:iam/role:Role", props)).toEqual(['inlinePolicies["admin"]: statement 1 allows action "*"; name the actions needed']);
    });

    it("GIVEN the deprecated structured RAM statements WHEN they allow * THEN it is reported", () => {
        const props = { policyName: "p", statements: [{ effect: "Allow", actions: ["oss:*"], resources: ["acs:oss:*:*:data-bucket"] }] };
        expect(check("alicloud:ram/policy:Policy", props)).toEqual(['statements: statement 1 allows action "oss:*"; name the actions needed']);
    });

    it("GIVEN a document that is not JSON WHEN checked THEN it is reported as uncheckable", () => {
        expect(check("aws:iam/policy:Policy", { policy: "{not json" })).toEqual(["policy is not valid JSON, so it cannot be checked"]);
    });
});

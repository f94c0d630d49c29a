import { describe, expect, it } from "vitest";

import { diffPlans, PlanSnapshot } from "../../tools/plan/diff";
import { PlanResource } from "../../tools/plan/plan-model";
import { renderDiff, VALUE_LIMIT } from "../../tools/plan/render-diff";

function resource(type: string, name: string, inputs: Record<string, unknown>, over: Partial<PlanResource> = {}): PlanResource {
    return { type, name, parent: null, custom: true, inputs, protect: false, retainOnDelete: false, dependsOn: [], provider: null, ...over };
}
const snapshot = (resources: PlanResource[]): PlanSnapshot => ({ resources, jobs: [] });

const BUCKET_ARN = "arn:aws:s3:::serverless-spark-data-0123456789abcdef";
const policy = (actions: string[]) =>
    JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "List",
                Effect: "Allow",
                Action: ["s3:ListBucket"],
                Resource: BUCKET_ARN,
                Condition: { StringLike: { "s3:prefix": ["namespaces/spark-jobs/*"] } },
            },
            { Sid: "Objects", Effect: "Allow", Action: actions, Resource: `${BUCKET_ARN}/namespaces/spark-jobs/*` },
        ],
    });
const ROLE = "kubernetes:rbac.authorization.k8s.io/v1:Role";
const rules = (resources: string[]) => [{ apiGroups: [""], resources, verbs: ["get", "create"] }];

describe("the plan diff shows grants statement by statement", () => {
    const base = snapshot([
        resource("aws:iam/rolePolicy:RolePolicy", "storage-spark-jobs", { policy: policy(["s3:GetObject", "s3:PutObject"]) }),
        resource(ROLE, "driver", { rules: rules(["pods"]) }),
    ]);
    const head = snapshot([
        resource("aws:iam/rolePolicy:RolePolicy", "storage-spark-jobs", {
            policy: policy(["s3:GetObject", "s3:PutObject", "s3:PutBucketPolicy", "s3:DeleteBucket"]),
        }),
        resource(ROLE, "driver", { rules: rules(["pods", "secrets"]) }),
    ]);
    const diff = diffPlans(base, head);
    const report = renderDiff(diff, { stack: "aws", project: "serverless-spark" });

    it("GIVEN a policy document that gains actions WHEN diffed THEN the changed statement shows whole and each new grant is flagged", () => {
        expect(diff.grants.map((g) => [g.ref, g.field])).toEqual([
            ["aws:iam/rolePolicy:RolePolicy::storage-spark-jobs", "policy"],
            [`${ROLE}::driver`, "rules"],
        ]);
        expect(diff.grants[0]!.removed).toHaveLength(1);
        expect(diff.grants[0]!.added).toHaveLength(1);
        expect(diff.grants[0]!.widened).toEqual([
            `Allow s3:DeleteBucket on ${BUCKET_ARN}/namespaces/spark-jobs/*`,
            `Allow s3:PutBucketPolicy on ${BUCKET_ARN}/namespaces/spark-jobs/*`,
        ]);
        const added = report.split("\n").find((l) => l.startsWith("+     ") && l.includes("s3:DeleteBucket"))!;
        expect(added.length).toBeGreaterThan(VALUE_LIMIT);
        expect(added).not.toContain("chars)");
        expect(report).toContain(`!     new grant: Allow s3:DeleteBucket on ${BUCKET_ARN}/namespaces/spark-jobs/*`);
        // The unchanged List statement is not repeated.
        expect(report.split("\n").filter((l) => l.includes('"Sid":"List"'))).toEqual([]);
    });

    it("GIVEN a Role that gains secrets WHEN diffed THEN each new verb on secrets is a new grant", () => {
        expect(diff.grants[1]!.widened).toEqual(["create core/secrets", "get core/secrets"]);
        expect(report).toMatch(/#### Grants: policy statements and RBAC rules \(2 changed, \*\*4 new grants\*\*\)/);
    });

    it("GIVEN only a narrower grant WHEN diffed THEN statements show but nothing is flagged", () => {
        const narrowed = diffPlans(head, base);
        expect(narrowed.grants.flatMap((g) => g.widened)).toEqual([]);
        expect(narrowed.grants).toHaveLength(2);
    });

    it("GIVEN a new role policy WHEN diffed THEN its every grant is new", () => {
        const grown = diffPlans(snapshot([]), snapshot([resource("aws:iam/rolePolicy:RolePolicy", "p", { policy: policy(["s3:GetObject"]) })]));
        expect(grown.grants[0]!.widened).toHaveLength(2);
    });
});

describe("the plan diff lists replacements and deletions first, with their consequence", () => {
    const NS = "kubernetes:core/v1:Namespace";
    const FARGATE = "aws:eks/fargateProfile:FargateProfile";
    const BUCKET = "alicloud:oss/bucket:Bucket";
    const base = snapshot([
        resource(NS, "team-b", { metadata: { name: "team-b" } }),
        resource(FARGATE, "spark", { selectors: [{ namespace: "team-a" }, { namespace: "team-b" }], tags: { a: "1" } }),
        resource(BUCKET, "storage", { bucket: "storage-132289f163" }, { retainOnDelete: true }),
        resource(ROLE, "driver", { rules: rules(["pods"]), metadata: { labels: { a: "1" } } }),
    ]);
    const head = snapshot([
        resource(FARGATE, "spark", { selectors: [{ namespace: "team-a" }], tags: { a: "1" } }),
        resource(BUCKET, "storage", { bucket: "storage-e76d0633f9" }, { retainOnDelete: true }),
        resource(ROLE, "driver", { rules: rules(["pods"]), metadata: { labels: { a: "2" } } }),
    ]);
    const diff = diffPlans(base, head);
    const report = renderDiff(diff, { stack: "alicloud", project: "serverless-spark" });

    it("GIVEN a removed namespace, a narrowed Fargate profile and a renamed bucket WHEN diffed THEN each is listed with what it does", () => {
        expect(diff.risks).toEqual([
            { ref: `${NS}::team-b`, kind: "deleted", consequence: expect.stringContaining("deletes the namespace and everything in it") },
            { ref: `${FARGATE}::spark`, kind: "replaced", because: ["selectors"], consequence: expect.stringContaining("deletes every running pod") },
            {
                ref: `${BUCKET}::storage`,
                kind: "replaced",
                because: ["bucket"],
                consequence: expect.stringContaining("a new, empty bucket; the old bucket and its data are kept"),
            },
        ]);
        expect(report).toContain(`-/+ ${FARGATE}::spark  (likely replaced: selectors changed)`);
    });

    it("GIVEN a removed namespace that is retained on delete WHEN diffed THEN the report says it stays in the cluster", () => {
        const kept = diffPlans(snapshot([resource(NS, "team-b", { metadata: { name: "team-b" } }, { retainOnDelete: true })]), snapshot([]));
        expect(kept.risks[0]!.consequence).toMatch(/^leaves the stack; the namespace and everything in it stay in the cluster/);
    });

    it("GIVEN the report WHEN rendered THEN replacements come before grants, removals, changes and additions", () => {
        const at = (h: string) => report.indexOf(h);
        expect(at("#### Replaced or deleted (3)")).toBeGreaterThan(0);
        expect(at("#### Replaced or deleted")).toBeLessThan(at("#### Removed"));
        expect(at("#### Removed")).toBeLessThan(at("#### Changed"));
        // A label change is no replacement.
        expect(diff.risks.map((r) => r.ref)).not.toContain(`${ROLE}::driver`);
    });
});

import { beforeAll, describe, expect, it, vi } from "vitest";

import { RULES } from "../../policy/rules";
import { Plan } from "../../tools/plan/plan-model";
import { formatViolations, runPolicies } from "../../tools/plan/policy";
import { shippedStacks, userSettings } from "../helpers/plan-cli";
import { planStack } from "../helpers/schema-plans";

/**
 * Every shipped stack, planned in this process the way `npm run plan` plans it (the program under
 * the SDK's mock runtime with the stack's config), passes every policy. The stacks run one after
 * another: each gets a fresh mock runtime and a fresh copy of the program's modules.
 */

const plans = new Map<string, Plan>();

beforeAll(async () => {
    for (const stack of shippedStacks()) {
        plans.set(stack, await planStack(stack, userSettings(stack), vi.resetModules));
    }
}, 120_000);

describe.each(shippedStacks())("shipped stack %s", (stack) => {
    it("GIVEN its plan WHEN every policy runs THEN there is no violation", () => {
        const plan = plans.get(stack)!;
        expect(plan.resources.length).toBeGreaterThan(0);
        const run = runPolicies(plan);
        expect(formatViolations(run)).toEqual([]);
        expect(run).toMatchObject({ policies: RULES.length, resources: plan.resources.length });
    });
});

describe("the shipped stacks' plans", () => {
    it("GIVEN each plan WHEN inspected THEN it holds what the policies are meant to see (so a pass is not vacuous)", () => {
        for (const [stack, plan] of plans) {
            expect(plan.unknowns, stack).toBe(0);
            expect(
                plan.resources.some((r) => r.type.startsWith("kubernetes:sparkoperator.k8s.io/")),
                stack,
            ).toBe(true);
            expect(
                plan.resources.some((r) => r.type === "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"),
                stack,
            ).toBe(true);
        }
        const aws = plans.get("aws");
        if (aws !== undefined) {
            for (const type of ["aws:s3/bucket:Bucket", "aws:s3/bucketPolicy:BucketPolicy", "aws:iam/rolePolicy:RolePolicy", "aws:eks/cluster:Cluster"]) {
                expect(
                    aws.resources.some((r) => r.type === type),
                    type,
                ).toBe(true);
            }
            // The placeholder outputs were there: policies name the mocked bucket, not an empty string.
            const irsa = aws.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy").map((r) => String(r.inputs.policy));
            expect(irsa.some((doc) => /arn:aws:s3:::storage-bucket-[0-9a-f]+\/namespaces\/spark-jobs\/\*/.test(doc))).toBe(true);
        }
    });
});

import { describe, expect, it, vi } from "vitest";

import { derivedClusterName } from "../../components/cluster/alicloud/cluster-name";
import { diffPlans, snapshotOf } from "../../tools/plan/diff";
import { Plan } from "../../tools/plan/plan-model";
import { one } from "../helpers/mocks";
import { userSettings } from "../helpers/plan-cli";
import { planStack as planShippedStack } from "../helpers/schema-plans";
import { AL } from "./alicloud-types";

/**
 * The default ACK cluster name (alicloud finding 4.7): derived from the stack, so two stacks in one
 * account differ, and fixed at creation, so a stack deployed under the old default
 * (`serverless-spark`) sees no change on upgrade.
 */

const scope = { organization: "acme", project: "serverless-spark", stack: "dev" };

describe("derivedClusterName", () => {
    it("GIVEN a base and a stack WHEN derived THEN <base>-<stack>-<6 hex>, a valid ACK name, different per stack, project and organization", () => {
        const name = derivedClusterName("serverless-spark", "cluster", scope);
        expect(name).toMatch(/^serverless-spark-dev-[0-9a-f]{6}$/);
        expect(derivedClusterName("serverless-spark", "cluster", scope)).toBe(name);
        expect(derivedClusterName("serverless-spark", "cluster", { ...scope, stack: "prod" })).not.toBe(name);
        // Two projects with a `dev` stack each: the hex tells them apart.
        expect(derivedClusterName("serverless-spark", "cluster", { ...scope, project: "other" })).not.toBe(name);
        expect(derivedClusterName("serverless-spark", "cluster", { ...scope, organization: "other" })).not.toBe(name);
    });

    it("GIVEN a stack name with characters ACK refuses, or a long one WHEN derived THEN the name keeps to 1-63 letters, digits and '-'", () => {
        expect(derivedClusterName("spark", "c", { ...scope, stack: "Team_A.prod" })).toMatch(/^spark-team-a-prod-[0-9a-f]{6}$/);
        const long = derivedClusterName("s".repeat(40), "c", { ...scope, stack: `${"x".repeat(30)}-` });
        expect(long.length).toBeLessThanOrEqual(63);
        expect(long).toMatch(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
        expect(long).not.toContain("--");
    });
});

describe("upgrading a stack deployed under the old default cluster name", () => {
    const planStack = (overrides: string[]): Promise<Plan> => planShippedStack("alicloud", [...userSettings("alicloud"), ...overrides], vi.resetModules);

    it("GIVEN the plan as it was (name serverless-spark, the 0.1 default) and the plan now (no name) WHEN diffed THEN only the cluster's name input differs, the engine ignores it, and nothing is replaced", async () => {
        const before = await planStack(["cluster.name=serverless-spark"]);
        const after = await planStack([]);
        const diff = diffPlans(snapshotOf({ resources: before.resources, jobs: [] }), snapshotOf({ resources: after.resources, jobs: [] }));
        expect(diff.added).toEqual([]);
        expect(diff.removed).toEqual([]);
        expect(diff.risks).toEqual([]);
        expect(diff.changed.map((c) => [c.ref, c.inputs.map((f) => f.path)])).toEqual([[`${AL.managedKubernetes}::cluster`, ["name"]]]);
        const cluster = one(after, AL.managedKubernetes, "cluster");
        // ignoreChanges keeps the state's name: the existing cluster stays serverless-spark.
        expect(cluster.ignoreChanges).toEqual(["name"]);
        expect(one(before, AL.managedKubernetes, "cluster").ignoreChanges).toBeUndefined();
        // The names derived from the cluster's still start with the old default.
        expect(String(one(after, AL.logProject, "cluster-logs").inputs.projectName)).toMatch(/^serverless-spark-logs-[0-9a-f]{10}$/);
    }, 120_000);

    it("GIVEN an explicit name WHEN planned THEN the cluster takes it as it is and follows its changes (ACK renames in place)", async () => {
        const plan = await planStack(["cluster.name=spark-prod"]);
        const cluster = one(plan, AL.managedKubernetes, "cluster");
        expect(cluster.inputs.name).toBe("spark-prod");
        expect(cluster.ignoreChanges).toBeUndefined();
    }, 120_000);
});

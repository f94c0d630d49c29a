import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { RULES } from "../../policy/rules";
import type { Plan, PlanResource } from "../../tools/plan/plan-model";
import { formatPass, formatViolations, policyRunFailed, readPolicyConfig, runPolicies } from "../../tools/plan/policy";
import { tempDir } from "../helpers/plan-cli";

function resource(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<PlanResource> = {}): PlanResource {
    return { type, name, parent: null, custom: true, inputs, protect: false, retainOnDelete: false, dependsOn: [], provider: null, ...extra };
}

/** A doctored plan: one resource breaking a resource policy, one breaking a stack policy, one fine. */
function doctoredPlan(): Plan {
    return {
        jobs: [],
        unknowns: 0,
        resources: [
            resource("serverless-spark:index:ServerlessSparkPlatform", "spark", {}, { custom: false }),
            resource("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "spark-admin", {
                roleRef: { kind: "ClusterRole", name: "cluster-admin" },
                subjects: [{ kind: "ServiceAccount", name: "spark-driver", namespace: "spark-jobs" }],
            }),
            resource("aws:iam/rolePolicy:RolePolicy", "admin", {
                policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/*" }] }),
            }),
            resource("alicloud:cs/managedKubernetes:ManagedKubernetes", "ack", { slbInternetEnabled: false }),
        ],
    };
}

describe("runPolicies", () => {
    it("GIVEN a doctored plan WHEN every policy runs THEN the violations name policy, resource and message, in rule order", () => {
        const run = runPolicies(doctoredPlan());
        expect(run.policies).toBe(RULES.length);
        expect(run.resources).toBe(4);
        expect(policyRunFailed(run)).toBe(true);
        expect(formatViolations(run)).toEqual([
            '[mandatory] no-wildcard-policies aws:iam/rolePolicy:RolePolicy::admin: policy: statement 1 allows action "*"; name the actions needed',
            "[mandatory] spark-rbac-namespaced kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding::spark-admin: ClusterRoleBinding binds service account spark-jobs/spark-driver; bind Spark service accounts with a RoleBinding to a namespaced Role",
        ]);
    });

    it("GIVEN an S3 bucket the plan shows as not retained WHEN checked THEN the plan-only retainOnDelete check fires", () => {
        const plan: Plan = { jobs: [], unknowns: 0, resources: [resource("aws:s3/bucket:Bucket", "b", { forceDestroy: false }, { retainOnDelete: false })] };
        const messages = runPolicies(plan).violations.map((v) => v.message);
        expect(messages).toContain("is not retained on destroy: set retainOnDelete (or protect) on the bucket");
        plan.resources[0]!.retainOnDelete = true;
        expect(runPolicies(plan).violations.map((v) => v.message)).not.toContain("is not retained on destroy: set retainOnDelete (or protect) on the bucket");
    });

    it("GIVEN policy config WHEN a policy is advisory or disabled THEN it does not fail the run, and settings reach the rule", () => {
        const plan = doctoredPlan();
        plan.resources[3]!.inputs.slbInternetEnabled = true;
        expect(runPolicies(plan).violations.map((v) => v.policy)).toContain("ack-api-server-private");

        const run = runPolicies(plan, {
            "no-wildcard-policies": "advisory",
            "spark-rbac-namespaced": { enforcementLevel: "disabled" },
            "ack-api-server-private": { allowPublicApiServer: true },
        });
        expect(run.policies).toBe(RULES.length - 1);
        expect(run.violations.map((v) => `${v.enforcementLevel} ${v.policy}`)).toEqual(["advisory no-wildcard-policies"]);
        expect(policyRunFailed(run)).toBe(false);
        expect(formatPass(run)).toBe(`${RULES.length - 1} policies passed on 4 resources (1 advisory violation).`);
    });

    it("GIVEN a clean plan WHEN run THEN the pass line counts policies and resources", () => {
        const run = runPolicies({ jobs: [], unknowns: 0, resources: [doctoredPlan().resources[3]!] });
        expect(run.violations).toEqual([]);
        expect(formatPass(run)).toBe(`${RULES.length} policies passed on 1 resources.`);
    });
});

describe("readPolicyConfig", () => {
    const write = (content: string) => {
        const file = path.join(tempDir("policy-config-"), "config.json");
        fs.writeFileSync(file, content);
        return file;
    };

    it("GIVEN a pack config file WHEN read THEN levels and settings are kept", () => {
        const config = {
            "ack-api-server-private": { enforcementLevel: "advisory", allowPublicApiServer: true },
            "spark-rbac-namespaced": { jobNamespaces: ["etl"] },
            "no-wildcard-policies": "disabled",
        };
        expect(readPolicyConfig(write(JSON.stringify(config)))).toEqual(config);
    });

    it.each([
        ["{not json", /is not valid JSON/],
        ["[]", /is not a JSON object/],
        ['{"no-such-policy": "advisory"}', /^--policy-config: unknown policy "no-such-policy", expected one of pod-security-restricted, /],
        [
            '{"ack-api-server-private": "strict"}',
            /^--policy-config: ack-api-server-private: enforcement level "strict", expected one of mandatory, advisory, disabled$/,
        ],
        [
            '{"ack-api-server-private": {"allowPublic": true}}',
            /^--policy-config: ack-api-server-private: unknown setting "allowPublic", expected one of enforcementLevel, allowPublicApiServer$/,
        ],
        [
            '{"ack-api-server-private": {"allowPublicApiServer": "yes"}}',
            /^--policy-config: ack-api-server-private.allowPublicApiServer: got "yes", expected a boolean$/,
        ],
        ['{"spark-rbac-namespaced": {"jobNamespaces": "etl"}}', /expected a list of strings$/],
        ['{"bucket-private-encrypted-tls-retained": {"x": 1}}', /unknown setting "x", expected only enforcementLevel$/],
    ])("GIVEN %s WHEN read THEN it is refused in one line", (content, message) => {
        expect(() => readPolicyConfig(write(content))).toThrow(message);
    });

    it("GIVEN a missing file WHEN read THEN it is refused", () => {
        expect(() => readPolicyConfig("/nonexistent/policy.json")).toThrow(/^--policy-config: no readable file at "\/nonexistent\/policy.json"/);
    });
});

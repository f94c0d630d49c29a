import { beforeAll, describe, expect, it, vi } from "vitest";

import { resolveAckClusterSettings } from "../../components/cluster/alicloud/validate";
import { eciSpecShape, eciSpecsWithFallbacks } from "../../components/sizing";
import { Plan } from "../../tools/plan/plan-model";
import { oneLineInputError } from "../helpers/errors";
import { planCli, stackArgs, userSettings } from "../helpers/plan-cli";
import { planStack as planShippedStack } from "../helpers/schema-plans";

/**
 * Spot fallback specs (`cluster.spot.fallbackSpecs`): ECI takes a comma-separated, ordered list of up
 * to five specs in `k8s.aliyun.com/eci-use-specs`; an executor's list is its sized spec followed by
 * the listed specs that hold it.
 */

const SPARK_APP = "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication";
const USE_SPECS = "k8s.aliyun.com/eci-use-specs";
const spot = (fallbackSpecs: unknown) => ({ spot: { strategy: "SpotAsPriceGo", fallbackSpecs } });

describe("eciSpecsWithFallbacks", () => {
    const shapes = (...specs: string[]) => specs.map((s) => eciSpecShape(s)!);

    it("GIVEN fallback specs WHEN a pod's list is built THEN its own spec comes first, then each listed spec that holds it, in order", () => {
        expect(eciSpecsWithFallbacks("4-16Gi", shapes("8-32Gi", "16-64Gi"))).toBe("4-16Gi,8-32Gi,16-64Gi");
        // 2-8Gi cannot hold a 4-16Gi executor; 4-16Gi is its own spec already.
        expect(eciSpecsWithFallbacks("4-16Gi", shapes("2-8Gi", "4-16Gi", "8-32Gi"))).toBe("4-16Gi,8-32Gi");
        // More vCPU but less memory does not hold it either.
        expect(eciSpecsWithFallbacks("4-32Gi", shapes("8-16Gi", "8-32Gi"))).toBe("4-32Gi,8-32Gi");
        expect(eciSpecsWithFallbacks("0.5-1Gi", [])).toBe("0.5-1Gi");
    });

    it("GIVEN a spec off the all-regions grid WHEN looked up THEN it is not one", () => {
        expect(eciSpecShape("2-6Gi")).toBeUndefined();
        expect(eciSpecShape("ecs.g7.xlarge")).toBeUndefined();
        expect(eciSpecShape("8-32Gi")).toEqual({ vcpu: 8, memoryGiB: 32 });
    });
});

describe("spot.fallbackSpecs validation", () => {
    it.each([
        [["ecs.g7.xlarge"], "spot.fallbackSpecs[0]", 'got "ecs.g7.xlarge"'],
        [["8-30Gi"], "spot.fallbackSpecs[0]", 'got "8-30Gi"'],
        [["8-32Gi", "8-32Gi"], "spot.fallbackSpecs", '"8-32Gi" is listed twice'],
        [["8-32Gi", "16-64Gi", "32-128Gi", "64-256Gi", "64-512Gi"], "spot.fallbackSpecs", "got ["],
        ["8-32Gi", "spot.fallbackSpecs", "got"],
    ])("GIVEN fallbackSpecs %j WHEN resolved THEN one line names %s", (specs, key, problem) => {
        const err = oneLineInputError(() => resolveAckClusterSettings(spot(specs), "spark"));
        expect(err.key).toBe(key);
        expect(err.problem).toContain(problem);
    });

    it("GIVEN valid fallback specs WHEN resolved THEN the cluster offers their shapes to executors; without spot there are none", () => {
        expect(resolveAckClusterSettings(spot(["8-32Gi", "16-64Gi"]), "spark").executorFallbackShapes).toEqual([
            { vcpu: 8, memoryGiB: 32 },
            { vcpu: 16, memoryGiB: 64 },
        ]);
        expect(resolveAckClusterSettings({}, "spark").executorFallbackShapes).toEqual([]);
    });
});

describe("the shipped alicloud stack with spot fallback specs", () => {
    let plan: Plan;
    beforeAll(async () => {
        plan = await planShippedStack("alicloud", [...userSettings("alicloud"), 'cluster.spot.fallbackSpecs=["8-32Gi","16-64Gi"]'], vi.resetModules);
    }, 120_000);

    it("GIVEN fallbackSpecs WHEN planned THEN each executor lists its sized spec then the fallbacks that hold it, with spot fallback on; drivers keep one spec", () => {
        const apps = plan.resources.filter((r) => r.type === SPARK_APP);
        expect(apps.length).toBeGreaterThan(0);
        for (const app of apps) {
            const spec = app.inputs.spec as { driver: { annotations: Record<string, string> }; executor: { annotations: Record<string, string> } };
            const [own, ...rest] = spec.executor.annotations[USE_SPECS]!.split(",");
            const shape = eciSpecShape(own!)!;
            const expected = [
                { vcpu: 8, memoryGiB: 32 },
                { vcpu: 16, memoryGiB: 64 },
            ]
                .filter((f) => f.vcpu >= shape.vcpu && f.memoryGiB >= shape.memoryGiB && !(f.vcpu === shape.vcpu && f.memoryGiB === shape.memoryGiB))
                .map((f) => `${f.vcpu}-${f.memoryGiB}Gi`);
            expect(rest, app.name).toEqual(expected);
            expect(spec.executor.annotations["k8s.aliyun.com/eci-spot-fallback"], app.name).toBe("true");
            expect(spec.driver.annotations[USE_SPECS], app.name).not.toContain(",");
        }
        // The WordCount executor (1 vCPU) gets both; at least one job shows a list.
        expect(apps.some((a) => (a.inputs.spec as any).executor.annotations[USE_SPECS].split(",").length === 3)).toBe(true);
    });
});

describe("the plan's job report with spot fallback specs", () => {
    it("GIVEN fallbackSpecs WHEN the plan CLI prints the jobs THEN each executor that may take a larger spec is warned about, with the spec it was priced at", async () => {
        const result = await planCli([...stackArgs("alicloud"), "--config", 'cluster.spot.fallbackSpecs=["8-32Gi"]']);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain(
            "spark-jobs/wordcount executor: may run as 8-32Gi when 1-4Gi has no spot capacity (spot fallbackSpecs), billed as that larger spec; the prices above are 1-4Gi's",
        );
        const without = await planCli(stackArgs("alicloud"));
        expect(without.stdout).not.toContain("spot fallbackSpecs");
    }, 120_000);
});

import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../tools/plan/mock-runtime";
import { runProgram } from "../tools/plan/mock-runtime";
import { mockRuntime, one, planOf, T } from "./helpers/mocks";

let runtime: MockRuntime;

beforeAll(async () => {
    runtime = await mockRuntime();
});

describe("examples/existing-cluster", () => {
    it("GIVEN the example program WHEN run under mocks THEN it declares the platform on ECI virtual nodes", async () => {
        await runProgram(runtime, () => import("../examples/existing-cluster/index"));
        const plan = await planOf(runtime);
        const values = one(plan, T.release, "spark-operator").inputs.values as any;
        expect(values.spark.jobNamespaces).toEqual(["etl", "adhoc"]);
        expect(values.webhook.replicas).toBe(3);
        expect(values.webhook.nodeSelector).toEqual({ type: "virtual-kubelet" });
        expect(plan.resources.filter((r) => r.type === T.sparkNamespace)).toHaveLength(2);
    });
});

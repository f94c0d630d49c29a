import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { childrenOf, mockRuntime, one, planOf, T } from "../helpers/mocks";

let runtime: MockRuntime;
let lib: typeof import("../../components");

beforeAll(async () => {
    runtime = await mockRuntime();
    lib = await import("../../components");
});

describe("ServerlessSparkPlatform", () => {
    it("GIVEN a cluster and two job namespaces WHEN declared THEN namespaces, operator and RBAC use the cluster's provider", async () => {
        const cluster = new lib.ExistingCluster("c", { scheduling: { nodeSelector: { pool: "virtual" } } });
        new lib.ServerlessSparkPlatform("p", { cluster, jobNamespaces: ["etl", "adhoc"], operator: { webhook: true, webhookReplicas: 3 } });
        const plan = await planOf(runtime);

        expect(childrenOf(plan, { type: T.platform, name: "p" })).toEqual([
            `${T.operator}::p-operator`,
            `${T.sparkNamespace}::p-adhoc`,
            `${T.sparkNamespace}::p-etl`,
        ]);
        const customs = plan.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
        // Per namespace: Namespace, two service accounts, Role, RoleBinding, the guard's policy and binding.
        expect(customs).toHaveLength(2 * 7 + 3);
        for (const r of customs) {
            expect(r.provider).toBe(`${T.k8sProvider}::c-k8s`);
        }
        const release = one(plan, T.release, "p-operator");
        expect((release.inputs.values as any).spark.jobNamespaces).toEqual(["etl", "adhoc"]);
        expect((release.inputs.values as any).webhook.replicas).toBe(3);
        expect((release.inputs.values as any).controller.nodeSelector).toEqual({ pool: "virtual" });
        // The chart needs its job namespaces to exist first.
        expect(release.dependsOn).toEqual(expect.arrayContaining([`${T.namespace}::p-etl-ns`, `${T.namespace}::p-adhoc-ns`]));
        // No cluster-wide role for Spark anywhere.
        expect(plan.resources.some((r) => r.type.includes("ClusterRole"))).toBe(false);
    });

    it("GIVEN bad operator settings WHEN declared THEN the error names the platform key and nothing is registered", async () => {
        const cluster = new lib.ExistingCluster("c2");
        await runtime.settle();
        const before = runtime.registrations.length;
        expect(() => new lib.ServerlessSparkPlatform("p2", { cluster, operator: { webhookReplicas: 1 } })).toThrow(
            "operator.webhookReplicas: got 1, expected an integer from 2 to 10",
        );
        expect(() => new lib.ServerlessSparkPlatform("p3", { cluster, jobNamespaces: ["UPPER"] })).toThrow('jobNamespaces[0]: got "UPPER"');
        expect(() => new lib.ServerlessSparkPlatform("p4", { cluster, operator: { webhookReplicas: 3 } })).toThrow(
            "operator.webhookReplicas: applies to the admission webhook, which is off, expected operator.webhook: true beside it, or no webhookReplicas",
        );
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);
    });
});

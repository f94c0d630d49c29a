import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { childrenOf, mockRuntime, one, planOf, T } from "../helpers/mocks";

let runtime: MockRuntime;
let mod: typeof import("../../components/rbac/namespace");

beforeAll(async () => {
    runtime = await mockRuntime();
    mod = await import("../../components/rbac/namespace");
});

describe("SparkNamespace", () => {
    it("GIVEN a namespace WHEN declared THEN it has restricted labels, two service accounts and a namespaced driver Role", async () => {
        new mod.SparkNamespace("jobs", {
            namespace: "etl",
            labels: { team: "data", "pod-security.kubernetes.io/enforce": "privileged" },
            serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": pulumi.output("arn:aws:iam::123456789012:role/etl") },
        });
        const plan = await planOf(runtime);
        expect(childrenOf(plan, { type: T.sparkNamespace, name: "jobs" })).toEqual(
            [
                `${T.namespace}::jobs-ns`,
                `${T.serviceAccount}::jobs-driver`,
                `${T.serviceAccount}::jobs-executor`,
                `${T.role}::jobs-driver`,
                `${T.roleBinding}::jobs-driver`,
            ].sort(),
        );

        // Dropping the namespace from the stack leaves it, and everything in it, in the cluster.
        expect(one(plan, T.namespace, "jobs-ns").retainOnDelete).toBe(true);

        // Extra labels cannot weaken pod security.
        expect(one(plan, T.namespace, "jobs-ns").inputs.metadata).toEqual({
            name: "etl",
            labels: {
                team: "data",
                "pod-security.kubernetes.io/enforce": "restricted",
                "pod-security.kubernetes.io/enforce-version": "latest",
                "pod-security.kubernetes.io/audit": "restricted",
                "pod-security.kubernetes.io/warn": "restricted",
            },
        });

        const driver = one(plan, T.serviceAccount, "jobs-driver");
        const executor = one(plan, T.serviceAccount, "jobs-executor");
        const annotations = { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/etl" };
        expect(driver.inputs).toMatchObject({ metadata: { name: "spark-driver", namespace: "etl", annotations }, automountServiceAccountToken: true });
        expect(executor.inputs).toMatchObject({ metadata: { name: "spark-executor", namespace: "etl", annotations }, automountServiceAccountToken: false });

        const role = one(plan, T.role, "jobs-driver");
        expect(role.inputs.metadata).toEqual({ name: "spark-driver", namespace: "etl" });
        expect(role.inputs.rules).toEqual([
            {
                apiGroups: [""],
                resources: ["pods", "configmaps", "persistentvolumeclaims", "services"],
                verbs: ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"],
            },
        ]);
        expect(JSON.stringify(role.inputs.rules)).not.toContain("*");

        const binding = one(plan, T.roleBinding, "jobs-driver");
        expect(binding.inputs).toMatchObject({
            metadata: { name: "spark-driver", namespace: "etl" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "spark-driver" },
            subjects: [{ kind: "ServiceAccount", name: "spark-driver", namespace: "etl" }],
        });
        // Nothing binds the executor account.
        expect(plan.resources.filter((r) => r.type === T.roleBinding && JSON.stringify(r.inputs).includes("spark-executor"))).toEqual([]);
        // Every object waits for its namespace.
        for (const r of [driver, executor, role, binding]) {
            expect(r.dependsOn).toContain(`${T.namespace}::jobs-ns`);
        }
    });

    it.each([
        [{ namespace: "Spark" }, 'namespace: got "Spark", expected a DNS-1123 label'],
        [{ namespace: "a".repeat(64) }, "namespace: got"],
        [{ namespace: "ok", driverServiceAccount: "bad name" }, 'driverServiceAccount: got "bad name"'],
        [{ namespace: "ok", executorServiceAccount: "" }, 'executorServiceAccount: got ""'],
    ])("GIVEN %j WHEN declared THEN one clear error and nothing registered", async (args, message) => {
        const before = runtime.registrations.length;
        expect(() => new mod.SparkNamespace("bad", args as any)).toThrow(message);
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);
    });
});

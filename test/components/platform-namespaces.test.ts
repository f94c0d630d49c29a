import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import { resolvePlatformNamespaces } from "../../components/platform";
import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { mockRuntime, planOf, T } from "../helpers/mocks";

let runtime: MockRuntime;
let lib: typeof import("../../components");

beforeAll(async () => {
    runtime = await mockRuntime();
    lib = await import("../../components");
});

describe("job namespaces are told once", () => {
    it.each<[string, string[] | undefined, { cluster?: string[]; storage?: string[] }, string[]]>([
        ["nothing anywhere: the default", undefined, {}, ["spark-jobs"]],
        ["the cluster's", undefined, { cluster: ["team-a", "team-b"] }, ["team-a", "team-b"]],
        ["the storage's when the cluster has none", undefined, { storage: ["etl"] }, ["etl"]],
        ["the platform's own, covered by both", ["team-a"], { cluster: ["team-a", "team-b"], storage: ["team-a"] }, ["team-a"]],
    ])("GIVEN %s WHEN resolved THEN those", (_what, given, builtFor, expected) => {
        expect(resolvePlatformNamespaces(given, builtFor)).toEqual(expected);
    });

    it.each<[string, string[] | undefined, { cluster?: string[]; storage?: string[] }, string]>([
        [
            "a namespace the cluster was not built for",
            ["team-b"],
            { cluster: ["team-a"] },
            'jobNamespaces[0]: got "team-b", which the cluster was not built for (its jobNamespaces: team-a), expected the same jobNamespaces',
        ],
        [
            "a namespace the storage has no role for",
            ["team-a", "team-c"],
            { cluster: ["team-a", "team-c"], storage: ["team-a"] },
            'jobNamespaces[1]: got "team-c", which the storage was not built for (its jobNamespaces: team-a), expected',
        ],
        [
            "the cluster's namespaces, which the storage does not cover",
            undefined,
            { cluster: ["team-a"], storage: ["team-b"] },
            'jobNamespaces[0]: got "team-a", which the storage was not built for',
        ],
    ])("GIVEN %s WHEN resolved THEN one line naming the namespace", (_what, given, builtFor, message) => {
        expect(() => resolvePlatformNamespaces(given, builtFor)).toThrow(InputError);
        expect(() => resolvePlatformNamespaces(given, builtFor)).toThrow(message);
    });

    it("GIVEN a cluster built for team-a and a platform declaring team-b WHEN declared THEN one line naming the platform, and nothing registered", async () => {
        const existing = new lib.ExistingCluster("ns-c", {});
        const cluster = { ...existing, provider: existing.provider, jobNamespaces: ["team-a"] } as unknown as typeof existing;
        await runtime.settle();
        const before = runtime.registrations.length;
        let error: unknown;
        try {
            new lib.ServerlessSparkPlatform("ns-p", { cluster, jobNamespaces: ["team-b"] });
        } catch (err) {
            error = err;
        }
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message).toMatch(/^ServerlessSparkPlatform "ns-p": jobNamespaces\[0\]: got "team-b", which the cluster was not built for/);
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);
    });

    it("GIVEN a cluster built for team-a and no platform namespaces WHEN declared THEN the platform takes team-a", async () => {
        const existing = new lib.ExistingCluster("ns-c2", {});
        const cluster = { ...existing, provider: existing.provider, jobNamespaces: ["team-a"] } as unknown as typeof existing;
        new lib.ServerlessSparkPlatform("ns-p2", { cluster });
        const plan = await planOf(runtime);
        const names = plan.resources.filter((r) => r.type === T.namespace && r.name.startsWith("ns-p2-")).map((r) => (r.inputs.metadata as any).name);
        expect(names.sort()).toEqual(["spark-operator", "team-a"]);
    });
});

describe("InputError under pulumi up", () => {
    it("GIVEN an InputError WHEN the Pulumi runtime classifies it THEN it is a RunError (printed as its message, no stack trace)", () => {
        const err = new InputError("operator.webhookReplicas", "got 1", "an integer from 2 to 10", 'SparkOperator "op"');
        expect(pulumi.RunError.isInstance(err)).toBe(true);
        expect(err.message).toBe('SparkOperator "op": operator.webhookReplicas: got 1, expected an integer from 2 to 10');
        expect(pulumi.RunError.isInstance(new Error("x"))).toBe(false);
    });
});

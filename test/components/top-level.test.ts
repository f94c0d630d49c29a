import "../../tools/plan/mock-outputs-aws";

import { beforeAll, describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { childrenOf, mockRuntime, planOf } from "../helpers/mocks";

/**
 * The top-level components as a library user meets them: a pure resolve step to call first, one
 * line naming the component and the argument path when a constructor refuses its arguments (with
 * nothing declared), children named after the component, and plain outputs.
 */
let runtime: MockRuntime;
let lib: typeof import("../../components");
let aws: typeof import("../../components/aws");

beforeAll(async () => {
    runtime = await mockRuntime({ config: { "aws:region": "eu-west-1" } });
    lib = await import("../../components");
    aws = await import("../../components/aws");
});

const BAD_JOB = {
    jobs: [
        {
            name: "etl",
            type: "Java" as const,
            image: "apache/spark:3.5.3",
            mainClass: "org.example.Etl",
            mainApplicationFile: "local:///a.jar",
            executor: { cores: 0 },
        },
    ],
};

describe("resolve, then declare", () => {
    it("GIVEN a bad job WHEN resolved THEN one InputError naming the argument path, before anything is declared", () => {
        expect(() => lib.resolveExistingSparkPlatformArgs(BAD_JOB)).toThrow(InputError);
        expect(() => lib.resolveExistingSparkPlatformArgs(BAD_JOB)).toThrow(/^jobs\[0\]\.executor\.cores: got 0/);
        expect(lib.resolveExistingSparkPlatformArgs({}).jobNamespaces).toEqual(["spark-jobs"]);
    });

    it("GIVEN the same bad job WHEN the component is declared THEN the line names the component too, and nothing is registered", async () => {
        await runtime.settle();
        const before = runtime.registrations.length;
        let error: unknown;
        try {
            new lib.ExistingSparkPlatform("lab", BAD_JOB);
        } catch (err) {
            error = err;
        }
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message).toMatch(/^ExistingSparkPlatform "lab": jobs\[0\]\.executor\.cores: got 0, expected /);
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);
    });

    it("GIVEN an unknown argument WHEN resolved THEN it is named", () => {
        expect(() => lib.resolveExistingSparkPlatformArgs({ jobNamespace: ["x"] } as never)).toThrow(/^jobNamespace: unknown config key, expected one of /);
    });

    it("GIVEN AWS arguments WHEN the region is given, or comes from aws:region, THEN an error names where it came from", () => {
        expect(() => aws.resolveAwsSparkPlatformArgs({ region: "mars-1" })).toThrow(/^region: got "mars-1"/);
        expect(() => aws.resolveAwsSparkPlatformArgs({})).toThrow(/^aws:region: not set, expected an AWS region/);
        expect(aws.resolveAwsSparkPlatformArgs({}, "eu-west-1").aws!.region).toBe("eu-west-1");
    });
});

describe("a library user's ExistingSparkPlatform", () => {
    it("GIVEN a name WHEN declared THEN its children are named after it and the outputs are plain values", async () => {
        const platform = new lib.ExistingSparkPlatform("lab", { jobNamespaces: ["etl"], samples: ["wordcount"] });
        const plan = await planOf(runtime);
        expect(childrenOf(plan, { type: "serverless-spark:index:ExistingSparkPlatform", name: "lab" })).toEqual([
            "serverless-spark:cluster:ExistingCluster::lab-cluster",
            "serverless-spark:index:ServerlessSparkPlatform::lab",
        ]);
        const values = await new Promise<unknown[]>((resolve) =>
            platform.jobNamespaces.apply((ns) => platform.jobs.apply((jobs) => platform.operatorNamespace.apply((op) => resolve([ns, jobs, op])))),
        );
        expect(values).toEqual([["etl"], ["wordcount"], "spark-operator"]);
    });

    it("GIVEN an HDFS with an event-log directory WHEN declared THEN historyServers has each namespace's port-forward command, and none without", async () => {
        const withLogs = new lib.ExistingSparkPlatform("hist", {
            jobNamespaces: ["etl"],
            storage: { type: "hdfs", hdfs: { namenodes: ["nn1.corp.example:8020"], eventLogDir: "/spark-events" } },
        });
        const without = new lib.ExistingSparkPlatform("bare", { jobNamespaces: ["adhoc"] });
        await planOf(runtime);
        const servers = (p: typeof withLogs) => new Promise<Record<string, string>>((resolve) => p.historyServers.apply(resolve));
        expect(await servers(withLogs)).toEqual({ etl: "kubectl port-forward -n etl service/spark-history 18080:18080" });
        expect(await servers(without)).toEqual({});
    });

    it("GIVEN two platforms in one program WHEN declared THEN their children do not collide", async () => {
        new lib.ExistingSparkPlatform("team-a", { jobNamespaces: ["a"] });
        new lib.ExistingSparkPlatform("team-b", { jobNamespaces: ["b"] }, { adoptRootChildren: false });
        const plan = await planOf(runtime);
        const ids = plan.resources.map((r) => `${r.type}::${r.name}`);
        expect(new Set(ids).size).toBe(ids.length);
    });
});

describe("a library user's AwsSparkPlatform", () => {
    it("GIVEN the provider's aws:region and one namespace WHEN declared THEN the EKS cluster, bucket and platform sit under it and the kubeconfig output is secret", async () => {
        const platform = new aws.AwsSparkPlatform("data", { jobNamespaces: ["etl"], cluster: { name: "data-eks" } });
        const plan = await planOf(runtime);
        expect(childrenOf(plan, { type: "serverless-spark:index:AwsSparkPlatform", name: "data" })).toEqual([
            "serverless-spark:cluster:EksFargateCluster::data-cluster",
            "serverless-spark:index:ServerlessSparkPlatform::data",
            "serverless-spark:storage:S3Storage::data-storage",
        ]);
        expect(await new Promise((resolve) => platform.region.apply(resolve))).toBe("eu-west-1");
        expect(await new Promise((resolve) => platform.clusterName.apply(resolve))).toBe("data-eks");
        expect(await (platform.kubeconfig as unknown as { isSecret: Promise<boolean> }).isSecret).toBe(true);
    });
});

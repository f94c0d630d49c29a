import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { mockRuntime, planOf } from "../helpers/mocks";

let runtime: MockRuntime;
let lib: typeof import("../../components");

beforeAll(async () => {
    runtime = await mockRuntime();
    lib = await import("../../components");
});

describe.each(["fargate", "eci"] as const)("samples on the %s grid", (grid) => {
    it("GIVEN wordcount and tpcds WHEN declared THEN every pod uses >= 95% of usable billed memory and all billed vCPU", async () => {
        const cluster = new lib.ExistingCluster(`c-${grid}`, { capacityGrid: grid });
        const platform = new lib.ServerlessSparkPlatform(`p-${grid}`, {
            cluster,
            samples: { wordcount: true, tpcds: { dataRoot: "hdfs://nn:8020/tpcds", scaleFactor: 10, queries: ["q1-v2.4", "q14a-v2.4"] } },
        });
        const plan = await planOf(runtime);
        expect(Object.keys(platform.jobs).sort()).toEqual(["tpcds-datagen", "tpcds-queries", "wordcount"]);
        const reports = plan.jobs.filter((j) => j.grid === grid);
        expect(reports).toHaveLength(3);
        for (const job of reports) {
            for (const role of ["driver", "executor"]) {
                expect(job[role].memoryShare, `${job.name} ${role}`).toBeGreaterThanOrEqual(0.95);
                expect(job[role].vcpuShare, `${job.name} ${role}`).toBe(1);
            }
            expect(job.costPerHour).toBeGreaterThan(0);
        }
        const apps = plan.resources.filter(
            (r) => r.type === "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication" && r.parent?.includes(`p-${grid}-job-`),
        );
        const datagen = apps.find((a) => (a.inputs.metadata as any).name === "tpcds-datagen")!.inputs.spec as any;
        expect(datagen.mainClass).toBe("com.amazonaws.eks.tpcds.DataGeneration");
        expect(datagen.arguments).toEqual(["hdfs://nn:8020/tpcds/sf10/data", "/opt/tpcds-kit/tools", "parquet", "10", "5", "true", "true", "true"]);
        const queries = apps.find((a) => (a.inputs.metadata as any).name === "tpcds-queries")!.inputs.spec as any;
        expect(queries.arguments).toEqual([
            "hdfs://nn:8020/tpcds/sf10/data",
            "hdfs://nn:8020/tpcds/sf10/results",
            "/opt/tpcds-kit/tools",
            "parquet",
            "10",
            "1",
            "false",
            "q1-v2.4,q14a-v2.4",
            "true",
        ]);
        // Without object storage, WordCount reads a ConfigMap the platform ships in the namespace.
        const wordcount = apps.find((a) => (a.inputs.metadata as any).name === "wordcount")!;
        expect((wordcount.inputs.spec as any).arguments).toEqual(["file:///opt/spark/wordcount/input.txt"]);
        expect(wordcount.dependsOn).toContain(`kubernetes:core/v1:ConfigMap::spark-jobs-wordcount-input`);
        expect(wordcount.dependsOn).toContain(`kubernetes:helm.sh/v3:Release::p-${grid}-operator`);
    });
});

describe("platform job validation", () => {
    it.each<[Record<string, unknown>, string]>([
        [{ samples: { tpcds: {} } }, "tpcds.dataRoot: is not set and the platform has no storage"],
        [{ samples: { tpcds: { dataRoot: "hdfs://x/t", scaleFactor: 0 } } }, "tpcds.scaleFactor: got 0"],
        [{ samples: { tpcds: { dataRoot: "hdfs://x/t", queries: ["q999"] } } }, 'tpcds.queries[0]: got "q999"'],
        [
            {
                jobs: [
                    { name: "a", type: "Java", image: "apache/spark:3.5.3", mainClass: "A", mainApplicationFile: "local:///a.jar", executor: { instances: 0 } },
                ],
            },
            "jobs[0].executor.instances: got 0",
        ],
        [
            {
                jobs: [{ name: "wordcount", type: "Java", image: "apache/spark:3.5.3", mainClass: "A", mainApplicationFile: "local:///a.jar" }],
                samples: { wordcount: true },
            },
            'jobs[0].name: "wordcount" is also the name of samples.wordcount',
        ],
        [
            { jobs: [{ name: "a", namespace: "elsewhere", type: "Java", image: "apache/spark:3.5.3", mainClass: "A", mainApplicationFile: "local:///a.jar" }] },
            'jobs[0].namespace: got "elsewhere"',
        ],
    ])("GIVEN %j WHEN the platform is declared THEN one clear line and nothing registered", async (extra, message) => {
        const cluster = new lib.ExistingCluster(`v-${Math.random().toString(36).slice(2, 8)}`, { capacityGrid: "fargate" });
        await runtime.settle();
        const before = runtime.registrations.length;
        expect(() => new lib.ServerlessSparkPlatform("bad", { cluster, ...(extra as any) })).toThrow(message);
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);
    });
});

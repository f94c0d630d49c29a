/**
 * One benchmark run in a fresh process: declares either N SparkJobs through the platform, or the
 * floor program (the same number of plain ConfigMaps), under the mock runtime the offline plan uses.
 * Prints one JSON line: resources registered, wall time of the run, peak RSS.
 */
import { startMockRuntime } from "../tools/plan/mock-runtime";

async function main(): Promise<void> {
    const [mode, countText, resourcesText] = process.argv.slice(2);
    const count = Number(countText);
    const runtime = await startMockRuntime({ project: "serverless-spark", stack: "bench" });
    const started = process.hrtime.bigint();
    if (mode === "jobs") {
        const lib = await import("../components");
        const cluster = new lib.ExistingCluster("cluster", { capacityGrid: "fargate" });
        new lib.ServerlessSparkPlatform("spark", {
            cluster,
            jobs: Array.from({ length: count }, (_, i) => ({
                name: `job-${i}`,
                type: "Java" as const,
                image: "apache/spark:3.5.3",
                mainClass: "org.apache.spark.examples.JavaWordCount",
                mainApplicationFile: "local:///opt/spark/examples/jars/spark-examples_2.12-3.5.3.jar",
                arguments: [`s3a://bench/input-${i}.txt`],
                executor: { cores: 1 + (i % 8), instances: 1 + (i % 5) },
            })),
        });
    } else {
        const k8s = await import("@pulumi/kubernetes");
        // The floor: as many plain resources as the jobs run registered, nothing else.
        for (let i = 0; i < Number(resourcesText); i++) {
            new k8s.core.v1.ConfigMap(`cm-${i}`, { metadata: { name: `cm-${i}`, namespace: "bench" }, data: { i: String(i) } });
        }
    }
    await runtime.settle();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(`${JSON.stringify({ resources: runtime.registrations.length, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
});

import { beforeAll, describe, expect, it } from "vitest";

import { DRIVER_SCRAPE_ANNOTATIONS, SPARK_PROMETHEUS_CONF } from "../../components/jobs/metrics";
import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { mockRuntime, planOf } from "../helpers/mocks";

let runtime: MockRuntime;
let lib: typeof import("../../components");

beforeAll(async () => {
    runtime = await mockRuntime();
    lib = await import("../../components");
});

const APP = "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication";

describe("Spark's Prometheus endpoints", () => {
    it("GIVEN a platform by default WHEN a job is declared THEN it serves Prometheus metrics and only its driver is annotated for scraping", async () => {
        const cluster = new lib.ExistingCluster("m", {});
        new lib.ServerlessSparkPlatform("m", { cluster, jobNamespaces: ["etl"], samples: { wordcount: true } });
        const plan = await planOf(runtime);
        const spec = plan.resources.find((r) => r.type === APP && r.name === "m-job-wordcount")!.inputs.spec as any;
        expect(spec.sparkConf).toMatchObject({
            "spark.ui.prometheus.enabled": "true",
            "spark.metrics.conf.*.sink.prometheusServlet.class": "org.apache.spark.metrics.sink.PrometheusServlet",
            "spark.metrics.conf.*.sink.prometheusServlet.path": "/metrics/prometheus",
        });
        expect(spec.driver.annotations).toMatchObject({
            "prometheus.io/scrape": "true",
            "prometheus.io/port": "4040",
            "prometheus.io/path": "/metrics/prometheus",
        });
        // Executors serve no endpoint of their own: the driver serves theirs at /metrics/executors/prometheus.
        expect(Object.keys(spec.executor.annotations ?? {}).filter((k) => k.startsWith("prometheus.io/"))).toEqual([]);
    });

    it("GIVEN metrics false WHEN a job is declared THEN neither the conf nor the annotations are there", async () => {
        const cluster = new lib.ExistingCluster("n", {});
        new lib.ServerlessSparkPlatform("n", { cluster, jobNamespaces: ["etl"], samples: { wordcount: true }, metrics: false });
        const plan = await planOf(runtime);
        const spec = plan.resources.find((r) => r.type === APP && r.name === "n-job-wordcount")!.inputs.spec as any;
        for (const key of Object.keys(SPARK_PROMETHEUS_CONF)) expect(spec.sparkConf[key], key).toBeUndefined();
        for (const key of Object.keys(DRIVER_SCRAPE_ANNOTATIONS)) expect(spec.driver.annotations?.[key], key).toBeUndefined();
    });

    it("GIVEN a job that sets a scrape annotation itself WHEN declared THEN it is refused like any platform annotation", () => {
        const cluster = new lib.ExistingCluster("o", {});
        expect(
            () =>
                new lib.ServerlessSparkPlatform("o", {
                    cluster,
                    jobNamespaces: ["etl"],
                    jobs: [
                        {
                            name: "own",
                            type: "Scala",
                            image: "apache/spark:3.5.3",
                            mainClass: "org.example.Main",
                            mainApplicationFile: "local:///opt/app.jar",
                            driver: { annotations: { "prometheus.io/port": "9090" } },
                        },
                    ],
                }),
        ).toThrow(/driver\.annotations/);
    });
});

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { childrenOf, mockRuntime, one, planOf } from "../helpers/mocks";

const SPARK_APP = "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication";
const SCHEDULED = "kubernetes:sparkoperator.k8s.io/v1beta2:ScheduledSparkApplication";
const JOB = "serverless-spark:jobs:SparkJob";

let runtime: MockRuntime;
let mod: typeof import("../../components/jobs/job");

const eciPlacement = {
    capacityGrid: "eci" as const,
    scheduling: {
        nodeSelector: { type: "virtual-kubelet" },
        tolerations: [{ key: "virtual-kubelet.io/provider", operator: "Equal" as const, value: "alibabacloud", effect: "NoSchedule" as const }],
        podAnnotations: { "k8s.aliyun.com/eci-auto-imc": "true" },
        podLabels: { team: "data" },
    },
    executorPodAnnotations: { "k8s.aliyun.com/eci-spot-strategy": "SpotAsPriceGo" },
    sparkConf: { "spark.decommission.enabled": "true" },
};

beforeAll(async () => {
    runtime = await mockRuntime();
    mod = await import("../../components/jobs/job");
});

describe("SparkJob", () => {
    it("GIVEN an ECI cluster and storage settings WHEN declared THEN the SparkApplication is sized, placed, restricted and wired", async () => {
        const gate = new k8s.core.v1.ConfigMap("gate", { metadata: { name: "gate" } });
        const job = new mod.SparkJob(
            "etl",
            {
                namespace: "spark-jobs",
                type: "Python",
                image: "apache/spark:3.5.3",
                mainApplicationFile: "local:///opt/app/etl.py",
                arguments: ["--day", pulumi.output("2026-11-21")],
                placement: eciPlacement,
                executor: { cores: 4, instances: 3 },
                sparkConf: { "spark.sql.shuffle.partitions": "64" },
                integrations: [
                    {
                        source: "storage",
                        sparkConf: { "spark.eventLog.enabled": "true" },
                        hadoopConf: { "fs.oss.endpoint": "oss-cn-hangzhou-internal.aliyuncs.com" },
                        deps: { packages: ["org.apache.hadoop:hadoop-aliyun:3.3.4"] },
                        driverSecrets: { "spark-keytab": "/mnt/secrets/kerberos" },
                        configMapMounts: { input: { configMap: "wordcount-input", mountPath: "/opt/spark/wordcount" } },
                    },
                ],
            },
            { dependsOn: [gate] },
        );
        const plan = await planOf(runtime);
        expect(childrenOf(plan, { type: JOB, name: "etl" })).toEqual([`${SPARK_APP}::etl`]);
        const app = one(plan, SPARK_APP, "etl");
        expect(app.dependsOn).toContain("kubernetes:core/v1:ConfigMap::gate");
        const spec = app.inputs.spec as any;
        expect(app.inputs.metadata).toEqual({
            name: "etl",
            namespace: "spark-jobs",
            labels: { "app.kubernetes.io/part-of": "serverless-spark", "app.kubernetes.io/managed-by": "pulumi" },
        });
        expect(spec).toMatchObject({ type: "Python", mode: "cluster", image: "apache/spark:3.5.3", sparkVersion: "3.5.3", arguments: ["--day", "2026-11-21"] });
        expect(spec.sparkConf).toEqual({
            "spark.decommission.enabled": "true",
            "spark.eventLog.enabled": "true",
            "spark.jars.ivy": "/tmp/.ivy2",
            "spark.kubernetes.driver.secrets.spark-keytab": "/mnt/secrets/kerberos",
            "spark.sql.shuffle.partitions": "64",
        });
        expect(spec.hadoopConf).toEqual({ "fs.oss.endpoint": "oss-cn-hangzhou-internal.aliyuncs.com" });
        expect(spec.deps).toEqual({ packages: ["org.apache.hadoop:hadoop-aliyun:3.3.4"] });

        // Executors: 4 cores on ECI fill a 4 vCPU shape; request = limit; the shape is pinned.
        expect(spec.executor).toMatchObject({ cores: 4, coreRequest: "4", coreLimit: "4", instances: 3, serviceAccount: "spark-executor" });
        expect(spec.executor.annotations["k8s.aliyun.com/eci-use-specs"]).toBe(
            job.report.executor.billed!.vcpu + "-" + job.report.executor.billed!.memoryGiB + "Gi",
        );
        expect(spec.executor.annotations["k8s.aliyun.com/eci-spot-strategy"]).toBe("SpotAsPriceGo");
        expect(spec.driver.annotations["k8s.aliyun.com/eci-spot-strategy"]).toBeUndefined();
        expect(spec.driver.annotations["k8s.aliyun.com/eci-auto-imc"]).toBe("true");
        // The operator copies the application's labels onto its pods; the pods' own labels come
        // after them, so managed-by names who runs the pods, not Pulumi.
        expect(spec.driver.labels).toEqual({ "app.kubernetes.io/managed-by": "spark-operator", team: "data" });
        expect(spec.executor.labels).toEqual({ "app.kubernetes.io/managed-by": "spark-operator", team: "data" });

        for (const role of ["driver", "executor"]) {
            const template = spec[role].template.spec;
            expect(template.nodeSelector).toEqual({ type: "virtual-kubelet" });
            expect(template.tolerations).toEqual(eciPlacement.scheduling.tolerations);
            expect(template.securityContext).toEqual({
                runAsNonRoot: true,
                runAsUser: 185,
                runAsGroup: 185,
                fsGroup: 185,
                seccompProfile: { type: "RuntimeDefault" },
            });
            const [container] = template.containers;
            expect(container.name).toBe(`spark-kubernetes-${role}`);
            expect(container.securityContext).toEqual({
                allowPrivilegeEscalation: false,
                capabilities: { drop: ["ALL"] },
                runAsNonRoot: true,
                seccompProfile: { type: "RuntimeDefault" },
            });
            expect(container.volumeMounts).toEqual([
                { name: "tmp", mountPath: "/tmp" },
                { name: "input", mountPath: "/opt/spark/wordcount", readOnly: true },
            ]);
            expect(container.resources.requests["ephemeral-storage"]).toBe(role === "driver" ? "4Gi" : "16Gi");
            expect(template.volumes).toEqual([
                { name: "tmp", emptyDir: {} },
                { name: "input", configMap: { name: "wordcount-input" } },
            ]);
        }
        expect(job.report.executor.memoryShare!).toBeGreaterThanOrEqual(0.95);
        expect(job.report.executor.vcpuShare).toBe(1);
        expect(job.report.executors).toBe(3);
    });

    it("GIVEN a schedule and dynamic allocation WHEN declared THEN a ScheduledSparkApplication wraps the spec with shuffle tracking and its timeout", async () => {
        new mod.SparkJob("nightly", {
            namespace: "spark-jobs",
            type: "Java",
            image: "apache/spark:3.5.3",
            mainClass: "org.example.Nightly",
            mainApplicationFile: "local:///opt/app.jar",
            placement: { ...eciPlacement, capacityGrid: "fargate", executorPodAnnotations: {}, sparkConf: {} },
            dynamicAllocation: { enabled: true, maxExecutors: 10 },
            schedule: "0 2 * * *",
        });
        const plan = await planOf(runtime);
        const app = one(plan, SCHEDULED, "nightly");
        const spec = app.inputs.spec as any;
        expect(spec).toMatchObject({
            schedule: "0 2 * * *",
            timeZone: "UTC",
            concurrencyPolicy: "Forbid",
            successfulRunHistoryLimit: 1,
            failedRunHistoryLimit: 3,
        });
        expect(spec.template.dynamicAllocation).toEqual({
            enabled: true,
            minExecutors: 0,
            maxExecutors: 10,
            initialExecutors: 0,
            shuffleTrackingEnabled: true,
            // milliseconds (the CRD's shuffleTrackingTimeout), 300 s by default
            shuffleTrackingTimeout: 300000,
        });
        expect(spec.template.executor.instances).toBeUndefined();
        expect(spec.template.executor.annotations["k8s.aliyun.com/eci-use-specs"]).toBeUndefined();
    });

    it("GIVEN a job and a storage integration setting the same key differently WHEN declared THEN it is refused before anything is registered", async () => {
        await runtime.settle();
        const before = runtime.registrations.length;
        expect(
            () =>
                new mod.SparkJob("clash", {
                    namespace: "spark-jobs",
                    type: "Java",
                    image: "apache/spark:3.5.3",
                    mainClass: "x.Y",
                    mainApplicationFile: "local:///a.jar",
                    placement: eciPlacement,
                    sparkConf: { "spark.eventLog.enabled": "false" },
                    integrations: [{ source: "storage", sparkConf: { "spark.eventLog.enabled": "true" } }],
                }),
        ).toThrow("sparkConf.spark.eventLog.enabled: is set by both storage and the job's sparkConf, expected one of them to set it");
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);
    });
});

import "../../tools/plan/mock-outputs-alicloud-storage";

import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { mockRuntime, one, planOf } from "../helpers/mocks";
import { O } from "./oss-types";

const SPARK_APP = "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication";

let runtime: MockRuntime;
let storageMod: typeof import("../../components/storage/oss/storage");
let jobMod: typeof import("../../components/jobs/job");
let samples: typeof import("../../components/jobs/samples/wordcount");

const eciPlacement = {
    capacityGrid: "eci" as const,
    scheduling: {
        nodeSelector: { type: "virtual-kubelet" },
        tolerations: [{ key: "virtual-kubelet.io/provider", operator: "Equal" as const, value: "alibabacloud", effect: "NoSchedule" as const }],
        podAnnotations: { "k8s.aliyun.com/eci-auto-imc": "true" },
        podLabels: {},
    },
};

beforeAll(async () => {
    runtime = await mockRuntime({ config: { "alicloud:region": "cn-beijing" } });
    storageMod = await import("../../components/storage/oss/storage");
    jobMod = await import("../../components/jobs/job");
    samples = await import("../../components/jobs/samples/wordcount");
});

describe("OssStorage in a SparkJob", () => {
    it("GIVEN the WordCount sample on OSS WHEN declared THEN the SparkApplication carries the ECI role, JindoSDK conf, packages and event logs, and waits for the role", async () => {
        const storage = new storageMod.OssStorage("storage", {
            jobNamespaces: ["spark-jobs"],
            bucket: "wordcount-data",
            wordCountText: samples.WORDCOUNT_TEXT,
        });
        const namespace = new pulumi.ComponentResource("test:index:Namespace", "ns-spark-jobs");
        const integration = storage.integrate({ name: "spark-jobs", namespace }, { parent: namespace });
        new jobMod.SparkJob("wordcount", {
            ...samples.wordCountJob(storage.wordCountInput!),
            namespace: "spark-jobs",
            placement: eciPlacement,
            integrations: [integration],
        });
        const plan = await planOf(runtime);
        const app = one(plan, SPARK_APP, "wordcount");
        const spec = app.inputs.spec as any;
        const roleName = storage.access["spark-jobs"]!.roleName;

        expect(spec.arguments).toEqual(["oss://wordcount-data/samples/wordcount/input.txt"]);
        for (const role of ["driver", "executor"]) {
            expect(spec[role].annotations["k8s.aliyun.com/eci-ram-role-name"]).toBe(roleName);
            expect(spec[role].annotations["k8s.aliyun.com/eci-auto-imc"]).toBe("true");
            expect(spec[role].serviceAccount).toBe(`spark-${role}`);
        }
        expect(spec.hadoopConf).toEqual({
            "fs.AbstractFileSystem.oss.impl": "com.aliyun.jindodata.oss.OSS",
            "fs.oss.credentials.provider": "com.aliyun.jindodata.oss.auth.EcsStsCredentialsProvider",
            "fs.oss.endpoint": "oss-cn-beijing-internal.aliyuncs.com",
            "fs.oss.https.enable": "true",
            "fs.oss.impl": "com.aliyun.jindodata.oss.JindoOssFileSystem",
            // JindoSDK's native pool capped, and the same room added to every pod's overhead.
            "fs.oss.memory.pool.size.max.mb": "1024",
            "fs.oss.memory.buffer.size.max.mb": "1024",
            "mapreduce.fileoutputcommitter.algorithm.version": "2",
        });
        expect(spec.sparkConf).toMatchObject({
            "spark.eventLog.enabled": "true",
            "spark.eventLog.dir": "oss://wordcount-data/namespaces/spark-jobs/spark-events/",
            "spark.jars.ivy": "/tmp/.ivy2",
        });
        expect(spec.deps).toEqual({
            packages: ["com.aliyun.jindodata:jindo-core:6.10.7", "com.aliyun.jindodata:jindo-sdk:6.10.7"],
            repositories: ["https://jindodata-binary.oss-cn-shanghai.aliyuncs.com/mvn-repo/"],
        });
        // The application is submitted only once the role can be assumed and the input is in place.
        for (const dependency of [
            `${O.role}::storage-spark-jobs`,
            `${O.policy}::storage-spark-jobs`,
            `${O.attachment}::storage-spark-jobs`,
            `${O.bucketObject}::storage-spark-jobs-spark-events`,
            `${O.bucketObject}::storage-wordcount-input`,
        ]) {
            expect(app.dependsOn).toContain(dependency);
        }
    });

    it("GIVEN a job that sets a JindoSDK key differently WHEN declared THEN the clash is refused with one line", async () => {
        const storage = new storageMod.OssStorage("clash", { jobNamespaces: ["spark-jobs"], existingBucket: "clash-data" });
        const integration = storage.integrate({ name: "spark-jobs", namespace: new pulumi.ComponentResource("test:index:Namespace", "ns-clash") }, {});
        expect(
            () =>
                new jobMod.SparkJob("clash", {
                    namespace: "spark-jobs",
                    type: "Java",
                    image: "apache/spark:3.5.3",
                    mainClass: "x.Y",
                    mainApplicationFile: "local:///a.jar",
                    placement: eciPlacement,
                    hadoopConf: { "fs.oss.endpoint": "oss-cn-beijing.aliyuncs.com" },
                    integrations: [integration],
                }),
        ).toThrow("hadoopConf.fs.oss.endpoint: is set by both storage and the job's hadoopConf, expected one of them to set it");
        await planOf(runtime);
    });
});

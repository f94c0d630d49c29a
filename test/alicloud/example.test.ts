import "../../tools/plan/mock-outputs-alicloud";
import "../../tools/plan/mock-outputs-alicloud-storage";

import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { runProgram } from "../../tools/plan/mock-runtime";
import { mockRuntime, one, planOf } from "../helpers/mocks";
import { AL } from "./alicloud-types";
import { O } from "./oss-types";

let runtime: MockRuntime;

beforeAll(async () => {
    runtime = await mockRuntime({ config: { "alicloud:region": "ap-southeast-1" } });
});

describe("examples/alicloud", () => {
    it("GIVEN the example program WHEN run under mocks THEN it declares ACK with ECI, OSS and the platform with WordCount reading from OSS", async () => {
        await runProgram(runtime, () => import("../../examples/alicloud/index"));
        const plan = await planOf(runtime);
        expect(plan.unknowns).toBe(0);

        expect(one(plan, AL.managedKubernetes, "spark-ack").inputs).toMatchObject({
            name: "spark-example",
            enableRrsa: true,
            slbInternetEnabled: false,
            deletionProtection: false,
        });
        expect(one(plan, AL.addon, "spark-ack-virtual-node").inputs).toMatchObject({ name: "ack-virtual-node" });
        expect(one(plan, AL.vpc, "spark-ack-vpc").inputs).toMatchObject({ cidrBlock: "172.20.0.0/16" });
        expect(plan.resources.filter((r) => r.type === AL.vswitch).map((r) => r.inputs.zoneId)).toEqual(["ap-southeast-1a", "ap-southeast-1b"]);
        expect(one(plan, AL.imageCache, "spark-ack-images").inputs).toMatchObject({ images: ["apache/spark:3.5.3"] });

        const bucket = one(plan, O.bucket, "spark-data-bucket");
        expect(bucket.retainOnDelete).toBe(false);
        expect(bucket.inputs.bucket).toMatch(/^spark-data-[0-9a-f]{10}$/);
        expect(
            plan.resources
                .filter((r) => r.type === O.role && !r.name.startsWith("spark-data-history-"))
                .map((r) => r.name)
                .sort(),
        ).toEqual(["spark-data-adhoc", "spark-data-etl"]);

        const app = plan.resources.find((r) => r.type.startsWith("kubernetes:sparkoperator.k8s.io") && JSON.stringify(r.inputs).includes("JavaWordCount"))!;
        const spec = app.inputs.spec as any;
        expect(spec.arguments).toEqual([`oss://${bucket.inputs.bucket}/samples/wordcount/input.txt`]);
        expect(spec.hadoopConf["fs.oss.endpoint"]).toBe("oss-ap-southeast-1-internal.aliyuncs.com");
        expect(spec.executor.annotations).toMatchObject({
            "k8s.aliyun.com/eci-spot-strategy": "SpotAsPriceGo",
            "k8s.aliyun.com/eci-extra-ephemeral-storage": "50Gi",
        });
        expect(spec.driver.annotations["k8s.aliyun.com/eci-spot-strategy"]).toBeUndefined();
        expect(spec.driver.annotations["k8s.aliyun.com/eci-ram-role-name"]).toMatch(/^spark-data-etl-[0-9a-f]{7}$/);
    });
});

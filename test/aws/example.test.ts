import "../../tools/plan/mock-outputs-aws";

import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { runProgram } from "../../tools/plan/mock-runtime";
import { mockRuntime, one, planOf } from "../helpers/mocks";
import { A } from "./aws-types";

let runtime: MockRuntime;

beforeAll(async () => {
    runtime = await mockRuntime({ config: { "aws:region": "eu-west-1", "serverless-spark:adminCidr": "1.2.3.4/32" } });
});

describe("examples/aws", () => {
    it("GIVEN the example program WHEN run under mocks THEN it declares EKS Fargate, S3 and the platform with WordCount reading from S3", async () => {
        await runProgram(runtime, () => import("../../examples/aws/index"));
        const plan = await planOf(runtime);
        expect(plan.unknowns).toBe(0);
        expect(one(plan, A.eksCluster, "spark-eks").inputs).toMatchObject({
            region: "eu-west-1",
            vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["1.2.3.4/32"] },
        });
        expect(plan.resources.filter((r) => r.type === A.natGateway)).toHaveLength(2);
        expect((one(plan, A.fargateProfile, "spark-eks-fargate-0").inputs.selectors as unknown[]).length).toBe(4);
        expect(one(plan, A.bucket, "spark-data-bucket").retainOnDelete).toBe(false);
        expect(
            plan.resources
                .filter((r) => r.type === A.role && r.name.startsWith("spark-data-") && !r.name.startsWith("spark-data-history-"))
                .map((r) => r.name)
                .sort(),
        ).toEqual(["spark-data-adhoc", "spark-data-etl"]);
        const app = plan.resources.find((r) => r.type.startsWith("kubernetes:sparkoperator.k8s.io") && JSON.stringify(r.inputs).includes("JavaWordCount"));
        expect(JSON.stringify(app?.inputs)).toMatch(/s3a:\/\/spark-data-bucket-[0-9a-f]{7}\/samples\/wordcount\/input\.txt/);
    });
});

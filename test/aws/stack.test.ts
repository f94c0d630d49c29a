import "../../tools/plan/mock-outputs-aws";

import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { toEngineConfig } from "../../tools/plan/stack-config";
import { cloudInput } from "../helpers/cloud-config";
import { mockRuntime, one, planOf } from "../helpers/mocks";
import { shippedStackValues } from "../helpers/plan-cli";
import { A } from "./aws-types";

let runtime: MockRuntime;

beforeAll(async () => {
    runtime = await mockRuntime({ config: toEngineConfig(shippedStackValues("aws")) });
});

describe("AwsSparkPlatform with the shipped aws stack's config", () => {
    it("GIVEN the shipped aws stack config and one job namespace WHEN declared THEN the AWS resources are complete and the jobs get S3 and IRSA", async () => {
        const { AwsSparkPlatform } = await import("../../components/aws");
        const engine = toEngineConfig(shippedStackValues("aws"));
        const { cluster, network, storage } = cloudInput("aws", engine);
        // aws:region comes from the provider config, as in the stack.
        new AwsSparkPlatform("spark", { cluster, network, storage, jobNamespaces: ["spark-jobs"], samples: ["wordcount"] } as any, { adoptRootChildren: true });
        const plan = await planOf(runtime);
        expect(plan.unknowns).toBe(0);

        const counts: Record<string, number> = {};
        for (const r of plan.resources.filter((r) => r.type.startsWith("aws:"))) {
            counts[r.type] = (counts[r.type] ?? 0) + 1;
        }
        expect(counts).toEqual({
            [A.vpc]: 1,
            [A.igw]: 1,
            [A.subnet]: 6,
            [A.routeTable]: 4,
            [A.route]: 4,
            [A.routeTableAssociation]: 6,
            [A.eip]: 1,
            [A.natGateway]: 1,
            [A.vpcEndpoint]: 1,
            // The cluster's, the pods', the job namespace's and its History Server's.
            [A.role]: 4,
            [A.rolePolicyAttachment]: 2,
            [A.rolePolicy]: 4,
            [A.kmsKey]: 1,
            [A.logGroup]: 2,
            [A.eksCluster]: 1,
            [A.oidcProvider]: 1,
            [A.fargateProfile]: 1,
            [A.addon]: 1,
            [A.bucket]: 1,
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": 1,
            [A.publicAccessBlock]: 1,
            [A.ownershipControls]: 1,
            [A.encryption]: 1,
            [A.bucketPolicy]: 1,
            [A.bucketObject]: 2,
        });
        expect(one(plan, A.eksCluster, "cluster").inputs).toMatchObject({
            name: "serverless-spark",
            // Not the EKS API's EXTENDED default: no extended-support charge unless asked.
            upgradePolicy: { supportType: "STANDARD" },
            vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["1.2.3.4/32"] },
        });

        // The job namespace's service accounts carry the IRSA role; the operator waits for Fargate and CoreDNS.
        const driverSa = one(plan, "kubernetes:core/v1:ServiceAccount", "spark-spark-jobs-driver");
        expect((driverSa.inputs.metadata as any).annotations["eks.amazonaws.com/role-arn"]).toMatch(/^arn:aws:iam::123456789012:role\/storage-spark-jobs-/);
        expect(one(plan, "kubernetes:helm.sh/v3:Release", "spark-operator").dependsOn).toEqual(
            expect.arrayContaining([`${A.fargateProfile}::cluster-fargate-0`, `${A.addon}::cluster-coredns`]),
        );
        const app = plan.resources.find((r) => r.type.startsWith("kubernetes:sparkoperator.k8s.io") && JSON.stringify(r.inputs).includes("JavaWordCount"));
        expect(app).toBeDefined();
        const text = JSON.stringify(app!.inputs);
        expect(text).toContain("samples/wordcount/input.txt");
        expect(text).toContain("com.amazonaws.auth.WebIdentityTokenCredentialsProvider");
        // The connector comes with the image: WordCount runs on the TPC-DS image (hadoop-aws 3.4.1,
        // from public.ecr.aws, not Docker Hub) and nothing is downloaded at submission.
        expect((app!.inputs.spec as any).image).toBe("public.ecr.aws/data-on-eks/spark3.5.3-scala2.12-java17-python3-ubuntu-tpcds:v2");
        for (const job of plan.resources.filter((r) => r.type.startsWith("kubernetes:sparkoperator.k8s.io"))) {
            expect((job.inputs.spec as any).deps, job.name).toBeUndefined();
            expect((job.inputs.spec as any).image, job.name).toMatch(/^public\.ecr\.aws\//);
        }
    });
});

import { describe, expect, it } from "vitest";

import { fargateNamespaces, planFargateProfiles } from "../../components/cluster/aws/fargate-profiles";
import { parseCidr, planNetwork, subnetLayout } from "../../components/cluster/aws/network-plan";
import { fargateProfileArnPattern, irsaTrustPolicy } from "../../components/cluster/aws/policies";
import { awsDnsSuffix, awsPartition } from "../../components/cluster/aws/region";
import { defaultAvailabilityZones } from "../../components/cluster/aws/zones";
import { underKey } from "../../components/errors";
import { requireBucketName } from "../../components/storage/s3/bucket-name";
import { s3aHadoopConf } from "../../components/storage/s3/spark-conf";

describe("Fargate profile planning", () => {
    it("GIVEN three job namespaces WHEN planned THEN one profile holds exactly five selectors", () => {
        const plans = planFargateProfiles("spark-operator", ["a", "b", "c"], 10, "jobNamespaces");
        expect(plans).toHaveLength(1);
        expect(plans[0]!.namespaces).toEqual(["kube-system", "spark-operator", "a", "b", "c"]);
    });

    it("GIVEN four job namespaces WHEN planned THEN the sixth namespace opens a second profile, and the first keeps its name", () => {
        const three = planFargateProfiles("spark-operator", ["a", "b", "c"], 10, "jobNamespaces");
        const four = planFargateProfiles("spark-operator", ["a", "b", "c", "d"], 10, "jobNamespaces");
        expect(four.map((p) => p.namespaces)).toEqual([["kube-system", "spark-operator", "a", "b", "c"], ["d"]]);
        expect(four[0]!.name).toBe(three[0]!.name);
        expect(four[1]!.name).toMatch(/^spark-1-[0-9a-f]{8}$/);
    });

    it("GIVEN a changed namespace list WHEN planned THEN the changed profile gets a new name (created before the old one is deleted)", () => {
        const before = planFargateProfiles("ops", ["a"], 10, "jobNamespaces");
        const after = planFargateProfiles("ops", ["a", "b"], 10, "jobNamespaces");
        expect(after[0]!.name).not.toBe(before[0]!.name);
    });

    it("GIVEN a job namespace equal to kube-system or the operator's WHEN listed THEN it is selected once", () => {
        expect(fargateNamespaces("ops", ["ops", "kube-system", "etl"])).toEqual(["kube-system", "ops", "etl"]);
    });

    it("GIVEN 48 job namespaces WHEN planned THEN ten full profiles; with a raised quota 49 fit too", () => {
        const jobs = Array.from({ length: 48 }, (_, i) => `ns-${i}`);
        expect(planFargateProfiles("ops", jobs, 10, "jobNamespaces")).toHaveLength(10);
        expect(planFargateProfiles("ops", [...jobs, "one-more"], 11, "jobNamespaces")).toHaveLength(11);
    });
});

describe("network planning", () => {
    it("GIVEN a /16 WHEN laid out THEN private subnets take quarters and public subnets sixty-fourths of the last quarter", () => {
        const vpc = parseCidr("10.0.0.0/16")!;
        expect([0, 1, 2].map((i) => subnetLayout(vpc, i))).toEqual([
            { privateCidr: "10.0.0.0/18", publicCidr: "10.0.192.0/22" },
            { privateCidr: "10.0.64.0/18", publicCidr: "10.0.196.0/22" },
            { privateCidr: "10.0.128.0/18", publicCidr: "10.0.200.0/22" },
        ]);
        expect(subnetLayout(parseCidr("192.168.4.0/22")!, 2)).toEqual({ privateCidr: "192.168.6.0/24", publicCidr: "192.168.7.32/28" });
    });

    it.each(["10.0.0.1/16", "10.0.0.0/33", "256.0.0.0/8", "10.0.0.0", 16])("GIVEN %j WHEN parsed THEN it is not a network", (text) => {
        expect(parseCidr(text)).toBeUndefined();
    });

    it("GIVEN no zones WHEN planned THEN a, b and c of the region are used", () => {
        expect(defaultAvailabilityZones("ap-southeast-2")).toEqual(["ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c"]);
        const plan = planNetwork({}, "ap-southeast-2");
        expect(plan).toMatchObject({ kind: "new", vpcCidr: "10.0.0.0/16", natGateways: "single", s3GatewayEndpoint: true });
    });

    it("GIVEN private and public subnets of an existing VPC WHEN planned THEN only the private ones are used for pods", () => {
        const plan = planNetwork(
            { vpcId: "vpc-0a1b2c3d", privateSubnetIds: ["subnet-0a1b2c3d", "subnet-1a2b3c4d"], publicSubnetIds: ["subnet-2a2b3c4d"] },
            "us-east-1",
        );
        expect(plan).toEqual({
            kind: "existing",
            vpcId: "vpc-0a1b2c3d",
            privateSubnetIds: ["subnet-0a1b2c3d", "subnet-1a2b3c4d"],
            publicSubnetIds: ["subnet-2a2b3c4d"],
        });
        expect(() => underKey("network", () => planNetwork({ vpcId: "vpc-0a1b2c3d", privateSubnetIds: ["subnet-0a1b2c3d"] }, "us-east-1"))).toThrow(
            'network.privateSubnetIds: got ["subnet-0a1b2c3d"], expected at least two private subnet ids in different zones',
        );
    });
});

describe("AWS naming and policy rules", () => {
    it("GIVEN regions WHEN partitioned THEN China and GovCloud get their partitions and endpoints", () => {
        expect([awsPartition("us-east-1"), awsPartition("cn-north-1"), awsPartition("us-gov-west-1")]).toEqual(["aws", "aws-cn", "aws-us-gov"]);
        expect(awsDnsSuffix("cn-northwest-1")).toBe("amazonaws.com.cn");
        expect(s3aHadoopConf("cn-north-1", false)["fs.s3a.endpoint"]).toBe("s3.cn-north-1.amazonaws.com.cn");
    });

    it("GIVEN a cluster ARN WHEN its Fargate profile pattern is derived THEN it covers exactly that cluster's profiles", () => {
        expect(fargateProfileArnPattern("arn:aws:eks:eu-west-1:123456789012:cluster/spark")).toBe("arn:aws:eks:eu-west-1:123456789012:fargateprofile/spark/*");
        expect(() => fargateProfileArnPattern("arn:aws:iam::123456789012:role/x")).toThrow("not an EKS cluster ARN");
    });

    it("GIVEN service accounts WHEN an IRSA trust is built THEN sub lists exactly them and aud is STS", () => {
        const doc = irsaTrustPolicy({ oidcProviderArn: "arn:aws:iam::1:oidc-provider/x/id/Y", oidcIssuerUrl: "https://x/id/Y" }, [
            { namespace: "n", name: "a" },
        ]);
        expect(doc.Statement[0]!.Condition).toEqual({ StringEquals: { "x/id/Y:sub": ["system:serviceaccount:n:a"], "x/id/Y:aud": "sts.amazonaws.com" } });
    });

    it.each([
        ["spark-data-2026", { allowDots: false }],
        ["abc", { allowDots: false }],
        ["a".repeat(63), { allowDots: false }],
        ["corp.data.lake", { allowDots: true }],
    ])("GIVEN %j WHEN checked THEN it is a valid bucket name", (name, options) => {
        expect(requireBucketName(name, "storage.bucket", options)).toBe(name);
    });

    it.each([
        ["a".repeat(64), "storage.bucket: got"],
        ["-data", 'storage.bucket: got "-data"'],
        ["data-", 'storage.bucket: got "data-"'],
        ["sthree-data", "(the prefix sthree- is reserved)"],
        ["amzn-s3-demo-data", "(the prefix amzn-s3-demo- is reserved)"],
        ["data--ol-s3", "(the suffix --ol-s3 is reserved)"],
        ["data--x-s3", "(the suffix --x-s3 is reserved)"],
        ["data.mrap", "(dots break"],
    ])("GIVEN %j WHEN checked THEN it is refused with the key", (name, message) => {
        expect(() => requireBucketName(name, "storage.bucket", { allowDots: false })).toThrow(message);
    });
});

describe("the EKS kubeconfig", () => {
    it("GIVEN the provider's profile and role WHEN the kubeconfig is built THEN get-token uses them; without them, the ambient credentials", async () => {
        const { eksKubeconfig } = await import("../../components/cluster/aws/kubeconfig");
        const base = { clusterName: "c", endpoint: "https://x", certificateAuthorityData: "Y2E=", region: "eu-west-1" };
        const argsOf = (k: Record<string, unknown>) => (k.users as { user: { exec: { args: string[] } } }[])[0]!.user.exec.args;
        expect(argsOf(eksKubeconfig(base))).toEqual(["eks", "get-token", "--cluster-name", "c", "--region", "eu-west-1", "--output", "json"]);
        expect(argsOf(eksKubeconfig({ ...base, profile: "admin", roleArn: "arn:aws:iam::123456789012:role/Deploy" }))).toEqual([
            "eks",
            "get-token",
            "--cluster-name",
            "c",
            "--region",
            "eu-west-1",
            "--role-arn",
            "arn:aws:iam::123456789012:role/Deploy",
            "--profile",
            "admin",
            "--output",
            "json",
        ]);
    });
});

import "../../tools/plan/mock-outputs-aws";

import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { SECRET_PLACEHOLDER } from "../../tools/plan/plan-model";
import { childrenOf, mockRuntime, one, planOf, ref } from "../helpers/mocks";
import { A, iamDocuments, list } from "./aws-types";

let runtime: MockRuntime;
let mod: typeof import("../../components/aws");

beforeAll(async () => {
    runtime = await mockRuntime({ config: { "aws:region": "us-east-1" } });
    mod = await import("../../components/aws");
});

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

describe("EksFargateCluster", () => {
    it("GIVEN one job namespace and defaults WHEN declared THEN VPC, control plane, one Fargate profile, CoreDNS, OIDC and provider are its children", async () => {
        const cluster = new mod.EksFargateCluster("eks", { jobNamespaces: ["spark-jobs"] });
        const plan = await planOf(runtime);

        expect(childrenOf(plan, { type: A.eksFargateCluster, name: "eks" })).toEqual(
            [
                ref(A.fargateVpc, "eks-vpc"),
                ref(A.role, "eks-cluster"),
                ref(A.rolePolicyAttachment, "eks-cluster"),
                ref(A.kmsKey, "eks-secrets"),
                ref(A.rolePolicy, "eks-cluster-kms"),
                ref(A.logGroup, "eks-control-plane"),
                ref(A.eksCluster, "eks"),
                ref(A.oidcProvider, "eks-oidc"),
                ref(A.role, "eks-fargate-pods"),
                ref(A.rolePolicyAttachment, "eks-fargate-pods"),
                ref(A.fargateProfile, "eks-fargate-0"),
                ref(A.addon, "eks-coredns"),
                ref(A.k8sProvider, "eks-k8s"),
                ref(A.logGroup, "eks-fargate-logs"),
                ref(A.rolePolicy, "eks-fargate-logs"),
                ref("kubernetes:core/v1:Namespace", "eks-aws-observability"),
                ref("kubernetes:core/v1:ConfigMap", "eks-aws-logging"),
            ].sort(),
        );

        // us-east-1 defaults to zone IDs: a name could map to use1-az3, which EKS refuses.
        const zones = ["use1-az1", "use1-az2", "use1-az4"];
        expect(childrenOf(plan, { type: A.fargateVpc, name: "eks-vpc" })).toEqual(
            [
                ref(A.vpc, "eks-vpc"),
                ref(A.igw, "eks-vpc-igw"),
                ref(A.routeTable, "eks-vpc-public"),
                ref(A.route, "eks-vpc-public-internet"),
                ref(A.eip, "eks-vpc-nat-use1-az1"),
                ref(A.natGateway, "eks-vpc-nat-use1-az1"),
                ref(A.vpcEndpoint, "eks-vpc-s3"),
                ...zones.flatMap((z) => [
                    ref(A.subnet, `eks-vpc-public-${z}`),
                    ref(A.subnet, `eks-vpc-private-${z}`),
                    ref(A.routeTableAssociation, `eks-vpc-public-${z}`),
                    ref(A.routeTableAssociation, `eks-vpc-private-${z}`),
                    ref(A.routeTable, `eks-vpc-private-${z}`),
                    ref(A.route, `eks-vpc-private-${z}-egress`),
                ]),
            ].sort(),
        );
        expect(one(plan, A.vpc, "eks-vpc").inputs).toMatchObject({
            region: "us-east-1",
            cidrBlock: "10.0.0.0/16",
            enableDnsHostnames: true,
            enableDnsSupport: true,
        });
        expect(zones.map((z) => one(plan, A.subnet, `eks-vpc-private-${z}`).inputs.cidrBlock)).toEqual(["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"]);
        expect(zones.map((z) => one(plan, A.subnet, `eks-vpc-public-${z}`).inputs.cidrBlock)).toEqual(["10.0.192.0/22", "10.0.196.0/22", "10.0.200.0/22"]);
        for (const z of zones) {
            for (const tier of ["public", "private"]) {
                const inputs = one(plan, A.subnet, `eks-vpc-${tier}-${z}`).inputs;
                expect(inputs.availabilityZoneId).toBe(z);
                expect(inputs.availabilityZone).toBeUndefined();
            }
        }
        // One NAT gateway by default: every zone's private route goes through the first zone's.
        expect(one(plan, A.route, "eks-vpc-private-use1-az4-egress").inputs.natGatewayId).toMatch(/^nat-[0-9a-f]{17}$/);
        expect(one(plan, A.route, "eks-vpc-private-use1-az4-egress").dependsOn).toContain(ref(A.natGateway, "eks-vpc-nat-use1-az1"));
        expect(one(plan, A.vpcEndpoint, "eks-vpc-s3").inputs).toMatchObject({ serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Gateway" });

        const privateSubnets = await valueOf(cluster.privateSubnetIds);
        expect(privateSubnets).toHaveLength(3);
        privateSubnets.forEach((id) => expect(id).toMatch(/^subnet-[0-9a-f]{17}$/));

        const eks = one(plan, A.eksCluster, "eks");
        expect(eks.inputs).toMatchObject({
            region: "us-east-1",
            name: "eks",
            version: "1.36",
            vpcConfig: { subnetIds: privateSubnets, endpointPrivateAccess: true, endpointPublicAccess: false },
            accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
            encryptionConfig: { resources: ["secrets"], provider: { keyArn: expect.stringMatching(/^arn:aws:kms:us-east-1:123456789012:key\//) } },
            enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
        });
        expect((eks.inputs.vpcConfig as Record<string, unknown>).publicAccessCidrs).toBeUndefined();
        expect(eks.dependsOn).toEqual(
            expect.arrayContaining([ref(A.rolePolicyAttachment, "eks-cluster"), ref(A.rolePolicy, "eks-cluster-kms"), ref(A.logGroup, "eks-control-plane")]),
        );
        expect(one(plan, A.kmsKey, "eks-secrets").inputs).toMatchObject({ enableKeyRotation: true });
        expect(one(plan, A.logGroup, "eks-control-plane").inputs).toMatchObject({ name: "/aws/eks/eks/cluster", retentionInDays: 90 });
        expect(one(plan, A.rolePolicyAttachment, "eks-cluster").inputs.policyArn).toBe("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy");

        const profile = one(plan, A.fargateProfile, "eks-fargate-0");
        expect(profile.inputs).toMatchObject({
            clusterName: "eks",
            fargateProfileName: expect.stringMatching(/^spark-0-[0-9a-f]{8}$/),
            selectors: [{ namespace: "kube-system" }, { namespace: "spark-operator" }, { namespace: "spark-jobs" }],
            subnetIds: privateSubnets,
            podExecutionRoleArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\/eks-fargate-pods-/),
        });
        expect(profile.dependsOn).toEqual(
            expect.arrayContaining([ref(A.rolePolicyAttachment, "eks-fargate-pods"), ref(A.route, "eks-vpc-private-use1-az1-egress")]),
        );
        expect(one(plan, A.rolePolicyAttachment, "eks-fargate-pods").inputs.policyArn).toBe("arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy");

        const coreDns = one(plan, A.addon, "eks-coredns");
        expect(coreDns.inputs).toMatchObject({ clusterName: "eks", addonName: "coredns", configurationValues: '{"computeType":"Fargate"}' });
        expect(coreDns.dependsOn).toContain(ref(A.fargateProfile, "eks-fargate-0"));
        expect(cluster.readyResources.slice(0, 2)).toEqual([...cluster.fargateProfiles, cluster.coreDns]);
        expect(cluster.readyResources.slice(2).map((r) => (r as { __name?: string }).__name)).toEqual(["eks-fargate-logs", "eks-aws-logging"]);

        const issuer = "https://oidc.eks.us-east-1.amazonaws.com/id/";
        expect(one(plan, A.oidcProvider, "eks-oidc").inputs).toEqual({
            url: expect.stringMatching(new RegExp(`^${issuer}[0-9A-F]{32}$`)),
            clientIdLists: ["sts.amazonaws.com"],
        });
        const irsa = await valueOf(cluster.irsa);
        expect(irsa.oidcProviderArn).toBe(`arn:aws:iam::123456789012:oidc-provider/${irsa.oidcIssuerUrl.slice("https://".length)}`);

        const provider = one(plan, A.k8sProvider, "eks-k8s");
        expect(provider.inputs).toEqual({ kubeconfig: SECRET_PLACEHOLDER, clusterIdentifier: "eks" });
        expect(cluster.capacityGrid).toBe("fargate");
        expect(cluster.scheduling).toEqual({ nodeSelector: {}, tolerations: [], podAnnotations: {}, podLabels: {} });
    });

    it("GIVEN defaults WHEN declared THEN the control-plane log group is kept on destroy and created, not adopted", async () => {
        new mod.EksFargateCluster("lg-new", { jobNamespaces: ["spark-jobs"] });
        const group = one(await planOf(runtime), A.logGroup, "lg-new-control-plane");
        expect(group.retainOnDelete).toBe(true);
        expect(group.importId).toBeUndefined();
    });

    it("GIVEN adoptLogGroup after a destroy WHEN declared THEN the group EKS re-created is imported by its name, and the cluster still waits for it", async () => {
        new mod.EksFargateCluster("lg-adopt", { jobNamespaces: ["spark-jobs"], name: "again", adoptLogGroup: true });
        const plan = await planOf(runtime);
        const group = one(plan, A.logGroup, "lg-adopt-control-plane");
        expect(group).toMatchObject({ retainOnDelete: true, importId: "/aws/eks/again/cluster" });
        expect(group.inputs).toMatchObject({ name: "/aws/eks/again/cluster", retentionInDays: 90 });
        expect(one(plan, A.eksCluster, "lg-adopt").dependsOn).toContain(ref(A.logGroup, "lg-adopt-control-plane"));
    });

    it("GIVEN privateAccessCidrs on a private-only cluster WHEN declared THEN each CIDR may reach 443 on the cluster security group, and Kubernetes objects wait for the rules", async () => {
        const cluster = new mod.EksFargateCluster("priv", { jobNamespaces: ["spark-jobs"], privateAccessCidrs: ["10.8.0.0/16", "172.31.0.0/16"] });
        const plan = await planOf(runtime);
        const rules = plan.resources.filter((r) => r.type === A.securityGroupIngressRule && r.parent === ref(A.eksFargateCluster, "priv"));
        expect(rules.map((r) => r.name)).toEqual(["priv-api-from-10-8-0-0-16", "priv-api-from-172-31-0-0-16"]);
        expect(one(plan, A.eksCluster, "priv").inputs.vpcConfig).toMatchObject({ endpointPrivateAccess: true, endpointPublicAccess: false });
        for (const [i, cidr] of ["10.8.0.0/16", "172.31.0.0/16"].entries()) {
            expect(rules[i]!.inputs).toMatchObject({ region: "us-east-1", cidrIpv4: cidr, ipProtocol: "tcp", fromPort: 443, toPort: 443 });
            expect(rules[i]!.inputs.securityGroupId).toMatch(/^sg-[0-9a-f]{17}$/);
        }
        expect(cluster.readyResources.length).toBe(6); // one Fargate profile, CoreDNS, the two rules, the log router's policy and config
    });

    it("GIVEN 0.0.0.0/0 with allowPublicAccessFromAnywhere WHEN declared THEN the acknowledged open endpoint is allowed", async () => {
        new mod.EksFargateCluster("open", {
            jobNamespaces: ["etl"],
            publicEndpoint: true,
            publicAccessCidrs: ["0.0.0.0/0"],
            allowPublicAccessFromAnywhere: true,
        });
        const vpcConfig = one(await planOf(runtime), A.eksCluster, "open").inputs.vpcConfig as Record<string, unknown>;
        expect(vpcConfig).toMatchObject({ endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] });
    });

    it("GIVEN a cluster WHEN declared THEN Fargate's log router writes to a retained-by-policy log group the pod role may write, and pods wait for its config", async () => {
        const cluster = new mod.EksFargateCluster("lr", { jobNamespaces: ["spark-jobs"], name: "logs", logRetentionDays: 30 });
        const plan = await planOf(runtime);
        expect(one(plan, A.logGroup, "lr-fargate-logs").inputs).toMatchObject({ region: "us-east-1", name: "/aws/eks/logs/fargate", retentionInDays: 30 });
        const namespace = one(plan, "kubernetes:core/v1:Namespace", "lr-aws-observability");
        expect(namespace.inputs.metadata).toMatchObject({ name: "aws-observability", labels: { "aws-observability": "enabled" } });
        const config = one(plan, "kubernetes:core/v1:ConfigMap", "lr-aws-logging");
        expect(config.inputs.metadata).toMatchObject({ name: "aws-logging", namespace: "aws-observability" });
        const output = (config.inputs.data as Record<string, string>)["output.conf"]!;
        expect(output).toMatch(/^\[OUTPUT\]\n\s+Name cloudwatch_logs\n/);
        expect(output).toContain("region us-east-1");
        expect(output).toContain("log_group_name /aws/eks/logs/fargate");
        expect(output).toContain("auto_create_group false");
        expect(config.dependsOn).toEqual(expect.arrayContaining([ref(A.rolePolicy, "lr-fargate-logs"), ref(A.addon, "lr-coredns")]));
        const [policy] = iamDocuments(plan).filter((d) => d.ref === ref(A.rolePolicy, "lr-fargate-logs"));
        expect(policy!.statements).toEqual([
            {
                Sid: "FargateLogRouter",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                Resource: [
                    expect.stringMatching(/^arn:aws:logs:us-east-1:123456789012:log-group:\/aws\/eks\/logs\/fargate$/),
                    expect.stringMatching(/:log-stream:\*$/),
                ],
            },
        ]);
        expect(cluster.readyResources.map((r) => (r as { __name?: string }).__name)).toEqual(expect.arrayContaining(["lr-aws-logging", "lr-fargate-logs"]));
    });

    it("GIVEN controlPlaneLogTypes WHEN declared THEN only those log types are sent to CloudWatch", async () => {
        new mod.EksFargateCluster("fewlogs", { jobNamespaces: ["spark-jobs"], controlPlaneLogTypes: ["audit", "authenticator"] });
        expect(one(await planOf(runtime), A.eksCluster, "fewlogs").inputs.enabledClusterLogTypes).toEqual(["audit", "authenticator"]);
    });

    it("GIVEN the cluster WHEN its kubeconfig is read THEN it uses the aws eks get-token exec plugin for its name and region", async () => {
        const cluster = new mod.EksFargateCluster("kc", { jobNamespaces: ["etl"], name: "analytics", region: "eu-west-1" });
        const kubeconfig = JSON.parse(await valueOf(cluster.kubeconfig));
        expect(kubeconfig.clusters[0].cluster.server).toMatch(/^https:\/\/[0-9A-F]{32}\.gr7\.eu-west-1\.eks\.amazonaws\.com$/);
        expect(Buffer.from(kubeconfig.clusters[0].cluster["certificate-authority-data"], "base64").toString()).toContain("BEGIN CERTIFICATE");
        expect(kubeconfig.users[0].user.exec).toEqual({
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: ["eks", "get-token", "--cluster-name", "analytics", "--region", "eu-west-1", "--output", "json"],
        });
        expect(kubeconfig["current-context"]).toBe("analytics");
        expect(await pulumi.isSecret(cluster.kubeconfig)).toBe(true);
    });

    it("GIVEN the pod execution role WHEN its trust is read THEN only Fargate, on behalf of this cluster's profiles, may assume it", async () => {
        new mod.EksFargateCluster("trust", { jobNamespaces: ["etl"], name: "trusty" });
        const plan = await planOf(runtime);
        const trust = JSON.parse(one(plan, A.role, "trust-fargate-pods").inputs.assumeRolePolicy as string);
        expect(trust.Statement).toEqual([
            {
                Effect: "Allow",
                Principal: { Service: "eks-fargate-pods.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { ArnLike: { "aws:SourceArn": "arn:aws:eks:us-east-1:123456789012:fargateprofile/trusty/*" } },
            },
        ]);
        const clusterTrust = JSON.parse(one(plan, A.role, "trust-cluster").inputs.assumeRolePolicy as string);
        expect(clusterTrust.Statement[0].Principal).toEqual({ Service: "eks.amazonaws.com" });
    });

    it("GIVEN twelve job namespaces WHEN declared THEN three chained profiles of at most five selectors cover them all, and CoreDNS waits for each", async () => {
        const jobs = Array.from({ length: 12 }, (_, i) => `team-${i}`);
        const cluster = new mod.EksFargateCluster("many", { jobNamespaces: jobs, operatorNamespace: "ops" });
        const plan = await planOf(runtime);
        const profiles = [0, 1, 2].map((i) => one(plan, A.fargateProfile, `many-fargate-${i}`));
        expect(plan.resources.filter((r) => r.type === A.fargateProfile && r.name.startsWith("many-"))).toHaveLength(3);
        const selected = profiles.flatMap((p) => (p.inputs.selectors as { namespace: string }[]).map((s) => s.namespace));
        expect(selected).toEqual(["kube-system", "ops", ...jobs]);
        profiles.forEach((p) => expect((p.inputs.selectors as unknown[]).length).toBeLessThanOrEqual(5));
        expect(profiles.map((p) => p.inputs.fargateProfileName as string).every((n) => !n.startsWith("eks-"))).toBe(true);
        expect(new Set(profiles.map((p) => p.inputs.fargateProfileName)).size).toBe(3);
        expect(profiles[1]!.dependsOn).toContain(ref(A.fargateProfile, "many-fargate-0"));
        expect(profiles[2]!.dependsOn).toContain(ref(A.fargateProfile, "many-fargate-1"));
        expect(one(plan, A.addon, "many-coredns").dependsOn).toEqual(expect.arrayContaining(profiles.map((p) => ref(A.fargateProfile, p.name))));
        expect(cluster.readyResources).toHaveLength(6);
    });

    it("GIVEN an existing VPC, a public endpoint and an admin principal WHEN declared THEN no VPC is made, the CIDRs are allow-listed and the admin gets an access entry", async () => {
        const admin = "arn:aws:iam::123456789012:role/PlatformAdmin";
        const privateSubnetIds = ["subnet-0a1b2c3d4e5f67890", "subnet-0fedcba9876543210"];
        new mod.EksFargateCluster("mine", {
            jobNamespaces: ["etl"],
            publicEndpoint: true,
            publicAccessCidrs: ["1.2.3.0/24"],
            adminPrincipalArn: admin,
            network: { vpcId: "vpc-0a1b2c3d4e5f67890", privateSubnetIds, publicSubnetIds: ["subnet-0123456789abcdef0"] },
        });
        const plan = await planOf(runtime);
        const children = childrenOf(plan, { type: A.eksFargateCluster, name: "mine" });
        expect(children.filter((c) => c.startsWith(A.fargateVpc))).toEqual([]);
        expect(children).toEqual(expect.arrayContaining([ref(A.accessEntry, "mine-admin"), ref(A.accessPolicyAssociation, "mine-admin")]));
        expect(one(plan, A.eksCluster, "mine").inputs.vpcConfig).toEqual({
            subnetIds: privateSubnetIds,
            endpointPrivateAccess: true,
            endpointPublicAccess: true,
            publicAccessCidrs: ["1.2.3.0/24"],
        });
        expect(one(plan, A.fargateProfile, "mine-fargate-0").inputs.subnetIds).toEqual(privateSubnetIds);
        expect(one(plan, A.accessEntry, "mine-admin").inputs).toMatchObject({ clusterName: "mine", principalArn: admin, type: "STANDARD" });
        expect(one(plan, A.accessPolicyAssociation, "mine-admin").inputs).toMatchObject({
            clusterName: "mine",
            principalArn: admin,
            policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
            accessScope: { type: "cluster" },
        });
    });

    it("GIVEN perZone NAT gateways over two zones WHEN declared THEN each zone routes through its own NAT gateway", async () => {
        new mod.EksFargateCluster("ha", {
            jobNamespaces: ["etl"],
            network: { availabilityZones: ["us-east-1a", "us-east-1d"], natGateways: "perZone", vpcCidr: "172.20.0.0/20", s3GatewayEndpoint: false },
        });
        const plan = await planOf(runtime);
        const nats = plan.resources.filter((r) => r.type === A.natGateway && r.name.startsWith("ha-"));
        expect(nats.map((n) => n.name).sort()).toEqual(["ha-vpc-nat-us-east-1a", "ha-vpc-nat-us-east-1d"]);
        expect(one(plan, A.route, "ha-vpc-private-us-east-1d-egress").dependsOn).toContain(ref(A.natGateway, "ha-vpc-nat-us-east-1d"));
        expect(one(plan, A.subnet, "ha-vpc-private-us-east-1d").inputs.cidrBlock).toBe("172.20.4.0/22");
        expect(one(plan, A.subnet, "ha-vpc-public-us-east-1d").inputs.cidrBlock).toBe("172.20.12.64/26");
        expect(plan.resources.filter((r) => r.type === A.vpcEndpoint && r.name.startsWith("ha-"))).toEqual([]);
    });

    it("GIVEN every cluster declared WHEN its IAM policies are parsed THEN no Allow has a * action or a * resource", async () => {
        const plan = await planOf(runtime);
        const docs = iamDocuments(plan);
        expect(docs.length).toBeGreaterThan(10);
        for (const { statements } of docs) {
            for (const s of statements.filter((st) => st.Effect === "Allow")) {
                list(s.Action).forEach((a) => expect(a).not.toContain("*"));
                list(s.Resource).forEach((r) => expect(r).not.toBe("*"));
            }
        }
        const kms = JSON.parse(one(plan, A.rolePolicy, "eks-cluster-kms").inputs.policy as string);
        expect(kms.Statement[0].Resource).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\//);
    });

    it.each([
        [{ jobNamespaces: ["etl"], region: "useast1" }, 'region: got "useast1", expected an AWS region code'],
        [{ jobNamespaces: ["etl"], region: "us-gov-west-1" }, 'region: got "us-gov-west-1" (EKS has no Fargate in AWS GovCloud)'],
        [{ jobNamespaces: ["etl"], publicEndpoint: true }, "publicAccessCidrs: got nothing, expected 1 to 40 IPv4 CIDRs"],
        [{ jobNamespaces: ["etl"], publicEndpoint: true, publicAccessCidrs: ["10.0.0.1/8"] }, 'publicAccessCidrs[0]: got "10.0.0.1/8"'],
        [{ jobNamespaces: ["etl"], publicAccessCidrs: ["1.2.3.0/24"] }, "publicAccessCidrs: is set while publicEndpoint is false"],
        [
            { jobNamespaces: ["etl"], network: { publicSubnetIds: ["subnet-0123456789abcdef0"] } },
            "network.privateSubnetIds: got none, only public subnets, expected at least two private subnets",
        ],
        [
            {
                jobNamespaces: ["etl"],
                network: {
                    vpcId: "vpc-0a1b2c3d4e5f67890",
                    privateSubnetIds: ["subnet-0a1b2c3d4e5f67890", "subnet-0fedcba9876543210"],
                    publicSubnetIds: ["subnet-0a1b2c3d4e5f67890"],
                },
            },
            'network.publicSubnetIds: "subnet-0a1b2c3d4e5f67890" is also listed as private',
        ],
        [{ jobNamespaces: ["etl"], network: { privateSubnetIds: ["subnet-0a1b2c3d4e5f67890", "subnet-0fedcba9876543210"] } }, "network.vpcId: got nothing"],
        [
            {
                jobNamespaces: ["etl"],
                network: { vpcId: "vpc-0a1b2c3d4e5f67890", privateSubnetIds: ["subnet-0a1b2c3d4e5f67890", "subnet-0fedcba9876543210"], natGateways: "perZone" },
            },
            "network.natGateways: is set together with an existing VPC",
        ],
        [
            { jobNamespaces: ["etl"], network: { availabilityZones: ["us-east-1a"] } },
            'network.availabilityZones: got ["us-east-1a"], expected two or three zones',
        ],
        [
            { jobNamespaces: ["etl"], network: { availabilityZones: ["us-east-1a", "eu-west-1b"] } },
            'network.availabilityZones[1]: got "eu-west-1b", expected a zone of us-east-1',
        ],
        [
            { jobNamespaces: ["etl"], network: { availabilityZones: ["use1-az1", "use1-az3"] } },
            'network.availabilityZones[1]: got "use1-az3", a zone EKS does not place cluster subnets in, expected another zone ID of us-east-1, such as use1-az1',
        ],
        [
            { jobNamespaces: ["etl"], network: { availabilityZones: ["use1-az1", "us-east-1b"] } },
            'network.availabilityZones: got ["use1-az1","us-east-1b"], names and IDs mixed, expected all zone IDs or all zone names',
        ],
        [
            { jobNamespaces: ["etl"], network: { availabilityZones: ["use1-az1", "usw2-az1"] } },
            'network.availabilityZones[1]: got "usw2-az1", expected a zone of us-east-1: an ID such as use1-az1, or a name such as us-east-1a',
        ],
        [{ jobNamespaces: ["etl"], network: { vpcCidr: "10.0.0.0/24" } }, 'network.vpcCidr: got "10.0.0.0/24", expected an IPv4 network from /16 to /22'],
        [
            { jobNamespaces: Array.from({ length: 49 }, (_, i) => `ns-${i}`) },
            "jobNamespaces: got 49 job namespaces, which with kube-system and the operator namespace need 11 Fargate profiles, expected at most 48 job namespaces",
        ],
        [{ jobNamespaces: ["etl"], name: "-bad" }, 'name: got "-bad"'],
        [{ jobNamespaces: ["etl"], version: "1.36.2" }, 'version: got "1.36.2", expected a Kubernetes minor version such as 1.36'],
        [{ jobNamespaces: ["etl"], adminPrincipalArn: "arn:aws:sts::123456789012:assumed-role/Admin/me" }, "adminPrincipalArn: got"],
        [{ jobNamespaces: ["etl"], logRetentionDays: 10 }, "logRetentionDays: got 10, expected a CloudWatch retention"],
        [{ jobNamespaces: [] }, "jobNamespaces: got [], expected at least one namespace name"],
        [{ jobNamespaces: ["etl"], adoptLogGroup: "yes" }, 'adoptLogGroup: got "yes", expected true or false'],
        [
            { jobNamespaces: ["etl"], controlPlaneLogTypes: ["audit", "kubelet"] },
            'controlPlaneLogTypes[1]: got "kubelet", expected api, audit, authenticator, controllerManager, scheduler',
        ],
        [{ jobNamespaces: ["etl"], controlPlaneLogTypes: [] }, "controlPlaneLogTypes: got [], expected at least one log type"],
        [{ jobNamespaces: ["etl"], controlPlaneLogTypes: ["audit", "audit"] }, "controlPlaneLogTypes"],
        [
            { jobNamespaces: ["etl"], publicEndpoint: true, publicAccessCidrs: ["1.2.3.4/32", "203.0.113.0/24"] },
            'publicAccessCidrs[1]: got "203.0.113.0/24", which overlaps 203.0.113.0/24, a documentation range (RFC 5737), expected public internet addresses',
        ],
        [
            { jobNamespaces: ["etl"], publicEndpoint: true, publicAccessCidrs: ["192.168.1.0/24"] },
            'publicAccessCidrs[0]: got "192.168.1.0/24", which overlaps 192.168.0.0/16, a private range (RFC 1918), expected public internet addresses (the egress of where pulumi up runs); for access from a private network use privateAccessCidrs',
        ],
        [{ jobNamespaces: ["etl"], publicEndpoint: true, publicAccessCidrs: ["0.0.0.0/1"] }, 'publicAccessCidrs[0]: got "0.0.0.0/1", which overlaps 0.0.0.0/8'],
        [
            { jobNamespaces: ["etl"], publicEndpoint: true, publicAccessCidrs: ["0.0.0.0/0"] },
            "publicAccessCidrs[0]: got 0.0.0.0/0 (the whole internet), expected your admin networks, or allowPublicAccessFromAnywhere: true to mean it",
        ],
        [
            { jobNamespaces: ["etl"], privateAccessCidrs: ["10.8.0.1/16"] },
            'privateAccessCidrs[0]: got "10.8.0.1/16", expected an IPv4 CIDR with no host bits set',
        ],
        [
            { jobNamespaces: ["etl"], privateAccessCidrs: ["0.0.0.0/0"] },
            "privateAccessCidrs[0]: got 0.0.0.0/0, expected the CIDRs of the networks connected to the VPC",
        ],
        [{ jobNamespaces: ["etl"], privateAccessCidrs: ["10.8.0.0/16", "10.8.0.0/16"] }, "privateAccessCidrs"],
    ])("GIVEN %j WHEN declared THEN one clear error and nothing registered", async (args, message) => {
        const before = runtime.registrations.length;
        expect(() => new mod.EksFargateCluster("bad", args as any)).toThrow(message);
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);
    });
});

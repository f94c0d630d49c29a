import "../../tools/plan/mock-outputs-alicloud";

import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

import { placementFor } from "../../components/jobs/platform-jobs";
import { resolveJob } from "../../components/jobs/resolve";
import { sparkApplicationSpec } from "../../components/jobs/spec";
import { defineInvoke, invokeRule } from "../../tools/plan/mock-outputs";
import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { SECRET_PLACEHOLDER } from "../../tools/plan/plan-model";
import { childrenOf, mockRuntime, one, planOf } from "../helpers/mocks";
import { AL, CLUSTER_CREDENTIAL_TOKEN, ref } from "./alicloud-types";

let runtime: MockRuntime;
let mod: typeof import("../../components/cluster/alicloud/cluster");
/** Every credential request the program made (the registered placeholder still answers). */
const credentialCalls: Record<string, unknown>[] = [];
/** Every ACK Serverless cluster lookup (for the endpoints). */
const askLookups: Record<string, unknown>[] = [];
const ASK_CLUSTERS_TOKEN = "alicloud:cs/getServerlessKubernetesClusters:getServerlessKubernetesClusters";

beforeAll(async () => {
    const answer = invokeRule(CLUSTER_CREDENTIAL_TOKEN)!;
    defineInvoke(CLUSTER_CREDENTIAL_TOKEN, (inputs) => {
        credentialCalls.push(inputs);
        return answer(inputs);
    });
    const askAnswer = invokeRule(ASK_CLUSTERS_TOKEN)!;
    defineInvoke(ASK_CLUSTERS_TOKEN, (inputs) => {
        askLookups.push(inputs);
        return askAnswer(inputs);
    });
    runtime = await mockRuntime({ config: { "alicloud:region": "cn-hangzhou" } });
    mod = await import("../../components/cluster/alicloud/cluster");
});

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

const zones = ["cn-hangzhou-h", "cn-hangzhou-i"];
const CLUSTER_ID = /^c[0-9a-f]{32}$/;

describe("AlicloudServerlessCluster, managed mode", () => {
    it("GIVEN two zones and defaults WHEN declared THEN a VPC with NAT egress, an ACK Pro cluster with the virtual-node add-on, and a provider", async () => {
        const cluster = new mod.AlicloudServerlessCluster("ack", { network: { zoneIds: zones } });
        const plan = await planOf(runtime);

        expect(childrenOf(plan, { type: AL.cluster, name: "ack" })).toEqual(
            [
                ref(AL.vpcComponent, "ack-vpc"),
                ref(AL.managedKubernetes, "ack"),
                ref(AL.addon, "ack-virtual-node"),
                ref(AL.k8sProvider, "ack-k8s"),
                // Logs on by default: the SLS project, the spark logstore and its index.
                ref(AL.logProject, "ack-logs"),
                ref(AL.logStore, "ack-logs-spark"),
                ref(AL.logIndex, "ack-logs-spark-index"),
            ].sort(),
        );
        expect(childrenOf(plan, { type: AL.vpcComponent, name: "ack-vpc" })).toEqual(
            [
                ref(AL.vpc, "ack-vpc"),
                ref(AL.natGateway, "ack-vpc-nat"),
                ref(AL.eip, "ack-vpc-nat"),
                ref(AL.eipAssociation, "ack-vpc-nat"),
                ...zones.flatMap((z) => [ref(AL.vswitch, `ack-vpc-${z}`), ref(AL.snatEntry, `ack-vpc-${z}`)]),
            ].sort(),
        );

        expect(one(plan, AL.vpc, "ack-vpc").inputs).toMatchObject({ vpcName: "ack-vpc", cidrBlock: "10.0.0.0/16" });
        const vswitchIds = await valueOf(cluster.vswitchIds);
        vswitchIds.forEach((id) => expect(id).toMatch(/^vsw-[0-9a-f]{24}$/));
        expect(zones.map((z) => one(plan, AL.vswitch, `ack-vpc-${z}`).inputs)).toEqual([
            { vswitchName: "ack-vpc-cn-hangzhou-h", vpcId: expect.stringMatching(/^vpc-/), zoneId: "cn-hangzhou-h", cidrBlock: "10.0.0.0/18" },
            { vswitchName: "ack-vpc-cn-hangzhou-i", vpcId: expect.stringMatching(/^vpc-/), zoneId: "cn-hangzhou-i", cidrBlock: "10.0.64.0/18" },
        ]);
        expect(one(plan, AL.natGateway, "ack-vpc-nat").inputs).toMatchObject({
            vswitchId: vswitchIds[0],
            natType: "Enhanced",
            networkType: "internet",
            paymentType: "PayAsYouGo",
            internetChargeType: "PayByLcu",
        });
        expect(one(plan, AL.eip, "ack-vpc-nat").inputs).toMatchObject({ paymentType: "PayAsYouGo", internetChargeType: "PayByTraffic", bandwidth: "100" });
        expect(one(plan, AL.eipAssociation, "ack-vpc-nat").inputs).toEqual({
            allocationId: expect.stringMatching(/^eip-[0-9a-f]{24}$/),
            instanceId: expect.stringMatching(/^ngw-[0-9a-f]{24}$/),
            instanceType: "Nat",
        });
        zones.forEach((z, i) => {
            const snat = one(plan, AL.snatEntry, `ack-vpc-${z}`);
            expect(snat.inputs).toMatchObject({
                snatTableId: expect.stringMatching(/^stb-[0-9a-f]{24}$/),
                sourceVswitchId: vswitchIds[i],
                snatIp: expect.stringMatching(/^203\.0\.113\.\d+$/),
            });
            expect(snat.dependsOn).toContain(ref(AL.eipAssociation, "ack-vpc-nat"));
        });

        const ack = one(plan, AL.managedKubernetes, "ack");
        // No name given: derived from the component's name and the stack, and fixed at creation.
        expect(ack.ignoreChanges).toEqual(["name"]);
        expect(ack.inputs).toEqual({
            name: expect.stringMatching(/^ack-test-[0-9a-f]{6}$/),
            clusterSpec: "ack.pro.small",
            enableRrsa: true,
            deletionProtection: true,
            serviceCidr: "192.168.0.0/16",
            vswitchIds,
            podVswitchIds: vswitchIds,
            newNatGateway: false,
            deleteOptions: [
                { resourceType: "SLS_Data", deleteMode: "delete" },
                { resourceType: "SLS_ControlPlane", deleteMode: "delete" },
            ],
            slbInternetEnabled: false,
            isEnterpriseSecurityGroup: true,
            skipSetCertificateAuthority: true,
            addons: [{ name: "terway-eniip" }, { name: "managed-coredns" }],
        });
        expect(ack.dependsOn).toEqual(expect.arrayContaining(zones.map((z) => ref(AL.snatEntry, `ack-vpc-${z}`))));

        const clusterId = await valueOf(cluster.clusterId);
        expect(clusterId).toMatch(CLUSTER_ID);
        expect(one(plan, AL.addon, "ack-virtual-node").inputs).toEqual({ clusterId, name: "ack-virtual-node", cleanupCloudResources: true });

        expect(one(plan, AL.k8sProvider, "ack-k8s").inputs).toEqual({ kubeconfig: SECRET_PLACEHOLDER, clusterIdentifier: clusterId });
        expect(cluster.readyResources).toEqual([cluster.virtualNode, cluster.logs!.index, ...cluster.network!.egress]);
        expect(cluster.readyResources).toHaveLength(4);

        expect(cluster.capacityGrid).toBe("eci");
        expect(cluster.scheduling).toEqual({
            nodeSelector: { type: "virtual-kubelet" },
            tolerations: [{ key: "virtual-kubelet.io/provider", operator: "Equal", value: "alibabacloud", effect: "NoSchedule" }],
            podAnnotations: { "k8s.aliyun.com/eci-auto-imc": "true" },
            podLabels: {},
        });
        expect(cluster.executorPodAnnotations).toEqual({});
        // Without spot, only the log collection environment (tested in "logs" below).
        expect(Object.keys(cluster.jobSparkConf).every((k) => k.includes("aliyun_logs_spark"))).toBe(true);
        expect(plan.resources.filter((r) => r.type === AL.nodePool || r.type === AL.imageCache)).toEqual([]);
    });

    it("GIVEN the cluster WHEN its kubeconfig and RRSA metadata are read THEN a secret kubeconfig for the private endpoint and the cluster's OIDC provider", async () => {
        const cluster = new mod.AlicloudServerlessCluster("kc", { name: "analytics", network: { zoneIds: zones } });
        const [kubeconfigText, clusterId, rrsa] = await Promise.all([valueOf(cluster.kubeconfig), valueOf(cluster.clusterId), valueOf(cluster.rrsa)]);
        expect(await pulumi.isSecret(cluster.kubeconfig)).toBe(true);
        const kubeconfig = JSON.parse(kubeconfigText);
        const connections = await valueOf((cluster.ackCluster as import("@pulumi/alicloud").cs.ManagedKubernetes).connections);
        expect(kubeconfig.clusters[0].cluster.server).toBe(connections.apiServerIntranet);
        expect(kubeconfig.clusters[0].cluster.server).toMatch(/^https:\/\/192\.0\.2\.\d+:6443$/);
        expect(Buffer.from(kubeconfig.clusters[0].cluster["certificate-authority-data"], "base64").toString()).toContain("BEGIN CERTIFICATE");
        expect(Buffer.from(kubeconfig.users[0].user["client-key-data"], "base64").toString()).toContain("PRIVATE KEY");
        expect(kubeconfig["current-context"]).toBe(`1234567890123456-${clusterId}`);
        expect(rrsa).toEqual({
            oidcIssuerUrl: `https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/${clusterId}`,
            oidcProviderName: `ack-rrsa-${clusterId}`,
            oidcProviderArn: `acs:ram::1234567890123456:oidc-provider/ack-rrsa-${clusterId}`,
        });
        const plan = await planOf(runtime);
        expect(one(plan, AL.managedKubernetes, "kc").inputs.name).toBe("analytics");
    });

    it("GIVEN a minor, or an exact version WHEN declared THEN the minor's newest creatable patch (from ACK's list), or the version as given", async () => {
        new mod.AlicloudServerlessCluster("minor", { network: { zoneIds: zones }, version: "1.35" });
        new mod.AlicloudServerlessCluster("exact", { network: { zoneIds: zones }, version: "1.34.10-aliyun.1" });
        const plan = await planOf(runtime);
        expect(one(plan, AL.managedKubernetes, "minor").inputs.version).toBe("1.35.7-aliyun.1");
        expect(one(plan, AL.managedKubernetes, "exact").inputs.version).toBe("1.34.10-aliyun.1");
        // The default pins nothing: ACK picks its newest when it creates the cluster.
        expect(one(plan, AL.managedKubernetes, "ack").inputs).not.toHaveProperty("version");
    });

    it("GIVEN a public endpoint, no deletion protection and a short certificate WHEN declared THEN an internet SLB, the kubeconfig uses it, and the credential is asked for that lifetime", async () => {
        const cluster = new mod.AlicloudServerlessCluster("pub", {
            network: { zoneIds: zones },
            publicEndpoint: true,
            publicAccessCidrs: ["1.2.3.4/32"],
            deletionProtection: false,
            kubeconfigValidityMinutes: 60,
        });
        const kubeconfig = JSON.parse(await valueOf(cluster.kubeconfig));
        const connections = await valueOf((cluster.ackCluster as import("@pulumi/alicloud").cs.ManagedKubernetes).connections);
        expect(kubeconfig.clusters[0].cluster.server).toBe(connections.apiServerInternet);
        expect(kubeconfig.clusters[0].cluster.server).toMatch(/^https:\/\/203\.0\.113\.\d+:6443$/);
        const plan = await planOf(runtime);
        expect(one(plan, AL.managedKubernetes, "pub").inputs).toMatchObject({ slbInternetEnabled: true, deletionProtection: false });
        // The allow-list: the admin network, ACK's control-plane range and the new VPC's CIDR.
        expect(one(plan, "alicloud:slb/acl:Acl", "pub-api-server").inputs).toEqual({ name: "pub-api-server", ipVersion: "ipv4" });
        const entries = plan.resources.filter((r) => r.type === "alicloud:slb/aclEntryAttachment:AclEntryAttachment").map((r) => r.inputs.entry);
        expect(entries).toEqual(["1.2.3.4/32", "100.104.0.0/16", "10.0.0.0/16"]);
        const slbId = await valueOf((cluster.ackCluster as import("@pulumi/alicloud").cs.ManagedKubernetes).slbId);
        expect(await valueOf(cluster.apiServerAclBinding!)).toMatch(
            new RegExp(
                `^aliyun slb SetLoadBalancerTCPListenerAttribute --LoadBalancerId ${slbId} --ListenerPort 6443 --AclStatus on --AclType white --AclId acl-[0-9a-f]{24}$`,
            ),
        );
        const clusterId = await valueOf(cluster.clusterId);
        expect(credentialCalls.filter((c) => c.clusterId === clusterId)).toEqual([{ clusterId, temporaryDurationMinutes: 60 }]);
        const defaultId = credentialCalls.find((c) => c.clusterId !== clusterId);
        expect(defaultId).toBeDefined();
        expect(defaultId).not.toHaveProperty("temporaryDurationMinutes");
    });

    it("GIVEN a system node pool with the pod identity webhook, image caches, extra storage and defaults otherwise WHEN declared THEN a node pool with its key pair, the add-on after it, one image cache in the first vSwitch, and the storage annotation", async () => {
        const images = ["apache/spark:3.5.3", "registry-vpc.cn-hangzhou.aliyuncs.com/team/etl@sha256:" + "a".repeat(64)];
        const cluster = new mod.AlicloudServerlessCluster("full", {
            network: { zoneIds: [...zones, "cn-hangzhou-j"], vpcCidr: "172.20.0.0/20", eipBandwidthMbps: 50 },
            systemNodePool: { instanceTypes: ["ecs.g7.large", "ecs.g6.large"], keyName: "spark-admin" },
            podIdentityWebhook: true,
            imageCaches: images,
            extraEphemeralStorage: "50Gi",
            autoImageCache: false,
            logs: { enabled: false },
        });
        const plan = await planOf(runtime);
        const [clusterId, vswitchIds, securityGroupId] = await Promise.all([
            valueOf(cluster.clusterId),
            valueOf(cluster.vswitchIds),
            valueOf(cluster.securityGroupId),
        ]);
        expect(vswitchIds).toHaveLength(3);
        expect(one(plan, AL.vswitch, "full-vpc-cn-hangzhou-j").inputs.cidrBlock).toBe("172.20.8.0/22");
        expect(one(plan, AL.eip, "full-vpc-nat").inputs.bandwidth).toBe("50");
        expect(one(plan, AL.nodePool, "full-system").inputs).toEqual({
            clusterId,
            nodePoolName: "system",
            vswitchIds,
            instanceTypes: ["ecs.g7.large", "ecs.g6.large"],
            desiredSize: "2",
            keyName: "spark-admin",
        });
        expect(one(plan, AL.addon, "full-pod-identity").inputs).toEqual({ clusterId, name: "ack-pod-identity-webhook" });
        // Its webhook pods run on the node pool: the add-on comes after it (and after the virtual nodes).
        expect(one(plan, AL.addon, "full-pod-identity").dependsOn).toEqual(
            expect.arrayContaining([ref(AL.addon, "full-virtual-node"), ref(AL.nodePool, "full-system")]),
        );
        const cache = one(plan, AL.imageCache, "full-images");
        expect(cache.inputs).toEqual({ imageCacheName: "full-images", images, vswitchId: vswitchIds[0], securityGroupId });
        expect(cache.dependsOn).toEqual(
            expect.arrayContaining(["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"].map((z) => ref(AL.snatEntry, `full-vpc-${z}`))),
        );
        expect(cluster.readyResources).toEqual([cluster.virtualNode, cluster.systemNodePool, cluster.podIdentityWebhook, ...cluster.network!.egress]);
        expect(cluster.scheduling.podAnnotations).toEqual({ "k8s.aliyun.com/eci-auto-imc": "false", "k8s.aliyun.com/eci-extra-ephemeral-storage": "50Gi" });
    });
});

describe("AlicloudServerlessCluster, serverless mode", () => {
    it("GIVEN mode serverless WHEN declared THEN an ACK Serverless cluster in the VPC, no virtual-node add-on, the cluster is what pods wait for", async () => {
        const cluster = new mod.AlicloudServerlessCluster("ask", {
            mode: "serverless",
            network: { zoneIds: zones },
            podIdentityWebhook: true,
            logs: { enabled: false },
        });
        const plan = await planOf(runtime);
        expect(childrenOf(plan, { type: AL.cluster, name: "ask" })).toEqual(
            [ref(AL.vpcComponent, "ask-vpc"), ref(AL.serverlessKubernetes, "ask"), ref(AL.addon, "ask-pod-identity"), ref(AL.k8sProvider, "ask-k8s")].sort(),
        );
        const [vpcId, vswitchIds, clusterId] = await Promise.all([valueOf(cluster.vpcId), valueOf(cluster.vswitchIds), valueOf(cluster.clusterId)]);
        const ask = one(plan, AL.serverlessKubernetes, "ask");
        expect(ask.inputs).toEqual({
            name: expect.stringMatching(/^ask-test-[0-9a-f]{6}$/),
            clusterSpec: "ack.pro.small",
            enableRrsa: true,
            deletionProtection: true,
            serviceCidr: "192.168.0.0/16",
            vpcId,
            vswitchIds,
            newNatGateway: false,
            deleteOptions: [
                { resourceType: "SLS_Data", deleteMode: "delete" },
                { resourceType: "SLS_ControlPlane", deleteMode: "delete" },
            ],
            endpointPublicAccessEnabled: false,
            addons: [{ name: "managed-coredns" }],
        });
        expect(ask.dependsOn).toEqual(expect.arrayContaining(zones.map((z) => ref(AL.snatEntry, `ask-vpc-${z}`))));
        expect(one(plan, AL.addon, "ask-pod-identity").dependsOn).not.toContain(ref(AL.addon, "ask-virtual-node"));
        expect(cluster.readyResources).toEqual([cluster.ackCluster, cluster.podIdentityWebhook, ...cluster.network!.egress]);
        expect(cluster.virtualNode).toBeUndefined();
        expect(one(plan, AL.k8sProvider, "ask-k8s").inputs).toEqual({ kubeconfig: SECRET_PLACEHOLDER, clusterIdentifier: clusterId });
        // ASK's resource exports no endpoints and ACK issues the internet kubeconfig: the intranet
        // endpoint comes from getServerlessKubernetesClusters (no public endpoint here).
        const kubeconfig = JSON.parse(await valueOf(cluster.kubeconfig));
        expect(kubeconfig.clusters[0].cluster.server).toMatch(/^https:\/\/192\.0\.2\.\d+:6443$/);
        expect(askLookups).toContainEqual({ ids: [clusterId], enableDetails: true });
        expect(cluster.scheduling.nodeSelector).toEqual({ type: "virtual-kubelet" });
        expect(cluster.capacityGrid).toBe("eci");
    });
});

describe("AlicloudServerlessCluster, your own VPC", () => {
    it("GIVEN a VPC id and vSwitch ids WHEN declared THEN no network resource is created and the cluster uses the vSwitches", async () => {
        const vswitchIds = ["vsw-bp1a2b3c4d5e6f7g8h9i0", "vsw-bp1z9y8x7w6v5u4t3s2r1"];
        const cluster = new mod.AlicloudServerlessCluster("own", {
            network: { vpcId: "vpc-bp1a2b3c4d5e6f7g8h9i0", vswitchIds },
            imageCaches: ["apache/spark:3.5.3"],
            logs: { enabled: false },
        });
        const plan = await planOf(runtime);
        const children = childrenOf(plan, { type: AL.cluster, name: "own" });
        expect(children).toEqual(
            [ref(AL.managedKubernetes, "own"), ref(AL.addon, "own-virtual-node"), ref(AL.imageCache, "own-images"), ref(AL.k8sProvider, "own-k8s")].sort(),
        );
        const networkTypes: string[] = [AL.vpcComponent, AL.vpc, AL.vswitch, AL.natGateway, AL.eip, AL.eipAssociation, AL.snatEntry];
        expect(plan.resources.filter((r) => r.name.startsWith("own") && networkTypes.includes(r.type))).toEqual([]);
        expect(one(plan, AL.managedKubernetes, "own").inputs).toMatchObject({ vswitchIds, podVswitchIds: vswitchIds, newNatGateway: false });
        expect(one(plan, AL.managedKubernetes, "own").dependsOn).toEqual([]);
        expect(one(plan, AL.imageCache, "own-images").inputs.vswitchId).toBe(vswitchIds[0]);
        expect(cluster.network).toBeUndefined();
        expect(cluster.readyResources).toEqual([cluster.virtualNode]);
        expect(await valueOf(cluster.vpcId)).toBe("vpc-bp1a2b3c4d5e6f7g8h9i0");
    });
});

describe("AlicloudServerlessCluster, spot executors", () => {
    it("GIVEN SpotWithPriceLimit WHEN a job is placed on the cluster THEN only executors carry the spot annotations and the job decommissions gracefully", async () => {
        const cluster = new mod.AlicloudServerlessCluster("spot", { network: { zoneIds: zones }, spot: { strategy: "SpotWithPriceLimit", priceLimit: 0.3 } });
        expect(cluster.executorPodAnnotations).toEqual({
            "k8s.aliyun.com/eci-spot-strategy": "SpotWithPriceLimit",
            "k8s.aliyun.com/eci-spot-fallback": "true",
            "k8s.aliyun.com/eci-spot-price-limit": "0.3",
        });
        expect(cluster.scheduling.podAnnotations).not.toHaveProperty("k8s.aliyun.com/eci-spot-strategy");

        const job = resolveJob("etl", {
            namespace: "spark-jobs",
            type: "Scala",
            image: "apache/spark:3.5.3",
            mainClass: "org.example.Main",
            mainApplicationFile: "local:///opt/app.jar",
            placement: placementFor(cluster),
        });
        const spec = sparkApplicationSpec(job, []) as Record<string, any>;
        expect(spec.executor.annotations).toMatchObject({
            "k8s.aliyun.com/eci-spot-strategy": "SpotWithPriceLimit",
            "k8s.aliyun.com/eci-spot-fallback": "true",
            "k8s.aliyun.com/eci-spot-price-limit": "0.3",
            "k8s.aliyun.com/eci-auto-imc": "true",
        });
        expect(spec.driver.annotations).not.toHaveProperty("k8s.aliyun.com/eci-spot-strategy");
        expect(spec.driver.annotations).not.toHaveProperty("k8s.aliyun.com/eci-spot-price-limit");
        expect(spec.driver.annotations["k8s.aliyun.com/eci-auto-imc"]).toBe("true");
        expect(spec.sparkConf).toMatchObject({
            "spark.decommission.enabled": "true",
            "spark.storage.decommission.enabled": "true",
            "spark.storage.decommission.shuffleBlocks.enabled": "true",
            "spark.storage.decommission.rddBlocks.enabled": "true",
        });
    });

    it("GIVEN SpotAsPriceGo with roles [executor] WHEN declared THEN the strategy alone, and no price limit", () => {
        const cluster = new mod.AlicloudServerlessCluster("spotgo", {
            network: { zoneIds: zones },
            spot: { strategy: "SpotAsPriceGo", roles: ["executor"] },
            logs: { enabled: false },
        });
        expect(cluster.executorPodAnnotations).toEqual({ "k8s.aliyun.com/eci-spot-strategy": "SpotAsPriceGo", "k8s.aliyun.com/eci-spot-fallback": "true" });
        expect(Object.keys(cluster.jobSparkConf)).toHaveLength(4);
    });
});

describe("AlicloudServerlessCluster under the platform", () => {
    it("GIVEN the platform on a spot cluster WHEN a job is declared THEN objects use the cluster's provider, the operator waits for ECI and egress, and only executors bid for spot", async () => {
        const lib = await import("../../components");
        const cluster = new mod.AlicloudServerlessCluster("plat", { network: { zoneIds: zones }, spot: { strategy: "SpotAsPriceGo" } });
        new lib.ServerlessSparkPlatform("sp", {
            cluster,
            jobNamespaces: ["etl"],
            jobs: [{ name: "nightly", type: "Scala", image: "apache/spark:3.5.3", mainClass: "org.example.Main", mainApplicationFile: "local:///opt/app.jar" }],
        });
        const plan = await planOf(runtime);

        // Every placeholder resolves offline: the plan has no unknown value.
        expect(plan.unknowns).toBe(0);
        const release = one(plan, "kubernetes:helm.sh/v3:Release", "sp-operator");
        expect(release.provider).toBe(ref(AL.k8sProvider, "plat-k8s"));
        expect(release.dependsOn).toEqual(
            expect.arrayContaining([ref(AL.addon, "plat-virtual-node"), ...zones.map((z) => ref(AL.snatEntry, `plat-vpc-${z}`))]),
        );
        const values = release.inputs.values as Record<string, any>;
        expect(values.controller.nodeSelector).toEqual({ type: "virtual-kubelet" });
        expect(values.controller.annotations).toEqual({ "k8s.aliyun.com/eci-auto-imc": "true" });

        const app = plan.resources.find((r) => r.type === "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication")!;
        expect(app).toBeDefined();
        const spec = app.inputs.spec as Record<string, any>;
        expect(spec.executor.annotations["k8s.aliyun.com/eci-spot-strategy"]).toBe("SpotAsPriceGo");
        expect(spec.driver.annotations["k8s.aliyun.com/eci-spot-strategy"]).toBeUndefined();
        expect(spec.sparkConf["spark.decommission.enabled"]).toBe("true");
    });
});

describe("AlicloudServerlessCluster, logs", () => {
    it("GIVEN defaults WHEN declared THEN an SLS project the stack owns (deleted on destroy), a 30-day logstore indexed by namespace and pod, ECI's environment on every Spark pod, and ACK deleting any SLS project it made", async () => {
        const cluster = new mod.AlicloudServerlessCluster("lg", { network: { zoneIds: zones } });
        const plan = await planOf(runtime);
        const project = one(plan, AL.logProject, "lg-logs");
        const projectName = String(project.inputs.projectName);
        expect(projectName).toMatch(/^lg-logs-[0-9a-f]{10}$/);
        expect(project.retainOnDelete).toBe(false);
        const store = one(plan, AL.logStore, "lg-logs-spark");
        expect(store.inputs).toMatchObject({ projectName, logstoreName: "spark", retentionPeriod: 30 });
        const index = one(plan, AL.logIndex, "lg-logs-spark-index");
        expect((index.inputs.fieldSearches as { name: string }[]).map((f) => f.name)).toEqual(["_namespace_", "_pod_name_", "_container_name_"]);
        for (const prefix of ["spark.kubernetes.driverEnv.", "spark.executorEnv."]) {
            expect(cluster.jobSparkConf[`${prefix}aliyun_logs_spark`]).toBe("stdout");
            expect(cluster.jobSparkConf[`${prefix}aliyun_logs_spark_project`]).toBe(projectName);
            expect(cluster.jobSparkConf[`${prefix}aliyun_logs_spark_logstore`]).toBe("spark");
        }
        expect(one(plan, AL.managedKubernetes, "lg").inputs.deleteOptions).toEqual([
            { resourceType: "SLS_Data", deleteMode: "delete" },
            { resourceType: "SLS_ControlPlane", deleteMode: "delete" },
        ]);
        // No ACK logging add-on: it would create its own k8s-log-<cluster id> project.
        expect(plan.resources.filter((r) => r.type === AL.addon).map((r) => r.inputs.name)).not.toContain("logtail-ds");
        expect(cluster.readyResources).toContain(cluster.logs!.index);
    });

    it("GIVEN retainOnDestroy and 90 days WHEN declared THEN the project and logstore are kept on destroy; GIVEN enabled false THEN nothing and no environment", async () => {
        new mod.AlicloudServerlessCluster("kept", { network: { zoneIds: zones }, logs: { retentionDays: 90, retainOnDestroy: true } });
        const off = new mod.AlicloudServerlessCluster("off", { network: { zoneIds: zones }, logs: { enabled: false } });
        const plan = await planOf(runtime);
        expect(one(plan, AL.logProject, "kept-logs").retainOnDelete).toBe(true);
        expect(one(plan, AL.logStore, "kept-logs-spark")).toMatchObject({ retainOnDelete: true, inputs: { retentionPeriod: 90 } });
        expect(plan.resources.filter((r) => r.name.startsWith("off-logs"))).toEqual([]);
        expect(Object.keys(off.jobSparkConf).filter((k) => k.includes("aliyun_logs"))).toEqual([]);
    });

    it("GIVEN a retention outside 1-3650 days WHEN declared THEN one line names the key", () => {
        expect(() => new mod.AlicloudServerlessCluster("bad", { network: { zoneIds: zones }, logs: { retentionDays: 0 } })).toThrow(
            /logs\.retentionDays: got 0, expected whole days from 1 to 3650/,
        );
    });
});

describe("AlicloudServerlessCluster, serverless mode with a public endpoint", () => {
    it("GIVEN mode serverless and publicEndpoint WHEN declared THEN the kubeconfig points at the internet endpoint ACK reports for the cluster", async () => {
        const cluster = new mod.AlicloudServerlessCluster("askpub", {
            mode: "serverless",
            network: { zoneIds: zones },
            publicEndpoint: true,
            publicAccessCidrs: ["1.2.3.4/32"],
            logs: { enabled: false },
        });
        const clusterId = await valueOf(cluster.clusterId);
        const kubeconfig = JSON.parse(await valueOf(cluster.kubeconfig));
        const answer = invokeRule(ASK_CLUSTERS_TOKEN)!({ ids: [clusterId], enableDetails: true }) as { clusters: { connections: Record<string, string> }[] };
        expect(kubeconfig.clusters[0].cluster.server).toBe(answer.clusters[0]!.connections.apiServerInternet);
        expect(kubeconfig.clusters[0].cluster.server).toMatch(/^https:\/\/203\.0\.113\.\d+:6443$/);
    });
});

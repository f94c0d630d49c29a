import { describe, expect, it } from "vitest";

import { ackKubeconfig } from "../../components/cluster/alicloud/kubeconfig";
import { planAlicloudNetwork } from "../../components/cluster/alicloud/network-plan";
import { isZoneOf, requireAlicloudRegion } from "../../components/cluster/alicloud/region";
import { eciSchedulingProfile, spotExecutorAnnotations, spotSparkConf } from "../../components/cluster/alicloud/scheduling";
import { resolveAlicloudClusterArgs } from "../../components/cluster/alicloud/validate";
import { InputError } from "../../components/errors";
import { checkSparkConfKeys } from "../../components/jobs/spark-conf-rules";
import { AlicloudConfigInput, resolveAlicloudConfig } from "../../components/platforms/config/alicloud";

const zones = ["cn-hangzhou-h", "cn-hangzhou-i"];

describe("planAlicloudNetwork", () => {
    it("GIVEN two zones and defaults WHEN planned THEN a 10.0.0.0/16 VPC with one /18 vSwitch per zone and a 100 Mbit/s EIP", () => {
        expect(planAlicloudNetwork({ zoneIds: zones }, "cn-hangzhou")).toEqual({
            kind: "new",
            vpcCidr: "10.0.0.0/16",
            vswitches: [
                { zoneId: "cn-hangzhou-h", cidr: "10.0.0.0/18" },
                { zoneId: "cn-hangzhou-i", cidr: "10.0.64.0/18" },
            ],
            eipBandwidthMbps: 100,
        });
    });

    it("GIVEN three zones and a /20 WHEN planned THEN each zone gets the next quarter, in the order given", () => {
        const plan = planAlicloudNetwork(
            { zoneIds: ["ap-southeast-1c", "ap-southeast-1a", "ap-southeast-1b"], vpcCidr: "172.20.16.0/20", eipBandwidthMbps: 20 },
            "ap-southeast-1",
        );
        expect(plan).toEqual({
            kind: "new",
            vpcCidr: "172.20.16.0/20",
            vswitches: [
                { zoneId: "ap-southeast-1c", cidr: "172.20.16.0/22" },
                { zoneId: "ap-southeast-1a", cidr: "172.20.20.0/22" },
                { zoneId: "ap-southeast-1b", cidr: "172.20.24.0/22" },
            ],
            eipBandwidthMbps: 20,
        });
    });

    it("GIVEN the same arguments twice WHEN planned THEN the plans are equal (the layout is deterministic)", () => {
        const args = { zoneIds: ["cn-beijing-k", "cn-beijing-l", "cn-beijing-g"], vpcCidr: "192.168.0.0/16" };
        expect(planAlicloudNetwork(args, "cn-beijing")).toEqual(planAlicloudNetwork({ ...args }, "cn-beijing"));
    });

    it("GIVEN a VPC id and two vSwitch ids WHEN planned THEN the existing network is used as given", () => {
        const vswitchIds = ["vsw-bp1a2b3c4d5e6f7g8h9i0", "vsw-bp1z9y8x7w6v5u4t3s2r1"];
        expect(planAlicloudNetwork({ vpcId: "vpc-bp1a2b3c4d5e6f7g8h9i0", vswitchIds }, "cn-hangzhou")).toEqual({
            kind: "existing",
            vpcId: "vpc-bp1a2b3c4d5e6f7g8h9i0",
            vswitchIds,
        });
    });
});

describe("region and zone rules", () => {
    it.each(["cn-hangzhou", "ap-southeast-1", "eu-central-1", "cn-shanghai-finance-1", "us-west-1"])("GIVEN region %s WHEN checked THEN accepted", (region) => {
        expect(requireAlicloudRegion(region, "alicloud:region")).toBe(region);
    });

    it.each(["cn_hangzhou", "cn-hangzhou-h", "us-east-1a", "Hangzhou", ""])("GIVEN region %j WHEN checked THEN refused naming the key", (region) => {
        expect(() => requireAlicloudRegion(region, "alicloud:region")).toThrow(
            /^alicloud:region: (got .*|not set), expected an Alibaba Cloud region id such as cn-hangzhou/,
        );
    });

    it("GIVEN zone ids WHEN matched against a region THEN only that region's one-letter zones pass", () => {
        expect(isZoneOf("cn-hangzhou-h", "cn-hangzhou")).toBe(true);
        expect(isZoneOf("ap-southeast-1a", "ap-southeast-1")).toBe(true);
        expect(isZoneOf("cn-hangzhouh", "cn-hangzhou")).toBe(true);
        expect(isZoneOf("cn-shanghai-b", "cn-hangzhou")).toBe(false);
        expect(isZoneOf("cn-hangzhou", "cn-hangzhou")).toBe(false);
        expect(isZoneOf("cn-hangzhou-hh", "cn-hangzhou")).toBe(false);
        expect(isZoneOf(7, "cn-hangzhou")).toBe(false);
    });
});

describe("ECI scheduling", () => {
    it("GIVEN defaults WHEN the profile is built THEN pods select virtual nodes, tolerate their taint and use image caches", () => {
        expect(eciSchedulingProfile({ autoImageCache: true })).toEqual({
            nodeSelector: { type: "virtual-kubelet" },
            tolerations: [{ key: "virtual-kubelet.io/provider", operator: "Equal", value: "alibabacloud", effect: "NoSchedule" }],
            podAnnotations: { "k8s.aliyun.com/eci-auto-imc": "true" },
            podLabels: {},
        });
    });

    it('GIVEN image caches off and extra storage WHEN the profile is built THEN auto caching is written "false" (ECI\'s default is true) and the storage annotation is set', () => {
        expect(eciSchedulingProfile({ autoImageCache: false, extraEphemeralStorage: "50Gi" }).podAnnotations).toEqual({
            "k8s.aliyun.com/eci-auto-imc": "false",
            "k8s.aliyun.com/eci-extra-ephemeral-storage": "50Gi",
        });
    });

    it("GIVEN no spot WHEN executor annotations and job conf are built THEN both are empty", () => {
        expect(spotExecutorAnnotations(undefined)).toEqual({});
        expect(spotSparkConf(undefined)).toEqual({});
    });

    it("GIVEN SpotWithPriceLimit WHEN executor annotations are built THEN strategy and price limit are set", () => {
        expect(spotExecutorAnnotations({ strategy: "SpotWithPriceLimit", priceLimit: 0.25 })).toEqual({
            "k8s.aliyun.com/eci-spot-strategy": "SpotWithPriceLimit",
            "k8s.aliyun.com/eci-spot-fallback": "true",
            "k8s.aliyun.com/eci-spot-price-limit": "0.25",
        });
        expect(spotExecutorAnnotations({ strategy: "SpotAsPriceGo" })).toEqual({
            "k8s.aliyun.com/eci-spot-strategy": "SpotAsPriceGo",
            "k8s.aliyun.com/eci-spot-fallback": "true",
        });
    });

    it("GIVEN spot WHEN the job conf is built THEN decommissioning migrates shuffle and RDD blocks, and SparkJob accepts every key", () => {
        const conf = spotSparkConf({ strategy: "SpotAsPriceGo" });
        expect(conf).toEqual({
            "spark.decommission.enabled": "true",
            "spark.storage.decommission.enabled": "true",
            "spark.storage.decommission.shuffleBlocks.enabled": "true",
            "spark.storage.decommission.rddBlocks.enabled": "true",
        });
        expect(() => checkSparkConfKeys(conf, "spark-jobs", "sparkConf")).not.toThrow();
    });
});

describe("resolveAlicloudClusterArgs", () => {
    it("GIVEN only zones WHEN resolved THEN every default is applied", () => {
        const r = resolveAlicloudClusterArgs({ network: { zoneIds: zones } }, "cn-hangzhou", "analytics");
        expect(r).toMatchObject({
            mode: "managed",
            region: "cn-hangzhou",
            clusterName: "analytics",
            version: { kind: "newest" },
            clusterSpec: "ack.pro.small",
            publicEndpoint: false,
            publicAccessCidrs: [],
            deletionProtection: true,
            serviceCidr: "192.168.0.0/16",
            imageCaches: [],
            podIdentityWebhook: false,
            executorPodAnnotations: {},
            jobSparkConf: {},
        });
        expect(r.spot).toBeUndefined();
        expect(r.systemNodePool).toBeUndefined();
        expect(r.kubeconfigValidityMinutes).toBeUndefined();
    });

    it("GIVEN the stack config WHEN an argument is wrong THEN the error names the config key (the component's parser under the config's key)", () => {
        const config = (input: Partial<AlicloudConfigInput>) => resolveAlicloudConfig({ region: "cn-hangzhou", network: { zoneIds: zones }, ...input });
        expect(() => config({ cluster: { mode: "fargate" } })).toThrow(
            'cluster.mode: got "fargate", expected managed (ACK Pro + ECI virtual nodes) or serverless (ACK Serverless)',
        );
        expect(() => config({ network: {} })).toThrow(/^network\.zoneIds: not set, expected two or three zone ids of cn-hangzhou/);
        expect(() => config({ region: "cn_hangzhou" })).toThrow(/^alicloud:region: got "cn_hangzhou"/);
        expect(() => config({ cluster: { spot: { strategy: "SpotAsPriceGo", roles: ["driver"] } } })).toThrow(
            /^cluster\.spot\.roles\[0\]: got "driver" \(drivers stay on-demand/,
        );
        expect(() => config({ cluster: { serviceCidr: "10.0.0.0/16" } })).toThrow(
            /^cluster\.serviceCidr: got "10\.0\.0\.0\/16", which overlaps network\.vpcCidr 10\.0\.0\.0\/16/,
        );
    });

    it("GIVEN a wrong argument WHEN resolved THEN the error is an InputError whose key is the argument", () => {
        try {
            resolveAlicloudClusterArgs({ network: { zoneIds: zones }, extraEphemeralStorage: "50G" }, "cn-hangzhou", "c");
            expect.unreachable();
        } catch (err) {
            expect(err).toBeInstanceOf(InputError);
            expect((err as InputError).key).toBe("extraEphemeralStorage");
        }
    });
});

describe("ackKubeconfig", () => {
    const yaml = [
        "apiVersion: v1",
        "clusters:",
        "- cluster:",
        "    server: https://203.0.113.9:6443",
        "    certificate-authority-data: Q0E=",
        "  name: kubernetes",
        "users:",
        "- name: me",
        "  user:",
        "    client-certificate-data: Q0VSVA==",
        "current-context: me-c1",
        "kind: Config",
    ].join("\n");

    it("GIVEN ACK's YAML and an endpoint WHEN converted THEN JSON pointing at that endpoint, credentials kept", () => {
        const config = JSON.parse(ackKubeconfig(yaml, "https://192.0.2.10:6443"));
        expect(config.clusters[0].cluster).toEqual({ server: "https://192.0.2.10:6443", "certificate-authority-data": "Q0E=" });
        expect(config.users[0].user["client-certificate-data"]).toBe("Q0VSVA==");
    });

    it("GIVEN no endpoint WHEN converted THEN ACK's server is kept", () => {
        expect(JSON.parse(ackKubeconfig(yaml)).clusters[0].cluster.server).toBe("https://203.0.113.9:6443");
    });

    it("GIVEN something that is no kubeconfig WHEN converted THEN a clear error", () => {
        expect(() => ackKubeconfig("kind: Config\n")).toThrow("the kubeconfig ACK returned names no cluster");
        expect(() => ackKubeconfig("clusters: [\n")).toThrow(/^the kubeconfig ACK returned is not YAML/);
    });
});

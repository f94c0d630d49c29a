import "../../tools/plan/mock-outputs-alicloud";

import * as alicloud from "@pulumi/alicloud";
import { beforeAll, describe, expect, it } from "vitest";

import type { AlicloudServerlessClusterArgs } from "../../components/cluster/alicloud/args";
import { InputError } from "../../components/errors";
import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { mockRuntime } from "../helpers/mocks";

let runtime: MockRuntime;
let mod: typeof import("../../components/cluster/alicloud/cluster");

beforeAll(async () => {
    runtime = await mockRuntime({ config: { "alicloud:region": "cn-hangzhou" } });
    mod = await import("../../components/cluster/alicloud/cluster");
});

const net = { zoneIds: ["cn-hangzhou-h", "cn-hangzhou-i"] };
const vpcId = "vpc-bp1a2b3c4d5e6f7g8h9i0";
const vsw = ["vsw-bp1a2b3c4d5e6f7g8h9i0", "vsw-bp1z9y8x7w6v5u4t3s2r1"];

/** Arguments with a valid network unless the case sets its own. */
const withNet = (args: Record<string, unknown>): AlicloudServerlessClusterArgs => ({ network: net, ...args }) as AlicloudServerlessClusterArgs;

describe("AlicloudServerlessCluster validation", () => {
    it.each<[string, AlicloudServerlessClusterArgs, string]>([
        ["mode", withNet({ mode: "fargate" }), 'mode: got "fargate", expected managed (ACK Pro + ECI virtual nodes) or serverless (ACK Serverless)'],
        ["region", withNet({ region: "cn_hangzhou" }), 'region: got "cn_hangzhou", expected an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1'],
        ["name", withNet({ name: "-spark" }), "name: got \"-spark\", expected 1-63 letters, digits and '-', starting with a letter or digit"],
        ["name length", withNet({ name: "a".repeat(64) }), 'name: got "aaaa'],
        ["version", withNet({ version: "1.36.1" }), 'version: got "1.36.1", expected a Kubernetes minor such as "1.36" (its newest patch ACK creates)'],
        [
            "publicAccessCidrs missing",
            withNet({ publicEndpoint: true }),
            "publicAccessCidrs: got nothing, expected at least one IPv4 CIDR allowed to reach the public endpoint of the API server",
        ],
        [
            "publicAccessCidrs private",
            withNet({ publicEndpoint: true, publicAccessCidrs: ["10.1.0.0/16"] }),
            'publicAccessCidrs[0]: got "10.1.0.0/16", which overlaps 10.0.0.0/8, a private range (RFC 1918), expected public internet addresses',
        ],
        [
            "publicAccessCidrs anywhere",
            withNet({ publicEndpoint: true, publicAccessCidrs: ["0.0.0.0/0"] }),
            "publicAccessCidrs[0]: got 0.0.0.0/0 (the whole internet), expected your admin networks, or allowPublicAccessFromAnywhere: true to mean it",
        ],
        [
            "publicAccessCidrs without endpoint",
            withNet({ publicAccessCidrs: ["1.2.3.4/32"] }),
            "publicAccessCidrs: is set while publicEndpoint is false, expected publicEndpoint: true, or no public CIDRs",
        ],
        [
            "publicAccessCidrs host bits",
            withNet({ publicEndpoint: true, publicAccessCidrs: ["1.2.3.4/24"] }),
            'publicAccessCidrs[0]: got "1.2.3.4/24", expected an IPv4 CIDR',
        ],
        ["publicEndpoint", withNet({ publicEndpoint: "yes" }), 'publicEndpoint: got "yes", expected true or false'],
        ["deletionProtection", withNet({ deletionProtection: 1 }), "deletionProtection: got 1, expected true or false"],
        ["autoImageCache", withNet({ autoImageCache: "on" }), 'autoImageCache: got "on", expected true or false'],
        ["podIdentityWebhook", withNet({ podIdentityWebhook: "no" }), 'podIdentityWebhook: got "no", expected true or false'],
        ["zones missing", {}, 'network.zoneIds: not set, expected two or three zone ids of cn-hangzhou for a new VPC, e.g. ["cn-hangzhou-h", "cn-hangzhou-i"]'],
        ["one zone", { network: { zoneIds: ["cn-hangzhou-h"] } }, 'network.zoneIds: got ["cn-hangzhou-h"], expected two or three zone ids'],
        [
            "four zones",
            { network: { zoneIds: ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"] } },
            'network.zoneIds: got ["cn-hangzhou-h","cn-hangzhou-i","cn-hangzhou-j","cn-hangzhou-k"], expected two or three zone ids',
        ],
        [
            "foreign zone",
            { network: { zoneIds: ["cn-hangzhou-h", "cn-shanghai-b"] } },
            'network.zoneIds[1]: got "cn-shanghai-b", expected a zone id of cn-hangzhou such as cn-hangzhou-h or cn-hangzhoua',
        ],
        [
            "zone twice",
            { network: { zoneIds: ["cn-hangzhou-h", "cn-hangzhou-h"] } },
            'network.zoneIds: "cn-hangzhou-h" is listed twice, expected each entry once',
        ],
        [
            "vpc cidr",
            { network: { ...net, vpcCidr: "10.0.0.0/12" } },
            'network.vpcCidr: got "10.0.0.0/12", expected an IPv4 network from /16 to /24 such as 10.0.0.0/16',
        ],
        ["vpc cidr host bits", { network: { ...net, vpcCidr: "10.0.0.1/16" } }, 'network.vpcCidr: got "10.0.0.1/16", expected an IPv4 network from /16 to /24'],
        [
            "reserved vpc cidr",
            { network: { ...net, vpcCidr: "100.64.0.0/16" } },
            'network.vpcCidr: got "100.64.0.0/16", which overlaps the reserved range 100.64.0.0/10, expected a private range',
        ],
        [
            "eip bandwidth",
            { network: { ...net, eipBandwidthMbps: 500 } },
            "network.eipBandwidthMbps: got 500, expected a whole number of Mbit/s from 1 to 200 (pay-by-traffic EIP)",
        ],
        [
            "existing and new",
            { network: { vpcId, vswitchIds: vsw, vpcCidr: "10.0.0.0/16" } },
            "network.vpcCidr: is set together with an existing VPC, expected either a new VPC (zoneIds, vpcCidr, eipBandwidthMbps) or an existing one (vpcId, vswitchIds)",
        ],
        [
            "one vswitch",
            { network: { vpcId, vswitchIds: [vsw[0]!] } },
            'network.vswitchIds: got ["vsw-bp1a2b3c4d5e6f7g8h9i0"], expected at least two vSwitch ids of the VPC, in different zones',
        ],
        ["vswitches without vpc", { network: { vswitchIds: vsw } }, "network.vpcId: got nothing, expected the id of the VPC the vSwitches are in"],
        ["bad vpc id", { network: { vpcId: "vpc_1", vswitchIds: vsw } }, 'network.vpcId: got "vpc_1", expected the id of the VPC'],
        [
            "bad vswitch id",
            { network: { vpcId, vswitchIds: [vsw[0]!, "subnet-0a1b2c3d4e5f67890"] } },
            'network.vswitchIds[1]: got "subnet-0a1b2c3d4e5f67890", expected a vSwitch id such as vsw-',
        ],
        ["vswitch twice", { network: { vpcId, vswitchIds: [vsw[0]!, vsw[0]!] } }, 'network.vswitchIds: "vsw-bp1a2b3c4d5e6f7g8h9i0" is listed twice'],
        ["service cidr", withNet({ serviceCidr: "192.168.0.0" }), 'serviceCidr: got "192.168.0.0", expected an IPv4 CIDR with no host bits set'],
        [
            "service cidr overlap",
            withNet({ serviceCidr: "10.0.128.0/20" }),
            'serviceCidr: got "10.0.128.0/20", which overlaps network.vpcCidr 10.0.0.0/16, expected a Service range outside the VPC',
        ],
        [
            "node pool in serverless",
            withNet({ mode: "serverless", systemNodePool: { instanceTypes: ["ecs.g7.large"] } }),
            "systemNodePool: is set with mode serverless, expected no node pool (ACK Serverless has no ECS nodes), or mode managed",
        ],
        [
            "node pool types",
            withNet({ systemNodePool: { instanceTypes: [] } }),
            'systemNodePool.instanceTypes: got [], expected at least one ECS instance type such as "ecs.g7.large"',
        ],
        [
            "node pool type",
            withNet({ systemNodePool: { instanceTypes: ["g7.large"] } }),
            'systemNodePool.instanceTypes[0]: got "g7.large", expected an ECS instance type',
        ],
        [
            "node pool size",
            withNet({ systemNodePool: { instanceTypes: ["ecs.g7.large"], size: 0, keyName: "spark-admin" } }),
            "systemNodePool.size: got 0, expected a node count from 1 to 10",
        ],
        [
            "node pool without a login method",
            withNet({ systemNodePool: { instanceTypes: ["ecs.g7.large"] } }),
            "systemNodePool.keyName: is not set (ACK's ECS nodes need a login method: a key pair), expected the name of an ECS key pair in the cluster's region",
        ],
        [
            "node pool key pair name",
            withNet({ systemNodePool: { instanceTypes: ["ecs.g7.large"], keyName: "1key" } }),
            'systemNodePool.keyName: got "1key", expected an ECS key pair name',
        ],
        [
            "pod identity webhook on virtual nodes only",
            withNet({ podIdentityWebhook: true }),
            "podIdentityWebhook: is true in managed mode without systemNodePool (its webhook pods run in kube-system and tolerate no virtual-node taint, so they would never start), expected systemNodePool beside it, or podIdentityWebhook off",
        ],
        ["ephemeral storage", withNet({ extraEphemeralStorage: "50G" }), 'extraEphemeralStorage: got "50G", expected a whole number of GiB such as "50Gi"'],
        ["ephemeral storage number", withNet({ extraEphemeralStorage: 50 }), 'extraEphemeralStorage: got 50, expected a whole number of GiB such as "50Gi"'],
        [
            "spot strategy",
            withNet({ spot: { strategy: "Spot" } }),
            'spot.strategy: got "Spot", expected SpotAsPriceGo (pay the market price) or SpotWithPriceLimit (with priceLimit)',
        ],
        [
            "spot price missing",
            withNet({ spot: { strategy: "SpotWithPriceLimit" } }),
            "spot.priceLimit: got nothing with strategy SpotWithPriceLimit, expected the highest hourly price per pod, a positive number such as 0.5",
        ],
        [
            "spot price negative",
            withNet({ spot: { strategy: "SpotWithPriceLimit", priceLimit: -1 } }),
            "spot.priceLimit: got -1 with strategy SpotWithPriceLimit",
        ],
        [
            "spot price with market",
            withNet({ spot: { strategy: "SpotAsPriceGo", priceLimit: 0.5 } }),
            "spot.priceLimit: is set with strategy SpotAsPriceGo (which bids the market price), expected no priceLimit, or strategy SpotWithPriceLimit",
        ],
        [
            "spot driver",
            withNet({ spot: { strategy: "SpotAsPriceGo", roles: ["executor", "driver"] } }),
            'spot.roles[1]: got "driver" (drivers stay on-demand: a reclaimed driver fails the whole application), expected "executor" only',
        ],
        ["spot role", withNet({ spot: { strategy: "SpotAsPriceGo", roles: ["worker"] } }), 'spot.roles[0]: got "worker", expected "executor"'],
        ["spot roles empty", withNet({ spot: { strategy: "SpotAsPriceGo", roles: [] } }), 'spot.roles: got [], expected ["executor"]'],
        [
            "image without tag",
            withNet({ imageCaches: ["apache/spark"] }),
            'imageCaches[0]: got "apache/spark", expected a versioned image (a tag other than latest, or a digest) such as apache/spark:3.5.3',
        ],
        ["image latest", withNet({ imageCaches: ["apache/spark:3.5.3", "nginx:latest"] }), 'imageCaches[1]: got "nginx:latest", expected a versioned image'],
        ["image twice", withNet({ imageCaches: ["apache/spark:3.5.3", "apache/spark:3.5.3"] }), 'imageCaches: "apache/spark:3.5.3" is listed twice'],
        ["kubeconfig minutes", withNet({ kubeconfigValidityMinutes: 10 }), "kubeconfigValidityMinutes: got 10, expected whole minutes from 15 to 4320"],
        [
            "region differs from provider",
            { region: "cn-shanghai", network: { zoneIds: ["cn-shanghai-b", "cn-shanghai-e"] } },
            'region: got "cn-shanghai" while alicloud:region is "cn-hangzhou" and no provider is passed, expected alicloud:region\'s region, or an alicloud provider for cn-shanghai in opts.providers',
        ],
    ])("GIVEN a bad %s WHEN declared THEN one line naming the argument and the value, and nothing registered", async (_what, args, message) => {
        const before = runtime.registrations.length;
        let error: unknown;
        try {
            new mod.AlicloudServerlessCluster("bad", args);
        } catch (err) {
            error = err;
        }
        expect(error).toBeInstanceOf(InputError);
        const text = (error as InputError).message;
        expect(text).toContain(message);
        expect(text.startsWith(`AlicloudServerlessCluster "bad": ${(error as InputError).key}: `)).toBe(true);
        expect(text).not.toMatch(/\n/);
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);
    });

    it("GIVEN another region and an explicit provider WHEN declared THEN the region is accepted", async () => {
        const shanghai = new alicloud.Provider("shanghai", { region: "cn-shanghai" });
        const cluster = new mod.AlicloudServerlessCluster(
            "sh",
            { region: "cn-shanghai", network: { zoneIds: ["cn-shanghai-b", "cn-shanghai-e"] } },
            { providers: [shanghai] },
        );
        expect(cluster.region).toBe("cn-shanghai");
    });
});

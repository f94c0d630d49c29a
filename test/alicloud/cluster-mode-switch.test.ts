import "../../tools/plan/mock-outputs-alicloud";

import { beforeAll, describe, expect, it } from "vitest";

import type { AlicloudServerlessClusterArgs, ClusterMode } from "../../components/cluster/alicloud/args";
import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { cleanValue } from "../../tools/plan/plan-model";
import { mockRuntime } from "../helpers/mocks";
import { AL } from "./alicloud-types";

/**
 * The same cluster (same logical names) declared once per mode in one mock run, one after the other:
 * what each declaration registered is told apart by registration order. Mock outputs depend on type
 * and name only, so whatever differs between the two is what the mode changes.
 */

let runtime: MockRuntime;
let mod: typeof import("../../components/cluster/alicloud/cluster");

beforeAll(async () => {
    runtime = await mockRuntime({ config: { "alicloud:region": "cn-hangzhou" } });
    mod = await import("../../components/cluster/alicloud/cluster");
});

/** One registration as compared: everything the engine would see, secrets and references cleaned. */
interface Comparable {
    type: string;
    name: string;
    parentUrn: string;
    custom: boolean;
    dependencies: string[];
    provider: string;
    inputs: unknown;
}

/** Declares the cluster in `mode` and returns what that declaration registered, sorted. */
async function declare(mode: ClusterMode, args: AlicloudServerlessClusterArgs): Promise<Comparable[]> {
    const before = runtime.registrations.length;
    new mod.AlicloudServerlessCluster("spark", { ...args, mode });
    await runtime.settle();
    return runtime.registrations
        .slice(before)
        .map((reg) => ({
            type: reg.type,
            name: reg.name,
            parentUrn: reg.parentUrn,
            custom: reg.custom,
            dependencies: [...reg.dependencies].sort(),
            provider: reg.provider,
            inputs: cleanValue(reg.inputs, { unknowns: 0 }),
        }))
        .sort((a, b) => `${a.type}::${a.name}`.localeCompare(`${b.type}::${b.name}`));
}

/**
 * The cluster's own resources: what a mode switch may change. The image cache is built in the
 * cluster's security group, so it follows the cluster too.
 */
const CLUSTER_TYPES: string[] = [AL.managedKubernetes, AL.serverlessKubernetes, AL.addon, AL.nodePool, AL.k8sProvider, AL.imageCache];

describe("switching mode", () => {
    it("GIVEN one configuration in managed and in serverless mode WHEN both are declared THEN only the cluster resources differ, and the cluster keeps its name", async () => {
        const args: AlicloudServerlessClusterArgs = {
            network: { zoneIds: ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"] },
            imageCaches: ["apache/spark:3.5.3"],
            extraEphemeralStorage: "40Gi",
        };
        const managed = await declare("managed", args);
        const serverless = await declare("serverless", args);
        const rest = (list: Comparable[]) => list.filter((r) => !CLUSTER_TYPES.includes(r.type));

        // Every network resource and the components themselves are byte-identical.
        const zones = ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"];
        expect(rest(managed).map((r) => `${r.type}::${r.name}`)).toEqual(
            [
                `${AL.cluster}::spark`,
                `${AL.vpcComponent}::spark-vpc`,
                `${AL.vpc}::spark-vpc`,
                `${AL.natGateway}::spark-vpc-nat`,
                `${AL.eip}::spark-vpc-nat`,
                `${AL.eipAssociation}::spark-vpc-nat`,
                `${AL.logProject}::spark-logs`,
                `${AL.logStore}::spark-logs-spark`,
                `${AL.logIndex}::spark-logs-spark-index`,
                ...zones.flatMap((z) => [`${AL.vswitch}::spark-vpc-${z}`, `${AL.snatEntry}::spark-vpc-${z}`]),
            ].sort((x, y) => x.localeCompare(y)),
        );
        expect(JSON.stringify(rest(serverless))).toBe(JSON.stringify(rest(managed)));

        // The cluster itself changes type under the same logical name.
        const clusters = (list: Comparable[]) =>
            list.filter((r) => r.type === AL.managedKubernetes || r.type === AL.serverlessKubernetes).map((r) => `${r.type}::${r.name}`);
        expect(clusters(managed)).toEqual([`${AL.managedKubernetes}::spark`]);
        expect(clusters(serverless)).toEqual([`${AL.serverlessKubernetes}::spark`]);

        // The image cache differs only in waiting for the other cluster (whose security group it uses).
        const cache = (list: Comparable[]) => list.find((r) => r.type === AL.imageCache)!;
        const clusterUrn = (type: string) => `urn:pulumi:test::serverless-spark::${AL.cluster}$${type}::spark`;
        expect(cache(managed).dependencies).toContain(clusterUrn(AL.managedKubernetes));
        expect({
            ...cache(serverless),
            dependencies: cache(serverless)
                .dependencies.map((d) => d.replace(AL.serverlessKubernetes, AL.managedKubernetes))
                .sort(),
        }).toEqual(cache(managed));

        // What else differs is the cluster's add-ons (the virtual node exists in managed mode only).
        const names = (list: Comparable[]) => list.filter((r) => r.type === AL.addon).map((r) => r.name);
        expect(names(managed)).toEqual(["spark-virtual-node"]);
        expect(names(serverless)).toEqual([]);
    });
});

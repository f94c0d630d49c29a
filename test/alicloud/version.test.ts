import "../../tools/plan/mock-outputs-alicloud";

import { describe, expect, it } from "vitest";

import { newestPatchOf, parseAckVersion } from "../../components/cluster/alicloud/version";
import { InputError } from "../../components/errors";
import { runProgram } from "../../tools/plan/mock-runtime";
import { mockRuntime, one, planOf, programError } from "../helpers/mocks";
import { AL } from "./alicloud-types";

const VERSIONS_TOKEN = "alicloud:cs/getKubernetesVersion:getKubernetesVersion";

const creatable = ["1.34.10-aliyun.1", "1.36.2-aliyun.1", "1.35.7-aliyun.1", "1.36.10-aliyun.1", "1.35.7-aliyun.2"];

describe("ACK versions", () => {
    it("GIVEN nothing, a minor or an exact version WHEN parsed THEN ACK's newest, a minor to resolve, or the version as given", () => {
        expect(parseAckVersion(undefined)).toEqual({ kind: "newest" });
        expect(parseAckVersion("1.36")).toEqual({ kind: "minor", minor: "1.36" });
        expect(parseAckVersion("1.36.2-aliyun.1")).toEqual({ kind: "exact", version: "1.36.2-aliyun.1" });
    });

    it.each(["1.36.1", "v1.36", "1", "1.36-aliyun.1", ""])("GIVEN %j WHEN parsed THEN one line naming version", (bad) => {
        expect(() => parseAckVersion(bad)).toThrow(InputError);
        expect(() => parseAckVersion(bad)).toThrow(/^version: got ".*", expected a Kubernetes minor such as "1\.36"/);
    });

    it("GIVEN a minor WHEN resolved against ACK's list THEN its newest patch, compared as numbers (1.36.10 after 1.36.2)", () => {
        expect(newestPatchOf("1.36", creatable, "ap-southeast-1")).toBe("1.36.10-aliyun.1");
        expect(newestPatchOf("1.35", creatable, "ap-southeast-1")).toBe("1.35.7-aliyun.2");
        // 1.3 is not a prefix of 1.34 or 1.36.
        expect(() => newestPatchOf("1.3", creatable, "ap-southeast-1")).toThrow(InputError);
    });

    it("GIVEN a minor the region does not create WHEN resolved THEN one line naming the minors it does", () => {
        expect(() => newestPatchOf("1.33", creatable, "ap-southeast-1")).toThrow(
            'version: got "1.33", which ACK does not create in ap-southeast-1, expected one of the minors it creates there: 1.36, 1.35, 1.34',
        );
        expect(() => newestPatchOf("1.36", [], "xx-none-1")).toThrow(
            'version: got "1.36", which ACK does not create in xx-none-1, expected a region where ACK creates clusters',
        );
    });
});

describe("a minor at deploy time", () => {
    const network = { zoneIds: ["ap-southeast-1a", "ap-southeast-1b"] };
    const versions = (list: string[]) => () => ({ id: "v", clusterType: "ManagedKubernetes", metadatas: list.map((version) => ({ version, runtimes: [] })) });

    it("GIVEN a minor the region no longer creates WHEN deployed THEN it stops with the one line naming version, without the engine's input prefix, and no cluster is registered", async () => {
        const runtime = await mockRuntime({
            config: { "alicloud:region": "ap-southeast-1" },
            invokes: { [VERSIONS_TOKEN]: versions(["1.36.2-aliyun.1", "1.35.7-aliyun.1"]) },
        });
        const { AlicloudServerlessCluster } = await import("../../components/cluster/alicloud/cluster");
        const error = await programError(runtime, () => void new AlicloudServerlessCluster("v", { network, version: "1.33", logs: { enabled: false } }));
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message).toBe(
            'AlicloudServerlessCluster "v": version: got "1.33", which ACK does not create in ap-southeast-1, expected one of the minors it creates there: 1.36, 1.35',
        );
        expect(runtime.registrations.filter((r) => r.type === AL.managedKubernetes)).toEqual([]);
    });

    it("GIVEN a minor the region creates WHEN deployed THEN the cluster gets its newest patch", async () => {
        const runtime = await mockRuntime({
            config: { "alicloud:region": "ap-southeast-1" },
            invokes: { [VERSIONS_TOKEN]: versions(["1.36.2-aliyun.1", "1.36.10-aliyun.1", "1.35.7-aliyun.1"]) },
        });
        const { AlicloudServerlessCluster } = await import("../../components/cluster/alicloud/cluster");
        await runProgram(runtime, () => ({ default: () => void new AlicloudServerlessCluster("ok", { network, version: "1.36", logs: { enabled: false } }) }));
        expect(one(await planOf(runtime), AL.managedKubernetes, "ok").inputs.version).toBe("1.36.10-aliyun.1");
    });
});

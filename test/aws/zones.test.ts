import { describe, expect, it } from "vitest";

import { defaultAvailabilityZones, EKS_UNSUPPORTED_ZONE_IDS, resolveZones, zoneIdPrefix } from "../../components/cluster/aws/zones";

describe("zone IDs and names", () => {
    it.each([
        ["us-east-1", "use1"],
        ["us-west-1", "usw1"],
        ["ca-central-1", "cac1"],
        ["eu-west-1", "euw1"],
        ["eu-central-2", "euc2"],
        ["ap-southeast-2", "apse2"],
        ["ap-northeast-1", "apne1"],
        ["sa-east-1", "sae1"],
        ["us-gov-west-1", "usgw1"],
        ["cn-north-1", "cnn1"],
    ])("GIVEN %s WHEN its zone-ID prefix is derived THEN it is %s", (region, prefix) => {
        expect(zoneIdPrefix(region)).toBe(prefix);
    });

    it("GIVEN the regions with a zone EKS refuses WHEN defaulted THEN the default is by ID and avoids it; elsewhere a, b and c by name", () => {
        for (const region of ["us-east-1", "us-west-1", "ca-central-1"]) {
            const zones = defaultAvailabilityZones(region);
            expect(zones.length).toBeGreaterThanOrEqual(2);
            expect(resolveZones(zones, region, "availabilityZones").every((z) => z.kind === "id")).toBe(true);
            expect(zones.filter((z) => EKS_UNSUPPORTED_ZONE_IDS.includes(z))).toEqual([]);
        }
        expect(defaultAvailabilityZones("eu-west-1")).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    });

    it("GIVEN every zone EKS refuses WHEN given in its own region THEN each is refused naming the index", () => {
        const regionOf: Record<string, string> = { use1: "us-east-1", usw1: "us-west-1", cac1: "ca-central-1" };
        for (const id of EKS_UNSUPPORTED_ZONE_IDS) {
            const region = regionOf[id.split("-")[0]!]!;
            const fine = defaultAvailabilityZones(region)[0]!;
            expect(() => resolveZones([fine, id], region, "availabilityZones")).toThrow(
                `availabilityZones[1]: got "${id}", a zone EKS does not place cluster subnets in`,
            );
        }
    });

    it("GIVEN IDs or names of the region WHEN resolved THEN each keeps its kind", () => {
        expect(resolveZones(["euw1-az1", "euw1-az3"], "eu-west-1", "z")).toEqual([
            { zone: "euw1-az1", kind: "id" },
            { zone: "euw1-az3", kind: "id" },
        ]);
        expect(resolveZones(["eu-west-1a", "eu-west-1b"], "eu-west-1", "z").map((z) => z.kind)).toEqual(["name", "name"]);
    });
});

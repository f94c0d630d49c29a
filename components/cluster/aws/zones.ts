import { describeValue, InputError } from "../../errors";
import { requireUnique } from "../../names";

/**
 * Availability zones by name (`us-east-1a`) or by ID (`use1-az1`), plain functions. Names are
 * mapped to physical zones per account; IDs are the same zone in every account
 * (docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html, read 2026-11-29).
 */

/** A zone as the subnets are given it: `availabilityZone` (a name) or `availabilityZoneId`. */
export interface ZoneRef {
    /** The name or ID as written; also the suffix of the subnets' resource names. */
    zone: string;
    kind: "name" | "id";
}

/**
 * Zone IDs EKS does not place cluster subnets in (`UnsupportedAvailabilityZoneException`): EKS user
 * guide, "View Amazon EKS networking requirements for VPC and subnets"
 * (docs.aws.amazon.com/eks/latest/userguide/network-reqs.html, read 2026-11-29).
 */
export const EKS_UNSUPPORTED_ZONE_IDS: readonly string[] = ["use1-az3", "usw1-az2", "cac1-az3"];

/**
 * Default zones by ID in the regions where a zone name could map to an unsupported ID; elsewhere
 * the names `<region>a,b,c`. us-east-1 has use1-az1..az6 and ca-central-1 cac1-az1, az2 and az4
 * (AWS RAM user guide, AZ IDs page above); us-west-1 has two zones for an account, usw1-az1 and
 * usw1-az3 once usw1-az2 is left out.
 */
const DEFAULT_ZONE_IDS: Readonly<Record<string, readonly string[]>> = {
    "us-east-1": ["use1-az1", "use1-az2", "use1-az4"],
    "us-west-1": ["usw1-az1", "usw1-az3"],
    "ca-central-1": ["cac1-az1", "cac1-az2", "cac1-az4"],
};

const DIRECTION: Readonly<Record<string, string>> = {
    east: "e",
    west: "w",
    north: "n",
    south: "s",
    central: "c",
    northeast: "ne",
    northwest: "nw",
    southeast: "se",
    southwest: "sw",
    gov: "g",
};

/** The zone-ID prefix of a region: `us-east-1` -> `use1`, `ap-southeast-2` -> `apse2`, `us-gov-west-1` -> `usgw1`. */
export function zoneIdPrefix(region: string): string | undefined {
    const parts = region.split("-");
    const [country, ...rest] = parts;
    const number = rest.pop();
    const letters = rest.map((word) => DIRECTION[word]);
    if (!country || !number || letters.some((l) => l === undefined)) return undefined;
    return `${country}${letters.join("")}${number}`;
}

/** The default zones of a new VPC in a region. */
export function defaultAvailabilityZones(region: string): string[] {
    return [...(DEFAULT_ZONE_IDS[region] ?? ["a", "b", "c"].map((letter) => `${region}${letter}`))];
}

/**
 * Checks a new VPC's zones: all names of the region or all IDs of it, none that EKS refuses.
 * @param key the argument's key (`availabilityZones`), for errors
 */
export function resolveZones(zones: string[], region: string, key: string): ZoneRef[] {
    const prefix = zoneIdPrefix(region);
    const example = DEFAULT_ZONE_IDS[region]?.[0] ?? (prefix ? `${prefix}-az1` : `${region}a`);
    const refs = zones.map((zone, i): ZoneRef => {
        if (typeof zone === "string" && new RegExp(`^${region}[a-z]$`).test(zone)) return { zone, kind: "name" };
        if (typeof zone === "string" && prefix !== undefined && new RegExp(`^${prefix}-az\\d{1,2}$`).test(zone)) {
            if (EKS_UNSUPPORTED_ZONE_IDS.includes(zone)) {
                throw new InputError(
                    `${key}[${i}]`,
                    `got ${describeValue(zone)}, a zone EKS does not place cluster subnets in`,
                    `another zone ID of ${region}, such as ${example}`,
                );
            }
            return { zone, kind: "id" };
        }
        throw new InputError(`${key}[${i}]`, `got ${describeValue(zone)}`, `a zone of ${region}: an ID such as ${example}, or a name such as ${region}a`);
    });
    if (new Set(refs.map((r) => r.kind)).size > 1) {
        throw new InputError(
            key,
            `got ${describeValue(zones)}, names and IDs mixed`,
            "all zone IDs or all zone names (a name maps to a different ID in each account)",
        );
    }
    requireUnique(zones, key);
    return refs;
}

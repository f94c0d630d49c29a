import { z } from "zod";

import { describeValue, InputError } from "../../errors";
import { requireUnique } from "../../names";
import { parseShape } from "../../shape";
import { ALICLOUD_DEFAULTS, AlicloudNetworkArgs } from "./args";
import { parseIpv4Cidr, reservedOverlap, vswitchCidr } from "./cidr";
import { isZoneOf } from "./region";

/** One zone of a new VPC: its vSwitch's range. */
export interface VswitchLayout {
    zoneId: string;
    cidr: string;
}

/** The validated network: what to create, or what to use. */
export type AlicloudNetworkPlan =
    | { kind: "new"; vpcCidr: string; vswitches: VswitchLayout[]; eipBandwidthMbps: number }
    | { kind: "existing"; vpcId: string; vswitchIds: string[] };

/** Alibaba resource ids: a prefix, a dash and lower-case letters and digits (`vpc-bp1...`). */
const VPC_ID = /^vpc-[a-z0-9]{8,32}$/;
const VSWITCH_ID = /^vsw-[a-z0-9]{8,32}$/;
const NEW_VPC_KEYS = ["zoneIds", "vpcCidr", "eipBandwidthMbps"] as const;
/** Pay-by-traffic EIP bandwidth range (`alicloud.ecs.EipAddress` `bandwidth` docs, @pulumi/alicloud 3.108.0). */
const EIP_BANDWIDTH = { min: 1, max: 200 };

/** The shape of {@link AlicloudNetworkArgs}; each message is the "expected" half of an error. */
export const alicloudNetworkSchema = z.strictObject(
    {
        zoneIds: z.array(z.string({ error: "zone id" }), { error: "a list of zone ids" }).optional(),
        vpcCidr: z.string({ error: "an IPv4 CIDR such as 10.0.0.0/16" }).optional(),
        eipBandwidthMbps: z.int({ error: "a whole number of Mbit/s" }).optional(),
        vpcId: z.string({ error: "a VPC id such as vpc-bp1a2b3c4d5e6f7g8h9i0" }).optional(),
        vswitchIds: z.array(z.string({ error: "vSwitch id" }), { error: "a list of vSwitch ids" }).optional(),
    },
    { error: "an object with zoneIds, vpcCidr, eipBandwidthMbps or vpcId, vswitchIds" },
) satisfies z.ZodType<AlicloudNetworkArgs>;

/**
 * Parses the network arguments (shape, values, defaults) and returns the plan. Errors name the
 * argument relative to the network (`zoneIds[0]`); callers prefix it with `underKey("network", ...)`.
 */
export function planAlicloudNetwork(input: AlicloudNetworkArgs, region: string): AlicloudNetworkPlan {
    const args: AlicloudNetworkArgs = parseShape(alicloudNetworkSchema, input ?? {});
    const key = (arg: string) => arg;
    if (args.vpcId !== undefined || args.vswitchIds !== undefined) {
        for (const arg of NEW_VPC_KEYS) {
            if (args[arg] !== undefined) {
                throw new InputError(
                    key(arg),
                    "is set together with an existing VPC",
                    `either a new VPC (${NEW_VPC_KEYS.join(", ")}) or an existing one (vpcId, vswitchIds)`,
                );
            }
        }
        return existingNetwork(args, key);
    }
    const zones = args.zoneIds;
    if (zones === undefined) {
        throw new InputError(
            key("zoneIds"),
            "not set",
            `two or three zone ids of ${region} for a new VPC, e.g. ["${region}-h", "${region}-i"] (zone ids differ per region, so none is assumed), or an existing VPC (vpcId, vswitchIds)`,
        );
    }
    if (!Array.isArray(zones) || zones.length < 2 || zones.length > 3) {
        throw new InputError(
            key("zoneIds"),
            `got ${describeValue(zones)}`,
            "two or three zone ids (two for a control plane that survives a zone outage; the address plan has room for three)",
        );
    }
    zones.forEach((zone, i) => {
        if (!isZoneOf(zone, region)) {
            throw new InputError(`${key("zoneIds")}[${i}]`, `got ${describeValue(zone)}`, `a zone id of ${region} such as ${region}-h or ${region}a`);
        }
    });
    requireUnique(zones, key("zoneIds"));
    const vpcCidr = args.vpcCidr ?? ALICLOUD_DEFAULTS.vpcCidr;
    const parsed = parseIpv4Cidr(vpcCidr);
    // /16 to /24 keeps every vSwitch (a quarter) within the /16-/29 Alibaba allows for vSwitches.
    if (parsed === undefined || parsed.prefix < 16 || parsed.prefix > 24) {
        throw new InputError(key("vpcCidr"), `got ${describeValue(vpcCidr)}`, "an IPv4 network from /16 to /24 such as 10.0.0.0/16");
    }
    const reserved = reservedOverlap(parsed);
    if (reserved !== undefined) {
        throw new InputError(
            key("vpcCidr"),
            `got ${describeValue(vpcCidr)}, which overlaps the reserved range ${reserved}`,
            "a private range such as 10.0.0.0/16, 172.16.0.0/16 or 192.168.0.0/16",
        );
    }
    const eipBandwidthMbps = args.eipBandwidthMbps ?? ALICLOUD_DEFAULTS.eipBandwidthMbps;
    if (!Number.isInteger(eipBandwidthMbps) || eipBandwidthMbps < EIP_BANDWIDTH.min || eipBandwidthMbps > EIP_BANDWIDTH.max) {
        throw new InputError(
            key("eipBandwidthMbps"),
            `got ${describeValue(eipBandwidthMbps)}`,
            `a whole number of Mbit/s from ${EIP_BANDWIDTH.min} to ${EIP_BANDWIDTH.max} (pay-by-traffic EIP)`,
        );
    }
    return {
        kind: "new",
        vpcCidr,
        vswitches: (zones as string[]).map((zoneId, i) => ({ zoneId, cidr: vswitchCidr(parsed, i) })),
        eipBandwidthMbps,
    };
}

function existingNetwork(args: AlicloudNetworkArgs, key: (arg: string) => string): AlicloudNetworkPlan {
    const ids = args.vswitchIds;
    if (!Array.isArray(ids) || ids.length < 2) {
        throw new InputError(key("vswitchIds"), `got ${describeValue(ids)}`, "at least two vSwitch ids of the VPC, in different zones");
    }
    if (typeof args.vpcId !== "string" || !VPC_ID.test(args.vpcId)) {
        throw new InputError(key("vpcId"), `got ${describeValue(args.vpcId)}`, "the id of the VPC the vSwitches are in, such as vpc-bp1a2b3c4d5e6f7g8h9i0");
    }
    ids.forEach((id, i) => {
        if (typeof id !== "string" || !VSWITCH_ID.test(id)) {
            throw new InputError(`${key("vswitchIds")}[${i}]`, `got ${describeValue(id)}`, "a vSwitch id such as vsw-bp1a2b3c4d5e6f7g8h9i0");
        }
    });
    requireUnique(ids, key("vswitchIds"));
    return { kind: "existing", vpcId: args.vpcId, vswitchIds: [...ids] };
}

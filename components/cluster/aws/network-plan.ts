import { z } from "zod";

import { describeValue, InputError } from "../../errors";
import { requireUnique } from "../../names";
import { parseShape } from "../../shape";
import { formatIpv4Cidr, Ipv4Block, parseIpv4Cidr } from "../cidr";
import { defaultAvailabilityZones, resolveZones, ZoneRef } from "./zones";

/** How many NAT gateways a new VPC gets: one shared (cheaper) or one per zone (no cross-zone egress dependency). */
export const NatGateways = { Single: "single", PerZone: "perZone" } as const;
export type NatGateways = (typeof NatGateways)[keyof typeof NatGateways];
/** @deprecated the same type as {@link NatGateways} (kept for 0.1 programs) */
export type NatGatewayMode = NatGateways;

/**
 * Where the cluster's Fargate pods live. Either a new VPC (`availabilityZones`, `natGateways`,
 * `vpcCidr`) or a VPC you already have (`vpcId`, `privateSubnetIds`, optionally `publicSubnetIds`).
 */
export interface EksNetworkArgs {
    /**
     * Zones of a new VPC: two or three zones of the cluster's region, all by ID (`["use1-az1",
     * "use1-az2"]`, the same zones in every account) or all by name (`["eu-west-1a", "eu-west-1b"]`,
     * mapped per account). The IDs EKS refuses (`use1-az3`, `usw1-az2`, `cac1-az3`) are refused.
     * No API call looks them up, so a plan needs no credentials.
     * @default by ID where a name could land in a zone EKS refuses (us-east-1: use1-az1, use1-az2,
     * use1-az4; us-west-1: usw1-az1, usw1-az3; ca-central-1: cac1-az1, cac1-az2, cac1-az4), else
     * `<region>a`, `<region>b`, `<region>c`
     */
    availabilityZones?: string[];
    /**
     * NAT gateways of a new VPC: `single` (one, in the first zone) or `perZone` (one per zone, so a
     * zone outage does not cut the other zones' egress).
     * @default "single"
     */
    natGateways?: NatGateways;
    /**
     * IPv4 range of a new VPC, /16 to /22. Each zone gets a private subnet of a quarter of it (every
     * Fargate pod takes one IP) and a small public subnet (a sixty-fourth) for NAT egress.
     * @default "10.0.0.0/16"
     */
    vpcCidr?: string;
    /**
     * Whether a new VPC gets a free S3 gateway endpoint on its private route tables, so Spark's S3
     * traffic does not pass (and pay for) the NAT gateway.
     * @default true
     */
    s3GatewayEndpoint?: boolean;
    /** An existing VPC's id (`vpc-...`); set together with `privateSubnetIds`. @default a new VPC */
    vpcId?: string;
    /**
     * Private subnets of the existing VPC (at least two, in different zones), used for the control
     * plane's network interfaces and every Fargate pod. "Private" is your declaration: no AWS call
     * checks it. They need a route to a NAT gateway (or VPC endpoints) to pull images.
     * @default none (a new VPC)
     */
    privateSubnetIds?: string[];
    /**
     * Public subnets of the existing VPC. Never used for pods (Fargate refuses public subnets); given
     * only so that a subnet listed as both public and private, or public subnets alone, are refused.
     * @default []
     */
    publicSubnetIds?: string[];
}

/** One zone of a new VPC: its name or ID, and its subnets' ranges. */
export interface ZoneLayout extends ZoneRef {
    privateCidr: string;
    publicCidr: string;
}

/** The validated network: what to create, or what to use. */
export type NetworkPlan =
    | { kind: "new"; vpcCidr: string; zones: ZoneLayout[]; natGateways: NatGateways; s3GatewayEndpoint: boolean }
    | { kind: "existing"; vpcId: string; privateSubnetIds: string[]; publicSubnetIds: string[] };

export const DEFAULT_VPC_CIDR = "10.0.0.0/16";
const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
const VPC_ID = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;
const NEW_VPC_KEYS = ["availabilityZones", "natGateways", "vpcCidr", "s3GatewayEndpoint"] as const;

/** The shape of {@link EksNetworkArgs}; each message is the "expected" half of an error. */
export const eksNetworkSchema = z.strictObject(
    {
        availabilityZones: z.array(z.string({ error: "zone ID or name" }), { error: "a list of zone IDs or names" }).optional(),
        natGateways: z.enum(["single", "perZone"], { error: "single or perZone" }).optional(),
        vpcCidr: z.string({ error: "an IPv4 CIDR such as 10.0.0.0/16" }).optional(),
        s3GatewayEndpoint: z.boolean({ error: "true or false" }).optional(),
        vpcId: z.string({ error: "a VPC id such as vpc-0a1b2c3d4e5f67890" }).optional(),
        privateSubnetIds: z.array(z.string({ error: "subnet id" }), { error: "a list of subnet ids" }).optional(),
        publicSubnetIds: z.array(z.string({ error: "subnet id" }), { error: "a list of subnet ids" }).optional(),
    },
    { error: "an object with availabilityZones, natGateways, vpcCidr or vpcId, privateSubnetIds, publicSubnetIds" },
) satisfies z.ZodType<EksNetworkArgs>;

/**
 * Parses the network arguments (shape, values, defaults) and returns the plan. Errors name the
 * argument relative to the network (`vpcCidr`); callers prefix it with `underKey("network", ...)`.
 */
export function planNetwork(input: EksNetworkArgs, region: string): NetworkPlan {
    const args: EksNetworkArgs = parseShape(eksNetworkSchema, input ?? {});
    const key = (arg: string) => arg;
    const existing = args.vpcId !== undefined || args.privateSubnetIds !== undefined || args.publicSubnetIds !== undefined;
    if (existing) {
        for (const arg of NEW_VPC_KEYS) {
            if (args[arg] !== undefined) {
                throw new InputError(
                    key(arg),
                    "is set together with an existing VPC",
                    `either a new VPC (${NEW_VPC_KEYS.join(", ")}) or an existing one (vpcId, privateSubnetIds)`,
                );
            }
        }
        return existingNetwork(args, key);
    }
    const zones = args.availabilityZones ?? defaultAvailabilityZones(region);
    if (!Array.isArray(zones) || zones.length < 2 || zones.length > 3) {
        throw new InputError(
            key("availabilityZones"),
            `got ${describeValue(zones)}`,
            "two or three zones (EKS needs two; the address plan has room for three)",
        );
    }
    const zoneRefs = resolveZones(zones, region, key("availabilityZones"));
    const natGateways = args.natGateways ?? NatGateways.Single;
    if (natGateways !== NatGateways.Single && natGateways !== NatGateways.PerZone) {
        throw new InputError(key("natGateways"), `got ${describeValue(natGateways)}`, "single or perZone");
    }
    const vpcCidr = args.vpcCidr ?? DEFAULT_VPC_CIDR;
    const parsed = parseCidr(vpcCidr);
    if (parsed === undefined || parsed.prefix < 16 || parsed.prefix > 22) {
        throw new InputError(key("vpcCidr"), `got ${describeValue(vpcCidr)}`, "an IPv4 network from /16 to /22 such as 10.0.0.0/16");
    }
    return {
        kind: "new",
        vpcCidr,
        zones: zoneRefs.map((ref, i) => ({ ...ref, ...subnetLayout(parsed, i) })),
        natGateways,
        s3GatewayEndpoint: args.s3GatewayEndpoint ?? true,
    };
}

function existingNetwork(args: EksNetworkArgs, key: (arg: string) => string): NetworkPlan {
    const privateIds = args.privateSubnetIds ?? [];
    const publicIds = args.publicSubnetIds ?? [];
    if (privateIds.length === 0 && publicIds.length > 0) {
        throw new InputError(
            key("privateSubnetIds"),
            "got none, only public subnets",
            "at least two private subnets: Fargate runs pods only in private subnets (egress through a NAT gateway)",
        );
    }
    if (!Array.isArray(privateIds) || privateIds.length < 2) {
        throw new InputError(key("privateSubnetIds"), `got ${describeValue(args.privateSubnetIds)}`, "at least two private subnet ids in different zones");
    }
    if (typeof args.vpcId !== "string" || !VPC_ID.test(args.vpcId)) {
        throw new InputError(key("vpcId"), `got ${describeValue(args.vpcId)}`, "the id of the VPC the subnets are in, such as vpc-0a1b2c3d4e5f67890");
    }
    for (const [arg, ids] of [
        ["privateSubnetIds", privateIds],
        ["publicSubnetIds", publicIds],
    ] as const) {
        ids.forEach((id, i) => {
            if (typeof id !== "string" || !SUBNET_ID.test(id)) {
                throw new InputError(`${key(arg)}[${i}]`, `got ${describeValue(id)}`, "a subnet id such as subnet-0a1b2c3d4e5f67890");
            }
        });
        requireUnique(ids, key(arg));
    }
    const both = privateIds.find((id) => publicIds.includes(id));
    if (both !== undefined) {
        throw new InputError(key("publicSubnetIds"), `${describeValue(both)} is also listed as private`, "each subnet either private or public");
    }
    return { kind: "existing", vpcId: args.vpcId, privateSubnetIds: [...privateIds], publicSubnetIds: [...publicIds] };
}

/** An IPv4 network (the shared CIDR arithmetic's block). */
export type Ipv4Network = Ipv4Block;

/** Parses `a.b.c.d/n` with no host bits set; undefined when it is not one. */
export const parseCidr = parseIpv4Cidr;

/**
 * Zone `index`'s subnets: private subnets take the first three quarters of the VPC (one each), and
 * the public subnets sixty-fourths at the start of the last quarter.
 */
export function subnetLayout(vpc: Ipv4Network, index: number): { privateCidr: string; publicCidr: string } {
    const quarter = 2 ** (32 - vpc.prefix - 2);
    const publicSize = 2 ** (32 - vpc.prefix - 6);
    return {
        privateCidr: formatIpv4Cidr({ base: vpc.base + index * quarter, prefix: vpc.prefix + 2 }),
        publicCidr: formatIpv4Cidr({ base: vpc.base + 3 * quarter + index * publicSize, prefix: vpc.prefix + 6 }),
    };
}

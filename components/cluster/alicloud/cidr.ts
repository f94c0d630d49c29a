/** IPv4 ranges of the Alibaba network plan (pure); the arithmetic is shared (../cidr.ts). */
import { formatIpv4Cidr, Ipv4Block, overlaps, parseIpv4Cidr } from "../cidr";

export { overlaps, parseIpv4Cidr };
export type { Ipv4Block };

/**
 * Ranges Alibaba refuses as a VPC's primary CIDR (`alicloud.vpc.Network` `cidrBlock` docs,
 * @pulumi/alicloud 3.108.0, read 2026-11-21).
 */
export const RESERVED_VPC_RANGES = ["100.64.0.0/10", "224.0.0.0/4", "127.0.0.0/8", "169.254.0.0/16"];

/** The reserved range a block overlaps, if any. */
export function reservedOverlap(block: Ipv4Block): string | undefined {
    return RESERVED_VPC_RANGES.find((range) => overlaps(block, parseIpv4Cidr(range)!));
}

/** Zone `index`'s vSwitch: the `index`-th quarter of the VPC (a fourth quarter stays free for later use). */
export function vswitchCidr(vpc: Ipv4Block, index: number): string {
    const quarter = 2 ** (32 - vpc.prefix - 2);
    return formatIpv4Cidr({ base: vpc.base + index * quarter, prefix: vpc.prefix + 2 });
}

import { Ipv4Block, overlaps, parseIpv4Cidr } from "./cidr";

/** An IPv4 block that is not an ordinary internet address: no client connects from it. */
export interface SpecialIpv4Block {
    cidr: string;
    /** What it is, for an error message. */
    purpose: string;
}

/**
 * The IANA IPv4 Special-Purpose Address Registry's blocks that are not globally reachable, plus the
 * multicast and reserved ranges (iana.org/assignments/iana-ipv4-special-registry, read 2026-11-29;
 * RFC 6890). EKS refuses reserved addresses in `publicAccessCidrs`, and a private or
 * documentation range there admits no one (docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html).
 */
export const SPECIAL_IPV4_BLOCKS: readonly SpecialIpv4Block[] = [
    { cidr: "0.0.0.0/8", purpose: '"this network" (RFC 791)' },
    { cidr: "10.0.0.0/8", purpose: "a private range (RFC 1918)" },
    { cidr: "100.64.0.0/10", purpose: "carrier-grade NAT space (RFC 6598)" },
    { cidr: "127.0.0.0/8", purpose: "loopback (RFC 1122)" },
    { cidr: "169.254.0.0/16", purpose: "link-local (RFC 3927)" },
    { cidr: "172.16.0.0/12", purpose: "a private range (RFC 1918)" },
    { cidr: "192.0.0.0/24", purpose: "IETF protocol assignments (RFC 6890)" },
    { cidr: "192.0.2.0/24", purpose: "a documentation range (RFC 5737)" },
    { cidr: "192.88.99.0/24", purpose: "the retired 6to4 relay anycast (RFC 7526)" },
    { cidr: "192.168.0.0/16", purpose: "a private range (RFC 1918)" },
    { cidr: "198.18.0.0/15", purpose: "benchmarking space (RFC 2544)" },
    { cidr: "198.51.100.0/24", purpose: "a documentation range (RFC 5737)" },
    { cidr: "203.0.113.0/24", purpose: "a documentation range (RFC 5737)" },
    { cidr: "224.0.0.0/4", purpose: "multicast (RFC 5771)" },
    { cidr: "240.0.0.0/4", purpose: "reserved space (RFC 1112)" },
];

const PARSED = SPECIAL_IPV4_BLOCKS.map((b) => ({ ...b, block: parseIpv4Cidr(b.cidr) as Ipv4Block }));

/** The first special-purpose block the given block shares an address with, if any. */
export function specialBlockOverlapping(block: Ipv4Block): SpecialIpv4Block | undefined {
    const hit = PARSED.find((s) => overlaps(s.block, block));
    return hit && { cidr: hit.cidr, purpose: hit.purpose };
}

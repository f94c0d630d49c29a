/** IPv4 CIDR arithmetic shared by the cloud network plans (pure). */

/** An IPv4 network: its first address as a number and its prefix length. */
export interface Ipv4Block {
    base: number;
    prefix: number;
}

/** Parses `a.b.c.d/n` with no host bits set; undefined when it is not one. */
export function parseIpv4Cidr(text: unknown): Ipv4Block | undefined {
    if (typeof text !== "string") return undefined;
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
    if (!match) return undefined;
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((o) => o > 255) || prefix > 32) return undefined;
    const base = octets.reduce((acc, o) => acc * 256 + o, 0);
    return base % 2 ** (32 - prefix) === 0 ? { base, prefix } : undefined;
}

/** `a.b.c.d/n` of a block. */
export function formatIpv4Cidr(block: Ipv4Block): string {
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(block.base / 2 ** shift) % 256);
    return `${octets.join(".")}/${block.prefix}`;
}

/** Whether two blocks share any address. */
export function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
    const aEnd = a.base + 2 ** (32 - a.prefix);
    const bEnd = b.base + 2 ** (32 - b.prefix);
    return a.base < bEnd && b.base < aEnd;
}

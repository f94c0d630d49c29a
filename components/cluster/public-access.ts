import { describeValue, InputError } from "../errors";
import { requireUnique } from "../names";
import { parseIpv4Cidr } from "./cidr";
import { specialBlockOverlapping } from "./special-ipv4";

const ANYWHERE = "0.0.0.0/0";

/** What differs between the clouds' public API endpoints. */
export interface PublicAccessRules {
    /** Most CIDRs the endpoint takes (EKS: 40). @default no limit */
    maxCidrs?: number;
    /** Where a private network's access goes instead, said when a special-purpose range is given. */
    privateNetworkHint: string;
}

/**
 * Admin networks of a public Kubernetes API endpoint (`publicAccessCidrs`): public IPv4 CIDRs with
 * no host bits, none in an IANA special-purpose range (documentation, private, shared, reserved:
 * ./special-ipv4.ts), `0.0.0.0/0` only with `allowPublicAccessFromAnywhere`; nothing without a
 * public endpoint. Errors name `publicAccessCidrs` or its entry, one line each.
 */
export function checkPublicAccessCidrs(cidrs: unknown, publicEndpoint: boolean, fromAnywhere: boolean, rules: PublicAccessRules): string[] {
    const key = "publicAccessCidrs";
    if (!publicEndpoint) {
        if (cidrs !== undefined && !(Array.isArray(cidrs) && cidrs.length === 0)) {
            throw new InputError(key, "is set while {{publicEndpoint}} is false", "{{publicEndpoint}}: true, or no public CIDRs");
        }
        return [];
    }
    const tooMany = rules.maxCidrs !== undefined && Array.isArray(cidrs) && cidrs.length > rules.maxCidrs;
    if (!Array.isArray(cidrs) || cidrs.length === 0 || tooMany) {
        const count = rules.maxCidrs === undefined ? "at least one IPv4 CIDR" : `1 to ${rules.maxCidrs} IPv4 CIDRs`;
        throw new InputError(
            key,
            `got ${describeValue(cidrs)}`,
            `${count} allowed to reach the public endpoint of the API server: the egress address of where pulumi up runs, as a.b.c.d/32`,
        );
    }
    cidrs.forEach((cidr, i) => {
        const block = parseIpv4Cidr(cidr);
        if (block === undefined) {
            throw new InputError(`${key}[${i}]`, `got ${describeValue(cidr)}`, "an IPv4 CIDR with no host bits set, such as a.b.c.d/32");
        }
        if (cidr === ANYWHERE) {
            if (!fromAnywhere) {
                throw new InputError(
                    `${key}[${i}]`,
                    "got 0.0.0.0/0 (the whole internet)",
                    "your admin networks, or {{allowPublicAccessFromAnywhere}}: true to mean it",
                );
            }
            return;
        }
        const special = specialBlockOverlapping(block);
        if (special !== undefined) {
            throw new InputError(
                `${key}[${i}]`,
                `got ${describeValue(cidr)}, which overlaps ${special.cidr}, ${special.purpose}`,
                `public internet addresses (the egress of where pulumi up runs); ${rules.privateNetworkHint}`,
            );
        }
    });
    requireUnique(cidrs as string[], key);
    return [...(cidrs as string[])];
}

import type { Registration } from "../../tools/plan/mock-runtime";

/**
 * Resource identity as the Pulumi engine sees it: the URN's qualified type (the types of every
 * ancestor component, joined with `$`, then the resource's own type) and the name, written
 * `typeChain::name`. Two plans declare "the same resources" when these match; a resource that moved
 * keeps its identity through an alias, which the engine also applies to the children of an aliased
 * component (their URNs change with their parent's).
 */
export interface IdentityReport {
    /** `typeChain::name` of every registration, sorted. */
    current: string[];
    /** Every identity a registration answers to: its own and those its or its ancestors' aliases give it. */
    answersTo: Map<string, Set<string>>;
    /** `current identity <- alias identity` for each alias of the resource itself, sorted. */
    aliases: string[];
}

/** The mock runtime's URN of a registration (`tools/plan/mock-runtime.ts` records the parent URN it gave). */
function mockUrnOf(r: Registration): string {
    const parentType = r.parentUrn ? r.parentUrn.split("::")[2]!.split("$").pop()! : undefined;
    return `${parentType ? `${parentType}$` : ""}${r.type}::${r.name}`;
}

function mockKeyOfUrn(urn: string): string {
    const [, , type, name] = urn.split("::");
    return `${type}::${name}`;
}

export function identities(registrations: readonly Registration[]): IdentityReport {
    const byMockUrn = new Map(registrations.map((r) => [mockUrnOf(r), r]));
    const parentOf = (r: Registration): Registration | undefined => (r.parentUrn ? byMockUrn.get(mockKeyOfUrn(r.parentUrn)) : undefined);
    const chains = new Map<Registration, string>();
    const chainOf = (r: Registration): string => {
        let chain = chains.get(r);
        if (chain === undefined) {
            const parent = parentOf(r);
            chain = parent ? `${chainOf(parent)}$${r.type}` : r.type;
            chains.set(r, chain);
        }
        return chain;
    };
    const identity = (r: Registration) => `${chainOf(r)}::${r.name}`;

    // Every identity a resource answers to: (each identity's chain of its parent, or the alias's parent)
    // combined with its own type and name, or an alias's.
    const memo = new Map<Registration, Set<string>>();
    const aliasLines: string[] = [];
    const answers = (r: Registration): Set<string> => {
        const known = memo.get(r);
        if (known) return known;
        const parent = parentOf(r);
        const parentChains = parent ? [...answers(parent)].map((id) => id.slice(0, id.lastIndexOf("::"))) : [undefined];
        const out = new Set<string>();
        const add = (parentChain: string | undefined, type: string, name: string) => out.add(`${parentChain ? `${parentChain}$` : ""}${type}::${name}`);
        for (const chain of parentChains) add(chain, r.type, r.name);
        for (const alias of r.aliases) {
            const type = alias.type ?? r.type;
            const name = alias.name ?? r.name;
            let aliasChains: (string | undefined)[];
            if (alias.urn !== undefined) {
                const [, , qualified, aliasName] = alias.urn.split("::");
                out.add(`${qualified}::${aliasName}`);
                aliasLines.push(`${identity(r)} <- ${qualified}::${aliasName}`);
                continue;
            }
            if (alias.noParent) aliasChains = [undefined];
            else if (alias.parentUrn !== undefined) {
                const aliasParent = byMockUrn.get(mockKeyOfUrn(alias.parentUrn));
                aliasChains = aliasParent ? [...answers(aliasParent)].map((id) => id.slice(0, id.lastIndexOf("::"))) : [undefined];
            } else aliasChains = parentChains;
            for (const chain of aliasChains) {
                add(chain, type, name);
                aliasLines.push(`${identity(r)} <- ${chain ? `${chain}$` : ""}${type}::${name}`);
            }
        }
        memo.set(r, out);
        return out;
    };
    const answersTo = new Map(registrations.map((r) => [identity(r), answers(r)]));
    return { current: [...answersTo.keys()].sort(), answersTo, aliases: [...new Set(aliasLines)].sort() };
}

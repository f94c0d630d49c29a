import { spawnSync } from "child_process";
import { describe, expect, it } from "vitest";

import { formatIpv4Cidr, parseIpv4Cidr } from "../../components/cluster/cidr";
import { SPECIAL_IPV4_BLOCKS, specialBlockOverlapping } from "../../components/cluster/special-ipv4";

/**
 * The special-purpose table checked against an independent reading of the IANA registry: Python's
 * `ipaddress` module (`is_global`). Every address Python calls not global must be refused here; the
 * only addresses refused here that Python calls global are in the blocks this package refuses on
 * purpose for an API allow-list (multicast, the whole IETF protocol block, the retired 6to4 relay).
 */
const PYTHON = spawnSync("python3", ["--version"], { encoding: "utf8" }).status === 0;
const STRICTER_ON_PURPOSE = ["224.0.0.0/4", "192.0.0.0/24", "192.88.99.0/24"];

/** A deterministic spread of addresses: each special block's edges and neighbours, and a LCG sample. */
function sampleAddresses(): string[] {
    const out = new Set<number>();
    for (const { cidr } of SPECIAL_IPV4_BLOCKS) {
        const b = parseIpv4Cidr(cidr)!;
        const end = b.base + 2 ** (32 - b.prefix) - 1;
        for (const n of [b.base - 1, b.base, b.base + 1, end - 1, end, end + 1]) if (n >= 0 && n < 2 ** 32) out.add(n);
    }
    let x = 20261129;
    for (let i = 0; i < 5000; i++) {
        x = (x * 1103515245 + 12345) % 2 ** 31;
        out.add((x * 2 + (i % 2)) % 2 ** 32);
    }
    return [...out].map((n) => formatIpv4Cidr({ base: n, prefix: 32 }).replace(/\/32$/, ""));
}

const title = PYTHON
    ? "special-purpose IPv4 blocks against Python's ipaddress"
    : "special-purpose IPv4 blocks (skipped: python3 not installed; apt-get install python3)";

describe.skipIf(!PYTHON)(title, () => {
    it("GIVEN a spread of addresses WHEN Python's is_global and this table judge them THEN every non-global address is refused, and the extra refusals are the deliberate ones", () => {
        const addresses = sampleAddresses();
        const py = spawnSync("python3", ["-c", "import ipaddress,sys\nfor a in sys.stdin.read().split():\n print(int(ipaddress.ip_address(a).is_global))"], {
            input: addresses.join("\n"),
            encoding: "utf8",
        });
        expect(py.status, py.stderr).toBe(0);
        const global = py.stdout.trim().split("\n");
        expect(global).toHaveLength(addresses.length);
        const stricter = STRICTER_ON_PURPOSE.map((c) => parseIpv4Cidr(c)!);
        const missed: string[] = [];
        const unexplained: string[] = [];
        let refused = 0;
        addresses.forEach((address, i) => {
            const block = parseIpv4Cidr(`${address}/32`)!;
            const ours = specialBlockOverlapping(block) !== undefined;
            if (ours) refused++;
            if (global[i] === "0" && !ours) missed.push(address);
            if (global[i] === "1" && ours && !stricter.some((s) => block.base >= s.base && block.base < s.base + 2 ** (32 - s.prefix)))
                unexplained.push(address);
        });
        expect(missed).toEqual([]);
        expect(unexplained).toEqual([]);
        expect(refused).toBeGreaterThan(50);
    });
});

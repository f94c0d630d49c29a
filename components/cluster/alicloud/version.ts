import { describeValue, InputError } from "../../errors";

/**
 * ACK Kubernetes versions. ACK creates clusters only of the versions it currently offers in a region
 * (the newest patch of each of its newest minors) and stops creating a patch once a newer one
 * ships, so a pinned patch stops being creatable within months (ACK "Support for Kubernetes
 * versions", alibabacloud.com/help/en/ack/product-overview/support-for-kubernetes-versions, read
 * 2026-11-29; an unknown version fails with `400: no ros component exists`).
 *
 * So a version is either nothing (ACK's newest, chosen when the cluster is created), a minor (`1.36`:
 * its newest creatable patch, looked up at deploy time) or, for those who must pin, an exact
 * `x.y.z-aliyun.n`. Plain functions (no SDK): the stack config layer checks versions too.
 */

/** A minor such as `1.36`. */
export const ACK_MINOR = /^1\.\d{1,2}$/;
/** An exact ACK version such as `1.36.2-aliyun.1`. */
export const ACK_VERSION = /^1\.\d{1,2}\.\d{1,2}-aliyun\.\d{1,2}$/;

/** The version setting, parsed. */
export type AckVersionPlan = { kind: "newest" } | { kind: "minor"; minor: string } | { kind: "exact"; version: string };

/** Checks `version` (a minor, an exact version, or nothing). */
export function parseAckVersion(version: string | undefined, key = "version"): AckVersionPlan {
    if (version === undefined) return { kind: "newest" };
    if (ACK_MINOR.test(version)) return { kind: "minor", minor: version };
    if (ACK_VERSION.test(version)) return { kind: "exact", version };
    throw new InputError(
        key,
        `got ${describeValue(version)}`,
        'a Kubernetes minor such as "1.36" (its newest patch ACK creates), an exact ACK version such as "1.36.2-aliyun.1", or nothing (ACK\'s newest)',
    );
}

/** The numeric parts of `1.36.2-aliyun.1`, for ordering: [1, 36, 2, 1]. */
function versionParts(version: string): number[] {
    return (version.match(/\d+/g) ?? []).map(Number);
}

function compareVersions(a: string, b: string): number {
    const [pa, pb] = [versionParts(a), versionParts(b)];
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0) return d;
    }
    return 0;
}

/**
 * The newest of `creatable` (ACK's answer) in `minor`; an {@link InputError} naming the key and the
 * minors the region offers when there is none.
 */
export function newestPatchOf(minor: string, creatable: readonly string[], region: string, key = "version"): string {
    const ofMinor = creatable.filter((v) => ACK_VERSION.test(v) && v.startsWith(`${minor}.`));
    if (ofMinor.length === 0) {
        const offered = [...new Set(creatable.filter((v) => ACK_VERSION.test(v)).map((v) => v.split(".").slice(0, 2).join(".")))].sort(
            (a, b) => -compareVersions(a, b),
        );
        throw new InputError(
            key,
            `got ${describeValue(minor)}, which ACK does not create in ${region}`,
            offered.length > 0 ? `one of the minors it creates there: ${offered.join(", ")}` : "a region where ACK creates clusters",
        );
    }
    return [...ofMinor].sort(compareVersions).at(-1)!;
}

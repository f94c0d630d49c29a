/**
 * Parsing `klist -kte` output, to compare the keytab reader with MIT's own listing.
 */

/** One line of `klist -kte`. */
export interface KlistEntry {
    readonly kvno: number;
    /** As klist prints it (LC_ALL=C, TZ=UTC): `MM/DD/YY HH:MM:SS`. */
    readonly timestamp: string;
    readonly principal: string;
    /** Without klist's `DEPRECATED:` marker. */
    readonly enctypeName: string;
}

/** Parses `klist -kte` output: `KVNO MM/DD/YY HH:MM:SS principal (enctype)` lines. */
export function parseKlistKeytab(output: string): KlistEntry[] {
    const entries: KlistEntry[] = [];
    for (const line of output.split("\n")) {
        const m = /^\s*(\d+)\s+(\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d)\s+(\S+)\s+\((?:DEPRECATED:)?([^)]+)\)\s*$/.exec(line);
        if (m) {
            entries.push({ kvno: Number(m[1]), timestamp: m[2] as string, principal: m[3] as string, enctypeName: m[4] as string });
        }
    }
    return entries;
}

/** Formats a date the way klist prints it under LC_ALL=C and TZ=UTC, for comparisons. */
export function klistTimestamp(date: Date): string {
    const p = (n: number): string => String(n).padStart(2, "0");
    return `${p(date.getUTCMonth() + 1)}/${p(date.getUTCDate())}/${p(date.getUTCFullYear() % 100)} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())}`;
}

import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { describeKeytabEntry, KeytabFormatError, keytabPrincipals, readKeytab } from "../../components/kerberos/keytab";
import { buildKeytab, EntrySpec, SECRET_MARKER } from "./keytab-builder";
import { klistTimestamp, parseKlistKeytab } from "./klist";

const FIXTURES = join(__dirname, "..", "fixtures", "kerberos");

const spark: EntrySpec = { components: ["spark", "host.example.com"], realm: "EXAMPLE.COM", kvno: 3, enctype: 18 };

function formatError(fn: () => unknown): KeytabFormatError {
    try {
        fn();
    } catch (err) {
        expect(err).toBeInstanceOf(KeytabFormatError);
        return err as KeytabFormatError;
    }
    throw new Error("expected a KeytabFormatError");
}

describe("readKeytab, version 2", () => {
    it("reads every field of an entry", () => {
        const kt = readKeytab(buildKeytab([{ ...spark, nameType: 3, timestamp: 1_700_000_000 }], { endMarker: true }));
        expect(kt.version).toBe(2);
        expect(kt.byteOrder).toBe("big-endian");
        expect(kt.entries).toEqual([
            {
                principal: "spark/host.example.com@EXAMPLE.COM",
                components: ["spark", "host.example.com"],
                realm: "EXAMPLE.COM",
                nameType: 3,
                timestamp: new Date(1_700_000_000_000),
                kvno: 3,
                enctype: 18,
                enctypeName: "aes256-cts-hmac-sha1-96",
                keyLength: 32,
            },
        ]);
    });

    it("ends at the end of the buffer as well as at a 0 length", () => {
        const entries = [spark, { ...spark, enctype: 17, key: new Uint8Array(16).fill(7) }];
        const withMarker = readKeytab(buildKeytab(entries, { endMarker: true }));
        const withoutMarker = readKeytab(buildKeytab(entries));
        expect(withoutMarker).toEqual(withMarker);
        expect(withMarker.entries.map(describeKeytabEntry)).toEqual([
            "spark/host.example.com@EXAMPLE.COM kvno 3 aes256-cts-hmac-sha1-96",
            "spark/host.example.com@EXAMPLE.COM kvno 3 aes128-cts-hmac-sha1-96",
        ]);
    });

    it("stops at the 0 length even when bytes follow it", () => {
        const bytes = buildKeytab([spark], { endMarker: true });
        const trailing = new Uint8Array([...bytes, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3]);
        expect(readKeytab(trailing).entries).toHaveLength(1);
    });

    it("skips holes (negative record lengths)", () => {
        const kt = readKeytab(buildKeytab([{ hole: 40 }, spark, { hole: 7 }, { ...spark, kvno: 4 }]));
        expect(kt.entries.map((e) => e.kvno)).toEqual([3, 4]);
    });

    it("uses the trailing 32-bit kvno when present and non-zero", () => {
        const kt = readKeytab(
            buildKeytab([
                { ...spark, kvno: 300 & 0xff, kvno32: 300 },
                { ...spark, kvno: 5, kvno32: 0 },
            ]),
        );
        expect(kt.entries.map((e) => e.kvno)).toEqual([300, 5]);
    });

    it("reads zero padding after an entry as no 32-bit kvno", () => {
        const kt = readKeytab(
            buildKeytab([
                { ...spark, padding: 12 },
                { ...spark, kvno: 9, padding: 3 },
            ]),
        );
        expect(kt.entries.map((e) => e.kvno)).toEqual([3, 9]);
    });

    it("reads single-component principals, other enctypes and timestamps past 2038", () => {
        const kt = readKeytab(buildKeytab([{ components: ["etl"], realm: "CORP.EXAMPLE.COM", kvno: 1, enctype: 23, timestamp: 0xfffffff0 }]));
        const [entry] = kt.entries;
        expect(entry?.principal).toBe("etl@CORP.EXAMPLE.COM");
        expect(entry?.enctypeName).toBe("arcfour-hmac");
        expect(entry?.timestamp.getUTCFullYear()).toBe(2106);
        expect(readKeytab(buildKeytab([{ ...spark, enctype: 999 }])).entries[0]?.enctypeName).toBe("unknown-999");
    });

    it("escapes separators inside components the way MIT prints them", () => {
        const kt = readKeytab(buildKeytab([{ components: ["we/ird", "a@b"], realm: "R\\X", kvno: 1, enctype: 18 }]));
        expect(kt.entries[0]?.principal).toBe("we\\/ird/a\\@b@R\\\\X");
        expect(kt.entries[0]?.components).toEqual(["we/ird", "a@b"]);
    });

    it("lists distinct principals in order", () => {
        const other: EntrySpec = { components: ["hdfs"], realm: "EXAMPLE.COM", kvno: 1, enctype: 17 };
        expect(keytabPrincipals(readKeytab(buildKeytab([spark, other, spark])))).toEqual(["spark/host.example.com@EXAMPLE.COM", "hdfs@EXAMPLE.COM"]);
    });

    it("accepts a keytab with no entries", () => {
        expect(readKeytab(Uint8Array.of(5, 2)).entries).toEqual([]);
        expect(readKeytab(Uint8Array.of(5, 2, 0, 0, 0, 0)).entries).toEqual([]);
    });

    it("reads from a Buffer slice with a non-zero byte offset", () => {
        const bytes = buildKeytab([spark]);
        const pool = Buffer.alloc(bytes.length + 13, 0x55);
        pool.set(bytes, 13);
        expect(readKeytab(pool.subarray(13)).entries).toHaveLength(1);
    });
});

describe("readKeytab, version 1", () => {
    it("reads little-endian files, whose component count includes the realm", () => {
        const kt = readKeytab(buildKeytab([spark, { hole: 9 }, { ...spark, kvno: 4, kvno32: 260 }], { version: 1 }));
        expect(kt.version).toBe(1);
        expect(kt.byteOrder).toBe("little-endian");
        expect(kt.entries.map((e) => [e.principal, e.kvno, e.nameType])).toEqual([
            ["spark/host.example.com@EXAMPLE.COM", 3, 0],
            ["spark/host.example.com@EXAMPLE.COM", 260, 0],
        ]);
    });

    it("reads big-endian files written on a big-endian host", () => {
        const kt = readKeytab(buildKeytab([spark], { version: 1, littleEndian: false, endMarker: true }));
        expect(kt.byteOrder).toBe("big-endian");
        expect(kt.entries[0]?.components).toEqual(["spark", "host.example.com"]);
        expect(kt.entries[0]?.enctype).toBe(18);
    });
});

describe("readKeytab errors", () => {
    it("refuses empty input", () => {
        expect(formatError(() => readKeytab(new Uint8Array(0))).message).toMatch(/empty \(0 bytes\)/);
    });

    it("refuses a wrong first byte as not a keytab", () => {
        const e = formatError(() => readKeytab(new TextEncoder().encode("[libdefaults]\n")));
        expect(e.problem).toBe("not a keytab: first byte is 0x5b");
        expect(e.expected).toMatch(/starts with byte 0x05/);
    });

    it("refuses unsupported versions and a lone magic byte", () => {
        expect(formatError(() => readKeytab(Uint8Array.of(5, 3))).problem).toMatch(/unsupported keytab version 0x03/);
        expect(formatError(() => readKeytab(Uint8Array.of(5))).problem).toMatch(/truncated after its first byte/);
    });

    it("refuses a record cut short", () => {
        const bytes = buildKeytab([spark, spark]);
        const e = formatError(() => readKeytab(bytes.subarray(0, bytes.length - 5)));
        expect(e.problem).toMatch(/truncated: the record at offset \d+ declares \d+ bytes but only \d+ remain/);
    });

    it("refuses a record length cut short", () => {
        const bytes = buildKeytab([spark]);
        const e = formatError(() => readKeytab(Uint8Array.from([...bytes, 0, 0])));
        expect(e.problem).toMatch(/record length at offset \d+ is cut short/);
    });

    it("refuses a hole longer than the file", () => {
        const bytes = buildKeytab([{ hole: 20 }]);
        expect(formatError(() => readKeytab(bytes.subarray(0, 12))).problem).toMatch(/the hole at offset 2 declares 20 bytes/);
    });

    it("refuses an entry that overruns its record", () => {
        const bytes = buildKeytab([spark]);
        // Shrink the record length so the entry no longer fits in it.
        const view = new DataView(bytes.buffer);
        view.setInt32(2, view.getInt32(2) - 10);
        const e = formatError(() => readKeytab(bytes.subarray(0, bytes.length - 10)));
        expect(e.problem).toMatch(/the entry at offset 2 overruns its record length/);
    });

    it("refuses empty components, empty keys and principals without components", () => {
        expect(formatError(() => readKeytab(buildKeytab([{ ...spark, components: [""] }]))).problem).toMatch(/empty name component/);
        expect(formatError(() => readKeytab(buildKeytab([{ ...spark, realm: "" }]))).problem).toMatch(/empty realm/);
        expect(formatError(() => readKeytab(buildKeytab([{ ...spark, key: new Uint8Array(0) }]))).problem).toMatch(/empty key/);
        expect(formatError(() => readKeytab(buildKeytab([{ ...spark, components: [] }]))).problem).toMatch(/no name components/);
    });

    it("keeps key bytes out of entries and errors", () => {
        const bytes = buildKeytab([spark, spark]);
        const text = JSON.stringify(readKeytab(bytes));
        expect(text).not.toContain(SECRET_MARKER);
        expect(text).not.toContain("SECRET");
        for (const cut of [10, 40, 60, bytes.length - 1]) {
            const e = formatError(() => readKeytab(bytes.subarray(0, cut)));
            expect(e.message).not.toContain("SECRET");
        }
    });
});

describe("readKeytab on a keytab written by MIT kadmin (fixture)", () => {
    it("matches the klist -kte listing saved with it", () => {
        const kt = readKeytab(readFileSync(join(FIXTURES, "spark-v2.keytab")));
        const klist = parseKlistKeytab(readFileSync(join(FIXTURES, "spark-v2.klist.txt"), "utf8"));
        expect(klist.length).toBeGreaterThan(1);
        expect(kt.entries.map((e) => ({ kvno: e.kvno, timestamp: klistTimestamp(e.timestamp), principal: e.principal, enctypeName: e.enctypeName }))).toEqual(
            klist,
        );
    });
});

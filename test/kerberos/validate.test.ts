import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import { KerberosSettings, resolveKerberos } from "../../components/kerberos/validate";
import { buildKeytab, EntrySpec, SECRET_MARKER } from "./keytab-builder";

const FIXTURES = join(__dirname, "..", "fixtures", "kerberos");
const PRINCIPAL = "spark/etl.example.com@EXAMPLE.COM";
const spark: EntrySpec = { components: ["spark", "etl.example.com"], realm: "EXAMPLE.COM", kvno: 2, enctype: 18 };
const CONF = "[libdefaults]\n default_realm = EXAMPLE.COM\n[realms]\n EXAMPLE.COM = {\n  kdc = kdc.example.com\n }\n OTHER.COM = {\n  kdc = o\n }\n";

function settings(overrides: Partial<KerberosSettings> = {}): KerberosSettings {
    return { principal: PRINCIPAL, keytab: buildKeytab([spark, { ...spark, enctype: 17 }]), krb5Conf: CONF, ...overrides };
}

function refusal(overrides: Partial<KerberosSettings>): InputError {
    try {
        resolveKerberos(settings(overrides));
    } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        const e = err as InputError;
        expect(e.message).not.toContain("\n");
        expect(e.message).not.toContain(SECRET_MARKER);
        return e;
    }
    throw new Error("expected an InputError");
}

describe("resolveKerberos accepts", () => {
    it("a keytab for the principal and a krb5.conf that defines its realm", () => {
        const result = resolveKerberos(settings());
        expect(result.principal.name).toBe(PRINCIPAL);
        expect(result.entries.map((e) => e.enctypeName)).toEqual(["aes256-cts-hmac-sha1-96", "aes128-cts-hmac-sha1-96"]);
        expect(result.weakEntries).toEqual([]);
        expect(result.krb5Conf).toBe(CONF);
        expect(result.krb5ConfGenerated).toBe(false);
        expect(result.realms).toEqual(["EXAMPLE.COM", "OTHER.COM"]);
        expect(JSON.stringify(result)).not.toContain(SECRET_MARKER);
    });

    it("strong keys next to weak ones, reporting the weak ones", () => {
        const result = resolveKerberos(settings({ keytab: buildKeytab([{ ...spark, enctype: 23 }, spark, { ...spark, enctype: 16 }]) }));
        expect(result.weakEntries.map((e) => e.enctypeName)).toEqual(["arcfour-hmac", "des3-cbc-sha1"]);
        expect(result.entries).toHaveLength(3);
    });

    it("KDCs instead of a krb5.conf, generating one for the principal's realm", () => {
        const result = resolveKerberos(
            settings({ krb5Conf: undefined, kdcs: ["kdc.example.com:88"], realm: "EXAMPLE.COM", adminServer: "kdc.example.com", domains: ["example.com"] }),
        );
        expect(result.krb5ConfGenerated).toBe(true);
        expect(result.realms).toEqual(["EXAMPLE.COM"]);
        expect(result.krb5Conf).toContain("kdc = kdc.example.com:88");
        expect(result.krb5Conf).toContain(".example.com = EXAMPLE.COM");
    });

    it("the real MIT keytab fixture for its principal", () => {
        const keytab = readFileSync(join(FIXTURES, "spark-v2.keytab"));
        const result = resolveKerberos({ principal: "spark/worker.spark.test@SPARK.TEST", keytab, kdcs: ["127.0.0.1:88"] });
        expect(new Set(result.entries.map((e) => e.kvno))).toEqual(new Set([2, 301]));
    });
});

describe("resolveKerberos refuses", () => {
    it("a malformed principal", () => {
        expect(refusal({ principal: "spark" }).key).toBe("kerberos.principal");
    });

    it("a keytab for other principals, listing the ones it holds", () => {
        const e = refusal({
            keytab: buildKeytab([
                { ...spark, components: ["hdfs", "nn.example.com"] },
                { ...spark, components: ["yarn"] },
            ]),
        });
        expect(e.message).toBe(
            "kerberos.keytab: the keytab holds keys for hdfs/nn.example.com@EXAMPLE.COM, yarn@EXAMPLE.COM but not for " +
                `${PRINCIPAL}, expected a keytab for kerberos.principal ${PRINCIPAL}`,
        );
    });

    it("a principal that differs only in case, with a hint", () => {
        const e = refusal({ keytab: buildKeytab([{ ...spark, components: ["Spark", "etl.example.com"] }]) });
        expect(e.message).toMatch(/Spark\/etl\.example\.com@EXAMPLE\.COM differs only in case/);
    });

    it("a keytab that also holds other principals' keys", () => {
        const e = refusal({ keytab: buildKeytab([spark, { ...spark, components: ["hdfs"] }]) });
        expect(e.message).toMatch(/^kerberos\.keytab: the keytab also holds keys for hdfs@EXAMPLE\.COM, besides spark\//);
        expect(e.message).toMatch(/expected a keytab with keys for spark\/etl\.example\.com@EXAMPLE\.COM only/);
    });

    it("weak-only keys, naming them and the strong enctypes", () => {
        const e = refusal({
            keytab: buildKeytab([
                { ...spark, enctype: 23 },
                { ...spark, enctype: 3, kvno: 1 },
                { ...spark, enctype: 77 },
            ]),
        });
        expect(e.message).toBe(
            `kerberos.keytab: the keytab has only weak or unknown encryption types for ${PRINCIPAL} ` +
                `(${PRINCIPAL} kvno 2 arcfour-hmac, ${PRINCIPAL} kvno 1 des-cbc-md5, ${PRINCIPAL} kvno 2 unknown-77), ` +
                "expected at least one key of aes128-cts-hmac-sha1-96, aes256-cts-hmac-sha1-96, aes128-cts-hmac-sha256-128, " +
                "aes256-cts-hmac-sha384-192, camellia128-cts-cmac, camellia256-cts-cmac",
        );
    });

    it("an empty, truncated, or non-keytab file", () => {
        expect(refusal({ keytab: new Uint8Array(0) }).message).toMatch(/^kerberos\.keytab: the keytab is empty/);
        expect(refusal({ keytab: Uint8Array.of(5, 2) }).message).toMatch(/^kerberos\.keytab: the keytab holds no keys/);
        const bytes = buildKeytab([spark]);
        expect(refusal({ keytab: bytes.subarray(0, 30) }).message).toMatch(/^kerberos\.keytab: the keytab is truncated/);
        expect(refusal({ keytab: Uint8Array.from([0x50, ...bytes.subarray(1)]) }).message).toMatch(
            /^kerberos\.keytab: not a keytab: first byte is 0x50, expected/,
        );
        expect(refusal({ keytab: "a path" as unknown as Uint8Array }).message).toMatch(/^kerberos\.keytab: keytab is "a path"/);
    });

    it("a krb5.conf without the principal's realm, listing its realms", () => {
        const e = refusal({ krb5Conf: "[realms]\n A.COM = {\n  kdc = a\n }\n B.COM = {\n  kdc = b\n }\n" });
        expect(e.message).toBe(
            "kerberos.krb5ConfPath: the krb5.conf defines realms A.COM, B.COM but not EXAMPLE.COM, the realm of kerberos.principal, " +
                'expected a [realms] entry "EXAMPLE.COM = { kdc = host:port }"',
        );
        expect(refusal({ krb5Conf: "# nothing\n" }).message).toMatch(/defines no realms but not EXAMPLE\.COM/);
    });

    it("a krb5.conf with include lines, or broken syntax", () => {
        expect(refusal({ krb5Conf: `includedir /etc/krb5.conf.d/\n${CONF}` }).message).toMatch(
            /^kerberos\.krb5ConfPath: the krb5\.conf has "includedir \/etc\/krb5\.conf\.d\/", which cannot be followed inside the pods/,
        );
        expect(refusal({ krb5Conf: "[realms]\n EXAMPLE.COM = {\n" }).message).toMatch(/^kerberos\.krb5ConfPath: line 2: the file ends inside/);
    });

    it("a realm that differs from the principal's", () => {
        expect(refusal({ realm: "OTHER.COM" }).message).toBe(
            `kerberos.realm: "OTHER.COM" differs from the realm of kerberos.principal ${PRINCIPAL}, expected EXAMPLE.COM (or leave kerberos.realm out)`,
        );
        expect(refusal({ realm: "example.com" }).message).toMatch(/^kerberos\.realm: realm "example\.com" has lowercase letters/);
    });

    it("both or neither of krb5.conf and KDCs, and generator-only keys with a krb5.conf", () => {
        expect(refusal({ kdcs: ["k"] }).message).toMatch(/^kerberos\.kdcs: is given together with kerberos\.krb5ConfPath, expected either/);
        expect(refusal({ krb5Conf: undefined }).message).toMatch(/^kerberos\.krb5ConfPath: is missing and so is kerberos\.kdcs/);
        expect(refusal({ adminServer: "a" }).key).toBe("kerberos.adminServer");
        expect(refusal({ domains: ["example.com"] }).key).toBe("kerberos.domains");
        expect(refusal({ krb5Conf: undefined, kdcs: [] }).key).toBe("kerberos.kdcs");
    });
});

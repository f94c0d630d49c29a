/**
 * Checks the Kerberos code against a real MIT KDC (see ./kdc-harness.ts). Skipped where the Debian
 * tools are missing, except under CI, where their absence fails the run.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import { readKeytab } from "../../components/kerberos/keytab";
import { generateKrb5Conf, readKrb5ConfRealms } from "../../components/kerberos/krb5conf";
import { resolveKerberos } from "../../components/kerberos/validate";
import { ciIsSet, findKerberosTools, freePort, kinitWithKeytab, klistKeytab, klistTimestamp, startTestRealm, TestRealm } from "./kdc-harness";

const { paths, missing } = findKerberosTools();
const INSTALL = "apt-get install -y krb5-kdc krb5-admin-server krb5-user";

if (!paths && ciIsSet()) {
    describe("Kerberos tools", () => {
        it("are installed", () => {
            throw new Error(`Kerberos tools missing but CI is set: ${missing.join(", ")} (${INSTALL})`);
        });
    });
}

const title = paths ? "a real MIT KDC" : `a real MIT KDC (skipped: ${missing.join(", ")} not installed; ${INSTALL})`;

describe.skipIf(!paths)(title, () => {
    const SPARK = "spark/driver.spark.test@SPARK.TEST";
    const HDFS = "hdfs/nn.spark.test@SPARK.TEST";
    const MULTI = "multi@SPARK.TEST";
    const RC4 = "legacy@SPARK.TEST";
    const STALE = "stale@SPARK.TEST";
    let realm: TestRealm;
    const file = (name: string): string => join(realm.dir, name);
    const conf = (): string => readFileSync(realm.krb5ConfPath, "utf8");

    beforeAll(async () => {
        realm = await startTestRealm("SPARK.TEST");
        for (const p of [SPARK, HDFS, MULTI, RC4, STALE]) {
            await realm.addPrincipal(p);
        }
        await realm.exportKeytab(SPARK, file("spark.keytab"));
        await realm.exportKeytab(HDFS, file("hdfs.keytab"));
        await realm.kadmin(`ktadd -k ${file("both.keytab")} -norandkey ${SPARK}`);
        await realm.kadmin(`ktadd -k ${file("both.keytab")} -norandkey ${HDFS}`);
        // kvno 301 does not fit the 8-bit field, so the reader must use the 32-bit one.
        await realm.kadmin(`modprinc -kvno 300 ${MULTI}`);
        await realm.exportKeytab(MULTI, file("multi.keytab"), [
            "aes256-cts-hmac-sha384-192",
            "aes128-cts-hmac-sha256-128",
            "camellia128-cts-cmac",
            "aes256-cts-hmac-sha1-96",
            "arcfour-hmac",
        ]);
        await realm.exportKeytab(RC4, file("rc4.keytab"), ["arcfour-hmac"]);
        // Exporting twice gives new keys: the first file is then stale.
        await realm.exportKeytab(STALE, file("stale.keytab"));
        await realm.exportKeytab(STALE, file("fresh.keytab"));
    }, 60_000);

    afterAll(async () => {
        await realm?.stop();
    }, 30_000);

    it.each(["spark.keytab", "multi.keytab", "both.keytab", "rc4.keytab"])("reads %s exactly as klist -kte lists it", async (name) => {
        const listed = await klistKeytab(file(name));
        const read = readKeytab(readFileSync(file(name))).entries;
        expect(listed.length).toBeGreaterThan(0);
        expect(read.map((e) => ({ kvno: e.kvno, timestamp: klistTimestamp(e.timestamp), principal: e.principal, enctypeName: e.enctypeName }))).toEqual(listed);
        if (name === "multi.keytab") {
            expect(new Set(read.map((e) => e.kvno))).toEqual(new Set([301]));
        }
    });

    it("accepts the principal's keytab, and kinit works with the very bytes validated", async () => {
        const bytes = readFileSync(file("spark.keytab"));
        const result = resolveKerberos({ principal: SPARK, keytab: bytes, krb5Conf: conf() });
        expect(result.entries.map((e) => e.enctypeName)).toEqual(["aes256-cts-hmac-sha1-96", "aes128-cts-hmac-sha1-96"]);
        expect(result.realms).toEqual(["SPARK.TEST"]);
        writeFileSync(file("copy.keytab"), Buffer.from(bytes));
        expect(await kinitWithKeytab(file("copy.keytab"), SPARK)).toEqual({ defaultPrincipal: SPARK });
    });

    it("kinit works through a krb5.conf written by generateKrb5Conf", async () => {
        const result = resolveKerberos({ principal: MULTI, keytab: readFileSync(file("multi.keytab")), kdcs: [realm.kdcAddress] });
        expect(result.weakEntries.map((e) => e.enctypeName)).toEqual(["arcfour-hmac"]);
        const generated = file("generated-krb5.conf");
        writeFileSync(generated, generateKrb5Conf({ realm: "SPARK.TEST", kdcs: [realm.kdcAddress] }));
        expect(await kinitWithKeytab(file("multi.keytab"), MULTI, { krb5ConfPath: generated })).toEqual({ defaultPrincipal: MULTI });
    });

    it("kinitWithKeytab fails on a keytab whose keys the KDC has replaced", async () => {
        await expect(kinitWithKeytab(file("stale.keytab"), STALE)).rejects.toThrow(/kinit .* failed: .*(Password incorrect|Preauthentication failed)/);
        expect((await kinitWithKeytab(file("fresh.keytab"), STALE)).defaultPrincipal).toBe(STALE);
    });

    it("refuses a keytab for another principal, listing the principals it holds", () => {
        const attempt = (): unknown => resolveKerberos({ principal: SPARK, keytab: readFileSync(file("hdfs.keytab")), krb5Conf: conf() });
        expect(attempt).toThrow(InputError);
        expect(attempt).toThrow(`kerberos.keytab: the keytab holds keys for ${HDFS} but not for ${SPARK}`);
    });

    it("refuses a keytab that also holds another principal", () => {
        expect(() => resolveKerberos({ principal: SPARK, keytab: readFileSync(file("both.keytab")), krb5Conf: conf() })).toThrow(
            `the keytab also holds keys for ${HDFS}, besides ${SPARK}`,
        );
    });

    it("refuses an rc4-only keytab written by MIT", () => {
        expect(() => resolveKerberos({ principal: RC4, keytab: readFileSync(file("rc4.keytab")), krb5Conf: conf() })).toThrow(
            /kerberos\.keytab: the keytab has only weak or unknown encryption types for legacy@SPARK\.TEST \(legacy@SPARK\.TEST kvno 2 arcfour-hmac\)/,
        );
    });

    it("refuses truncated and flipped-magic copies of a real keytab", () => {
        const bytes = readFileSync(file("spark.keytab"));
        const check = (keytab: Uint8Array): unknown => resolveKerberos({ principal: SPARK, keytab, krb5Conf: conf() });
        expect(() => check(bytes.subarray(0, bytes.length - 7))).toThrow(/^kerberos\.keytab: the keytab is truncated/);
        expect(() => check(bytes.subarray(0, 3))).toThrow(/^kerberos\.keytab: the record length at offset 2 is cut short/);
        const flipped = Buffer.from(bytes);
        flipped[0] = 0xfa;
        expect(() => check(flipped)).toThrow(/^kerberos\.keytab: not a keytab: first byte is 0xfa/);
        const version = Buffer.from(bytes);
        version[1] = 0x09;
        expect(() => check(version)).toThrow(/^kerberos\.keytab: unsupported keytab version 0x09/);
    });

    it("agrees with MIT krb5 on which realms a krb5.conf defines", async () => {
        // Point every KDC at a closed local port: MIT then says "Cannot contact any KDC" for a realm
        // it knows and "Cannot find KDC" for one it does not, without any network or DNS.
        const closed = await freePort();
        const fixture = readFileSync(join(__dirname, "..", "fixtures", "kerberos", "corp-krb5.conf"), "utf8");
        const text = fixture.replace(/^(\s*kdc\s*=\s*).*$/gm, `$1127.0.0.1:${closed}`);
        writeFileSync(file("corp-krb5.conf"), text);
        const candidates = ["CORP.EXAMPLE.COM", "AD.EXAMPLE.COM", "ONELINE.EXAMPLE.COM", "LATE.EXAMPLE.COM", "AFTER-FINAL.EXAMPLE.COM", "NOWHERE.EXAMPLE.COM"];
        const knownToMit = candidates.filter((r) => {
            try {
                execFileSync(paths!.kinit, ["-k", "-t", "/dev/null", `u@${r}`], {
                    env: { ...process.env, KRB5_CONFIG: file("corp-krb5.conf"), KRB5CCNAME: `FILE:${file("unused-cc")}`, LC_ALL: "C" },
                    stdio: ["ignore", "pipe", "pipe"],
                    timeout: 20_000,
                });
            } catch (err) {
                const stderr = String((err as { stderr?: Buffer }).stderr ?? "");
                if (/Cannot find KDC for realm/.test(stderr)) {
                    return false;
                }
                expect(stderr).toMatch(/Cannot contact any KDC/);
                return true;
            }
            throw new Error(`kinit unexpectedly succeeded for ${r}`);
        });
        expect(readKrb5ConfRealms(text).sort()).toEqual(knownToMit.sort());
    });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";

import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import { SecretContent } from "../../components/kerberos/secrets";
import { KerberosConfigIo, kerberosSchema, resolveKerberosConfig } from "../../components/platforms/config/kerberos";
import { buildKeytab, EntrySpec, SECRET_MARKER } from "./keytab-builder";

const PRINCIPAL = "spark/etl.example.com@EXAMPLE.COM";
const spark: EntrySpec = { components: ["spark", "etl.example.com"], realm: "EXAMPLE.COM", kvno: 2, enctype: 18 };
const KEYTAB = buildKeytab([spark, { ...spark, enctype: 17 }]);
const CONF = "[libdefaults]\n default_realm = EXAMPLE.COM\n[realms]\n EXAMPLE.COM = {\n  kdc = kdc.example.com\n }\n";
const TOKEN = Uint8Array.from([...Buffer.from("HDTS"), 0, 1, 2, 3]);

/** A fake file system: paths to contents; anything else is ENOENT, like readFileSync. */
function files(map: Record<string, Uint8Array | string>): KerberosConfigIo & { reads: string[] } {
    const reads: string[] = [];
    return {
        reads,
        readFile(path: string): Uint8Array {
            reads.push(path);
            const content = map[path];
            if (content === undefined) {
                throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
            }
            return typeof content === "string" ? new TextEncoder().encode(content) : content;
        },
    };
}

const FS = files({
    "/keys/spark.keytab": KEYTAB,
    "/etc/krb5.conf": CONF,
    "/keys/hdfs.token": TOKEN,
    "/keys/empty": new Uint8Array(0),
    "/etc/latin1.conf": Uint8Array.of(0xff, 0xfe, 0x41),
});
const base = { principal: PRINCIPAL, keytabPath: "/keys/spark.keytab", krb5ConfPath: "/etc/krb5.conf" };

function bytesOf(content: SecretContent | undefined): Buffer {
    expect(content).toBeInstanceOf(SecretContent);
    return Buffer.from(content!.revealBytes());
}

describe("resolveKerberosConfig", () => {
    it("GIVEN a keytab file and a krb5.conf file WHEN resolved THEN both are read and the keytab is a SecretContent", async () => {
        const io = files({ "/keys/spark.keytab": KEYTAB, "/etc/krb5.conf": CONF });
        const args = resolveKerberosConfig(base, io);
        expect(io.reads).toEqual(["/keys/spark.keytab", "/etc/krb5.conf"]);
        expect(Object.keys(args).sort()).toEqual(["keytab", "krb5Conf", "principal"]);
        expect(args.principal).toBe(PRINCIPAL);
        expect(args.krb5Conf).toBe(CONF);
        expect(bytesOf(args.keytab).equals(Buffer.from(KEYTAB))).toBe(true);
        expect(await pulumi.isSecret(args.keytab!.base64)).toBe(true);
        expect(JSON.stringify(args)).not.toContain(SECRET_MARKER);
    });

    it("GIVEN the keytab inline as base64 and KDCs WHEN resolved THEN no file is read and the krb5.conf inputs pass through", () => {
        const io = files({});
        const args = resolveKerberosConfig(
            {
                principal: PRINCIPAL,
                keytab: Buffer.from(KEYTAB).toString("base64"),
                realm: "EXAMPLE.COM",
                kdcs: ["kdc1.example.com:88"],
                adminServer: "kdc1.example.com",
                domains: ["example.com"],
            },
            io,
        );
        expect(io.reads).toEqual([]);
        expect(bytesOf(args.keytab).equals(Buffer.from(KEYTAB))).toBe(true);
        expect(args).toMatchObject({ realm: "EXAMPLE.COM", kdcs: ["kdc1.example.com:88"], adminServer: "kdc1.example.com", domains: ["example.com"] });
        expect(args.krb5Conf).toBeUndefined();
    });

    it("GIVEN a delegation token file instead of a keytab WHEN resolved THEN it is a SecretContent and there is no keytab", () => {
        const args = resolveKerberosConfig({ principal: PRINCIPAL, delegationTokenPath: "/keys/hdfs.token", kdcs: ["kdc:88"] }, FS);
        expect(args.keytab).toBeUndefined();
        expect(bytesOf(args.delegationToken).equals(Buffer.from(TOKEN))).toBe(true);
    });

    it("GIVEN the real MIT keytab fixture WHEN resolved through the real file system THEN it is accepted", () => {
        const keytabPath = join(__dirname, "..", "fixtures", "kerberos", "spark-v2.keytab");
        const args = resolveKerberosConfig({ principal: "spark/worker.spark.test@SPARK.TEST", keytabPath, kdcs: ["127.0.0.1:88"] });
        expect(bytesOf(args.keytab).equals(readFileSync(keytabPath))).toBe(true);
    });

    // One bad input per rule: one line naming the key the user wrote, never any key bytes.
    it.each<[string, unknown, string | RegExp]>([
        [
            "not an object",
            "spark@EXAMPLE.COM",
            "kerberos: got a string of 17 characters, expected an object with principal, keytabPath or keytab, and krb5ConfPath or kdcs",
        ],
        [
            "no principal",
            { keytabPath: "/keys/spark.keytab", krb5ConfPath: "/etc/krb5.conf" },
            "kerberos.principal: got nothing, expected a Kerberos principal",
        ],
        ["a malformed principal", { ...base, principal: "spark" }, 'kerberos.principal: principal "spark" has no @REALM, expected primary[/instance]@REALM'],
        [
            "an unknown key",
            { ...base, keytabFile: "/x" },
            "kerberos.keytabFile: unknown config key, expected one of principal, keytabPath, keytab, krb5ConfPath, realm, kdcs, adminServer, domains, delegationTokenPath",
        ],
        [
            "a keytab of the wrong type",
            { ...base, keytabPath: undefined, keytab: ["SECRETKEY"] },
            "kerberos.keytab: got a list of 1 items, expected the keytab file as base64 text",
        ],
        [
            "kdcs not a list",
            { ...base, krb5ConfPath: undefined, kdcs: "kdc:88" },
            "kerberos.kdcs: got a string of 6 characters, expected a list of KDC addresses",
        ],
        [
            "no keytab at all",
            { principal: PRINCIPAL, krb5ConfPath: "/etc/krb5.conf" },
            "kerberos.keytabPath: is missing and so are kerberos.keytab and kerberos.delegationTokenPath, expected kerberos.keytabPath (a keytab file)",
        ],
        [
            "keytabPath and keytab",
            { ...base, keytab: Buffer.from(KEYTAB).toString("base64") },
            "kerberos.keytab: is given together with kerberos.keytabPath, expected either kerberos.keytabPath (a keytab file) or kerberos.keytab (its base64 content), not both",
        ],
        [
            "a keytab and a token",
            { ...base, delegationTokenPath: "/keys/hdfs.token" },
            "kerberos.delegationTokenPath: is given together with kerberos.keytabPath, expected either a keytab (the driver then obtains and renews delegation tokens itself) or a delegation token file, not both",
        ],
        [
            "krb5ConfPath and kdcs",
            { ...base, kdcs: ["kdc:88"] },
            "kerberos.kdcs: is given together with kerberos.krb5ConfPath, expected either kerberos.krb5ConfPath (a krb5.conf file) or kerberos.kdcs (to generate one), not both",
        ],
        [
            "neither krb5ConfPath nor kdcs",
            { ...base, krb5ConfPath: undefined, realm: "EXAMPLE.COM" },
            "kerberos.krb5ConfPath: is missing and so is kerberos.kdcs",
        ],
        [
            "a missing keytab file",
            { ...base, keytabPath: "/nope/spark.keytab" },
            'kerberos.keytabPath: no readable file at "/nope/spark.keytab" (ENOENT), expected a path to a keytab file',
        ],
        ["an empty keytab path", { ...base, keytabPath: " " }, "kerberos.keytabPath: is an empty path, expected a path to a keytab file"],
        ["an empty keytab file", { ...base, keytabPath: "/keys/empty" }, 'kerberos.keytabPath: the file at "/keys/empty" is empty, expected a keytab file'],
        [
            "a missing krb5.conf",
            { ...base, krb5ConfPath: "/etc/nope.conf" },
            'kerberos.krb5ConfPath: no readable file at "/etc/nope.conf" (ENOENT), expected a path to a krb5.conf file',
        ],
        [
            "a krb5.conf that is not UTF-8",
            { ...base, krb5ConfPath: "/etc/latin1.conf" },
            'kerberos.krb5ConfPath: the file at "/etc/latin1.conf" is not UTF-8 text',
        ],
        [
            "a missing token file",
            { principal: PRINCIPAL, delegationTokenPath: "/keys/nope.token", kdcs: ["kdc"] },
            'kerberos.delegationTokenPath: no readable file at "/keys/nope.token" (ENOENT), expected a path to a Hadoop delegation token file',
        ],
        [
            "a token file that is a keytab",
            { principal: PRINCIPAL, delegationTokenPath: "/keys/spark.keytab", kdcs: ["kdc"] },
            "kerberos.delegationTokenPath: is not a Hadoop token file (it does not start with HDTS)",
        ],
        ["a keytab file that is not a keytab", { ...base, keytabPath: "/etc/krb5.conf" }, "kerberos.keytabPath: not a keytab: first byte is 0x5b"],
        [
            "a keytab file for another principal",
            { ...base, principal: "other@EXAMPLE.COM" },
            /^kerberos\.keytabPath: the keytab holds keys for spark\/etl\.example\.com@EXAMPLE\.COM but not for other@EXAMPLE\.COM/,
        ],
        ["an inline keytab that is not base64", { ...base, keytabPath: undefined, keytab: "SECRETKEY not base64" }, "kerberos.keytab: is not valid base64"],
        [
            "an inline keytab that is not a keytab",
            { ...base, keytabPath: undefined, keytab: Buffer.from("SECRETKEY").toString("base64") },
            "kerberos.keytab: not a keytab: first byte is 0x53",
        ],
        [
            "a realm that differs",
            { principal: PRINCIPAL, keytabPath: "/keys/spark.keytab", realm: "OTHER.COM", kdcs: ["kdc"] },
            'kerberos.realm: "OTHER.COM" differs from the realm of kerberos.principal',
        ],
        [
            "a bad KDC",
            { principal: PRINCIPAL, keytabPath: "/keys/spark.keytab", kdcs: ["kdc:99999"] },
            'kerberos.kdcs[0]: port 99999 in "kdc:99999" is out of range',
        ],
        [
            "adminServer with a krb5.conf file",
            { ...base, adminServer: "kdc" },
            "kerberos.adminServer: is given with kerberos.krb5ConfPath, expected it only with kerberos.kdcs",
        ],
        ["a krb5.conf path with a typo", { ...base, krb5ConfPath: "/etc/other.conf" }, 'kerberos.krb5ConfPath: no readable file at "/etc/other.conf"'],
    ])("GIVEN %s WHEN resolved THEN it fails with one clear line", (_what, raw, message) => {
        let error: unknown;
        try {
            resolveKerberosConfig(raw, FS);
        } catch (err) {
            error = err;
        }
        expect(error).toBeInstanceOf(InputError);
        const text = (error as Error).message;
        expect(text).not.toContain("\n");
        expect(text).not.toContain(SECRET_MARKER);
        if (typeof message === "string") {
            expect(text.startsWith(message), text).toBe(true);
        } else {
            expect(text).toMatch(message);
        }
    });

    it("GIVEN a krb5.conf file without the principal's realm WHEN resolved THEN the error names krb5ConfPath and the realms it has", () => {
        const io = files({ "/keys/spark.keytab": KEYTAB, "/etc/krb5.conf": "[realms]\n CORP.COM = {\n  kdc = dc\n }\n" });
        expect(() => resolveKerberosConfig(base, io)).toThrow(/^kerberos\.krb5ConfPath: the krb5\.conf defines realms CORP\.COM but not EXAMPLE\.COM/);
    });

    it("GIVEN the schema WHEN given a full object THEN it accepts it (the stack config's shape check)", () => {
        expect(kerberosSchema.safeParse({ ...base, adminServer: "kdc", domains: ["example.com"] }).success).toBe(true);
        expect(kerberosSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    });
});

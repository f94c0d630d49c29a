import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import { generateKrb5Conf, parseKdcAddress, parseKrb5Conf, readKrb5ConfRealms } from "../../components/kerberos/krb5conf";

const FIXTURES = join(__dirname, "..", "fixtures", "kerberos");

function inputError(fn: () => unknown): InputError {
    try {
        fn();
    } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        return err as InputError;
    }
    throw new Error("expected an InputError");
}

describe("generateKrb5Conf", () => {
    it("writes libdefaults, the realm with its KDCs and admin server, and domain_realm", () => {
        const text = generateKrb5Conf({
            realm: "EXAMPLE.COM",
            kdcs: ["kdc1.example.com:88", "kdc2.example.com", "[2001:db8::1]:750"],
            adminServer: "kdc1.example.com:749",
            domains: ["example.com", ".Internal.Example.NET"],
        });
        const body = text.split("\n").filter((l) => !l.trimStart().startsWith("#"));
        expect(body.join("\n")).toBe(
            [
                "[libdefaults]",
                "    default_realm = EXAMPLE.COM",
                "    dns_lookup_kdc = false",
                "    dns_lookup_realm = false",
                "    rdns = false",
                "    udp_preference_limit = 1",
                "",
                "[realms]",
                "    EXAMPLE.COM = {",
                "        kdc = kdc1.example.com:88",
                "        kdc = kdc2.example.com",
                "        kdc = [2001:db8::1]:750",
                "        admin_server = kdc1.example.com:749",
                "    }",
                "",
                "[domain_realm]",
                "    .example.com = EXAMPLE.COM",
                "    example.com = EXAMPLE.COM",
                "    .internal.example.net = EXAMPLE.COM",
                "    internal.example.net = EXAMPLE.COM",
                "",
            ].join("\n"),
        );
    });

    it("leaves out optional parts and reads back through the parser", () => {
        const text = generateKrb5Conf({ realm: "SPARK.TEST", kdcs: ["127.0.0.1:40088"] });
        expect(text).not.toContain("admin_server");
        expect(text).not.toContain("[domain_realm]");
        expect(parseKrb5Conf(text)).toEqual({
            defaultRealm: "SPARK.TEST",
            realms: [{ name: "SPARK.TEST", kdcs: ["127.0.0.1:40088"], adminServers: [] }],
            unreadDirectives: [],
        });
    });

    it.each([
        [{ realm: "example.com", kdcs: ["k"] }, /^kerberos\.realm: realm "example\.com" has lowercase/],
        [{ realm: "EXAMPLE.COM", kdcs: [] }, /^kerberos\.kdcs: KDC list is \[\], expected at least one KDC/],
        [{ realm: "EXAMPLE.COM", kdcs: ["kdc:88", "kdc:88"] }, /^kerberos\.kdcs\[1\]: "kdc:88" is listed twice/],
        [{ realm: "EXAMPLE.COM", kdcs: ["kdc:0"] }, /^kerberos\.kdcs\[0\]: port 0 in "kdc:0" is out of range/],
        [{ realm: "EXAMPLE.COM", kdcs: ["kdc\n[realms]"] }, /^kerberos\.kdcs\[0\]: "kdc\\n\[realms\]" is not a host\[:port\]/],
        [{ realm: "EXAMPLE.COM", kdcs: ["kdc }"] }, /^kerberos\.kdcs\[0\]: .* is not a host/],
        [{ realm: "EXAMPLE.COM", kdcs: ["k"], adminServer: "a b" }, /^kerberos\.adminServer: "a b" is not/],
        [{ realm: "EXAMPLE.COM", kdcs: ["k"], domains: ["ex ample.com"] }, /^kerberos\.domains\[0\]: "ex ample\.com" is not a DNS domain/],
    ])("refuses bad input %#", (options, pattern) => {
        expect(inputError(() => generateKrb5Conf(options)).message).toMatch(pattern);
    });
});

describe("parseKdcAddress", () => {
    it("splits host and port", () => {
        expect(parseKdcAddress("kdc.example.com:88")).toEqual({ host: "kdc.example.com", port: 88 });
        expect(parseKdcAddress("10.0.0.5")).toEqual({ host: "10.0.0.5" });
        expect(parseKdcAddress("[fd00::5]:88")).toEqual({ host: "fd00::5", port: 88 });
    });

    it("refuses what is not host[:port]", () => {
        for (const bad of ["", "kdc:", ":88", "kdc:88:89", "fd00::5", "[kdc.example.com]:88", "kdc:123456", "tcp/kdc:88", "-kdc"]) {
            expect(() => parseKdcAddress(bad), bad).toThrow(InputError);
        }
    });
});

describe("parseKrb5Conf", () => {
    it("reads realms, KDCs and default_realm following MIT's profile rules", () => {
        const info = parseKrb5Conf(readFileSync(join(FIXTURES, "corp-krb5.conf"), "utf8"));
        expect(info.defaultRealm).toBe("CORP.EXAMPLE.COM");
        expect(info.realms).toEqual([
            // Defined twice: merged. Relations of nested subsections (auth_to_local_names) are not the realm's.
            {
                name: "CORP.EXAMPLE.COM",
                kdcs: ["kdc1.corp.example.com:88", "kdc2.corp.example.com", "kdc3.corp.example.com"],
                adminServers: ["kdc1.corp.example.com"],
            },
            // '{' on the next line opens a subsection; quoted values are unquoted.
            { name: "AD.EXAMPLE.COM", kdcs: ["dc1.ad.example.com"], adminServers: [] },
            // "ONELINE = { ... }" is a relation, not a realm. The '*' of [realms]* does not hide the
            // [realms] after it in the same file (MIT krb5 before 1.22).
            { name: "LATE.EXAMPLE.COM", kdcs: ["late.example.com"], adminServers: [] },
            { name: "AFTER-FINAL.EXAMPLE.COM", kdcs: ["after-final.example.com"], adminServers: [] },
        ]);
        expect(info.unreadDirectives).toEqual([]);
    });

    it("reports include, includedir and module lines (column 0 only)", () => {
        const text = "module /lib/x.so:y\ninclude /etc/krb5.local.conf\n[libdefaults]\nincludedir /etc/krb5.conf.d/\n  include = x\n";
        expect(parseKrb5Conf(text).unreadDirectives).toEqual(["module /lib/x.so:y", "include /etc/krb5.local.conf", "includedir /etc/krb5.conf.d/"]);
    });

    it("handles CRLF line ends, '*' final tags and a file with no realms", () => {
        expect(readKrb5ConfRealms("[realms]\r\n A.B = {\r\n kdc* = k\r\n }\r\n")).toEqual(["A.B"]);
        expect(parseKrb5Conf("[libdefaults]\n default_realm = X\n default_realm = Y\n")).toEqual({
            defaultRealm: "X",
            realms: [],
            unreadDirectives: [],
        });
        expect(parseKrb5Conf("")).toEqual({ realms: [], unreadDirectives: [] });
    });

    it.each([
        ["[realms]\n A = {\n kdc = k\n", /line 3: the file ends inside "A = \{" \(missing '\}'\)/],
        ["[realms]\n }\n", /line 2: '\}' without a matching '\{'/],
        ["[realms]\n A =\n kdc = k\n", /line 3: expected '\{' after "A ="/],
        ["[realms]\n A =\n", /the file ends before the '\{' of "A ="/],
        ["[realms]\n A = {\n[libdefaults]\n", /line 3: a \[section\] header inside an open '\{'/],
        ["[realms\n", /line 1: malformed section header/],
        ["[realms]\n kdc k\n", /line 2: expected "tag = value"/],
        ["[realms]\n a b = c\n", /line 2: tag "a b" contains whitespace/],
    ])("refuses broken syntax %#", (text, pattern) => {
        const e = inputError(() => parseKrb5Conf(text, "kerberos.krb5ConfPath"));
        expect(e.key).toBe("kerberos.krb5ConfPath");
        expect(e.message).toMatch(pattern);
    });
});

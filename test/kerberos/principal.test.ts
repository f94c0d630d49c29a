import { describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import { checkRealm, formatPrincipal, isWellFormedPrincipal, parsePrincipal } from "../../components/kerberos/principal";

function inputError(fn: () => unknown): InputError {
    try {
        fn();
    } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        return err as InputError;
    }
    throw new Error("expected an InputError");
}

describe("parsePrincipal", () => {
    it("parses primary/instance@REALM", () => {
        expect(parsePrincipal("spark/worker.example.com@EXAMPLE.COM")).toEqual({
            primary: "spark",
            instance: "worker.example.com",
            realm: "EXAMPLE.COM",
            components: ["spark", "worker.example.com"],
            name: "spark/worker.example.com@EXAMPLE.COM",
        });
    });

    it("parses primary@REALM without an instance", () => {
        const p = parsePrincipal("etl-user@CORP.EXAMPLE.COM");
        expect(p.instance).toBeUndefined();
        expect(p.components).toEqual(["etl-user"]);
        expect(parsePrincipal("HOST$@AD.EXAMPLE.COM").primary).toBe("HOST$");
    });

    it.each([
        ["", /principal is ""/],
        ["spark", /has no @REALM/],
        ["spark/host", /has no @REALM/],
        ["spark@", /empty realm/],
        ["@EXAMPLE.COM", /empty name component/],
        ["spark/@EXAMPLE.COM", /empty name component/],
        ["/host@EXAMPLE.COM", /empty name component/],
        ["a/b/c@EXAMPLE.COM", /has 3 name components/],
        ["spark@EXAMPLE.COM@OTHER", /more than one '@'/],
        ["spark@EXAMPLE.COM/x", /'\/' in its realm/],
        ["spark @EXAMPLE.COM", /whitespace/],
        ["spark@EXAMPLE.COM\n", /whitespace/],
        ["sp\\/ark@EXAMPLE.COM", /backslash/],
        ["spärk@EXAMPLE.COM", /non-ASCII/],
        ["spark@EXAMPLE..COM", /realm "EXAMPLE..COM" is malformed/],
        ["spark@example.com", /realm "example.com" has lowercase letters, expected the uppercase realm EXAMPLE.COM/],
    ])("refuses %j", (text, pattern) => {
        const e = inputError(() => parsePrincipal(text));
        expect(e.key).toBe("kerberos.principal");
        expect(e.message).toMatch(pattern);
        expect(e.message).not.toContain("\n");
    });

    it("refuses non-strings and uses the given key", () => {
        expect(inputError(() => parsePrincipal(42, "jobs.etl.principal")).message).toBe(
            "jobs.etl.principal: principal is 42, expected primary[/instance]@REALM, e.g. spark/worker.example.com@EXAMPLE.COM",
        );
        expect(isWellFormedPrincipal(undefined)).toBe(false);
        expect(isWellFormedPrincipal("a/b@C")).toBe(true);
    });
});

describe("checkRealm", () => {
    it("accepts uppercase dotted realms", () => {
        expect(checkRealm("EXAMPLE.COM")).toBe("EXAMPLE.COM");
        expect(checkRealm("AD-1.CORP_X.EXAMPLE")).toBe("AD-1.CORP_X.EXAMPLE");
    });

    it("refuses lowercase, malformed and missing realms", () => {
        expect(inputError(() => checkRealm("Example.com")).message).toMatch(/^kerberos\.realm: realm "Example\.com" has lowercase/);
        expect(inputError(() => checkRealm(".EXAMPLE.COM")).message).toMatch(/malformed/);
        expect(inputError(() => checkRealm("EXAMPLE COM")).message).toMatch(/malformed/);
        expect(inputError(() => checkRealm("EX{AMPLE")).message).toMatch(/malformed/);
        expect(inputError(() => checkRealm(undefined)).message).toMatch(/realm is nothing/);
    });
});

describe("formatPrincipal", () => {
    it("joins components and escapes separators like krb5_unparse_name", () => {
        expect(formatPrincipal(["spark", "h"], "R")).toBe("spark/h@R");
        expect(formatPrincipal(["a/b", "c@d", "e\\f", "t\tn\n"], "R@S")).toBe("a\\/b/c\\@d/e\\\\f/t\\tn\\n@R\\@S");
    });
});

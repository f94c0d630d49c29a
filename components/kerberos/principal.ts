/**
 * Kerberos principal names as this package accepts them: `primary[/instance]@REALM`.
 *
 * Deliberately narrower than Kerberos itself (which allows any number of components and
 * backslash escapes, MIT krb5 doc/appdev/refs/api/krb5_parse_name): Spark logs in through Hadoop's
 * `KerberosName`, whose parser (hadoop-auth, org/apache/hadoop/security/authentication/util/
 * KerberosName.java) matches at most two components and knows no escapes. A name Hadoop cannot
 * parse fails inside the driver pod, long after `pulumi up`; refusing it here fails early.
 */
import { describeValue, InputError } from "../errors";

/** A parsed, well-formed principal. */
export interface KerberosPrincipal {
    /** The first component, e.g. `spark`. */
    readonly primary: string;
    /** The second component (often a host name), if any. */
    readonly instance?: string;
    readonly realm: string;
    /** `[primary]` or `[primary, instance]`. */
    readonly components: readonly string[];
    /** The canonical text, `primary[/instance]@REALM`. */
    readonly name: string;
}

const EXPECT_PRINCIPAL = "primary[/instance]@REALM, e.g. spark/worker.example.com@EXAMPLE.COM";

// Realm: DNS-like labels of letters, digits, `-` and `_`, joined by single dots. Kerberos allows
// more, but these are what a krb5.conf tag, a Spark conf value and a file path all carry safely.
const REALM_SHAPE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

// A name component: printable ASCII except space and the three characters MIT gives meaning to
// (`/` separates components, `@` starts the realm, `\` escapes); `$` stays allowed for AD accounts.
const COMPONENT_SHAPE = /^[\x21-\x7e]+$/;

/**
 * Checks a realm name and returns it. Lowercase realms are refused: realms are compared
 * case-sensitively and are by convention the DNS domain in uppercase (MIT krb5
 * doc/admin/realm_config.rst; Active Directory and FreeIPA always use uppercase), so a lowercase
 * realm is nearly always a typo that would otherwise surface only as "Cannot find KDC for realm"
 * inside a pod. The rare site with a genuinely lowercase realm cannot use this package unchanged.
 */
export function checkRealm(realm: unknown, key = "kerberos.realm"): string {
    if (typeof realm !== "string" || realm.length === 0) {
        throw new InputError(key, `realm is ${describeValue(realm)}`, "a realm name such as EXAMPLE.COM");
    }
    if (!REALM_SHAPE.test(realm)) {
        throw new InputError(
            key,
            `realm ${describeValue(realm)} is malformed`,
            "letters, digits, '-' and '_' in labels joined by single dots, e.g. EXAMPLE.COM",
        );
    }
    if (realm !== realm.toUpperCase()) {
        throw new InputError(
            key,
            `realm ${describeValue(realm)} has lowercase letters`,
            `the uppercase realm ${realm.toUpperCase()} (realms are case-sensitive and conventionally uppercase)`,
        );
    }
    return realm;
}

/**
 * Parses `primary[/instance]@REALM`, throwing {@link InputError} under `key` when it is not well
 * formed: a realm is required (no default realm is guessed, so the keytab and krb5.conf checks
 * always know which realm is meant), at most two non-empty components, no stray `@`, `/`, `\` or
 * whitespace, and an uppercase realm (see {@link checkRealm}).
 */
export function parsePrincipal(text: unknown, key = "kerberos.principal"): KerberosPrincipal {
    if (typeof text !== "string" || text.length === 0) {
        throw new InputError(key, `principal is ${describeValue(text)}`, EXPECT_PRINCIPAL);
    }
    const bad = (why: string): never => {
        throw new InputError(key, `principal ${describeValue(text)} ${why}`, EXPECT_PRINCIPAL);
    };
    if (/\s/.test(text)) {
        bad("contains whitespace");
    }
    if (text.includes("\\")) {
        bad("contains a backslash (escaped names are not supported by Hadoop's KerberosName)");
    }
    const at = text.indexOf("@");
    if (at < 0) {
        bad("has no @REALM");
    }
    if (text.indexOf("@", at + 1) >= 0) {
        bad("has more than one '@'");
    }
    const realm = text.slice(at + 1);
    if (realm.length === 0) {
        bad("has an empty realm after '@'");
    }
    if (realm.includes("/")) {
        bad("has a '/' in its realm");
    }
    const components = text.slice(0, at).split("/");
    if (components.length > 2) {
        bad(`has ${components.length} name components`);
    }
    for (const part of components) {
        if (part.length === 0) {
            bad("has an empty name component");
        }
        if (!COMPONENT_SHAPE.test(part)) {
            bad("has control or non-ASCII characters");
        }
    }
    checkRealm(realm, key);
    const [primary, instance] = components as [string, string | undefined];
    return {
        primary,
        ...(instance === undefined ? {} : { instance }),
        realm,
        components,
        name: text,
    };
}

/**
 * Renders components and realm as MIT does (krb5_unparse_name, src/lib/krb5/krb/unparse.c):
 * `/`, `@`, `\` and the control characters tab, newline, backspace and NUL are backslash-escaped
 * inside each part, so the text matches what `klist` prints even for odd names read from keytabs.
 */
export function formatPrincipal(components: readonly string[], realm: string): string {
    return `${components.map(escapePart).join("/")}@${escapePart(realm)}`;
}

const ESCAPES: Readonly<Record<string, string>> = { "\t": "\\t", "\n": "\\n", "\b": "\\b", "\0": "\\0" };

function escapePart(part: string): string {
    return part.replace(/[/@\\\t\n\b\0]/g, (ch) => ESCAPES[ch] ?? `\\${ch}`);
}

/** True when `text` is a principal {@link parsePrincipal} accepts. */
export function isWellFormedPrincipal(text: unknown): boolean {
    try {
        parsePrincipal(text);
        return true;
    } catch {
        return false;
    }
}

/**
 * Checks run on the Kerberos settings before any resource is created, so a wrong keytab or realm
 * fails `pulumi preview` with one line instead of a driver pod failing its login an hour later.
 *
 * All errors are the project's {@link InputError}. None of them ever contains key bytes: the keytab
 * reader does not keep them, and messages name only principals, kvnos and enctypes.
 */
import { describeValue, InputError } from "../errors";
import { enctypeName, enctypeStrength, STRONG_ENCTYPES } from "./enctypes";
import { describeKeytabEntry, Keytab, KeytabEntry, KeytabFormatError, keytabPrincipals, readKeytab } from "./keytab";
import { generateKrb5Conf, Krb5ConfInfo, parseKrb5Conf } from "./krb5conf";
import { checkRealm, KerberosPrincipal, parsePrincipal } from "./principal";

/** Kerberos settings as the user gives them (files already read by the caller). */
export interface KerberosSettings {
    /** `kerberos.principal`, e.g. `spark/etl@EXAMPLE.COM`. */
    readonly principal: string;
    /** The bytes of the keytab file (`kerberos.keytab`). */
    readonly keytab: Uint8Array;
    /** The text of the user's krb5.conf (`kerberos.krb5ConfPath`); exclusive with `kdcs`. */
    readonly krb5Conf?: string;
    /** `kerberos.realm`: defaults to the principal's realm and must equal it when given. */
    readonly realm?: string;
    /** `kerberos.kdcs`: when given, a krb5.conf is generated for the realm. */
    readonly kdcs?: readonly string[];
    /** `kerberos.adminServer`, only with `kdcs`. */
    readonly adminServer?: string;
    /** `kerberos.domains`, only with `kdcs` (see `Krb5ConfOptions.domains`). */
    readonly domains?: readonly string[];
}

/** The outcome of {@link resolveKerberos}: everything later steps need, and no key bytes. */
export interface ResolvedKerberos {
    readonly principal: KerberosPrincipal;
    /** The keytab's entries for the principal (all enctypes, all kvnos). */
    readonly entries: readonly KeytabEntry[];
    /** Entries of the principal with weak or unknown enctypes, kept but worth a warning. */
    readonly weakEntries: readonly KeytabEntry[];
    /** The krb5.conf to ship: the user's text unchanged, or the generated one. */
    readonly krb5Conf: string;
    readonly krb5ConfGenerated: boolean;
    /** Realms the krb5.conf defines. */
    readonly realms: readonly string[];
}

/** Reads keytab bytes, turning format errors into `InputError`s under `key`. */
export function readKeytabInput(bytes: Uint8Array, key = "kerberos.keytab"): Keytab {
    try {
        return readKeytab(bytes);
    } catch (err) {
        if (err instanceof KeytabFormatError) {
            throw new InputError(key, err.problem, err.expected);
        }
        throw err;
    }
}

/**
 * Checks that a keytab holds keys for exactly `principal` and for no other principal (the keytab is
 * mounted into every driver pod: extra keys would let a compromised job impersonate other
 * services), and that at least one of them uses a strong enctype (see ./enctypes for which are
 * weak and why). Returns the principal's entries, split into all and weak/unknown ones.
 */
export function checkKeytabForPrincipal(
    keytab: Keytab,
    principal: KerberosPrincipal,
    key = "kerberos.keytab",
): { entries: KeytabEntry[]; weakEntries: KeytabEntry[] } {
    const wanted = principal.name;
    if (keytab.entries.length === 0) {
        throw new InputError(key, "the keytab holds no keys", `a keytab with keys for ${wanted} (kerberos.principal)`);
    }
    const held = keytabPrincipals(keytab);
    const entries = keytab.entries.filter((e) => e.principal === wanted);
    if (entries.length === 0) {
        const nearMiss = held.find((p) => p.toLowerCase() === wanted.toLowerCase());
        const hint = nearMiss === undefined ? "" : ` (${nearMiss} differs only in case; principals are case-sensitive)`;
        throw new InputError(key, `the keytab holds keys for ${listOf(held)} but not for ${wanted}${hint}`, `a keytab for kerberos.principal ${wanted}`);
    }
    const others = held.filter((p) => p !== wanted);
    if (others.length > 0) {
        throw new InputError(
            key,
            `the keytab also holds keys for ${listOf(others)}, besides ${wanted}`,
            `a keytab with keys for ${wanted} only (it is mounted into every driver pod; export it with ktadd -k FILE ${wanted})`,
        );
    }
    const weakEntries = entries.filter((e) => enctypeStrength(e.enctype) !== "strong");
    if (weakEntries.length === entries.length) {
        throw new InputError(
            key,
            `the keytab has only weak or unknown encryption types for ${wanted} (${listOf(entries.map(describeKeytabEntry))})`,
            `at least one key of ${STRONG_ENCTYPES.map(enctypeName).join(", ")}`,
        );
    }
    return { entries, weakEntries };
}

/**
 * Checks that the principal's realm is defined in a krb5.conf, and that the file is self-contained:
 * only this one file reaches the pods, so an `include`/`includedir` line would name a path that
 * does not exist there, which both MIT krb5 and the JVM treat as an error.
 */
export function checkRealmInKrb5Conf(info: Krb5ConfInfo, principal: KerberosPrincipal, key = "kerberos.krb5ConfPath"): void {
    if (info.unreadDirectives.length > 0) {
        throw new InputError(
            key,
            `the krb5.conf has ${listOf(info.unreadDirectives.map((d) => JSON.stringify(d)))}, which cannot be followed inside the pods`,
            "a self-contained krb5.conf (inline the included files)",
        );
    }
    const names = info.realms.map((r) => r.name);
    if (!names.includes(principal.realm)) {
        const defined = names.length === 0 ? "no realms" : `realms ${listOf(names)}`;
        throw new InputError(
            key,
            `the krb5.conf defines ${defined} but not ${principal.realm}, the realm of kerberos.principal`,
            `a [realms] entry "${principal.realm} = { kdc = host:port }"`,
        );
    }
}

/**
 * Validates all Kerberos settings: the principal's form, the keytab against the principal, the
 * choice between a user krb5.conf and generated one, and the realm against that krb5.conf.
 * Throws the first problem found as an {@link InputError}.
 */
export function resolveKerberos(settings: KerberosSettings, keytabKey = "kerberos.keytab"): ResolvedKerberos {
    const principal = checkPrincipalAndRealm(settings.principal, settings.realm);
    if (!(settings.keytab instanceof Uint8Array)) {
        throw new InputError(keytabKey, `keytab is ${describeValue(settings.keytab)}`, "the bytes of a keytab file");
    }
    const { entries, weakEntries } = checkKeytabForPrincipal(readKeytabInput(settings.keytab, keytabKey), principal, keytabKey);
    const { krb5Conf, krb5ConfGenerated, info } = resolveKrb5Conf(settings, principal);
    return { principal, entries, weakEntries, krb5Conf, krb5ConfGenerated, realms: info.realms.map((r) => r.name) };
}

/** Parses `kerberos.principal` and checks `kerberos.realm`, when given, against its realm. */
export function checkPrincipalAndRealm(principalText: unknown, realm: unknown): KerberosPrincipal {
    const principal = parsePrincipal(principalText, "kerberos.principal");
    if (realm !== undefined) {
        checkRealm(realm, "kerberos.realm");
        if (realm !== principal.realm) {
            throw new InputError(
                "kerberos.realm",
                `${describeValue(realm)} differs from the realm of kerberos.principal ${principal.name}`,
                `${principal.realm} (or leave kerberos.realm out)`,
            );
        }
    }
    return principal;
}

/**
 * The krb5.conf to ship: the user's (`kerberos.krb5ConfPath`) or one generated from `kerberos.kdcs`
 * (exactly one of the two), checked to define the principal's realm.
 */
export function resolveKrb5Conf(
    settings: Pick<KerberosSettings, "krb5Conf" | "kdcs" | "adminServer" | "domains">,
    principal: KerberosPrincipal,
): { krb5Conf: string; krb5ConfGenerated: boolean; info: Krb5ConfInfo } {
    const generate = settings.kdcs !== undefined;
    if (generate === (settings.krb5Conf !== undefined)) {
        throw new InputError(
            generate ? "kerberos.kdcs" : "kerberos.krb5ConfPath",
            generate ? "is given together with kerberos.krb5ConfPath" : "is missing and so is kerberos.kdcs",
            "either kerberos.krb5ConfPath (a krb5.conf file) or kerberos.kdcs (to generate one), not both",
        );
    }
    if (!generate && (settings.adminServer !== undefined || settings.domains !== undefined)) {
        const which = settings.adminServer !== undefined ? "kerberos.adminServer" : "kerberos.domains";
        throw new InputError(which, "is given with kerberos.krb5ConfPath", "it only with kerberos.kdcs (the krb5.conf file is used as is)");
    }
    const krb5Conf = generate
        ? generateKrb5Conf({
              realm: principal.realm,
              kdcs: settings.kdcs as readonly string[],
              ...(settings.adminServer === undefined ? {} : { adminServer: settings.adminServer }),
              ...(settings.domains === undefined ? {} : { domains: settings.domains }),
          })
        : (settings.krb5Conf as string);
    const info = parseKrb5Conf(krb5Conf, generate ? "kerberos.kdcs" : "kerberos.krb5ConfPath");
    checkRealmInKrb5Conf(info, principal);
    return { krb5Conf, krb5ConfGenerated: generate, info };
}

/** `a, b, c` for up to five items, then `and N more`: errors stay one short line. */
function listOf(items: readonly string[]): string {
    const shown = items.slice(0, 5).join(", ");
    return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}

/**
 * Kerberos encryption types (enctypes): their numbers, the names MIT tools print for them, and
 * which of them this package accepts as the protection of a Spark keytab.
 *
 * Numbers: MIT krb5 src/include/krb5/krb5.hin (`ENCTYPE_*`), which follows the IANA "Kerberos
 * Encryption Type Numbers" registry. Names: MIT krb5 src/lib/crypto/krb/etypes.c, the names
 * `klist -e` prints, so our output can be compared with klist's.
 */

/** Names of the enctypes a keytab may hold, by number (MIT spelling). */
export const ENCTYPE_NAMES: Readonly<Record<number, string>> = Object.freeze({
    1: "des-cbc-crc",
    2: "des-cbc-md4",
    3: "des-cbc-md5",
    4: "des-cbc-raw",
    5: "des3-cbc-sha",
    6: "des3-cbc-raw",
    8: "des-hmac-sha1",
    16: "des3-cbc-sha1",
    17: "aes128-cts-hmac-sha1-96",
    18: "aes256-cts-hmac-sha1-96",
    19: "aes128-cts-hmac-sha256-128",
    20: "aes256-cts-hmac-sha384-192",
    23: "arcfour-hmac",
    24: "arcfour-hmac-exp",
    25: "camellia128-cts-cmac",
    26: "camellia256-cts-cmac",
});

/**
 * Enctypes accepted as real protection: AES with SHA-1 (RFC 3962), AES with SHA-2 (RFC 8009) and
 * Camellia (RFC 6803). These are the only ones MIT krb5 marks neither weak nor deprecated
 * (etypes.c `ETYPE_WEAK` / `ETYPE_DEPRECATED`).
 */
export const STRONG_ENCTYPES: readonly number[] = Object.freeze([17, 18, 19, 20, 25, 26]);

/**
 * Enctypes refused as the only protection of a keytab:
 * - single DES (1-4, 8): 56-bit keys, brute-forceable; RFC 6649 deprecates them and MIT krb5 1.18
 *   removed them;
 * - triple DES (5, 6, 16): RFC 8429 deprecates them (64-bit blocks, no modern analysis);
 * - RC4 / arcfour-hmac (23, 24): RFC 8429 deprecates them; the key is the unsalted NT hash of the
 *   password, so a stolen keytab is a password-equivalent and RC4 itself is broken.
 * Beyond the RFCs, the JVM that runs the Spark driver no longer uses these by default: JDK-8139348
 * deprecated 3DES and RC4 in Kerberos and JDK-8274207 removed all of them from the default
 * `permitted_enctypes`, so a keytab holding only these fails at login time inside the pod anyway.
 */
export const WEAK_ENCTYPES: readonly number[] = Object.freeze([1, 2, 3, 4, 5, 6, 8, 16, 23, 24]);

/** How this package classes an enctype; `unknown` ones are never counted as protection. */
export type EnctypeStrength = "strong" | "weak" | "unknown";

/** The MIT name of an enctype, or `unknown-<n>` for numbers outside the table. */
export function enctypeName(enctype: number): string {
    return ENCTYPE_NAMES[enctype] ?? `unknown-${enctype}`;
}

/** Classes an enctype number as strong, weak or unknown (see {@link STRONG_ENCTYPES}). */
export function enctypeStrength(enctype: number): EnctypeStrength {
    if (STRONG_ENCTYPES.includes(enctype)) {
        return "strong";
    }
    return WEAK_ENCTYPES.includes(enctype) ? "weak" : "unknown";
}

/**
 * Kerberos support for Spark jobs: the pure part (keytab reader, principal and krb5.conf handling,
 * validation), which imports nothing from Pulumi so the offline plan and tests can use those
 * modules directly, and the Pulumi component that turns validated settings into Secrets and
 * ConfigMaps (`KerberosSecrets`, ./secrets; see ./README.md for how Spark uses them).
 */
export type { EnctypeStrength } from "./enctypes";
export { ENCTYPE_NAMES, enctypeName, enctypeStrength, STRONG_ENCTYPES, WEAK_ENCTYPES } from "./enctypes";
export type { Keytab, KeytabEntry } from "./keytab";
export { describeKeytabEntry, KeytabFormatError, keytabPrincipals, readKeytab } from "./keytab";
export type { KdcAddress, Krb5ConfInfo, Krb5ConfOptions, Krb5ConfRealm } from "./krb5conf";
export { generateKrb5Conf, parseKdcAddress, parseKrb5Conf, readKrb5ConfRealms } from "./krb5conf";
export type { KerberosPrincipal } from "./principal";
export { checkRealm, formatPrincipal, isWellFormedPrincipal, parsePrincipal } from "./principal";
export type { KerberosCredentialKind, KerberosSecretsArgs, ValidatedKerberosSecrets } from "./secrets";
export {
    DEFAULT_KERBEROS_NAME_PREFIX,
    DELEGATION_TOKEN_KEY,
    KerberosSecrets,
    KEYTAB_SECRET_KEY,
    KRB5_CONF_KEY,
    SecretContent,
    validateKerberosSecretsArgs,
} from "./secrets";
export type { KerberosSettings, ValidatedKerberos } from "./validate";
export { checkKeytabForPrincipal, checkRealmInKrb5Conf, readKeytabInput, validateKerberos } from "./validate";

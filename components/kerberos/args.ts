/**
 * The arguments of `KerberosSecrets` and their one parser: shape, principal and realm, krb5.conf,
 * keytab entries or delegation token, object names, mount directory. Pure: nothing is declared, and
 * no secret byte reaches an error message.
 */
import { z } from "zod";

import { describeValue, InputError, underKey } from "../errors";
import { requireDns1123Label } from "../names";
import { dropUndefined, parseShape } from "../shape";
import { KeytabEntry } from "./keytab";
import { KerberosPrincipal } from "./principal";
import { SecretContent } from "./secret-content";
import { checkPrincipalAndRealm, resolveKerberos, resolveKrb5Conf } from "./validate";

/** Arguments of {@link KerberosSecrets}. */
export interface KerberosSecretsArgs {
    /**
     * The principal jobs log in as, `primary[/instance]@REALM`. With `keytab` it becomes
     * `spark.kerberos.principal`; with `delegationToken` it only names the realm (for krb5.conf).
     */
    principal: string;
    /**
     * The keytab, holding keys for `principal` only, with at least one strong enctype. Exactly one of
     * `keytab` and `delegationToken` is required.
     * @default none
     */
    keytab?: SecretContent;
    /**
     * A Hadoop delegation token file (`hdfs fetchdt` output, the `HDTS` token storage format), for
     * jobs that must not hold a keytab. Tokens expire (typically after 1 day, 7 days at most) and
     * are not renewed by Spark without a keytab. Exclusive with `keytab`: with a keytab the driver
     * obtains and renews its own tokens, and a second, stale token source would only confuse which
     * credentials Hadoop uses.
     * @default none
     */
    delegationToken?: SecretContent;
    /**
     * The krb5.conf to ship, used as is (it must define the principal's realm and be
     * self-contained). Exclusive with `kdcs`.
     * @default none: generated from `kdcs`
     */
    krb5Conf?: string;
    /**
     * The realm; must equal the principal's realm.
     * @default the principal's realm
     */
    realm?: string;
    /**
     * KDC addresses (`host[:port]`) to generate a krb5.conf from. Exclusive with `krb5Conf`.
     * @default none: `krb5Conf` is used
     */
    kdcs?: string[];
    /**
     * The kadmin server written into a generated krb5.conf (only with `kdcs`).
     * @default none
     */
    adminServer?: string;
    /**
     * DNS domains mapped to the realm in a generated krb5.conf (only with `kdcs`).
     * @default []
     */
    domains?: string[];
    /**
     * Prefix of the objects declared in each job namespace: `<prefix>-keytab` (Secret),
     * `<prefix>-krb5` (ConfigMap), `<prefix>-token` (Secret).
     * @default "spark-kerberos"
     */
    namePrefix?: string;
    /**
     * Directory the keytab Secret is mounted at in the driver pod; the keytab is
     * `<keytabMountDir>/krb5.keytab`.
     * @default "/mnt/secrets/<prefix>-keytab"
     */
    keytabMountDir?: string;
}

/** Key of the keytab in its Secret (and file name under the mount directory). */
export const KEYTAB_SECRET_KEY = "krb5.keytab";
/** Key of krb5.conf in its ConfigMap (Spark requires exactly this key). */
export const KRB5_CONF_KEY = "krb5.conf";
/** Key of the delegation token in its Secret (the name Hadoop's token file conventionally has). */
export const DELEGATION_TOKEN_KEY = "hadoop.token";
/** The shape of {@link KerberosSecretsArgs}; each message is the "expected" half of an error. */
const kerberosSecretsArgsSchema = z.strictObject(
    {
        principal: z.string({ error: "a Kerberos principal such as spark/etl.example.com@EXAMPLE.COM" }),
        // Checked by requireSecretContent, whose message says how to wrap raw bytes (and never shows them).
        keytab: z.unknown().optional(),
        delegationToken: z.unknown().optional(),
        krb5Conf: z.string({ error: "the text of a krb5.conf" }).optional(),
        realm: z.string({ error: "a realm name such as EXAMPLE.COM" }).optional(),
        kdcs: z.array(z.string({ error: "a KDC address host[:port]" }), { error: "a list of KDC addresses host[:port]" }).optional(),
        adminServer: z.string({ error: "a kadmin server address host[:port]" }).optional(),
        domains: z.array(z.string({ error: "a DNS domain such as example.com" }), { error: "a list of DNS domains" }).optional(),
        namePrefix: z.string({ error: "a name prefix" }).optional(),
        keytabMountDir: z.string({ error: "an absolute directory path" }).optional(),
    },
    { error: "an object with principal, keytab or delegationToken, and krb5Conf or kdcs" },
);

/** @default prefix of the per-namespace objects. */
export const DEFAULT_KERBEROS_NAME_PREFIX = "spark-kerberos";

/** Which credentials the jobs get. */
export type KerberosCredentialKind = "keytab" | "delegationToken";

/** The outcome of {@link resolveKerberosSecretsArgs}; holds no key or token bytes. */
export interface ResolvedKerberosSecrets {
    readonly credentials: KerberosCredentialKind;
    readonly principal: KerberosPrincipal;
    /** The krb5.conf to ship (given or generated). */
    readonly krb5Conf: string;
    readonly krb5ConfGenerated: boolean;
    /** Keytab entries of the principal (empty for a delegation token). */
    readonly entries: readonly KeytabEntry[];
    /** Entries with weak or unknown enctypes, worth a warning. */
    readonly weakEntries: readonly KeytabEntry[];
    readonly keytabSecretName: string;
    readonly krb5ConfigMapName: string;
    readonly tokenSecretName: string;
    readonly keytabMountDir: string;
}

// Magic of Hadoop's token storage file (org.apache.hadoop.security.Credentials), then a format
// byte: 0 (Writable) or 1 (protobuf).
const TOKEN_MAGIC = "HDTS";

/**
 * Checks every argument of {@link KerberosSecrets} without declaring anything. Errors are
 * {@link InputError}s with `kerberos.*` keys (`kerberos.keytab`, `kerberos.delegationToken`,
 * `kerberos.kdcs`, ...); none contains key or token bytes.
 */
export function resolveKerberosSecretsArgs(args: KerberosSecretsArgs): ResolvedKerberosSecrets {
    if (typeof args !== "object" || args === null) {
        throw new InputError("kerberos", `settings are ${describeValue(args)}`, "an object with principal and keytab");
    }
    // Its keys are the `kerberos` config keys it mirrors (the config reads the files it names).
    underKey("kerberos", () => parseShape(kerberosSecretsArgsSchema, dropUndefined(args), ["keytab", "delegationToken"]));
    const prefix = requireDns1123Label(args.namePrefix ?? DEFAULT_KERBEROS_NAME_PREFIX, "kerberos.namePrefix", 63 - "-keytab".length);
    const names = {
        keytabSecretName: `${prefix}-keytab`,
        krb5ConfigMapName: `${prefix}-krb5`,
        tokenSecretName: `${prefix}-token`,
    };
    const keytabMountDir = checkMountDir(args.keytabMountDir ?? `/mnt/secrets/${names.keytabSecretName}`);

    const hasKeytab = args.keytab !== undefined;
    const hasToken = args.delegationToken !== undefined;
    if (hasKeytab && hasToken) {
        throw new InputError(
            "kerberos.delegationToken",
            "is given together with kerberos.keytab",
            "either a keytab (the driver then obtains and renews delegation tokens itself) or a delegation token, not both",
        );
    }
    if (!hasKeytab && !hasToken) {
        throw new InputError(
            "kerberos.keytab",
            "is missing and so is kerberos.delegationToken",
            "a keytab for kerberos.principal (or a delegation token file)",
        );
    }

    if (hasKeytab) {
        const keytab = requireSecretContent(args.keytab, "kerberos.keytab");
        const result = resolveKerberos(
            {
                principal: args.principal,
                keytab: keytab.revealBytes(),
                ...(args.krb5Conf === undefined ? {} : { krb5Conf: args.krb5Conf }),
                ...(args.realm === undefined ? {} : { realm: args.realm }),
                ...(args.kdcs === undefined ? {} : { kdcs: args.kdcs }),
                ...(args.adminServer === undefined ? {} : { adminServer: args.adminServer }),
                ...(args.domains === undefined ? {} : { domains: args.domains }),
            },
            keytab.origin ?? "kerberos.keytab",
        );
        return {
            credentials: "keytab",
            principal: result.principal,
            krb5Conf: result.krb5Conf,
            krb5ConfGenerated: result.krb5ConfGenerated,
            entries: result.entries,
            weakEntries: result.weakEntries,
            ...names,
            keytabMountDir,
        };
    }

    // Delegation token: the same principal and krb5.conf checks as resolveKerberos, minus the keytab.
    const principal = checkPrincipalAndRealm(args.principal, args.realm);
    const token = requireSecretContent(args.delegationToken, "kerberos.delegationToken");
    checkTokenFile(token, token.origin ?? "kerberos.delegationToken");
    const { krb5Conf, krb5ConfGenerated } = resolveKrb5Conf(args, principal);
    return {
        credentials: "delegationToken",
        principal,
        krb5Conf,
        krb5ConfGenerated,
        entries: [],
        weakEntries: [],
        ...names,
        keytabMountDir,
    };
}

function requireSecretContent(value: unknown, key: string): SecretContent {
    if (!(value instanceof SecretContent)) {
        // The value itself is never described: it may be the raw secret.
        const got = value instanceof Uint8Array ? "raw bytes" : typeof value;
        throw new InputError(
            key,
            `got ${got}`,
            "a SecretContent (SecretContent.fromBytes(readFileSync(path)) or SecretContent.fromBase64(text, key)), so it stays a Pulumi secret",
        );
    }
    if (value.byteLength === 0) {
        throw new InputError(key, "is empty (0 bytes)", "the content of the file");
    }
    return value;
}

function checkTokenFile(token: SecretContent, key: string): void {
    const bytes = token.revealBytes();
    const magic = Buffer.from(bytes.subarray(0, TOKEN_MAGIC.length)).toString("latin1");
    if (bytes.length <= TOKEN_MAGIC.length || magic !== TOKEN_MAGIC) {
        throw new InputError(
            key,
            "is not a Hadoop token file (it does not start with HDTS)",
            "a token file written by hdfs fetchdt or Credentials.writeTokenStorageFile",
        );
    }
    const format = bytes[TOKEN_MAGIC.length];
    if (format !== 0 && format !== 1) {
        throw new InputError(key, `has token storage format ${format}`, "format 0 (Writable) or 1 (protobuf)");
    }
}

function checkMountDir(dir: unknown): string {
    if (typeof dir !== "string" || !/^(\/[A-Za-z0-9._-]+)+$/.test(dir) || dir.split("/").some((s) => s === "." || s === "..")) {
        throw new InputError(
            "kerberos.keytabMountDir",
            `got ${describeValue(dir)}`,
            "an absolute directory path of letters, digits, '.', '_' and '-', e.g. /mnt/secrets/spark-kerberos-keytab",
        );
    }
    return dir;
}

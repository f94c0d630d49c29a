import { z } from "zod";

import { InputError } from "../../errors";
import { KUBERNETES_OBJECT_DATA_LIMIT, readUserFile, showSecretPath, UserFileOptions } from "../../files";
import { KerberosSecretsArgs, resolveKerberosSecretsArgs, SecretContent } from "../../kerberos/secrets";
import { firstIssue, schemaIssueToError } from "../../shape";

/**
 * The `kerberos` stack config: its shape (zod, types and known keys only, like ./schema.ts) and
 * {@link resolveKerberosConfig}, which reads the files it names, applies every value rule of
 * {@link KerberosSecrets} and returns its arguments. Pure: declares no resources.
 *
 * Exactly one of `keytabPath` / `keytab` (base64) / `delegationTokenPath` gives the credentials,
 * and exactly one of `krb5ConfPath` / `kdcs` (with optional `realm`, `adminServer`, `domains`) the
 * krb5.conf. An inline `keytab` makes the whole `kerberos` value secret material: set it with
 * `pulumi config set --secret`.
 *
 * Each message is the "expected" half of the one-line error `key: got X, expected <message>`.
 */

export const kerberosSchema = z.strictObject(
    {
        principal: z.string({ error: "a Kerberos principal such as spark/etl.example.com@EXAMPLE.COM" }),
        keytabPath: z.string({ error: "a path to a keytab file" }).optional(),
        keytab: z.string({ error: "the keytab file as base64 text" }).optional(),
        krb5ConfPath: z.string({ error: "a path to a krb5.conf file" }).optional(),
        realm: z.string({ error: "a realm name such as EXAMPLE.COM" }).optional(),
        kdcs: z
            .array(z.string({ error: "a KDC address host[:port]" }), { error: 'a list of KDC addresses host[:port], e.g. ["kdc1.example.com:88"]' })
            .optional(),
        adminServer: z.string({ error: "a kadmin server address host[:port]" }).optional(),
        domains: z.array(z.string({ error: "a DNS domain such as example.com" }), { error: "a list of DNS domains" }).optional(),
        delegationTokenPath: z.string({ error: "a path to a Hadoop delegation token file" }).optional(),
    },
    { error: "an object with principal, keytabPath or keytab, and krb5ConfPath or kdcs" },
);

/** `kerberos` after the shape check. */
export type RawKerberosConfig = z.infer<typeof kerberosSchema>;

/** How {@link resolveKerberosConfig} reads files; inject a fake in tests. */
export interface KerberosConfigIo {
    /**
     * Reads a whole file; throws (an InputError, or an error with a `code` such as ENOENT) when it
     * cannot. `options` says which key named it and the size cap.
     * @default readUserFile: regular files of at most 1 MiB only, so `/dev/zero` or a FIFO is refused at once
     */
    readFile(path: string, options: UserFileOptions): Uint8Array;
}

const defaultIo: KerberosConfigIo = { readFile: (path, options) => readUserFile(path, options) };

/**
 * `kerberos` (decoded JSON, or the output of {@link kerberosSchema}) to {@link KerberosSecrets}
 * arguments, or an {@link InputError} naming the key (`kerberos.keytabPath`, ...). Reads the
 * keytab, krb5.conf and token files through `io`; the keytab and token bytes are wrapped in
 * {@link SecretContent} as soon as they are read, so they reach the component (and from there the
 * Secrets) only as Pulumi secrets. Runs the shape check itself, so it can be given the raw object.
 */
export function resolveKerberosConfig(raw: unknown, io: KerberosConfigIo = defaultIo): KerberosSecretsArgs {
    const result = kerberosSchema.safeParse(raw, { reportInput: true });
    if (!result.success) {
        throw schemaIssueToError(firstIssue(result.error.issues), { input: raw, schema: kerberosSchema, prefix: "kerberos", secret: true });
    }
    const c = result.data;

    const credentialKeys = (["keytabPath", "keytab", "delegationTokenPath"] as const).filter((k) => c[k] !== undefined);
    if (credentialKeys.length === 0) {
        throw new InputError(
            "kerberos.keytabPath",
            "is missing and so are kerberos.keytab and kerberos.delegationTokenPath",
            "kerberos.keytabPath (a keytab file), kerberos.keytab (its base64 content) or kerberos.delegationTokenPath",
        );
    }
    if (credentialKeys.length > 1) {
        const [first, second] = credentialKeys as [string, string];
        const why =
            second === "delegationTokenPath"
                ? "either a keytab (the driver then obtains and renews delegation tokens itself) or a delegation token file, not both"
                : "either kerberos.keytabPath (a keytab file) or kerberos.keytab (its base64 content), not both";
        throw new InputError(`kerberos.${second}`, `is given together with kerberos.${first}`, why);
    }
    if ((c.krb5ConfPath === undefined) === (c.kdcs === undefined)) {
        throw new InputError(
            c.krb5ConfPath === undefined ? "kerberos.krb5ConfPath" : "kerberos.kdcs",
            c.krb5ConfPath === undefined ? "is missing and so is kerberos.kdcs" : "is given together with kerberos.krb5ConfPath",
            "either kerberos.krb5ConfPath (a krb5.conf file) or kerberos.kdcs (to generate one), not both",
        );
    }

    const args: KerberosSecretsArgs = { principal: c.principal };
    if (c.keytabPath !== undefined) {
        args.keytab = SecretContent.fromBytes(readBytes(io, c.keytabPath, "kerberos.keytabPath", "a keytab file"), "kerberos.keytabPath");
    } else if (c.keytab !== undefined) {
        args.keytab = SecretContent.fromBase64(c.keytab, "kerberos.keytab");
        // The keytab becomes one Secret, which holds at most 1 MiB (files are capped when read).
        if (args.keytab.byteLength > KUBERNETES_OBJECT_DATA_LIMIT) {
            throw new InputError(
                "kerberos.keytab",
                `decodes to ${args.keytab.byteLength} bytes`,
                `a keytab of at most ${KUBERNETES_OBJECT_DATA_LIMIT} bytes (what a Kubernetes Secret holds)`,
            );
        }
    } else {
        args.delegationToken = SecretContent.fromBytes(
            readBytes(io, c.delegationTokenPath as string, "kerberos.delegationTokenPath", "a Hadoop delegation token file"),
            "kerberos.delegationTokenPath",
        );
    }
    if (c.krb5ConfPath !== undefined) {
        args.krb5Conf = readText(io, c.krb5ConfPath, "kerberos.krb5ConfPath");
    }
    for (const key of ["realm", "kdcs", "adminServer", "domains"] as const) {
        if (c[key] !== undefined) {
            (args as unknown as Record<string, unknown>)[key] = c[key];
        }
    }

    // The component's own checks; errors about the files' content name the key that gave them
    // (SecretContent.origin).
    resolveKerberosSecretsArgs(args);
    return args;
}

/**
 * Reads one file the config names. The path is echoed only when it plainly is a path: these keys
 * sit next to `kerberos.keytab`, and a keytab's base64 pasted into the path key must not be printed.
 * Every file here ends up in a Secret or ConfigMap, so none may exceed what one holds (1 MiB).
 */
function readBytes(io: KerberosConfigIo, path: string, key: string, what: string): Uint8Array {
    const shown = showSecretPath(path, key === "kerberos.krb5ConfPath" ? undefined : "kerberos.keytab");
    if (path.trim() === "") {
        throw new InputError(key, "is an empty path", `a path to ${what}`);
    }
    let bytes: Uint8Array;
    try {
        bytes = io.readFile(path, { key, what, maxBytes: KUBERNETES_OBJECT_DATA_LIMIT, shownAs: shown });
    } catch (err) {
        if (err instanceof InputError) throw err;
        const code = (err as { code?: unknown }).code;
        const reason = typeof code === "string" ? ` (${code})` : "";
        throw new InputError(key, `no readable file at ${shown}${reason}`, `a path to ${what}`);
    }
    if (bytes.length === 0) {
        throw new InputError(key, `the file at ${shown} is empty`, what);
    }
    return bytes;
}

function readText(io: KerberosConfigIo, path: string, key: string): string {
    const bytes = readBytes(io, path, key, "a krb5.conf file");
    try {
        return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
        throw new InputError(key, `the file at ${showSecretPath(path)} is not UTF-8 text`, "a krb5.conf text file");
    }
}

import { z } from "zod";
import { InputError, describeValue } from "../../components/errors";
import { hdfsConfigKey } from "../../components/storage/hdfs-conf";
import { HdfsStorageArgs, validateHdfsStorageArgs } from "../../components/storage/hdfs";

/**
 * The `storage.hdfs` stack config: its shape (zod, types and known keys only, like ./schema.ts) and
 * {@link resolveHdfsConfig}, which applies the value rules of {@link HdfsStorage} and returns its
 * arguments. Pure: declares no resources.
 *
 * Each message is the "expected" half of the one-line error `key: got X, expected <message>`.
 */

const propertyMap = (file: string) =>
    z.record(z.string(), z.string({ error: `${file} property values as strings (quote numbers and booleans)` }), {
        error: `a map of ${file} property names to string values`,
    });

export const hdfsStorageSchema = z.strictObject(
    {
        namenodes: z.array(z.string({ error: "a NameNode address host:port such as nn1.example.com:8020" }), {
            error: "a list of NameNode addresses host:port, e.g. [\"nn1.example.com:8020\"]",
        }),
        nameservice: z.string({ error: "an HA nameservice ID such as prod-hdfs" }).optional(),
        coreSite: propertyMap("core-site.xml").optional(),
        hdfsSite: propertyMap("hdfs-site.xml").optional(),
        wordCountInput: z.string({ error: "an absolute HDFS path such as /user/spark/input/words.txt" }).optional(),
        configMapName: z.string({ error: "a ConfigMap name" }).optional(),
    },
    { error: "an object with namenodes, nameservice, coreSite, hdfsSite, wordCountInput" },
);

/** `storage.hdfs` after the shape check. */
export type RawHdfsConfig = z.infer<typeof hdfsStorageSchema>;

/** Where the `storage.hdfs` object sits in the stack config (the prefix of every error key). */
export const HDFS_CONFIG_KEY = "storage.hdfs";

/**
 * `storage.hdfs` (decoded JSON, or the output of {@link hdfsStorageSchema}) to {@link HdfsStorage}
 * arguments, or an {@link InputError} naming the key (`storage.hdfs.namenodes[1]`, ...). Runs the
 * shape check itself, so it can be given the raw object.
 */
export function resolveHdfsConfig(raw: unknown): HdfsStorageArgs {
    const result = hdfsStorageSchema.safeParse(raw, { reportInput: true });
    if (!result.success) {
        throw schemaIssueToError(result.error.issues[0]!, raw, HDFS_CONFIG_KEY, hdfsStorageSchema);
    }
    const c = result.data;
    const args: HdfsStorageArgs = {
        namenodes: c.namenodes,
        ...(c.nameservice === undefined ? {} : { nameservice: c.nameservice }),
        ...(c.coreSite === undefined ? {} : { coreSite: c.coreSite }),
        ...(c.hdfsSite === undefined ? {} : { hdfsSite: c.hdfsSite }),
        ...(c.wordCountInput === undefined ? {} : { wordCountInput: c.wordCountInput }),
        ...(c.configMapName === undefined ? {} : { configMapName: c.configMapName }),
    };
    validateHdfsStorageArgs(args, hdfsConfigKey);
    return args;
}

/**
 * The first zod issue as the project's one-line error, keys under `prefix`. Values under the
 * `secretKeys` are never shown (a mistyped keytab must not end up in a log).
 * @internal shared by ./hdfs.ts and ./kerberos.ts
 */
export function schemaIssueToError(
    issue: z.core.$ZodIssue,
    input: unknown,
    prefix: string,
    schema: z.ZodObject,
    secretKeys: readonly string[] = [],
): InputError {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
        const at = [prefix, ...path].join(".");
        const known = Object.keys(schema.shape);
        return new InputError(`${at}.${issue.keys[0]}`, "unknown config key", `one of ${known.join(", ")}`);
    }
    const key = path.reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : `${acc}.${part}`), prefix);
    if (path.length > 0 && secretKeys.includes(path[0]!)) {
        return new InputError(key, "has the wrong type", issue.message);
    }
    const value = "input" in issue ? issue.input : valueAt(input, path);
    return new InputError(key, `got ${describeValue(value)}`, issue.message);
}

function valueAt(input: unknown, path: string[]): unknown {
    return path.reduce<unknown>((node, part) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined), input);
}

import { z } from "zod";

import { firstIssue, schemaIssueToError } from "../../shape";
import { HdfsStorageArgs, resolveHdfsStorageArgs } from "../../storage/hdfs";
import { hdfsConfigKey } from "../../storage/hdfs-conf";

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
            error: 'a list of NameNode addresses host:port, e.g. ["nn1.example.com:8020"]',
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
        throw schemaIssueToError(firstIssue(result.error.issues), { input: raw, schema: hdfsStorageSchema, prefix: HDFS_CONFIG_KEY });
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
    resolveHdfsStorageArgs(args, hdfsConfigKey);
    return args;
}

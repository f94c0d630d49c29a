import { underKey } from "../../errors";
import { HdfsStorageArgs, resolveHdfsStorageArgs } from "../../storage/hdfs";

export { hdfsStorageSchema } from "../../storage/hdfs";

/** Where the `storage.hdfs` object sits in the stack config (the prefix of every error key). */
export const HDFS_CONFIG_KEY = "storage.hdfs";

/**
 * `storage.hdfs` (decoded JSON) to {@link HdfsStorage} arguments, or an InputError naming the key
 * (`storage.hdfs.namenodes[1]`, ...): the component's own parser, under the key the config gives it.
 */
export function resolveHdfsConfig(raw: unknown): HdfsStorageArgs {
    return underKey(HDFS_CONFIG_KEY, () => resolveHdfsStorageArgs(raw).args);
}

import { InputError, underKey } from "../../errors";
import { parsePrincipal } from "../../kerberos/principal";
import { defaultNamenodePrincipal, HdfsStorageArgs, NAMENODE_PRINCIPAL_KEY, resolveHdfsStorageArgs } from "../../storage/hdfs";
import { checkNamenodePrincipal } from "../../storage/hdfs-kerberos";

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

/**
 * `storage.hdfs` together with `kerberos`: with Kerberos the HDFS is taken to be Kerberized (the
 * stack has no other use for Kerberos), so `namenodePrincipal` defaults to
 * `nn/_HOST@<realm of kerberos.principal>`; a principal already written as
 * `hdfsSite."dfs.namenode.kerberos.principal"` is used instead of that default. Without Kerberos,
 * `namenodePrincipal` is refused: jobs would have no credentials to present.
 * @param hdfs the result of {@link resolveHdfsConfig}
 * @param kerberosPrincipal `kerberos.principal` (already checked), or undefined without `kerberos`
 */
export function resolveHdfsKerberos(hdfs: HdfsStorageArgs, kerberosPrincipal: string | undefined): HdfsStorageArgs {
    if (kerberosPrincipal === undefined) {
        if (hdfs.namenodePrincipal !== undefined) {
            throw new InputError(
                `${HDFS_CONFIG_KEY}.namenodePrincipal`,
                "is set but kerberos is not",
                "kerberos (principal and keytab) too, or namenodePrincipal left out for an HDFS without Kerberos",
            );
        }
        return hdfs;
    }
    if (hdfs.namenodePrincipal !== undefined) {
        return hdfs;
    }
    const { [NAMENODE_PRINCIPAL_KEY]: written, ...hdfsSite } = hdfs.hdfsSite ?? {};
    if (written !== undefined) {
        // Configs written before namenodePrincipal existed keep working: the value moves over.
        const siteKey = `${HDFS_CONFIG_KEY}.hdfsSite.${NAMENODE_PRINCIPAL_KEY}`;
        const namenodePrincipal = checkNamenodePrincipal(written, siteKey).name;
        // Again through the parser, for the coreSite checks that only apply with Kerberos.
        return resolveHdfsConfig({ ...hdfs, hdfsSite, namenodePrincipal });
    }
    const realm = parsePrincipal(kerberosPrincipal, "kerberos.principal").realm;
    return resolveHdfsConfig({ ...hdfs, namenodePrincipal: defaultNamenodePrincipal(realm) });
}

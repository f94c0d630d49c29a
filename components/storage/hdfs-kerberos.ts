/**
 * The Kerberos part of the HDFS client configuration, pure: which keys a Kerberized HDFS needs on
 * the client side, the NameNode principal's checks, and the user's own values for those keys.
 *
 * Why these keys (apache/hadoop, read 2026-11-29 in the 3.x versions stored in a code index, not
 * at the tag rel/release-3.3.4 itself: the repository was too large to fetch):
 * - `hadoop.security.authentication=kerberos` in core-site.xml: UserGroupInformation
 *   (hadoop-common-project/hadoop-common/src/main/java/org/apache/hadoop/security/
 *   UserGroupInformation.java) reads it from the default configuration (HADOOP_CONF_DIR), and
 *   `loginUserFromKeytab` does nothing while it says `simple`; SecurityUtil.getAuthenticationMethod
 *   parses it case-insensitively and rejects unknown names.
 * - `dfs.namenode.kerberos.principal` in hdfs-site.xml: SaslRpcClient.getServerPrincipal
 *   (.../security/SaslRpcClient.java) reads the NameNode protocol's server-principal key, fails with
 *   "Failed to specify server's Kerberos principal name" when it is unset (and no `.pattern` key is
 *   set), replaces `_HOST` with the address it connects to (SecurityUtil.getServerPrincipal), refuses
 *   a principal without a host part, and requires it to equal what the NameNode advertises. `_HOST`
 *   therefore fits every NameNode of an HA pair. The advertised name gets its realm from the
 *   client's krb5.conf (domain_realm, else default_realm), so a NameNode in another realm also needs
 *   a krb5.conf that maps its hosts to that realm.
 * - `hadoop.security.authorization=true`: the cluster's own core-site switch for service-level
 *   authorization; the client carries it to match the cluster (Hadoop's RPC server reads it, a
 *   client does not), so a user `false` is accepted.
 *
 * Not set here: `dfs.data.transfer.protection`. SaslDataTransferClient
 * (hadoop-hdfs-project/hadoop-hdfs-client/src/main/java/org/apache/hadoop/hdfs/protocol/
 * datatransfer/sasl/SaslDataTransferClient.java, read 2026-11-29) skips the SASL handshake with a
 * DataNode on a privileged port (< 1024) and does it on other ports only when this key is set, so it
 * must match the cluster's DataNodes (`authentication`, `integrity` or `privacy`); users set it in
 * `hdfsSite`.
 */
import { describeValue, InputError } from "../errors";
import { KerberosPrincipal, parsePrincipal } from "../kerberos/principal";

/** The NameNode principal key the HDFS client reads (ClientProtocol's server principal). */
export const NAMENODE_PRINCIPAL_KEY = "dfs.namenode.kerberos.principal";
/** Hadoop's switch between `simple` and `kerberos` authentication. */
export const AUTHENTICATION_KEY = "hadoop.security.authentication";
/** Hadoop's service-level authorization switch. */
export const AUTHORIZATION_KEY = "hadoop.security.authorization";

/** The default NameNode principal: `nn/_HOST@<realm>` (`_HOST` is replaced per NameNode by Hadoop). */
export function defaultNamenodePrincipal(realm: string): string {
    return `nn/_HOST@${realm}`;
}

const EXPECT_SERVICE_PRINCIPAL = "a service principal service/host@REALM such as nn/_HOST@EXAMPLE.COM (_HOST stands for each NameNode's host name)";

/**
 * Checks a NameNode principal: well formed as {@link parsePrincipal} requires, with a host part,
 * since Hadoop refuses a server principal without one. Its realm may differ from the client's
 * (cross-realm trust).
 */
export function checkNamenodePrincipal(text: unknown, key = "namenodePrincipal"): KerberosPrincipal {
    const principal = parsePrincipal(text, key);
    if (principal.instance === undefined) {
        throw new InputError(key, `principal ${describeValue(text)} has no host part`, EXPECT_SERVICE_PRINCIPAL);
    }
    return principal;
}

/**
 * The core-site.xml keys Kerberos adds, leaving out the ones the user set; a user value that
 * contradicts Kerberos is refused under `<key>.<property>`.
 * @param userCoreSite the user's extra core-site properties (already checked to be strings)
 * @param key the argument they came from, e.g. `coreSite`
 */
export function kerberosCoreSite(userCoreSite: Readonly<Record<string, unknown>> | undefined, key = "coreSite"): { name: string; value: string }[] {
    const user = userCoreSite ?? {};
    const added: { name: string; value: string }[] = [];
    const authentication = user[AUTHENTICATION_KEY];
    if (authentication === undefined) {
        added.push({ name: AUTHENTICATION_KEY, value: "kerberos" });
    } else if (typeof authentication !== "string" || authentication.toLowerCase() !== "kerberos") {
        throw new InputError(
            `${key}.${AUTHENTICATION_KEY}`,
            `got ${describeValue(authentication)} for an HDFS that uses Kerberos`,
            "kerberos (or leave it out: it is set with the NameNode principal)",
        );
    }
    const authorization = user[AUTHORIZATION_KEY];
    if (authorization === undefined) {
        added.push({ name: AUTHORIZATION_KEY, value: "true" });
    } else if (typeof authorization !== "string" || !["true", "false"].includes(authorization.toLowerCase())) {
        throw new InputError(`${key}.${AUTHORIZATION_KEY}`, `got ${describeValue(authorization)}`, "true or false (or leave it out: true with Kerberos)");
    }
    return added;
}

/**
 * HDFS client configuration, pure: argument checks, the Hadoop properties a Spark job needs to reach
 * one NameNode or an HA nameservice, and the `core-site.xml` / `hdfs-site.xml` files that carry them.
 * Nothing here imports Pulumi, so the offline plan, the config layer and tests use it directly.
 *
 * HA client keys: Hadoop docs, hadoop-hdfs HDFSHighAvailabilityWithQJM.md ("Configuration
 * details": dfs.nameservices, dfs.ha.namenodes.[nameservice ID], dfs.namenode.rpc-address.
 * [nameservice ID].[name node ID], dfs.client.failover.proxy.provider.[nameservice ID],
 * fs.defaultFS). File format: Hadoop's `Configuration` reads `<configuration>` with one
 * `<property><name/><value/></property>` per key.
 */
import { XMLBuilder } from "fast-xml-parser";

import { describeValue, InputError } from "../errors";
import { checkNamenodePrincipal, kerberosCoreSite, NAMENODE_PRINCIPAL_KEY } from "./hdfs-kerberos";

/** The HDFS settings as users give them (component arguments and `storage.hdfs` stack config). */
export interface HdfsConfArgs {
    /**
     * NameNode RPC addresses, `host:port` (e.g. `nn1.example.com:8020`): exactly one without a
     * nameservice, two or more with one (HA).
     */
    namenodes: string[];
    /**
     * HA nameservice ID (e.g. `prod-hdfs`), used as `hdfs://<nameservice>`; the NameNodes get the IDs
     * `nn1`, `nn2`, ... in the order given.
     * @default none (a single NameNode, addressed as `hdfs://host:port`)
     */
    nameservice?: string;
    /**
     * Extra `core-site.xml` properties (e.g. `hadoop.rpc.protection: privacy`).
     * `fs.defaultFS` is derived from the NameNodes and cannot be set here; the Kerberos switches
     * come with `namenodePrincipal`.
     * @default {}
     */
    coreSite?: Record<string, string>;
    /**
     * Extra `hdfs-site.xml` properties (e.g. `dfs.data.transfer.protection: privacy`, which must
     * match the DataNodes when they use SASL data transfer). The HA keys derived from `nameservice`
     * and `namenodes` cannot be set here, except the failover proxy provider, which defaults to
     * `ConfiguredFailoverProxyProvider` and may be replaced.
     * @default {}
     */
    hdfsSite?: Record<string, string>;
    /**
     * Absolute HDFS path of the WordCount sample's input, e.g. `/user/spark/input/words.txt` (or the
     * same as a full `hdfs://` URI of this file system).
     * @default none (the storage offers no WordCount input)
     */
    wordCountInput?: string;
    /**
     * Absolute HDFS directory for event logs, e.g. `/spark-events` (or the same as a full `hdfs://`
     * URI of this file system). Jobs in each job namespace write to `<eventLogDir>/<namespace>`, and
     * a Spark History Server per namespace reads it. Each namespace's directory must exist before a
     * job or the server starts (Spark creates neither): writable by the jobs' user, readable by the
     * same user (the server logs in as the jobs' principal), e.g.
     * `hdfs dfs -mkdir -p /spark-events/spark-jobs`.
     * @default none: jobs write no event logs and no History Server is declared
     */
    eventLogDir?: string;
    /**
     * The NameNodes' Kerberos service principal, `service/host@REALM`; `_HOST` stands for each
     * NameNode's host name, so one value fits an HA pair. Giving it switches the generated files to
     * Kerberos: `dfs.namenode.kerberos.principal` in hdfs-site.xml, and
     * `hadoop.security.authentication=kerberos` and `hadoop.security.authorization=true` in
     * core-site.xml unless `coreSite` sets them (a value other than `kerberos` is refused). Its realm
     * may differ from the jobs' principal's (cross-realm trust). `dfs.namenode.kerberos.principal`
     * cannot then be set in `hdfsSite`.
     * @default none for the component (HDFS without Kerberos); the stack config uses
     * `nn/_HOST@<realm of kerberos.principal>` whenever `kerberos` is set
     */
    namenodePrincipal?: string;
}

/** One Hadoop configuration property. */
export interface HadoopProperty {
    readonly name: string;
    readonly value: string;
}

/** A NameNode address after the checks, with its HA ID (`nn1`, ...). */
export interface NamenodeAddress {
    readonly id: string;
    readonly host: string;
    readonly port: number;
}

/** What {@link hdfsClientConf} derives: everything a job needs to reach the file system. */
export interface HdfsClientConf {
    /** `hdfs://<nameservice>` or `hdfs://<host>:<port>`. */
    readonly defaultFS: string;
    readonly nameservice?: string;
    readonly namenodes: readonly NamenodeAddress[];
    /** core-site.xml properties: `fs.defaultFS`, then the extra ones sorted by name. */
    readonly coreSite: readonly HadoopProperty[];
    /** hdfs-site.xml properties: the HA keys (if any), then the extra ones sorted by name. */
    readonly hdfsSite: readonly HadoopProperty[];
    /** Full URI of the WordCount input, when one was given. */
    readonly wordCountInput?: string;
    /** Full URI of the event-log directory (namespaces get a directory each under it), when one was given. */
    readonly eventLogDir?: string;
    /** The NameNode principal, when the HDFS uses Kerberos. */
    readonly namenodePrincipal?: string;
}

/** The HA client's default failover proxy provider (tries the NameNodes in turn). */
export const CONFIGURED_FAILOVER_PROXY_PROVIDER = "org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider";

const EXPECT_NAMENODE = "host:port of a NameNode's RPC endpoint, e.g. nn1.example.com:8020";
// Host names as java.net.URI accepts them: Hadoop parses `hdfs://host:port` and rpc-address values
// as URIs, and a host with `_` (or any other character) parses with no host at all.
const HOST_LABEL = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?";
const HOST_NAME = new RegExp(`^(?=.{1,253}$)${HOST_LABEL}(\\.${HOST_LABEL})*$`);
// A nameservice ID is the host part of `hdfs://<id>` and a dot-separated part of config keys
// (`dfs.namenode.rpc-address.<id>.<nn>`), so: one DNS-like label, no dots, no `_`.
const NAMESERVICE = /^[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
// Characters XML 1.0 cannot carry at all, even escaped (https://www.w3.org/TR/xml/#charsets).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Parses `host:port` (port required: the HA keys and `fs.defaultFS` both need it). */
export function parseNamenodeAddress(text: unknown, key: string): { host: string; port: number } {
    if (typeof text !== "string") {
        throw new InputError(key, `got ${describeValue(text)}`, EXPECT_NAMENODE);
    }
    const m = /^([^:]*):(\d{1,5})$/.exec(text);
    if (!m) {
        const why = text.includes(":") ? "is not a host:port address" : "has no port";
        throw new InputError(key, `${describeValue(text)} ${why}`, EXPECT_NAMENODE);
    }
    const host = m[1] as string;
    if (!HOST_NAME.test(host)) {
        throw new InputError(key, `${describeValue(text)} has an invalid host name`, `${EXPECT_NAMENODE} (letters, digits, '-' and '.'; no '_')`);
    }
    const port = Number(m[2]);
    if (port < 1 || port > 65535) {
        throw new InputError(key, `port ${port} in ${describeValue(text)} is out of range`, "a port from 1 to 65535");
    }
    return { host, port };
}

/**
 * Checks the HDFS settings and derives the client configuration. Throws the first problem as an
 * {@link InputError} naming the argument (relative to the settings: `namenodes[1]`).
 */
export function hdfsClientConf(args: HdfsConfArgs): HdfsClientConf {
    if (typeof args !== "object" || args === null) {
        throw new InputError("namenodes", `HDFS settings are ${describeValue(args)}`, "an object with namenodes");
    }
    const nnKey = "namenodes";
    const list = args.namenodes as unknown;
    if (!Array.isArray(list) || list.length === 0) {
        throw new InputError(nnKey, `got ${describeValue(list)}`, `a list of NameNode addresses (${EXPECT_NAMENODE})`);
    }
    const seen = new Set<string>();
    const namenodes = list.map((text: unknown, i: number): NamenodeAddress => {
        const { host, port } = parseNamenodeAddress(text, `${nnKey}[${i}]`);
        const canonical = `${host.toLowerCase()}:${port}`;
        if (seen.has(canonical)) {
            throw new InputError(`${nnKey}[${i}]`, `${describeValue(text)} is listed twice`, "each NameNode once");
        }
        seen.add(canonical);
        return { id: `nn${i + 1}`, host, port };
    });

    const nsKey = "nameservice";
    const nameservice = args.nameservice;
    if (nameservice === undefined) {
        if (namenodes.length > 1) {
            throw new InputError(
                nsKey,
                `is missing but ${namenodes.length} NameNodes are given`,
                "a nameservice ID for an HA pair (e.g. prod-hdfs), or exactly one NameNode",
            );
        }
    } else {
        if (typeof nameservice !== "string" || !NAMESERVICE.test(nameservice)) {
            throw new InputError(
                nsKey,
                `got ${describeValue(nameservice)}`,
                "a nameservice ID: a letter, then letters, digits and '-', at most 63 characters, no '.' or '_' (it is the host of hdfs://<id> and a part of config keys)",
            );
        }
        if (namenodes.length < 2) {
            throw new InputError(
                nnKey,
                `has ${namenodes.length} NameNode for nameservice ${describeValue(nameservice)}`,
                "at least two NameNodes for an HA nameservice (or leave nameservice out)",
            );
        }
    }

    const defaultFS = nameservice === undefined ? `hdfs://${namenodes[0]!.host}:${namenodes[0]!.port}` : `hdfs://${nameservice}`;
    const haProps: HadoopProperty[] = [];
    const reservedHdfs = new Map<string, Reserved>();
    if (nameservice !== undefined) {
        haProps.push({ name: "dfs.nameservices", value: nameservice });
        haProps.push({ name: `dfs.ha.namenodes.${nameservice}`, value: namenodes.map((n) => n.id).join(",") });
        for (const nn of namenodes) {
            haProps.push({ name: `dfs.namenode.rpc-address.${nameservice}.${nn.id}`, value: `${nn.host}:${nn.port}` });
        }
        for (const p of haProps) {
            reservedHdfs.set(p.name, FROM_NAMENODES);
        }
    }
    const namenodePrincipal = args.namenodePrincipal === undefined ? undefined : checkNamenodePrincipal(args.namenodePrincipal, "namenodePrincipal").name;
    if (namenodePrincipal !== undefined) {
        reservedHdfs.set(NAMENODE_PRINCIPAL_KEY, FROM_PRINCIPAL);
    }
    const coreReserved = new Map<string, Reserved>([
        ["fs.defaultFS", FROM_NAMENODES],
        ["fs.default.name", FROM_NAMENODES],
    ]);
    const coreExtra = extraProperties(args.coreSite, "coreSite", coreReserved);
    const hdfsExtra = extraProperties(args.hdfsSite, "hdfsSite", reservedHdfs);
    if (nameservice !== undefined) {
        const providerKey = `dfs.client.failover.proxy.provider.${nameservice}`;
        if (!hdfsExtra.some((p) => p.name === providerKey)) {
            haProps.push({ name: providerKey, value: CONFIGURED_FAILOVER_PROXY_PROVIDER });
        }
    }
    // Kerberos keys follow the derived ones; the user's own values stay among the sorted extras.
    const coreKerberos = namenodePrincipal === undefined ? [] : kerberosCoreSite(args.coreSite, "coreSite");
    const hdfsKerberos = namenodePrincipal === undefined ? [] : [{ name: NAMENODE_PRINCIPAL_KEY, value: namenodePrincipal }];

    const wordCountInput = args.wordCountInput === undefined ? undefined : hdfsUri(args.wordCountInput, defaultFS, "wordCountInput");
    const eventLogDir = args.eventLogDir === undefined ? undefined : hdfsUri(args.eventLogDir, defaultFS, "eventLogDir", EXPECT_DIR);
    return {
        defaultFS,
        ...(nameservice === undefined ? {} : { nameservice }),
        namenodes,
        coreSite: [{ name: "fs.defaultFS", value: defaultFS }, ...coreKerberos, ...coreExtra],
        hdfsSite: [...haProps, ...hdfsKerberos, ...hdfsExtra],
        ...(wordCountInput === undefined ? {} : { wordCountInput }),
        ...(eventLogDir === undefined ? {} : { eventLogDir }),
        ...(namenodePrincipal === undefined ? {} : { namenodePrincipal }),
    };
}

/** Why a property may not be given as an extra: the error's problem and expected halves. */
interface Reserved {
    readonly problem: string;
    readonly expected: string;
}

const FROM_NAMENODES: Reserved = {
    problem: "is derived from namenodes and nameservice",
    expected: "it left out (set storage.hdfs.namenodes / nameservice instead)",
};
const FROM_PRINCIPAL: Reserved = {
    problem: "is derived from namenodePrincipal",
    expected: "it left out (namenodePrincipal sets it)",
};

/** Checks a map of extra properties and returns it sorted by name. */
function extraProperties(map: unknown, key: string, reserved: ReadonlyMap<string, Reserved>): HadoopProperty[] {
    if (map === undefined) {
        return [];
    }
    if (typeof map !== "object" || map === null || Array.isArray(map)) {
        throw new InputError(key, `got ${describeValue(map)}`, "a map of Hadoop property names to string values");
    }
    const props: HadoopProperty[] = [];
    for (const [name, value] of Object.entries(map as Record<string, unknown>)) {
        if (name.trim() === "") {
            throw new InputError(key, `has a property with an empty name`, "non-empty Hadoop property names such as dfs.client.use.datanode.hostname");
        }
        if (/\s/.test(name) || XML_INVALID.test(name)) {
            throw new InputError(
                key,
                `property name ${describeValue(name)} contains whitespace or control characters`,
                "a Hadoop property name such as dfs.client.use.datanode.hostname",
            );
        }
        const why = reserved.get(name);
        if (why !== undefined) {
            throw new InputError(`${key}.${name}`, why.problem, why.expected);
        }
        if (typeof value !== "string") {
            throw new InputError(`${key}.${name}`, `got ${describeValue(value)}`, "a string value (write numbers and booleans in quotes)");
        }
        if (XML_INVALID.test(value)) {
            throw new InputError(`${key}.${name}`, "contains control characters", "text XML can carry (no control characters other than tab and newline)");
        }
        props.push({ name, value });
    }
    return props.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const EXPECT_PATH = "an absolute HDFS path such as /user/spark/input/words.txt";
const EXPECT_DIR = "an absolute HDFS directory such as /spark-events (no trailing '/')";

/**
 * Turns an absolute path (or an hdfs:// URI of this file system) into a full URI under `defaultFS`.
 * @param expected the "expected" half of its errors
 */
function hdfsUri(text: unknown, defaultFS: string, key: string, expected = EXPECT_PATH): string {
    if (typeof text !== "string" || text === "") {
        throw new InputError(key, `got ${describeValue(text)}`, expected);
    }
    let path = text;
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text)) {
        if (!text.startsWith(`${defaultFS}/`)) {
            throw new InputError(key, `${describeValue(text)} is not on this file system`, `${expected}, or a URI starting with ${defaultFS}/`);
        }
        path = text.slice(defaultFS.length);
    }
    if (!path.startsWith("/")) {
        throw new InputError(key, `${describeValue(text)} is not an absolute path`, expected);
    }
    const segments = path.slice(1).split("/");
    // HDFS refuses ':' in names, and '.'/'..' or empty segments are never what a job should read.
    if (segments.some((s) => s === "" || s === "." || s === "..") || /[\s:?#%\\]/.test(path) || XML_INVALID.test(path)) {
        throw new InputError(
            key,
            `${describeValue(text)} is not a plain HDFS path`,
            `${expected} (no empty, '.' or '..' segments, no whitespace, ':', '?', '#', '%' or '\\')`,
        );
    }
    return `${defaultFS}${path}`;
}

const builder = new XMLBuilder({
    format: true,
    indentBy: "  ",
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    suppressEmptyNode: false,
    // Escapes &, <, >, " and ' in names and values.
    processEntities: true,
});

/**
 * Writes a Hadoop configuration file (`core-site.xml`, `hdfs-site.xml`): an XML declaration, then
 * `<configuration>` with one `<property><name/><value/></property>` per entry, in the order given.
 * Names and values are escaped by the XML builder; text XML cannot carry is refused.
 */
export function hadoopConfigurationXml(properties: readonly HadoopProperty[]): string {
    for (const p of properties) {
        if (XML_INVALID.test(p.name) || XML_INVALID.test(p.value)) {
            throw new Error(`hadoopConfigurationXml: property ${JSON.stringify(p.name)} has characters XML 1.0 cannot carry`);
        }
    }
    const doc = {
        "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
        configuration: properties.length === 0 ? "" : { property: properties.map((p) => ({ name: p.name, value: p.value })) },
    };
    return `${builder.build(doc).trimEnd()}\n`;
}

/** The two files of {@link hdfsClientConf}'s result, keyed by file name (ConfigMap data). */
export function hadoopConfFiles(conf: HdfsClientConf): { "core-site.xml": string; "hdfs-site.xml": string } {
    return {
        "core-site.xml": hadoopConfigurationXml(conf.coreSite),
        "hdfs-site.xml": hadoopConfigurationXml(conf.hdfsSite),
    };
}

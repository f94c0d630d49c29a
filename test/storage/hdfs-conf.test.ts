import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";

import { InputError, underKey } from "../../components/errors";
import { CONFIGURED_FAILOVER_PROXY_PROVIDER, hadoopConfFiles, hadoopConfigurationXml, hdfsClientConf, HdfsConfArgs } from "../../components/storage/hdfs-conf";

/** Reads a Hadoop configuration file back into name/value pairs, in file order. */
function readConfiguration(xml: string): { name: string; value: string }[] {
    const parser = new XMLParser({ processEntities: true, parseTagValue: false, trimValues: true, isArray: (name) => name === "property" });
    const doc = parser.parse(xml, true) as { configuration: "" | { property?: { name: string; value: string }[] } };
    expect(doc).toHaveProperty("configuration");
    const config = doc.configuration;
    return config === "" ? [] : (config.property ?? []).map((p) => ({ name: String(p.name), value: p.value === undefined ? "" : String(p.value) }));
}

const HA: HdfsConfArgs = { namenodes: ["nn1.example.com:8020", "nn2.example.com:8020"], nameservice: "prod-hdfs" };

describe("hdfsClientConf", () => {
    it("GIVEN one NameNode WHEN derived THEN fs.defaultFS is hdfs://host:port and hdfs-site has only the extras", () => {
        const conf = hdfsClientConf({ namenodes: ["nn1.example.com:8020"], hdfsSite: { "dfs.client.use.datanode.hostname": "true" } });
        expect(conf.defaultFS).toBe("hdfs://nn1.example.com:8020");
        expect(conf.nameservice).toBeUndefined();
        expect(conf.coreSite).toEqual([{ name: "fs.defaultFS", value: "hdfs://nn1.example.com:8020" }]);
        expect(conf.hdfsSite).toEqual([{ name: "dfs.client.use.datanode.hostname", value: "true" }]);
        expect(conf.wordCountInput).toBeUndefined();
    });

    it("GIVEN an HA nameservice WHEN derived THEN the standard client keys name every NameNode in order", () => {
        const conf = hdfsClientConf({ ...HA, namenodes: [...HA.namenodes, "10.0.0.3:9000"] });
        expect(conf.defaultFS).toBe("hdfs://prod-hdfs");
        expect(conf.namenodes).toEqual([
            { id: "nn1", host: "nn1.example.com", port: 8020 },
            { id: "nn2", host: "nn2.example.com", port: 8020 },
            { id: "nn3", host: "10.0.0.3", port: 9000 },
        ]);
        expect(conf.coreSite).toEqual([{ name: "fs.defaultFS", value: "hdfs://prod-hdfs" }]);
        expect(conf.hdfsSite).toEqual([
            { name: "dfs.nameservices", value: "prod-hdfs" },
            { name: "dfs.ha.namenodes.prod-hdfs", value: "nn1,nn2,nn3" },
            { name: "dfs.namenode.rpc-address.prod-hdfs.nn1", value: "nn1.example.com:8020" },
            { name: "dfs.namenode.rpc-address.prod-hdfs.nn2", value: "nn2.example.com:8020" },
            { name: "dfs.namenode.rpc-address.prod-hdfs.nn3", value: "10.0.0.3:9000" },
            { name: "dfs.client.failover.proxy.provider.prod-hdfs", value: CONFIGURED_FAILOVER_PROXY_PROVIDER },
        ]);
        expect(CONFIGURED_FAILOVER_PROXY_PROVIDER).toBe("org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider");
    });

    it("GIVEN extras WHEN derived THEN they follow the generated keys sorted by name, and the failover provider may be replaced", () => {
        const conf = hdfsClientConf({
            ...HA,
            coreSite: { "hadoop.security.authentication": "kerberos", "fs.trash.interval": "60" },
            hdfsSite: { "dfs.client.failover.proxy.provider.prod-hdfs": "org.example.Hedging", "dfs.namenode.kerberos.principal": "nn/_HOST@EXAMPLE.COM" },
        });
        expect(conf.coreSite.map((p) => p.name)).toEqual(["fs.defaultFS", "fs.trash.interval", "hadoop.security.authentication"]);
        expect(conf.hdfsSite.filter((p) => p.name.startsWith("dfs.client.failover"))).toEqual([
            { name: "dfs.client.failover.proxy.provider.prod-hdfs", value: "org.example.Hedging" },
        ]);
        expect(conf.hdfsSite.at(-1)).toEqual({ name: "dfs.namenode.kerberos.principal", value: "nn/_HOST@EXAMPLE.COM" });
    });

    it("GIVEN a WordCount input as a path or as a URI of this file system WHEN derived THEN it is a full hdfs:// URI", () => {
        expect(hdfsClientConf({ ...HA, wordCountInput: "/user/spark/input/words.txt" }).wordCountInput).toBe("hdfs://prod-hdfs/user/spark/input/words.txt");
        expect(hdfsClientConf({ namenodes: ["nn:8020"], wordCountInput: "hdfs://nn:8020/data/w.txt" }).wordCountInput).toBe("hdfs://nn:8020/data/w.txt");
    });

    it("GIVEN a caller's prefix WHEN a value is bad THEN the error names the key under it (underKey)", () => {
        expect(() => underKey("storage.hdfs", () => hdfsClientConf({ namenodes: ["nn"] }))).toThrow(/^storage\.hdfs\.namenodes\[0\]: "nn" has no port/);
    });
});

describe("hdfsClientConf refuses", () => {
    it.each<[unknown, string]>([
        [{ namenodes: [] }, "storage.hdfs.namenodes: got [], expected a list of NameNode addresses"],
        [{ namenodes: "nn1:8020" }, 'storage.hdfs.namenodes: got "nn1:8020", expected a list of NameNode addresses'],
        [{ namenodes: ["nn1.example.com"] }, 'storage.hdfs.namenodes[0]: "nn1.example.com" has no port, expected host:port of a NameNode\'s RPC endpoint'],
        [{ namenodes: ["nn1:http"] }, 'storage.hdfs.namenodes[0]: "nn1:http" is not a host:port address'],
        [{ namenodes: ["nn1:0"] }, 'storage.hdfs.namenodes[0]: port 0 in "nn1:0" is out of range, expected a port from 1 to 65535'],
        [{ namenodes: ["nn1:65536"] }, 'storage.hdfs.namenodes[0]: port 65536 in "nn1:65536" is out of range'],
        [{ namenodes: ["nn_1:8020"] }, 'storage.hdfs.namenodes[0]: "nn_1:8020" has an invalid host name'],
        [{ namenodes: ["[::1]:8020"] }, 'storage.hdfs.namenodes[0]: "[::1]:8020" is not a host:port address'],
        [{ namenodes: [5] }, "storage.hdfs.namenodes[0]: got 5, expected host:port"],
        [{ ...HA, namenodes: ["a:1", "A:1"] }, 'storage.hdfs.namenodes[1]: "A:1" is listed twice, expected each NameNode once'],
        [{ namenodes: ["a:1", "b:1"] }, "storage.hdfs.nameservice: is missing but 2 NameNodes are given, expected a nameservice ID for an HA pair"],
        [
            { namenodes: ["a:1"], nameservice: "prod" },
            'storage.hdfs.namenodes: has 1 NameNode for nameservice "prod", expected at least two NameNodes for an HA nameservice',
        ],
        [{ ...HA, nameservice: "prod.hdfs" }, 'storage.hdfs.nameservice: got "prod.hdfs", expected a nameservice ID'],
        [{ ...HA, nameservice: "prod_hdfs" }, 'storage.hdfs.nameservice: got "prod_hdfs"'],
        [{ ...HA, nameservice: "1prod" }, 'storage.hdfs.nameservice: got "1prod"'],
        [{ ...HA, nameservice: "" }, 'storage.hdfs.nameservice: got ""'],
        [{ ...HA, coreSite: { "": "x" } }, "storage.hdfs.coreSite: has a property with an empty name, expected non-empty Hadoop property names"],
        [{ ...HA, coreSite: { " ": "x" } }, "storage.hdfs.coreSite: has a property with an empty name"],
        [{ ...HA, hdfsSite: { "dfs.replication ": "3" } }, 'storage.hdfs.hdfsSite: property name "dfs.replication " contains whitespace'],
        [{ ...HA, hdfsSite: { "dfs.replication": 3 } }, "storage.hdfs.hdfsSite.dfs.replication: got 3, expected a string value"],
        [{ ...HA, hdfsSite: { "dfs.x": "a\u0001b" } }, "storage.hdfs.hdfsSite.dfs.x: contains control characters"],
        [{ ...HA, hdfsSite: ["a"] }, 'storage.hdfs.hdfsSite: got ["a"], expected a map of Hadoop property names to string values'],
        [{ ...HA, coreSite: { "fs.defaultFS": "hdfs://other" } }, "storage.hdfs.coreSite.fs.defaultFS: is derived from namenodes and nameservice"],
        [
            { ...HA, hdfsSite: { "dfs.ha.namenodes.prod-hdfs": "a,b" } },
            "storage.hdfs.hdfsSite.dfs.ha.namenodes.prod-hdfs: is derived from namenodes and nameservice",
        ],
        [{ ...HA, hdfsSite: { "dfs.namenode.rpc-address.prod-hdfs.nn2": "x:1" } }, "storage.hdfs.hdfsSite.dfs.namenode.rpc-address.prod-hdfs.nn2: is derived"],
        [{ ...HA, wordCountInput: "user/words.txt" }, 'storage.hdfs.wordCountInput: "user/words.txt" is not an absolute path, expected an absolute HDFS path'],
        [{ ...HA, wordCountInput: "/user/../etc/words.txt" }, 'storage.hdfs.wordCountInput: "/user/../etc/words.txt" is not a plain HDFS path'],
        [{ ...HA, wordCountInput: "/user/my words.txt" }, 'storage.hdfs.wordCountInput: "/user/my words.txt" is not a plain HDFS path'],
        [
            { ...HA, wordCountInput: "s3a://bucket/words.txt" },
            'storage.hdfs.wordCountInput: "s3a://bucket/words.txt" is not on this file system, expected an absolute HDFS path such as /user/spark/input/words.txt, or a URI starting with hdfs://prod-hdfs/',
        ],
        [{ ...HA, wordCountInput: "" }, 'storage.hdfs.wordCountInput: got ""'],
    ])("GIVEN %j WHEN derived THEN one line naming the key", (args, message) => {
        let error: unknown;
        try {
            // The component's keys are relative; the stack config puts them under storage.hdfs.
            underKey("storage.hdfs", () => hdfsClientConf(args as HdfsConfArgs));
        } catch (err) {
            error = err;
        }
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message).not.toContain("\n");
        expect((error as Error).message.startsWith(message)).toBe(true);
    });
});

describe("hadoopConfigurationXml", () => {
    it("GIVEN names and values with <&>\"' WHEN written THEN every one is escaped and reads back unchanged", () => {
        const nasty = `a<b>&c"d'e`;
        const xml = hadoopConfigurationXml([
            { name: "custom.<&>\"'", value: nasty },
            { name: "plain", value: "x" },
            { name: "empty", value: "" },
            { name: "entity", value: "&amp; &#60; ]]>" },
        ]);
        expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<configuration>\n')).toBe(true);
        expect(xml.endsWith("</configuration>\n")).toBe(true);
        expect(xml).toContain("<value>a&lt;b&gt;&amp;c&quot;d&apos;e</value>");
        expect(xml).toContain("<name>custom.&lt;&amp;&gt;&quot;&apos;</name>");
        // Text that looks like markup stays text: already-escaped input is escaped again.
        expect(xml).toContain("<value>&amp;amp; &amp;#60; ]]&gt;</value>");
        // No bare '&' anywhere, and '<' only as markup.
        expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
        expect(xml.replace(/<\/?(configuration|property|name|value)>|<\?xml [^>]*\?>/g, "")).not.toMatch(/[<>]/);
        expect(readConfiguration(xml)).toEqual([
            { name: "custom.<&>\"'", value: nasty },
            { name: "plain", value: "x" },
            { name: "empty", value: "" },
            { name: "entity", value: "&amp; &#60; ]]>" },
        ]);
    });

    it("GIVEN no properties WHEN written THEN an empty configuration element", () => {
        const xml = hadoopConfigurationXml([]);
        expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<configuration></configuration>\n');
        expect(readConfiguration(xml)).toEqual([]);
    });

    it("GIVEN a control character WHEN written THEN it is refused (XML 1.0 cannot carry it)", () => {
        expect(() => hadoopConfigurationXml([{ name: "n", value: "\u0000" }])).toThrow(/XML 1\.0 cannot carry/);
    });

    it("GIVEN an HA conf WHEN both files are written THEN they read back as exactly the derived properties", () => {
        const conf = hdfsClientConf({ ...HA, coreSite: { "hadoop.security.authentication": "kerberos" } });
        const files = hadoopConfFiles(conf);
        expect(Object.keys(files)).toEqual(["core-site.xml", "hdfs-site.xml"]);
        expect(readConfiguration(files["core-site.xml"])).toEqual(conf.coreSite);
        expect(readConfiguration(files["hdfs-site.xml"])).toEqual(conf.hdfsSite);
        expect(files["hdfs-site.xml"]).toContain("  <property>\n    <name>dfs.ha.namenodes.prod-hdfs</name>\n    <value>nn1,nn2</value>\n  </property>\n");
    });
});

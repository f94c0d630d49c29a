import { describe, expect, it } from "vitest";

import { hadoopConfFiles, hdfsClientConf, HdfsConfArgs } from "../../components/storage/hdfs-conf";
import { checkNamenodePrincipal, defaultNamenodePrincipal, kerberosCoreSite } from "../../components/storage/hdfs-kerberos";
import { oneLineInputError } from "../helpers/errors";

const HA: HdfsConfArgs = { namenodes: ["nn1.example.com:8020", "nn2.example.com:8020"], nameservice: "prod-hdfs" };

const errorOf = oneLineInputError;

describe("hdfsClientConf with namenodePrincipal (Kerberos)", () => {
    it("GIVEN one NameNode and a principal WHEN derived THEN core-site switches Hadoop to Kerberos and hdfs-site names the principal", () => {
        const conf = hdfsClientConf({ namenodes: ["nn1.example.com:8020"], namenodePrincipal: "nn/_HOST@EXAMPLE.COM" });
        expect(conf.namenodePrincipal).toBe("nn/_HOST@EXAMPLE.COM");
        expect(conf.coreSite).toEqual([
            { name: "fs.defaultFS", value: "hdfs://nn1.example.com:8020" },
            { name: "hadoop.security.authentication", value: "kerberos" },
            { name: "hadoop.security.authorization", value: "true" },
        ]);
        expect(conf.hdfsSite).toEqual([{ name: "dfs.namenode.kerberos.principal", value: "nn/_HOST@EXAMPLE.COM" }]);
    });

    it("GIVEN an HA nameservice WHEN derived THEN the one _HOST principal follows the HA keys, before the user's extras", () => {
        const conf = hdfsClientConf({ ...HA, namenodePrincipal: "nn/_HOST@EXAMPLE.COM", hdfsSite: { "dfs.data.transfer.protection": "privacy" } });
        expect(conf.hdfsSite.map((p) => p.name)).toEqual([
            "dfs.nameservices",
            "dfs.ha.namenodes.prod-hdfs",
            "dfs.namenode.rpc-address.prod-hdfs.nn1",
            "dfs.namenode.rpc-address.prod-hdfs.nn2",
            "dfs.client.failover.proxy.provider.prod-hdfs",
            "dfs.namenode.kerberos.principal",
            "dfs.data.transfer.protection",
        ]);
        const files = hadoopConfFiles(conf);
        expect(files["hdfs-site.xml"]).toContain("<name>dfs.namenode.kerberos.principal</name>\n    <value>nn/_HOST@EXAMPLE.COM</value>");
        expect(files["core-site.xml"]).toContain("<name>hadoop.security.authentication</name>\n    <value>kerberos</value>");
    });

    it("GIVEN the user's own Kerberos-consistent core-site values WHEN derived THEN they are kept and not added twice", () => {
        const conf = hdfsClientConf({
            ...HA,
            namenodePrincipal: "nn/_HOST@EXAMPLE.COM",
            coreSite: { "hadoop.security.authentication": "KERBEROS", "hadoop.security.authorization": "false" },
        });
        expect(conf.coreSite).toEqual([
            { name: "fs.defaultFS", value: "hdfs://prod-hdfs" },
            { name: "hadoop.security.authentication", value: "KERBEROS" },
            { name: "hadoop.security.authorization", value: "false" },
        ]);
    });

    it("GIVEN a NameNode principal in another realm WHEN derived THEN it is accepted (cross-realm trust)", () => {
        const conf = hdfsClientConf({ ...HA, namenodePrincipal: "hdfs/nn.data.example@DATA.EXAMPLE.COM" });
        expect(conf.namenodePrincipal).toBe("hdfs/nn.data.example@DATA.EXAMPLE.COM");
    });

    it("GIVEN no namenodePrincipal WHEN derived THEN nothing about Kerberos is added", () => {
        const conf = hdfsClientConf(HA);
        expect(conf.namenodePrincipal).toBeUndefined();
        expect(conf.coreSite).toEqual([{ name: "fs.defaultFS", value: "hdfs://prod-hdfs" }]);
        expect(conf.hdfsSite.some((p) => p.name.includes("kerberos"))).toBe(false);
    });

    it.each<[Partial<HdfsConfArgs>, string]>([
        [
            { coreSite: { "hadoop.security.authentication": "simple" } },
            'coreSite.hadoop.security.authentication: got "simple" for an HDFS that uses Kerberos, expected kerberos',
        ],
        [{ coreSite: { "hadoop.security.authorization": "yes" } }, 'coreSite.hadoop.security.authorization: got "yes", expected true or false'],
        [
            { hdfsSite: { "dfs.namenode.kerberos.principal": "nn/_HOST@EXAMPLE.COM" } },
            "hdfsSite.dfs.namenode.kerberos.principal: is derived from namenodePrincipal",
        ],
        [
            { namenodePrincipal: "nn@EXAMPLE.COM" },
            'namenodePrincipal: principal "nn@EXAMPLE.COM" has no host part, expected a service principal service/host@REALM',
        ],
        [{ namenodePrincipal: "nn/_HOST" }, 'namenodePrincipal: principal "nn/_HOST" has no @REALM'],
        [{ namenodePrincipal: "nn/_HOST@example.com" }, 'namenodePrincipal: realm "example.com" has lowercase letters'],
        [{ namenodePrincipal: "nn/a/b@EXAMPLE.COM" }, "namenodePrincipal: principal"],
    ])("GIVEN %j WHEN derived THEN one line naming the key", (extra, message) => {
        const error = errorOf(() => hdfsClientConf({ ...HA, namenodePrincipal: "nn/_HOST@EXAMPLE.COM", ...extra }));
        expect(error.message.startsWith(message), error.message).toBe(true);
    });
});

describe("the Kerberos helpers", () => {
    it("GIVEN a realm WHEN defaulted THEN the principal is nn/_HOST@REALM, which the principal check accepts", () => {
        expect(defaultNamenodePrincipal("CORP.EXAMPLE")).toBe("nn/_HOST@CORP.EXAMPLE");
        expect(checkNamenodePrincipal(defaultNamenodePrincipal("CORP.EXAMPLE")).instance).toBe("_HOST");
    });

    it("GIVEN no user core-site WHEN asked THEN both switches are added", () => {
        expect(kerberosCoreSite(undefined)).toEqual([
            { name: "hadoop.security.authentication", value: "kerberos" },
            { name: "hadoop.security.authorization", value: "true" },
        ]);
    });
});

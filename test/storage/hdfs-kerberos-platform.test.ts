import { XMLParser } from "fast-xml-parser";
import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

import { resolveHdfsConfig, resolveHdfsKerberos } from "../../components/platforms/config/hdfs";
import { resolveStackConfig } from "../../components/platforms/config/resolve";
import { hadoopConfFiles, hdfsClientConf } from "../../components/storage/hdfs-conf";
import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { oneLineInputError } from "../helpers/errors";
import { mockRuntime, one, planOf } from "../helpers/mocks";

/**
 * Kerberos with HDFS from the stack config down to the rendered ConfigMap: the default NameNode
 * principal from `kerberos.principal`'s realm, the config-key errors, the README example, and the
 * platform refusing KerberosSecrets beside an HdfsStorage without a NameNode principal.
 */
const ROOT = path.join(__dirname, "..", "..");
const KEYTAB = path.join(ROOT, "test", "fixtures", "kerberos", "spark-v2.keytab");
const PRINCIPAL = "spark/worker.spark.test@SPARK.TEST";
const KERBEROS = { principal: PRINCIPAL, keytabPath: KEYTAB, kdcs: ["kdc1.spark.test:88"] };
const HA = { namenodes: ["nn1.spark.test:8020", "nn2.spark.test:8020"], nameservice: "prod-hdfs" };
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";

function propertiesOf(xml: string): Record<string, string> {
    const doc = new XMLParser({ parseTagValue: false, isArray: (n) => n === "property" }).parse(xml) as {
        configuration: "" | { property?: { name: string; value: unknown }[] };
    };
    return doc.configuration === "" ? {} : Object.fromEntries((doc.configuration.property ?? []).map((p) => [p.name, String(p.value)]));
}

const errorOf = oneLineInputError;

describe("storage.hdfs with kerberos in the stack config", () => {
    it("GIVEN HA HDFS and kerberos WHEN resolved THEN namenodePrincipal defaults to nn/_HOST@<realm of kerberos.principal>", () => {
        const config = resolveStackConfig({ cloud: "existing", storage: { type: "hdfs", hdfs: HA }, kerberos: KERBEROS });
        expect(config.storage!.hdfs.namenodePrincipal).toBe("nn/_HOST@SPARK.TEST");
        const files = hadoopConfFiles(hdfsClientConf(config.storage!.hdfs));
        expect(propertiesOf(files["core-site.xml"])).toEqual({
            "fs.defaultFS": "hdfs://prod-hdfs",
            "hadoop.security.authentication": "kerberos",
            "hadoop.security.authorization": "true",
        });
        expect(propertiesOf(files["hdfs-site.xml"])["dfs.namenode.kerberos.principal"]).toBe("nn/_HOST@SPARK.TEST");
    });

    it("GIVEN HDFS without kerberos WHEN resolved THEN the arguments are as given (nothing about Kerberos)", () => {
        const config = resolveStackConfig({ cloud: "existing", storage: { type: "hdfs", hdfs: HA } });
        expect(config.storage!.hdfs).toEqual(HA);
    });

    it("GIVEN an explicit cross-realm principal WHEN resolved THEN it is kept", () => {
        const hdfs = resolveHdfsKerberos(resolveHdfsConfig({ ...HA, namenodePrincipal: "hdfs/_HOST@DATA.TEST" }), PRINCIPAL);
        expect(hdfs.namenodePrincipal).toBe("hdfs/_HOST@DATA.TEST");
    });

    it("GIVEN a principal already written in hdfsSite WHEN resolved THEN it becomes namenodePrincipal (configs from before keep working)", () => {
        const hdfs = resolveHdfsKerberos(
            resolveHdfsConfig({ ...HA, hdfsSite: { "dfs.namenode.kerberos.principal": "nn/_HOST@SPARK.TEST", "dfs.replication": "2" } }),
            PRINCIPAL,
        );
        expect(hdfs.namenodePrincipal).toBe("nn/_HOST@SPARK.TEST");
        expect(hdfs.hdfsSite).toEqual({ "dfs.replication": "2" });
    });

    it.each<[Record<string, unknown>, Record<string, unknown> | undefined, string]>([
        [
            { ...HA, namenodePrincipal: "nn@SPARK.TEST" },
            KERBEROS,
            'storage.hdfs.namenodePrincipal: principal "nn@SPARK.TEST" has no host part, expected a service principal service/host@REALM',
        ],
        [{ ...HA, namenodePrincipal: "nn/_HOST@SPARK.TEST" }, undefined, "storage.hdfs.namenodePrincipal: is set but kerberos is not, expected kerberos"],
        [
            { ...HA, coreSite: { "hadoop.security.authentication": "simple" } },
            KERBEROS,
            'storage.hdfs.coreSite.hadoop.security.authentication: got "simple" for an HDFS that uses Kerberos, expected kerberos',
        ],
        [
            { ...HA, hdfsSite: { "dfs.namenode.kerberos.principal": "nn@SPARK.TEST" } },
            KERBEROS,
            'storage.hdfs.hdfsSite.dfs.namenode.kerberos.principal: principal "nn@SPARK.TEST" has no host part',
        ],
        [
            { ...HA, namenodePrincipal: "nn/_HOST@SPARK.TEST", hdfsSite: { "dfs.namenode.kerberos.principal": "nn/_HOST@SPARK.TEST" } },
            KERBEROS,
            "storage.hdfs.hdfsSite.dfs.namenode.kerberos.principal: is derived from namenodePrincipal",
        ],
    ])("GIVEN storage.hdfs %j WHEN resolved THEN one line naming the key", (hdfs, kerberos, message) => {
        const error = errorOf(() => resolveStackConfig({ cloud: "existing", storage: { type: "hdfs", hdfs }, ...(kerberos ? { kerberos } : {}) }));
        expect(error.message.startsWith(message), error.message).toBe(true);
    });

    it("GIVEN an inline keytab and a bad NameNode principal WHEN resolved THEN the line never shows keytab bytes", () => {
        const keytab = fs.readFileSync(KEYTAB);
        const base64 = keytab.toString("base64");
        const error = errorOf(() =>
            resolveStackConfig({
                cloud: "existing",
                storage: { type: "hdfs", hdfs: { ...HA, namenodePrincipal: "nn" } },
                kerberos: { principal: PRINCIPAL, keytab: base64, kdcs: ["kdc1.spark.test:88"] },
            }),
        );
        expect(error.key).toBe("storage.hdfs.namenodePrincipal");
        for (const needle of [base64.slice(8, 48), keytab.subarray(40, 72).toString("hex")]) {
            expect(error.message).not.toContain(needle);
        }
    });
});

describe("the README example (HDFS and Kerberos on an existing cluster)", () => {
    it("GIVEN its storage and kerberos.principal WHEN resolved THEN the Hadoop files authenticate with Kerberos", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const section = readme.slice(readme.indexOf("### HDFS and Kerberos on an existing cluster"));
        const block = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
        const config = (parseYaml(block) as { config: Record<string, any> }).config;
        const hdfs = resolveHdfsKerberos(resolveHdfsConfig(config["serverless-spark:storage"].hdfs), config["serverless-spark:kerberos"].principal);
        const files = hadoopConfFiles(hdfsClientConf(hdfs));
        expect(propertiesOf(files["core-site.xml"])).toMatchObject({
            "hadoop.security.authentication": "kerberos",
            "hadoop.security.authorization": "true",
        });
        const hdfsSite = propertiesOf(files["hdfs-site.xml"]);
        expect(hdfsSite["dfs.namenode.kerberos.principal"]).toBe("nn/_HOST@CORP.EXAMPLE");
        expect(hdfsSite["dfs.nameservices"]).toBe("prod-hdfs");
        expect(hdfsSite["dfs.data.transfer.protection"]).toBe("privacy");
    });
});

describe("the rendered hadoop-conf ConfigMap (mock runtime)", () => {
    let runtime: MockRuntime;
    let lib: typeof import("../../components");

    beforeAll(async () => {
        runtime = await mockRuntime();
        lib = await import("../../components");
    });

    it("GIVEN an ExistingSparkPlatform with HA HDFS and Kerberos WHEN declared THEN each job namespace's ConfigMap carries the Kerberos keys", async () => {
        new lib.ExistingSparkPlatform("krb", { jobNamespaces: ["etl"], storage: { type: "hdfs", hdfs: HA }, kerberos: KERBEROS } as never);
        const plan = await planOf(runtime);
        const data = one(plan, CONFIG_MAP, "krb-storage-etl-hadoop-conf").inputs.data as Record<string, string>;
        expect(propertiesOf(data["core-site.xml"]!)).toEqual({
            "fs.defaultFS": "hdfs://prod-hdfs",
            "hadoop.security.authentication": "kerberos",
            "hadoop.security.authorization": "true",
        });
        expect(propertiesOf(data["hdfs-site.xml"]!)).toEqual({
            "dfs.nameservices": "prod-hdfs",
            "dfs.ha.namenodes.prod-hdfs": "nn1,nn2",
            "dfs.namenode.rpc-address.prod-hdfs.nn1": "nn1.spark.test:8020",
            "dfs.namenode.rpc-address.prod-hdfs.nn2": "nn2.spark.test:8020",
            "dfs.client.failover.proxy.provider.prod-hdfs": "org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider",
            "dfs.namenode.kerberos.principal": "nn/_HOST@SPARK.TEST",
        });
    });

    it("GIVEN KerberosSecrets beside an HdfsStorage without namenodePrincipal WHEN the platform is declared THEN one line naming storage, and no platform", async () => {
        const cluster = new lib.ExistingCluster("plain-cluster");
        const storage = new lib.HdfsStorage("plain-hdfs", HA);
        const kerberos = new lib.KerberosSecrets("plain-krb", {
            principal: PRINCIPAL,
            keytab: lib.SecretContent.fromBytes(fs.readFileSync(KEYTAB)),
            kdcs: ["kdc1.spark.test:88"],
        });
        await runtime.settle();
        const before = runtime.registrations.length;
        const error = errorOf(() => new lib.ServerlessSparkPlatform("plain", { cluster, storage, integrations: [kerberos] }));
        expect(error.message).toMatch(
            /^ServerlessSparkPlatform "plain": storage: is an HdfsStorage without namenodePrincipal while integrations include KerberosSecrets/,
        );
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);

        // With the principal the same platform is accepted.
        const kerberized = new lib.HdfsStorage("krb-hdfs", { ...HA, namenodePrincipal: "nn/_HOST@SPARK.TEST" });
        expect(kerberized.namenodePrincipal).toBe("nn/_HOST@SPARK.TEST");
        new lib.ServerlessSparkPlatform("kerberized", { cluster, storage: kerberized, integrations: [kerberos] });
        await planOf(runtime);
    });
});

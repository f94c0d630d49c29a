import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";

import { PLATFORM_OBJECT_LABELS } from "../../components/rbac/guard";
import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { childrenOf, mockRuntime, one, planOf, T } from "../helpers/mocks";

let runtime: MockRuntime;
let mod: typeof import("../../components/storage/hdfs");

const HDFS = "serverless-spark:storage:HdfsStorage";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";

beforeAll(async () => {
    runtime = await mockRuntime();
    mod = await import("../../components/storage/hdfs");
});

/** The value of an Output (mocks resolve everything). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}

function propertiesOf(xml: string): Record<string, string> {
    const doc = new XMLParser({ parseTagValue: false, isArray: (n) => n === "property" }).parse(xml) as any;
    return Object.fromEntries((doc.configuration.property ?? []).map((p: any) => [p.name, String(p.value)]));
}

describe("HdfsStorage", () => {
    it("GIVEN an HA nameservice WHEN declared THEN it is an hdfs SparkStorage with no identity, no labels and no resources of its own", async () => {
        const storage = new mod.HdfsStorage("hdfs", {
            namenodes: ["nn1.example.com:8020", "nn2.example.com:8020"],
            nameservice: "prod",
            wordCountInput: "/user/spark/input/words.txt",
        });
        expect(storage.type).toBe("hdfs");
        expect(await valueOf(storage.dataRoot)).toBe("hdfs://prod");
        expect(await valueOf(storage.wordCountInput!)).toBe("hdfs://prod/user/spark/input/words.txt");
        expect(storage.serviceAccountAnnotations("etl")).toEqual({});
        expect(storage.namespaceLabels("etl")).toEqual({});
        expect(storage.configMapName).toBe("hadoop-conf");
        const plan = await planOf(runtime);
        expect(one(plan, HDFS, "hdfs").parent).toBeNull();
        expect(childrenOf(plan, { type: HDFS, name: "hdfs" })).toEqual([]);
    });

    it("GIVEN two job namespaces WHEN integrated THEN each gets a ConfigMap with both files, waiting for its namespace, and jobs get webhook-free conf", async () => {
        const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
        const storage = new mod.HdfsStorage("store", {
            namenodes: ["nn1.example.com:8020", "nn2.example.com:8020"],
            nameservice: "prod",
            coreSite: { "hadoop.security.authentication": "kerberos" },
            hdfsSite: { "dfs.namenode.kerberos.principal": "nn/_HOST@EXAMPLE.COM" },
        });
        const integrations = ["etl", "adhoc"].map((name) => {
            const namespace = new k8s.core.v1.Namespace(`ns-${name}`, { metadata: { name } }, { provider });
            return storage.integrate({ name, namespace }, { providers: [provider] });
        });
        const plan = await planOf(runtime);

        expect(childrenOf(plan, { type: HDFS, name: "store" })).toEqual([`${CONFIG_MAP}::store-adhoc-hadoop-conf`, `${CONFIG_MAP}::store-etl-hadoop-conf`]);
        for (const name of ["etl", "adhoc"]) {
            const cm = one(plan, CONFIG_MAP, `store-${name}-hadoop-conf`);
            expect(cm.parent).toBe(`${HDFS}::store`);
            expect(cm.provider).toBe(`${T.k8sProvider}::k8s`);
            expect(cm.dependsOn).toEqual([`${T.namespace}::ns-${name}`]);
            expect(cm.inputs.metadata).toEqual({ name: "hadoop-conf", namespace: name, labels: PLATFORM_OBJECT_LABELS });
            expect(Object.keys(cm.inputs.data as object)).toEqual(["core-site.xml", "hdfs-site.xml"]);
            const data = cm.inputs.data as Record<string, string>;
            expect(data).toEqual(storage.files);
            expect(propertiesOf(data["core-site.xml"]!)).toEqual({ "fs.defaultFS": "hdfs://prod", "hadoop.security.authentication": "kerberos" });
            expect(propertiesOf(data["hdfs-site.xml"]!)).toEqual({
                "dfs.nameservices": "prod",
                "dfs.ha.namenodes.prod": "nn1,nn2",
                "dfs.namenode.rpc-address.prod.nn1": "nn1.example.com:8020",
                "dfs.namenode.rpc-address.prod.nn2": "nn2.example.com:8020",
                "dfs.client.failover.proxy.provider.prod": "org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider",
                "dfs.namenode.kerberos.principal": "nn/_HOST@EXAMPLE.COM",
            });
        }

        const [etl] = integrations;
        expect(etl!.source).toBe("storage");
        expect(etl!.sparkConf).toEqual({ "spark.kubernetes.hadoop.configMapName": "hadoop-conf" });
        expect(Object.keys(etl!.sparkConf!)).not.toContain("hadoopConfigMap");
        expect(await valueOf(pulumi.output(etl!.hadoopConf!["fs.defaultFS"]!))).toBe("hdfs://prod");
        expect(etl!.dependsOn).toEqual([storage.configMaps.etl]);
        expect(etl!.driverSecrets).toBeUndefined();
        expect(etl!.podAnnotations).toBeUndefined();
    });

    it("GIVEN a single NameNode, a custom ConfigMap name and a caller's parent WHEN integrated THEN those are used", async () => {
        const owner = new pulumi.ComponentResource("test:index:Owner", "owner");
        const storage = new mod.HdfsStorage("single", { namenodes: ["10.1.2.3:9000"], configMapName: "hdfs-client" });
        const namespace = new k8s.core.v1.Namespace("ns-single", { metadata: { name: "single" } });
        const extra = new k8s.core.v1.ConfigMap("unrelated", {});
        const integration = storage.integrate({ name: "single", namespace }, { parent: owner, dependsOn: [extra] });
        expect(storage.wordCountInput).toBeUndefined();
        expect(integration.sparkConf).toEqual({ "spark.kubernetes.hadoop.configMapName": "hdfs-client" });
        const plan = await planOf(runtime);
        const cm = one(plan, CONFIG_MAP, "single-single-hadoop-conf");
        expect(cm.parent).toBe("test:index:Owner::owner");
        expect(cm.dependsOn).toEqual([`${CONFIG_MAP}::unrelated`, `${T.namespace}::ns-single`]);
        expect(propertiesOf((cm.inputs.data as any)["core-site.xml"])).toEqual({ "fs.defaultFS": "hdfs://10.1.2.3:9000" });
        expect((cm.inputs.data as any)["hdfs-site.xml"]).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<configuration></configuration>\n');
        expect(() => storage.integrate({ name: "single", namespace }, {})).toThrow(/namespace single is already integrated/);
    });

    it.each<[object, string]>([
        [{ namenodes: ["nn1:8020", "nn2:8020"] }, 'HdfsStorage "bad": nameservice: is missing but 2 NameNodes are given'],
        [{ namenodes: ["nn1:8020"], nameservice: "ns" }, 'HdfsStorage "bad": namenodes: has 1 NameNode for nameservice "ns"'],
        [{ namenodes: ["nn1"] }, 'HdfsStorage "bad": namenodes[0]: "nn1" has no port'],
        [{ namenodes: ["nn1:8020"], coreSite: { "": "x" } }, 'HdfsStorage "bad": coreSite: has a property with an empty name'],
        [{ namenodes: ["nn1:8020"], wordCountInput: "words.txt" }, 'HdfsStorage "bad": wordCountInput: "words.txt" is not an absolute path'],
        [{ namenodes: ["nn1:8020"], configMapName: "Hadoop Conf" }, 'HdfsStorage "bad": configMapName: got "Hadoop Conf", expected a DNS-1123 label'],
    ])("GIVEN %j WHEN declared THEN one clear error naming the component and the argument, and nothing registered", async (args, message) => {
        await runtime.settle();
        const before = runtime.registrations.length;
        expect(() => new mod.HdfsStorage("bad", args as any)).toThrow(message);
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);
    });
});

import { describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import { hdfsStorageSchema, resolveHdfsConfig } from "../../components/platforms/config/hdfs";

describe("resolveHdfsConfig", () => {
    it("GIVEN a single NameNode WHEN resolved THEN the component arguments come back as given", () => {
        expect(resolveHdfsConfig({ namenodes: ["nn1.example.com:8020"] })).toEqual({ namenodes: ["nn1.example.com:8020"] });
    });

    it("GIVEN every key WHEN resolved THEN all of them are passed on", () => {
        const raw = {
            namenodes: ["nn1.example.com:8020", "nn2.example.com:8020"],
            nameservice: "prod",
            coreSite: { "hadoop.security.authentication": "kerberos" },
            hdfsSite: { "dfs.client.use.datanode.hostname": "true" },
            wordCountInput: "/user/spark/input/words.txt",
            configMapName: "hdfs-client",
        };
        expect(resolveHdfsConfig(raw)).toEqual(raw);
        // The schema alone accepts it too (what the stack config's shape check runs).
        expect(hdfsStorageSchema.safeParse(raw).success).toBe(true);
    });

    // One bad value per key: each fails with one line naming the key, the value and what is expected.
    it.each<[unknown, string]>([
        ["nn1:8020", 'storage.hdfs: got "nn1:8020", expected an object with namenodes, nameservice, coreSite, hdfsSite, wordCountInput, eventLogDir'],
        [{}, "storage.hdfs.namenodes: got nothing, expected a list of NameNode addresses host:port"],
        [{ namenodes: "nn1:8020" }, 'storage.hdfs.namenodes: got "nn1:8020", expected a list of NameNode addresses host:port'],
        [{ namenodes: [8020] }, "storage.hdfs.namenodes[0]: got 8020, expected a NameNode address host:port such as nn1.example.com:8020"],
        [{ namenodes: [] }, "storage.hdfs.namenodes: got [], expected a list of NameNode addresses"],
        [{ namenodes: ["nn1:99999"] }, 'storage.hdfs.namenodes[0]: port 99999 in "nn1:99999" is out of range, expected a port from 1 to 65535'],
        [{ namenodes: ["nn1:8020", "nn2:8020"] }, "storage.hdfs.nameservice: is missing but 2 NameNodes are given, expected a nameservice ID"],
        [{ namenodes: ["nn1:8020"], nameservice: "ns" }, 'storage.hdfs.namenodes: has 1 NameNode for nameservice "ns", expected at least two NameNodes'],
        [{ namenodes: ["a:1", "b:1"], nameservice: 7 }, "storage.hdfs.nameservice: got 7, expected an HA nameservice ID such as prod-hdfs"],
        [{ namenodes: ["a:1", "b:1"], nameservice: "my.ns" }, 'storage.hdfs.nameservice: got "my.ns", expected a nameservice ID: a letter'],
        [{ namenodes: ["a:1"], coreSite: { "dfs.x": 1 } }, "storage.hdfs.coreSite.dfs.x: got 1, expected core-site.xml property values as strings"],
        [{ namenodes: ["a:1"], coreSite: ["x"] }, 'storage.hdfs.coreSite: got ["x"], expected a map of core-site.xml property names to string values'],
        [{ namenodes: ["a:1"], coreSite: { "": "x" } }, "storage.hdfs.coreSite: has a property with an empty name, expected non-empty Hadoop property names"],
        [{ namenodes: ["a:1"], hdfsSite: { "a b": "x" } }, 'storage.hdfs.hdfsSite: property name "a b" contains whitespace or control characters'],
        [
            { namenodes: ["a:1"], hdfsSite: "dfs.replication=2" },
            'storage.hdfs.hdfsSite: got "dfs.replication=2", expected a map of hdfs-site.xml property names',
        ],
        [{ namenodes: ["a:1"], wordCountInput: 3 }, "storage.hdfs.wordCountInput: got 3, expected an absolute HDFS path such as /user/spark/input/words.txt"],
        [{ namenodes: ["a:1"], wordCountInput: "input/words.txt" }, 'storage.hdfs.wordCountInput: "input/words.txt" is not an absolute path'],
        [{ namenodes: ["a:1"], configMapName: "Hadoop" }, 'storage.hdfs.configMapName: got "Hadoop", expected a DNS-1123 label'],
        [
            { namenodes: ["a:1"], namenode: "a:1" },
            "storage.hdfs.namenode: unknown config key, expected one of namenodes, nameservice, coreSite, hdfsSite, wordCountInput, eventLogDir, configMapName",
        ],
    ])("GIVEN %j WHEN resolved THEN it fails with one clear line", (raw, message) => {
        let error: unknown;
        try {
            resolveHdfsConfig(raw);
        } catch (err) {
            error = err;
        }
        expect(error).toBeInstanceOf(InputError);
        const text = (error as Error).message;
        expect(text).not.toContain("\n");
        expect(text.startsWith(message), text).toBe(true);
    });
});

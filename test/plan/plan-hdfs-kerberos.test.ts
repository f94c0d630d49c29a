import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { planCli, PROJECT_ROOT, readTree, tempDir } from "../helpers/plan-cli";

const KEYTAB = path.join(PROJECT_ROOT, "test/fixtures/kerberos/spark-v2.keytab");
const PRINCIPAL = "spark/worker.spark.test@SPARK.TEST";

const hdfsKerberos = [
    "--config",
    "storage.type=hdfs",
    "--config",
    'storage.hdfs.namenodes=["nn1:8020"]',
    "--config",
    `kerberos.principal=${PRINCIPAL}`,
    "--config",
    `kerberos.keytabPath=${KEYTAB}`,
    "--config",
    "kerberos.realm=SPARK.TEST",
    "--config",
    'kerberos.kdcs=["kdc:88"]',
];

describe("npm run plan -- --stack existing with HDFS and Kerberos", () => {
    it("GIVEN HDFS + a keytab WHEN planned THEN ConfigMaps, the keytab Secret and the job wiring render, and no keytab byte leaks", async () => {
        const dir = tempDir("plan-krb-");
        const result = await planCli(["--stack", "existing", "--out", dir, ...hdfsKerberos]);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        const tree = readTree(dir);
        const secret = tree.get("manifests/secret/spark-jobs/spark-kerberos-keytab.yaml")!;
        expect(secret).toContain("[secret]");
        expect(tree.get("manifests/configmap/spark-jobs/spark-kerberos-krb5.yaml")).toContain("krb5.conf");
        expect(tree.get("manifests/configmap/spark-jobs/hadoop-conf.yaml")).toContain("core-site.xml");
        const wordcount = tree.get("manifests/sparkapplication/spark-jobs/wordcount.yaml")!;
        for (const line of [
            `spark.kerberos.principal: ${PRINCIPAL}`,
            "spark.kerberos.keytab: local:///mnt/secrets/spark-kerberos-keytab/krb5.keytab",
            "spark.kubernetes.driver.secrets.spark-kerberos-keytab: /mnt/secrets/spark-kerberos-keytab",
            "spark.kubernetes.kerberos.krb5.configMapName: spark-kerberos-krb5",
            "spark.kubernetes.hadoop.configMapName: hadoop-conf",
            "fs.defaultFS: hdfs://nn1:8020",
        ]) {
            expect(wordcount).toContain(line);
        }

        // No run of the keytab's bytes (raw, base64 or hex) appears anywhere.
        const keytab = fs.readFileSync(KEYTAB);
        const needles = [keytab.toString("base64").slice(8, 48), keytab.subarray(40, 72).toString("hex"), keytab.subarray(40, 72).toString("latin1")];
        for (const [file, content] of [...tree.entries(), ["stdout", result.stdout] as const]) {
            for (const needle of needles) {
                expect(content.includes(needle), `${file} contains keytab bytes`).toBe(false);
            }
        }
    });

    it.each<[string[], string]>([
        [
            ["--config", "kerberos.principal=someone@SPARK.TEST"],
            "error: kerberos.keytabPath: the keytab holds keys for spark/worker.spark.test@SPARK.TEST but not for someone@SPARK.TEST",
        ],
        [["--config", "kerberos.principal=not a principal"], "error: kerberos.principal:"],
        [["--config", "kerberos.keytabPath=/no/such/keytab"], "error: kerberos.keytabPath:"],
        [["--config", "kerberos.realm=OTHER.TEST"], "error: kerberos.realm:"],
        [["--config", 'storage.hdfs.namenodes=["nn1"]'], "error: storage.hdfs.namenodes[0]:"],
        [["--config", "storage.type=gcs"], 'error: storage.type: got "gcs", expected s3, oss, hdfs'],
    ])("GIVEN a bad value %j WHEN planned THEN one line naming the key", async (override, message) => {
        const dir = path.join(tempDir("plan-krb-bad-"), "out");
        const result = await planCli(["--stack", "existing", "--out", dir, ...hdfsKerberos, ...override]);
        expect(result.status).toBe(1);
        expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
        expect(result.stderr).toContain(message);
        expect(fs.existsSync(dir)).toBe(false);
    });
});

import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { planHistoryServers } from "../../components/history/plan";
import { planCli, PROJECT_ROOT, stackArgs, tempDir } from "../helpers/plan-cli";

/**
 * The History Server on the `existing` stack: its HDFS storage names an event-log directory, jobs
 * write their logs to `<eventLogDir>/<namespace>`, and a server per namespace reads them with the
 * Hadoop configuration mounted, its cleaner expiring them (HDFS has no lifecycle rules); on a
 * Kerberized HDFS it logs in as the jobs' principal from the namespace's keytab.
 */
type Planned = { type: string; name: string; inputs: Record<string, any> };

async function planned(extra: string[] = []): Promise<Planned[]> {
    const dir = tempDir("history-hdfs-");
    const result = await planCli([...stackArgs("existing"), ...extra, "--out", dir]);
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(fs.readFileSync(path.join(dir, "resources.json"), "utf8"));
}

const deploymentOf = (resources: Planned[]) =>
    resources.find((r) => r.type === "kubernetes:apps/v1:Deployment" && r.name === "spark-spark-jobs-history-deployment");
const confOf = (args: string[]) => Object.fromEntries(args.filter((_, i) => args[i - 1] === "--conf").map((pair) => pair.split(/=(.*)/s).slice(0, 2)));

const KEYTAB = path.join(PROJECT_ROOT, "test/fixtures/kerberos/spark-v2.keytab");
const PRINCIPAL = "spark/worker.spark.test@SPARK.TEST";
const kerberos = (credentials: string[]) => [
    "--config",
    `kerberos.principal=${PRINCIPAL}`,
    ...credentials,
    "--config",
    "kerberos.realm=SPARK.TEST",
    "--config",
    'kerberos.kdcs=["kdc:88"]',
];

describe("the History Server on the shipped existing stack (HDFS)", () => {
    it("GIVEN the stack as shipped WHEN planned THEN jobs log to the namespace's HDFS directory and a restricted server reads it with the Hadoop configuration, its cleaner on", async () => {
        const resources = await planned();
        const deployment = deploymentOf(resources)!;
        expect(deployment.inputs.metadata.namespace).toBe("spark-jobs");
        const pod = deployment.inputs.spec.template.spec;
        const container = pod.containers[0];
        expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, runAsNonRoot: true });
        const conf = confOf(container.args);
        expect(conf).toMatchObject({
            "spark.history.fs.logDirectory": "hdfs://namenode.example.com:8020/spark-events/spark-jobs",
            "spark.history.fs.cleaner.enabled": "true",
            "spark.history.fs.cleaner.maxAge": "30d",
            "spark.hadoop.fs.defaultFS": "hdfs://namenode.example.com:8020",
        });
        expect(Object.keys(conf).filter((k) => k.startsWith("spark.history.kerberos"))).toEqual([]);
        expect(container.env).toEqual([{ name: "HADOOP_CONF_DIR", value: "/etc/hadoop/conf" }]);
        expect(container.volumeMounts).toContainEqual({ name: "hadoop-conf", mountPath: "/etc/hadoop/conf", readOnly: true });
        expect(pod.volumes).toContainEqual({ name: "hadoop-conf", configMap: { name: "hadoop-conf" } });
        expect(deployment.inputs.spec.template.metadata.labels["spark-role"]).toBeUndefined();
        expect(resources.find((r) => r.type === "kubernetes:core/v1:Service" && r.name === "spark-spark-jobs-history-service")?.inputs.spec.type).toBe(
            "ClusterIP",
        );

        for (const job of resources.filter((r) => r.type === "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication")) {
            expect(job.inputs.spec.sparkConf).toMatchObject({
                "spark.eventLog.enabled": "true",
                "spark.eventLog.dir": "hdfs://namenode.example.com:8020/spark-events/spark-jobs",
                "spark.eventLog.rolling.enabled": "true",
            });
        }
    });

    it("GIVEN historyServer.maxAgeDays 7 WHEN planned THEN the server's cleaner deletes logs after 7 days", async () => {
        const conf = confOf(deploymentOf(await planned(["--config", "historyServer.maxAgeDays=7"]))!.inputs.spec.template.spec.containers[0].args);
        expect(conf["spark.history.fs.cleaner.maxAge"]).toBe("7d");
    });

    it("GIVEN Kerberos with a keytab WHEN planned THEN the server logs in as the jobs' principal from the namespace's keytab, which the guard lets it hold", async () => {
        const resources = await planned(kerberos(["--config", `kerberos.keytabPath=${KEYTAB}`]));
        const deployment = deploymentOf(resources)!;
        const template = deployment.inputs.spec.template;
        const container = template.spec.containers[0];
        expect(confOf(container.args)).toMatchObject({
            "spark.history.kerberos.enabled": "true",
            "spark.history.kerberos.principal": PRINCIPAL,
            "spark.history.kerberos.keytab": "/mnt/secrets/spark-kerberos-keytab/krb5.keytab",
            "spark.hadoop.hadoop.security.authentication": "kerberos",
        });
        expect(template.spec.volumes).toContainEqual({ name: "kerberos-keytab", secret: { secretName: "spark-kerberos-keytab" } });
        expect(template.spec.volumes).toContainEqual({ name: "krb5-conf", configMap: { name: "spark-kerberos-krb5" } });
        expect(container.volumeMounts).toContainEqual({ name: "kerberos-keytab", mountPath: "/mnt/secrets/spark-kerberos-keytab", readOnly: true });
        expect(container.volumeMounts).toContainEqual({ name: "krb5-conf", mountPath: "/etc/krb5.conf", subPath: "krb5.conf", readOnly: true });
        expect(template.metadata.labels["spark-role"]).toBe("history-server");
        // The core-site.xml it mounts switches Hadoop to Kerberos.
        const hadoopConf = resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap" && r.name === "storage-spark-jobs-hadoop-conf")!;
        expect(hadoopConf.inputs.data["core-site.xml"]).toContain("<value>kerberos</value>");
        const guard = resources.find((r) => r.type === "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy")!;
        const keytabRule = guard.inputs.spec.validations.find((v: { expression: string }) => v.expression.includes("spark-kerberos-keytab"));
        expect(keytabRule.expression).toContain('"history-server"');
    });

    it("GIVEN Kerberos with a delegation token only WHEN planned THEN no History Server is declared (it could neither log in nor renew)", async () => {
        const token = path.join(tempDir("history-token-"), "hdfs.token");
        fs.writeFileSync(token, Buffer.concat([Buffer.from("HDTS"), Buffer.from([0, 1, 2, 3])]));
        const resources = await planned(kerberos(["--config", `kerberos.delegationTokenPath=${token}`]));
        expect(resources.filter((r) => r.name.includes("history"))).toEqual([]);
        // The jobs still write their event logs.
        const job = resources.find((r) => r.type === "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication")!;
        expect(job.inputs.spec.sparkConf["spark.eventLog.dir"]).toBe("hdfs://namenode.example.com:8020/spark-events/spark-jobs");
    });

    it("GIVEN historyServer.enabled false WHEN planned THEN no server, and the jobs still write event logs", async () => {
        const resources = await planned(["--config", "historyServer.enabled=false"]);
        expect(resources.filter((r) => r.name.includes("history"))).toEqual([]);
        const job = resources.find((r) => r.type === "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication")!;
        expect(job.inputs.spec.sparkConf["spark.eventLog.enabled"]).toBe("true");
    });
});

describe("planHistoryServers", () => {
    const bucket = (maxAgeDays: number) => ({ historyServerAccess: () => ({}) as never, eventLogExpiry: { by: "lifecycle" as const, maxAgeDays } });

    it("GIVEN a bucket whose rules keep logs 7 days WHEN the platform is given another maxAgeDays THEN one line names the key and both ages", () => {
        expect(() => planHistoryServers(bucket(7) as never, [], { maxAgeDays: 30 })).toThrow(
            "historyServer.maxAgeDays: got 30, but the storage's lifecycle rules delete event logs after 7 days, expected the storage's eventLogMaxAgeDays (7), or leave it out",
        );
    });

    it("GIVEN a bucket WHEN the platform gives the same age, or none THEN its servers read that bucket", () => {
        expect(planHistoryServers(bucket(7) as never, [], { maxAgeDays: 7 })?.storage).toBeDefined();
        expect(planHistoryServers(bucket(7) as never, [], undefined)?.login("etl")).toBeUndefined();
    });

    it("GIVEN a storage without event logs, or the server turned off WHEN planned THEN none", () => {
        expect(planHistoryServers(undefined, [], undefined)).toBeUndefined();
        expect(planHistoryServers({ historyServerAccess: () => ({}), eventLogExpiry: undefined } as never, [], undefined)).toBeUndefined();
        expect(planHistoryServers(bucket(7) as never, [], { enabled: false })).toBeUndefined();
    });
});

import { describe, expect, it } from "vitest";

import { resolveJob } from "../../components/jobs/resolve";
import { sparkApplicationObject } from "../../components/jobs/spec";
import type { SparkJobArgs } from "../../components/jobs/types";
import { ECI_RAM_ROLE_ANNOTATION } from "../../components/storage/oss/storage";
import { scalaJob } from "../helpers/jobs";

const eci = {
    capacityGrid: "eci" as const,
    scheduling: { nodeSelector: {}, tolerations: [], podAnnotations: {}, podLabels: { "alibabacloud.com/eci": "true" } },
};

function job(overrides: Partial<SparkJobArgs> = {}): SparkJobArgs {
    return scalaJob(eci, overrides);
}

const conf = (sparkConf: Record<string, string>) => ({ sparkConf });

/** Each input would let a job author give the job's pods (or the operator's) more than the platform grants. */
const REFUSED: [string, Partial<SparkJobArgs>, string][] = [
    [
        "hostPath volume in the driver",
        conf({ "spark.kubernetes.driver.volumes.hostPath.root.mount.path": "/host", "spark.kubernetes.driver.volumes.hostPath.root.options.path": "/" }),
        "sparkConf.spark.kubernetes.driver.volumes.hostPath.root.mount.path: got a hostPath volume, which the namespace's restricted pod security refuses, expected an emptyDir or persistentVolumeClaim volume",
    ],
    ["NFS volume in executors", conf({ "spark.kubernetes.executor.volumes.nfs.data.options.server": "nfs.example.com" }), "got a nfs volume"],
    ["an unknown volume type", conf({ "spark.kubernetes.executor.volumes.configMap.x.mount.path": "/x" }), "got a configMap volume"],
    [
        "keytab mounted into executors",
        conf({ "spark.kubernetes.executor.secrets.spark-kerberos-keytab": "/mnt/k" }),
        "sparkConf.spark.kubernetes.executor.secrets.spark-kerberos-keytab: would mount a Secret of the namespace into the pod, expected nothing: the platform mounts the Secrets a job needs (the keytab into the driver only)",
    ],
    ["a Secret in the driver", conf({ "spark.kubernetes.driver.secrets.other": "/mnt/o" }), "would mount a Secret"],
    ["a Secret key in the environment", conf({ "spark.kubernetes.executor.secretKeyRef.KEY": "spark-kerberos-keytab:spark.keytab" }), "would mount a Secret"],
    [
        "upload path for local files",
        conf({ "spark.kubernetes.file.upload.path": "hdfs://attacker.example.com:8020/x" }),
        "sparkConf.spark.kubernetes.file.upload.path: would upload files from the Spark operator's pod to a place the job picks",
    ],
    ["submission token file", conf({ "spark.kubernetes.authenticate.submission.oauthTokenFile": "/t" }), "would change the credentials Spark uses"],
    ["submission CA file", conf({ "spark.kubernetes.authenticate.submission.caCertFile": "/c" }), "would change the credentials Spark uses"],
    ["executor service account", conf({ "spark.kubernetes.authenticate.executor.serviceAccountName": "admin" }), "refused by the Spark operator's webhook"],
    ["driver pod template", conf({ "spark.kubernetes.driver.podTemplateFile": "/t.yaml" }), "SparkJob writes the pod template"],
    ["template container name", conf({ "spark.kubernetes.executor.podTemplateContainerName": "other" }), "would build the Spark container outside"],
    ["feature steps", conf({ "spark.kubernetes.driver.pod.featureSteps": "org.example.Step" }), "would let a class rewrite the pod"],
    ["namespace", conf({ "spark.kubernetes.namespace": "kube-system" }), 'sparkConf.spark.kubernetes.namespace: got "kube-system"'],
    [
        "ECI RAM role through a conf annotation",
        conf({ [`spark.kubernetes.driver.annotation.${ECI_RAM_ROLE_ANNOTATION}`]: "team-b" }),
        "would set a pod annotation or label past the platform's checks, expected driver.annotations",
    ],
    ["a pod label through conf", conf({ "spark.kubernetes.executor.label.alibabacloud.com/eci": "false" }), "would set a pod annotation or label"],
    ["trusting any API certificate", conf({ "spark.kubernetes.trust.certificates": "true" }), "would stop Spark checking"],
    ["jars past deps", conf({ "spark.jars": "file:///etc/passwd" }), "sparkConf.spark.jars: bypasses the checks on deps, expected deps.jars"],
    ["repositories past deps", conf({ "spark.jars.repositories": "http://repo.example.com" }), "expected deps.repositories"],
    [
        "http repository",
        { deps: { repositories: ["http://repo.example.com/m2"] } },
        'deps.repositories[0]: got "http://repo.example.com/m2", expected an https:// Maven repository URL',
    ],
    [
        "operator's token as a dependency",
        { deps: { files: ["file:///var/run/secrets/kubernetes.io/serviceaccount/token"] } },
        'deps.files[0]: got "file:///var/run/secrets/kubernetes.io/serviceaccount/token": a file in the Spark operator\'s pod, where spark-submit runs',
    ],
    ["scheme-less jar", { deps: { jars: ["/opt/lib.jar"] } }, 'deps.jars[0]: got "/opt/lib.jar": a file in the Spark operator\'s pod'],
    ["jar over http", { deps: { jars: ["http://cdn.example.com/a.jar"] } }, 'deps.jars[0]: got "http://cdn.example.com/a.jar": code fetched over plain HTTP'],
    [
        "file: main file",
        { mainApplicationFile: "file:///etc/hostname" },
        'mainApplicationFile: got "file:///etc/hostname": a file in the Spark operator\'s pod',
    ],
    ["scheme-less main file", { mainApplicationFile: "app.jar" }, 'mainApplicationFile: got "app.jar"'],
];

describe("Spark conf and deps cannot widen a job's pods", () => {
    it.each(REFUSED)("GIVEN %s WHEN the job is resolved THEN one line refuses it", (_title, overrides, message) => {
        let error: unknown;
        try {
            resolveJob("etl", job(overrides));
        } catch (err) {
            error = err;
        }
        expect(error).toBeInstanceOf(Error);
        const text = (error as Error).message;
        expect(text).toContain(message);
        expect(text).not.toContain("\n");
    });

    it("GIVEN what the platform allows WHEN the job is resolved THEN it is accepted", () => {
        expect(() =>
            resolveJob(
                "etl",
                job({
                    mainApplicationFile: "s3a://bucket/spark-jobs/app.jar",
                    sparkConf: {
                        "spark.kubernetes.executor.volumes.emptyDir.scratch.mount.path": "/scratch",
                        "spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options.claimName": "OnDemand",
                        "spark.kubernetes.namespace": "spark-jobs",
                        "spark.sql.shuffle.partitions": "64",
                    },
                    deps: {
                        jars: ["local:///opt/spark/jars/a.jar", "https://repo1.maven.org/maven2/a.jar", "oss://b/a.jar", "hdfs://nn:8020/a.jar"],
                        repositories: ["https://repo1.maven.org/maven2"],
                        packages: ["org.apache.hadoop:hadoop-aws:3.3.4"],
                    },
                }),
            ),
        ).not.toThrow();
    });
});

describe("a job cannot replace the platform's pod annotations and labels", () => {
    const oss = { source: "oss", podAnnotations: { [ECI_RAM_ROLE_ANNOTATION]: "spark-jobs-role" } };

    it("GIVEN a driver annotation naming another namespace's ECI RAM role WHEN the spec is built THEN it is refused", () => {
        const resolved = resolveJob("etl", job({ driver: { annotations: { [ECI_RAM_ROLE_ANNOTATION]: "team-b-role" } } }));
        expect(() => sparkApplicationObject(resolved, [oss])).toThrow(
            `driver.annotations.${ECI_RAM_ROLE_ANNOTATION}: is set by the platform on every pod, expected another key: the platform's value stays`,
        );
    });

    it("GIVEN a job label replacing the scheduling label WHEN the spec is built THEN it is refused", () => {
        const resolved = resolveJob("etl", job({ labels: { "alibabacloud.com/eci": "false" } }));
        expect(() => sparkApplicationObject(resolved, [oss])).toThrow("labels.alibabacloud.com/eci: is set by the platform on every pod");
    });

    it("GIVEN own annotations and labels WHEN the spec is built THEN the pods carry the platform's role beside them", () => {
        const resolved = resolveJob("etl", job({ labels: { team: "data" }, executor: { annotations: { "example.com/owner": "data" } } }));
        const spec = sparkApplicationObject(resolved, [oss]).spec as any;
        expect(spec.executor.annotations[ECI_RAM_ROLE_ANNOTATION]).toBe("spark-jobs-role");
        expect(spec.executor.annotations["example.com/owner"]).toBe("data");
        expect(spec.driver.labels).toMatchObject({ team: "data", "alibabacloud.com/eci": "true" });
    });
});

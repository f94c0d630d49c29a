import { describe, expect, it } from "vitest";

import { EMPTY_SCHEDULING_PROFILE } from "../../components/cluster/types";
import { sparkPodTemplate } from "../../components/jobs/pod-template";
import { podSecurityRestricted, sparkConfNoWidening } from "../../policy/rules";

const SPARK_APP = "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication";
const SCHEDULED = "kubernetes:sparkoperator.k8s.io/v1beta2:ScheduledSparkApplication";

function app(spec: Record<string, unknown>): Record<string, any> {
    const template = (role: "driver" | "executor") => sparkPodTemplate({ role, scheduling: EMPTY_SCHEDULING_PROFILE, ephemeralStorage: "4Gi", runAsUser: 185 });
    return {
        metadata: { name: "etl", namespace: "spark-jobs" },
        spec: {
            type: "Scala",
            mainApplicationFile: "local:///opt/app.jar",
            driver: { serviceAccount: "spark-driver", template: template("driver") },
            executor: { serviceAccount: "spark-executor", template: template("executor") },
            ...spec,
        },
    };
}

describe("pod-security-restricted reads volumes from Spark conf", () => {
    it("GIVEN a hostPath volume set through sparkConf WHEN checked THEN the driver pod breaks restricted", () => {
        const props = app({
            sparkConf: {
                "spark.kubernetes.driver.volumes.hostPath.root.mount.path": "/host",
                "spark.kubernetes.driver.volumes.hostPath.root.options.path": "/",
            },
        });
        expect(podSecurityRestricted.check(SPARK_APP, props, {})).toEqual([
            'driver pod: volume "root" is a hostPath volume (restricted allows configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret)',
        ]);
    });

    it("GIVEN an NFS volume in executors of a scheduled application WHEN checked THEN the executor pod breaks restricted", () => {
        const props = {
            metadata: {},
            spec: { schedule: "@daily", template: app({ sparkConf: { "spark.kubernetes.executor.volumes.nfs.d.options.server": "n" } }).spec },
        };
        expect(podSecurityRestricted.check(SCHEDULED, props, {})).toEqual([expect.stringMatching(/^executor pod: volume "d" is a nfs volume/)]);
    });

    it("GIVEN emptyDir, PVC and the driver's keytab Secret through sparkConf WHEN checked THEN nothing is reported", () => {
        const props = app({
            sparkConf: {
                "spark.kubernetes.executor.volumes.emptyDir.scratch.mount.path": "/scratch",
                "spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options.claimName": "OnDemand",
                "spark.kubernetes.driver.secrets.spark-kerberos-keytab": "/mnt/secrets/spark-kerberos-keytab",
            },
        });
        expect(podSecurityRestricted.check(SPARK_APP, props, {})).toEqual([]);
        expect(sparkConfNoWidening.check(SPARK_APP, props, {})).toEqual([]);
    });
});

describe("spark-conf-no-widening", () => {
    const check = (spec: Record<string, unknown>) => sparkConfNoWidening.check(SPARK_APP, app(spec), {});

    it.each([
        ["spark.kubernetes.executor.secrets.spark-kerberos-keytab", "/mnt/k", "puts a Secret into every executor"],
        ["spark.kubernetes.executor.secretKeyRef.TOKEN", "s:k", "puts a Secret into every executor"],
        ["spark.kubernetes.authenticate.submission.oauthTokenFile", "/t", "changes the credentials"],
        ["spark.kubernetes.authenticate.driver.serviceAccountName", "admin", "changes the credentials"],
        ["spark.kubernetes.file.upload.path", "hdfs://attacker.example.com/x", "uploads files from the operator's pod"],
        ["spark.kubernetes.driver.pod.featureSteps", "org.example.Step", "lets a class rewrite the pod"],
        ["spark.kubernetes.executor.podTemplateFile", "/t.yaml", "builds the pod outside"],
        ["spark.kubernetes.driver.podTemplateContainerName", "x", "builds the pod outside"],
        ["spark.kubernetes.trust.certificates", "true", "stops Spark checking"],
    ])("GIVEN sparkConf %s WHEN checked THEN it is a violation", (key, value, why) => {
        const violations = check({ sparkConf: { [key]: value } });
        expect(violations).toHaveLength(1);
        expect(violations[0]!.startsWith(`sparkConf ${JSON.stringify(key)} ${why}`)).toBe(true);
    });

    it("GIVEN another namespace in sparkConf WHEN checked THEN it is a violation", () => {
        expect(check({ sparkConf: { "spark.kubernetes.namespace": "kube-system" } })).toEqual([
            'sparkConf "spark.kubernetes.namespace" names "kube-system", not the application\'s namespace "spark-jobs"',
        ]);
    });

    it("GIVEN unsafe dependencies WHEN checked THEN each is a violation", () => {
        expect(
            check({
                mainApplicationFile: "file:///etc/hostname",
                deps: { repositories: ["http://repo.example.com"], files: ["/var/run/secrets/kubernetes.io/serviceaccount/token"], jars: ["s3a://b/a.jar"] },
            }),
        ).toEqual([
            'deps.files "/var/run/secrets/kubernetes.io/serviceaccount/token" names a file in the operator\'s pod, where spark-submit runs',
            'deps.repositories "http://repo.example.com" is fetched over plain HTTP',
            'mainApplicationFile "file:///etc/hostname" names a file in the operator\'s pod, where spark-submit runs',
        ]);
    });

    it("GIVEN secret or unknown values and other resource types WHEN checked THEN nothing is reported", () => {
        expect(check({ mainApplicationFile: "[secret]", deps: { jars: ["[unknown]"] } })).toEqual([]);
        expect(sparkConfNoWidening.check("kubernetes:core/v1:ConfigMap", { data: { "spark.kubernetes.file.upload.path": "x" } }, {})).toEqual([]);
    });
});

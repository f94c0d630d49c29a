import Ajv2020 from "ajv/dist/2020";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

import { PROJECT_ROOT } from "../helpers/plan-cli";
import { validateSparkObject } from "../helpers/schema-validators";
import { K8S_DEFINITION_KEYWORD, pathOf, SPARK_OPERATOR_SCHEMA, SPARK_OPERATOR_SCHEMA_INFO } from "../helpers/spark-operator-schema";
import { skippedWithoutUpstream, upstreamOperatorFile } from "../helpers/upstream-operator";

/**
 * The project's own schema of sparkoperator.k8s.io/v1beta2 (test/helpers/spark-operator-schema): it accepts a
 * realistic application, and each deliberately broken one fails with one line naming the field and
 * what is wrong.
 */

/** A SparkApplication shaped like the ones the project renders (pod template included). */
function validApplication(): Record<string, any> {
    const template = (container: string, storage: string) => ({
        spec: {
            securityContext: { runAsNonRoot: true, runAsUser: 185, runAsGroup: 185, fsGroup: 185, seccompProfile: { type: "RuntimeDefault" } },
            containers: [
                {
                    name: container,
                    securityContext: {
                        allowPrivilegeEscalation: false,
                        capabilities: { drop: ["ALL"] },
                        runAsNonRoot: true,
                        seccompProfile: { type: "RuntimeDefault" },
                    },
                    resources: { requests: { "ephemeral-storage": storage } },
                    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                },
            ],
            volumes: [{ name: "tmp", emptyDir: {} }],
            tolerations: [{ key: "virtual-kubelet.io/provider", operator: "Exists", effect: "NoSchedule" }],
        },
    });
    return {
        apiVersion: "sparkoperator.k8s.io/v1beta2",
        kind: "SparkApplication",
        metadata: { name: "wordcount", namespace: "spark-jobs", labels: { "app.kubernetes.io/part-of": "serverless-spark" } },
        spec: {
            type: "Java",
            mode: "cluster",
            image: "apache/spark:3.5.3",
            imagePullPolicy: "IfNotPresent",
            mainClass: "org.apache.spark.examples.JavaWordCount",
            mainApplicationFile: "local:///opt/spark/examples/jars/spark-examples_2.12-3.5.3.jar",
            arguments: ["/input.txt"],
            sparkVersion: "3.5.3",
            sparkConf: { "spark.eventLog.enabled": "true" },
            hadoopConf: { "fs.s3a.fast.upload": "true" },
            deps: { packages: ["org.apache.hadoop:hadoop-aws:3.3.4"] },
            driver: {
                cores: 1,
                coreRequest: "1",
                coreLimit: "1",
                memory: "3456m",
                memoryOverhead: "384m",
                serviceAccount: "spark-driver",
                labels: { team: "data" },
                annotations: { "example.com/owner": "data" },
                template: template("spark-kubernetes-driver", "4Gi"),
            },
            executor: {
                cores: 2,
                instances: 2,
                memory: "7g",
                memoryOverhead: "1g",
                serviceAccount: "spark-executor",
                deleteOnTermination: true,
                template: template("spark-kubernetes-executor", "16Gi"),
            },
            restartPolicy: {
                type: "OnFailure",
                onFailureRetries: 3,
                onFailureRetryInterval: 60,
                onSubmissionFailureRetries: 3,
                onSubmissionFailureRetryInterval: 60,
            },
            timeToLiveSeconds: 3600,
        },
    };
}

function validScheduled(): Record<string, any> {
    return {
        apiVersion: "sparkoperator.k8s.io/v1beta2",
        kind: "ScheduledSparkApplication",
        metadata: { name: "nightly", namespace: "spark-jobs" },
        spec: {
            schedule: "0 2 * * *",
            timeZone: "UTC",
            concurrencyPolicy: "Forbid",
            successfulRunHistoryLimit: 1,
            failedRunHistoryLimit: 3,
            template: validApplication().spec,
        },
    };
}

/** Sets (or, with `undefined`, deletes) the value at a dotted path such as `spec.driver.cores`. */
function withChange(object: Record<string, any>, dotted: string, value: unknown): Record<string, any> {
    const parts = dotted.split(".");
    let node: any = object;
    for (const part of parts.slice(0, -1)) node = node[/^\d+$/.test(part) ? Number(part) : part];
    const last = parts[parts.length - 1]!;
    if (value === undefined) delete node[last];
    else node[last] = value;
    return object;
}

describe("the schema file", () => {
    it("GIVEN the schema WHEN read THEN its header says which API, operator release, source and date it describes", () => {
        const schema = SPARK_OPERATOR_SCHEMA as Record<string, any>;
        expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
        expect(schema.title).toContain("sparkoperator.k8s.io/v1beta2");
        for (const fact of ["sparkoperator.k8s.io/v1beta2", "v2.5.2", "43afb8bbd32463037d8fb6e414e252c69081882b", "2026-11-21", "not generated from"]) {
            expect(schema.$comment).toContain(fact);
        }
        expect(SPARK_OPERATOR_SCHEMA_INFO).toMatchObject({ apiVersion: "sparkoperator.k8s.io/v1beta2", operatorVersion: "v2.5.2", written: "2026-11-21" });
        expect(fs.existsSync(path.join(PROJECT_ROOT, "test/helpers/spark-operator-schema/sparkoperator.k8s.io-v1beta2.schema.json"))).toBe(true);
    });

    it("GIVEN plain Ajv in strict mode WHEN the schema is compiled with the annotation keyword registered THEN it compiles (no unknown keyword, no type slip)", () => {
        const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
        ajv.addKeyword(K8S_DEFINITION_KEYWORD);
        const validate = ajv.compile(SPARK_OPERATOR_SCHEMA as Record<string, unknown>);
        expect(validate(validApplication())).toBe(true);
    });

    it("GIVEN the SparkPodSpec fields WHEN listed THEN the ones the project emits and users commonly set are all there", () => {
        const defs = (SPARK_OPERATOR_SCHEMA as any).$defs;
        const pod = Object.keys(defs.SparkPodSpec.properties);
        for (const field of [
            "cores",
            "coreLimit",
            "memory",
            "memoryOverhead",
            "serviceAccount",
            "labels",
            "annotations",
            "template",
            "env",
            "volumeMounts",
            "tolerations",
            "nodeSelector",
            "affinity",
            "secrets",
            "configMaps",
            "image",
            "gpu",
        ]) {
            expect(pod).toContain(field);
        }
        expect(Object.keys(defs.DriverSpec.properties)).toEqual(expect.arrayContaining(["coreRequest", "javaOptions", "podName", "serviceAnnotations"]));
        expect(Object.keys(defs.ExecutorSpec.properties)).toEqual(expect.arrayContaining(["instances", "coreRequest", "javaOptions", "deleteOnTermination"]));
        expect(defs.SparkApplicationSpec.required).toEqual(["type", "sparkVersion", "mainApplicationFile", "driver", "executor"]);
        expect(defs.SparkApplicationSpec.additionalProperties).toBe(false);
        expect(defs.DriverSpec.unevaluatedProperties).toBe(false);
        expect(defs.ExecutorSpec.unevaluatedProperties).toBe(false);
    });
});

describe("valid objects", () => {
    it.each<[string, () => Record<string, any>]>([
        ["a SparkApplication with pod templates", validApplication],
        ["a ScheduledSparkApplication", validScheduled],
        [
            "a minimal SparkApplication",
            () => ({
                apiVersion: "sparkoperator.k8s.io/v1beta2",
                kind: "SparkApplication",
                metadata: { name: "pi" },
                spec: { type: "Scala", sparkVersion: "3.5.3", mainApplicationFile: "local:///pi.jar", driver: {}, executor: {} },
            }),
        ],
        [
            "a SparkApplication with generateName",
            () => withChange(withChange(validApplication(), "metadata.name", undefined), "metadata.generateName", "wordcount-"),
        ],
        [
            "a Python application with dynamic allocation, monitoring, secrets and volumes",
            () => {
                const app = validApplication();
                app.spec.type = "Python";
                delete app.spec.mainClass;
                app.spec.pythonVersion = "3";
                app.spec.mainApplicationFile = "s3a://bucket/app.py";
                app.spec.dynamicAllocation = { enabled: true, minExecutors: 0, maxExecutors: 10, shuffleTrackingEnabled: true };
                app.spec.monitoring = {
                    exposeDriverMetrics: true,
                    exposeExecutorMetrics: true,
                    prometheus: { jmxExporterJar: "/prometheus/jmx.jar", port: 8090 },
                };
                app.spec.volumes = [{ name: "conf", configMap: { name: "app-conf" } }];
                app.spec.driver.volumeMounts = [{ name: "conf", mountPath: "/etc/app" }];
                app.spec.driver.secrets = [{ name: "gcp", path: "/mnt/gcp", secretType: "GCPServiceAccount" }];
                app.spec.driver.env = [
                    { name: "MODE", value: "batch" },
                    { name: "TOKEN", valueFrom: { secretKeyRef: { name: "t", key: "k" } } },
                ];
                app.spec.executor.gpu = { name: "nvidia.com/gpu", quantity: 1 };
                app.spec.sparkUIOptions = { servicePort: 4040, serviceType: "ClusterIP", ingressTLS: [{ hosts: ["ui.example.com"], secretName: "tls" }] };
                return app;
            },
        ],
    ])("GIVEN %s WHEN validated THEN it has no problem", (_label, make) => {
        expect(validateSparkObject(make()).problems).toEqual([]);
    });
});

describe("deliberately broken objects", () => {
    it.each<[string, () => Record<string, any>, string[]]>([
        [
            "a misspelled driver field",
            () => withChange(validApplication(), "spec.driver.coers", 1),
            ['spec.driver: unknown field "coers" (did you mean "cores"?)'],
        ],
        [
            "a misspelled spec field",
            () => withChange(validApplication(), "spec.sparkConfig", { a: "b" }),
            ['spec: unknown field "sparkConfig" (did you mean "sparkConf"?)'],
        ],
        ["a driver-only field on the executor", () => withChange(validApplication(), "spec.executor.podName", "x"), ['spec.executor: unknown field "podName"']],
        [
            "a misspelled field inside the pod template",
            () => withChange(validApplication(), "spec.driver.template.spec.containers.0.securityContex", {}),
            ['spec.driver.template.spec.containers[0]: unknown field "securityContex" (did you mean "securityContext"?) (io.k8s.api.core.v1.PodTemplateSpec)'],
        ],
        ["a status in a desired manifest", () => withChange(validApplication(), "status", {}), ['(root): unknown field "status"']],
        ["a wrong application type", () => withChange(validApplication(), "spec.type", "Jave"), ['spec.type: "Jave" is not one of Java, Scala, Python, R']],
        [
            "a wrong restart policy",
            () => withChange(validApplication(), "spec.restartPolicy.type", "OnFail"),
            ['spec.restartPolicy.type: "OnFail" is not one of Never, OnFailure, Always'],
        ],
        [
            "a deploy mode the CRD refuses",
            () => withChange(validApplication(), "spec.mode", "in-cluster-client"),
            ['spec.mode: "in-cluster-client" is not one of cluster, client'],
        ],
        [
            "a wrong pull policy in the pod template",
            () => withChange(validApplication(), "spec.executor.template.spec.containers.0.imagePullPolicy", "Sometimes"),
            [
                'spec.executor.template.spec.containers[0].imagePullPolicy: "Sometimes" is not one of Always, IfNotPresent, Never (io.k8s.api.core.v1.PodTemplateSpec)',
            ],
        ],
        [
            "cores as a string",
            () => withChange(validApplication(), "spec.executor.cores", "four"),
            ['spec.executor.cores: "four" is a string, expected integer'],
        ],
        [
            "fractional cores",
            () => withChange(validApplication(), "spec.driver.cores", 0.5),
            ["spec.driver.cores: 0.5 is a number, expected integer", "spec.driver.cores: 0.5 must be >= 1"],
        ],
        ["zero executors", () => withChange(validApplication(), "spec.executor.instances", 0), ["spec.executor.instances: 0 must be >= 1"]],
        [
            "a Spark conf value that is not a string",
            () => withChange(validApplication(), "spec.sparkConf", { "spark.executor.instances": 2 }),
            ['spec.sparkConf["spark.executor.instances"]: 2 is an integer, expected string'],
        ],
        [
            "arguments as one string",
            () => withChange(validApplication(), "spec.arguments", "--day yesterday"),
            ['spec.arguments: "--day yesterday" is a string, expected array'],
        ],
        [
            "a Kubernetes unit for Spark memory",
            () => withChange(validApplication(), "spec.executor.memory", "4Gi"),
            [
                'spec.executor.memory: "4Gi" is not valid: A JVM/Spark memory size: a whole number with an optional unit k, m, g, t or p (optionally followed by b), e.g. "512m" or "4g". Kubernetes units such as "4Gi" are not accepted by Spark.',
            ],
        ],
        [
            "a missing mainApplicationFile",
            () => withChange(validApplication(), "spec.mainApplicationFile", undefined),
            ['spec: missing required field "mainApplicationFile"'],
        ],
        ["a missing executor", () => withChange(validApplication(), "spec.executor", undefined), ['spec: missing required field "executor"']],
        ["a missing name", () => withChange(validApplication(), "metadata.name", undefined), ['metadata: missing required field "name"']],
        [
            "a name the operator's webhook refuses",
            () => withChange(validApplication(), "metadata.name", "Word_Count"),
            [
                "metadata.name: \"Word_Count\" is not valid: A DNS-1035 label: lower-case letters, digits and '-', starting with a letter (operator webhook rule).",
            ],
        ],
        [
            "a bad label value",
            () => withChange(validApplication(), "spec.driver.labels", { team: "data science" }),
            ['spec.driver.labels.team: "data science" must match pattern "^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$"'],
        ],
        [
            "nodeSelector at both levels",
            () => withChange(withChange(validApplication(), "spec.nodeSelector", { a: "b" }), "spec.driver.nodeSelector", { a: "b" }),
            ["spec.driver: nodeSelector cannot be set both in spec.nodeSelector and spec.driver.nodeSelector (operator webhook rule)"],
        ],
        [
            "a pod template with Spark 2",
            () => withChange(validApplication(), "spec.sparkVersion", "2.4.8"),
            ['spec.sparkVersion: "2.4.8" is not valid: pod templates (driver.template, executor.template) need Spark 3.0.0 or later (operator webhook rule)'],
        ],
        [
            "another API version",
            () => withChange(validApplication(), "apiVersion", "sparkoperator.k8s.io/v1beta1"),
            ['apiVersion: "sparkoperator.k8s.io/v1beta1" is not "sparkoperator.k8s.io/v1beta2"'],
        ],
        [
            "a bad quantity inside the pod template",
            () => withChange(validApplication(), "spec.executor.template.spec.containers.0.resources.requests.ephemeral-storage", "16 GiB"),
            [
                'spec.executor.template.spec.containers[0].resources.requests["ephemeral-storage"]: "16 GiB" must match format "quantity" (io.k8s.api.core.v1.PodTemplateSpec)',
            ],
        ],
        [
            "a volume without a name",
            () => withChange(validApplication(), "spec.volumes", [{ emptyDir: {} }]),
            ['spec.volumes[0]: missing required field "name" (io.k8s.api.core.v1.Volume)'],
        ],
        [
            "a scheduled application with a wrong concurrency policy",
            () => withChange(validScheduled(), "spec.concurrencyPolicy", "Never"),
            ['spec.concurrencyPolicy: "Never" is not one of Allow, Forbid, Replace'],
        ],
        [
            "a scheduled application without a template",
            () => withChange(validScheduled(), "spec.template", undefined),
            ['spec: missing required field "template"'],
        ],
        [
            "a scheduled application whose template misspells a field",
            () => withChange(validScheduled(), "spec.template.executor.instance", 2),
            ['spec.template.executor: unknown field "instance" (did you mean "instances"?)'],
        ],
        [
            "a scheduled application with SparkApplication fields at the top",
            () => withChange(validScheduled(), "spec.type", "Java"),
            ['spec: unknown field "type"'],
        ],
    ])("GIVEN %s WHEN validated THEN it fails with a message naming the field", (_label, make, expected) => {
        const { problems } = validateSparkObject(make());
        expect(problems).toEqual(expected);
    });
});

describe("pathOf", () => {
    it.each([
        ["", "(root)"],
        ["/spec/driver/cores", "spec.driver.cores"],
        ["/spec/volumes/0/name", "spec.volumes[0].name"],
        ["/spec/sparkConf/spark.executor.instances", 'spec.sparkConf["spark.executor.instances"]'],
        ["/metadata/labels/app.kubernetes.io~1name", 'metadata.labels["app.kubernetes.io/name"]'],
    ])("GIVEN %j THEN %s", (pointer, dotted) => {
        expect(pathOf(pointer)).toBe(dotted);
    });
});

/**
 * A cross-check against manifests written by others: the operator's own examples (kubeflow/spark-operator
 * v2.5.2, examples/), from a checkout named by SPARK_OPERATOR_SOURCE (see ../helpers/upstream-operator.ts).
 * Without it this suite reports itself skipped.
 */
const EXAMPLES = upstreamOperatorFile("examples");
const haveExamples = EXAMPLES !== undefined;

describe.skipIf(!haveExamples)(`the operator's v2.5.2 examples${haveExamples ? "" : skippedWithoutUpstream("examples/")}`, () => {
    it("GIVEN every SparkApplication and ScheduledSparkApplication in the examples WHEN validated THEN only the known upstream mistake is found", () => {
        const problems: string[] = [];
        let checked = 0;
        for (const file of fs
            .readdirSync(EXAMPLES!)
            .filter((f) => f.endsWith(".yaml"))
            .sort()) {
            const text = fs.readFileSync(path.join(EXAMPLES!, file), "utf8");
            // A template its readers fill in (`image: {IMAGE_REGISTRY}/...`) is not a manifest yet.
            if (/\{IMAGE_REGISTRY\}/.test(text)) continue;
            for (const doc of parseAllDocuments(text)) {
                const manifest = doc.toJS();
                if (manifest?.apiVersion !== "sparkoperator.k8s.io/v1beta2") continue;
                checked++;
                problems.push(...validateSparkObject(manifest).problems.map((p) => `${file}: ${p}`));
            }
        }
        expect(checked).toBeGreaterThanOrEqual(5);
        // spark-pi-pod-template.yaml sets container-only fields in the pod-level securityContext; the
        // CRD leaves templates schemaless and the operator decodes them into a PodTemplateSpec, so
        // these two settings are silently dropped on a real cluster.
        expect(problems).toEqual(
            ["driver", "executor"].flatMap((role) =>
                ["capabilities", "allowPrivilegeEscalation"].map(
                    (field) =>
                        `spark-pi-pod-template.yaml: spec.${role}.template.spec.securityContext: unknown field "${field}" (io.k8s.api.core.v1.PodTemplateSpec)`,
                ),
            ),
        );
    });
});

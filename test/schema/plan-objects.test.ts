import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

import { incompleteFields, manifestFileName } from "../../tools/plan/render";
import { planCli, PROJECT_ROOT, readTree, shippedStacks, stackArgs, tempDir, userSettings } from "../helpers/plan-cli";
import { describeObject, kubernetesObjectsOf, PlannedObject, planStack } from "../helpers/schema-plans";
import { validateObject } from "../helpers/schema-validators";

/**
 * Schema validation of every Kubernetes object the plan of every shipped stack declares
 * (stacks/Pulumi.*.yaml, found by listing the folder, so a new stack is picked up without touching
 * this file). Each stack is planned in this process, exactly as `npm run plan -- --stack NAME` plans
 * it, and its objects are the ones `writePlan` would write to `manifests/`:
 *
 * - SparkApplication / ScheduledSparkApplication: the project's own schema of the operator's
 *   sparkoperator.k8s.io/v1beta2 API (test/helpers/spark-operator-schema), closed where the API is closed; its
 *   Kubernetes-typed fields (pod templates, volumes, tolerations, ...) are checked as below.
 * - Every other object: the Kubernetes OpenAPI schema of its apiVersion and kind, through
 *   kubernetes-models, plus a check that it has no field that schema does not know. A kind without a
 *   kubernetes-models class fails: nothing is skipped silently.
 *
 * Not validated here, by design:
 * - The Helm Release (kubernetes:helm.sh/v3:Release) is a Pulumi resource, not a Kubernetes object,
 *   and its `values` are validated against nothing: the spark-operator chart 2.5.2 ships no
 *   values.schema.json, and the objects its templates render from those values (Deployments, the
 *   webhook configuration, ClusterRoles, the CRDs) exist only at deploy time, inside Helm. They are
 *   not in the plan. The tests below count the releases they leave out.
 * - Cloud resources (aws:*, alicloud:*) and the Kubernetes provider are not Kubernetes objects.
 * - Values shown as `[secret]` cannot be checked offline (e.g. a keytab Secret's `data`); problems at
 *   or under them are left out, and each object lists them as unverifiable.
 */

interface StackTally {
    objects: number;
    /** Helm releases in the plan: Pulumi resources whose chart output is not validated. */
    helmReleases?: number;
    byKind: Record<string, number>;
    failed: number;
    unverifiable: number;
}

const tallies = new Map<string, StackTally>();

function checkObjects(label: string, objects: PlannedObject[]): string[] {
    const tally: StackTally = { objects: 0, byKind: {}, failed: 0, unverifiable: 0 };
    const problems: string[] = [];
    for (const { ref, resource, manifest } of objects) {
        const where = `${label}: ${describeObject(manifest)} (${ref})`;
        // The Pulumi type names the same apiVersion and kind as the object itself.
        const [, group, version, kind] = /^kubernetes:([^/]+)\/([^:]+):(.+)$/.exec(resource.type) ?? [];
        const apiVersion = group === "core" ? version : `${group}/${version}`;
        const found: string[] = [];
        if (manifest.apiVersion !== apiVersion || manifest.kind !== kind) {
            found.push(`(root): apiVersion/kind ${manifest.apiVersion}/${manifest.kind} do not match the resource type ${resource.type}`);
        }
        found.push(...incompleteFields(manifest).map((at) => `${at}: unknown or undefined at plan time`));
        const report = validateObject(manifest);
        found.push(...report.problems);
        tally.objects++;
        tally.byKind[String(manifest.kind)] = (tally.byKind[String(manifest.kind)] ?? 0) + 1;
        tally.unverifiable += report.unverifiable.length;
        if (found.length > 0) tally.failed++;
        problems.push(...found.map((line) => `${where} ${line}`));
    }
    tallies.set(label, tally);
    return problems;
}

const stacks = shippedStacks();

describe("the shipped stacks", () => {
    it("GIVEN stacks/ WHEN listed THEN there is at least one stack to validate", async () => {
        expect(stacks.length).toBeGreaterThan(0);
    });
});

describe.each(stacks)("stack %s", (stack) => {
    let objects: PlannedObject[] = [];
    let helmReleases = 0;

    beforeAll(async () => {
        const plan = await planStack(stack, userSettings(stack));
        expect(plan.unknowns, "values still unknown after the program ran").toBe(0);
        objects = kubernetesObjectsOf(plan);
        // Not validated: see the note at the top of this file.
        helmReleases = plan.resources.filter((r) => r.type.startsWith("kubernetes:helm.sh/")).length;
    });

    it("GIVEN the stack WHEN planned THEN it declares Kubernetes objects", async () => {
        expect(objects.length).toBeGreaterThan(0);
    });

    it("GIVEN every Kubernetes object of the plan WHEN validated (project schema for Spark kinds, kubernetes-models for the rest) THEN none has a problem", async () => {
        const problems = checkObjects(stack, objects);
        tallies.get(stack)!.helmReleases = helmReleases;
        expect(problems).toEqual([]);
    });

    it("GIVEN the same stack planned by `npm run plan -- --out` WHEN compared THEN its manifests/ holds exactly the objects validated here", async () => {
        const dir = tempDir(`schema-${stack}-`);
        const result = await planCli([...stackArgs(stack), "--out", dir]);
        expect(result.stderr).toBe("");
        const written = new Map(
            [...readTree(dir)].filter(([file]) => file.startsWith("manifests/")).map(([file, text]) => [file.slice("manifests/".length), parseYaml(text)]),
        );
        const here = new Map(objects.map((o) => [manifestFileName(o.manifest), o.manifest]));
        expect([...here.keys()].sort()).toEqual([...written.keys()].sort());
        for (const [file, manifest] of here) {
            expect(manifest, file).toEqual(written.get(file));
        }
    });
});

/**
 * The shipped stacks leave some of what the components emit unexercised (no ScheduledSparkApplication,
 * no HDFS/Kerberos objects, no scheduling profile). These plans of the `existing` stack with extra
 * config (`--config key=value` overrides) cover it; they are counted apart from the shipped stacks.
 */
const KEYTAB = path.join(PROJECT_ROOT, "test/fixtures/kerberos/spark-v2.keytab");
const VARIANTS: Record<string, string[]> = {
    "existing + user jobs (scheduled, Python, dynamic allocation, deps)": [
        `jobs=${JSON.stringify([
            {
                name: "nightly",
                type: "Java",
                image: "apache/spark:3.5.3",
                mainClass: "com.example.Nightly",
                mainApplicationFile: "local:///opt/app/nightly.jar",
                arguments: ["--day", "yesterday"],
                schedule: "0 2 * * *",
                timeZone: "Europe/Paris",
                concurrencyPolicy: "Replace",
                suspend: true,
                labels: { team: "data" },
                restartPolicy: { type: "Never" },
                executor: { cores: 2, instances: 3 },
            },
            {
                name: "etl-py",
                type: "Python",
                image: "apache/spark:3.5.3",
                mainApplicationFile: "local:///opt/app/etl.py",
                sizing: "exact",
                driver: { cores: 1, memory: "2g" },
                executor: { cores: 1, memory: "3g", ephemeralStorage: "30Gi" },
                dynamicAllocation: { enabled: true, minExecutors: 1, maxExecutors: 6 },
                deps: { pyFiles: ["local:///opt/app/lib.zip"], packages: ["org.apache.spark:spark-avro_2.12:3.5.3"] },
                sparkConf: { "spark.sql.shuffle.partitions": "64" },
                hadoopConf: { "fs.s3a.fast.upload": "true" },
                timeToLiveSeconds: 600,
            },
        ])}`,
    ],
    "existing + scheduling profile on an ECI grid": [
        "capacityGrid=eci",
        `scheduling=${JSON.stringify({
            nodeSelector: { type: "virtual-kubelet" },
            tolerations: [{ key: "virtual-kubelet.io/provider", operator: "Exists", effect: "NoSchedule" }],
            podAnnotations: { "k8s.aliyun.com/eci-spot-strategy": "SpotAsPriceGo" },
            podLabels: { "cost-center": "analytics" },
        })}`,
    ],
    "existing + HDFS and Kerberos": [
        "storage.type=hdfs",
        'storage.hdfs.namenodes=["nn1:8020"]',
        "kerberos.principal=spark/worker.spark.test@SPARK.TEST",
        `kerberos.keytabPath=${KEYTAB}`,
        "kerberos.realm=SPARK.TEST",
        'kerberos.kdcs=["kdc:88"]',
    ],
};

describe.each(Object.keys(VARIANTS))("configuration: %s", (variant) => {
    const overrides = VARIANTS[variant]!;

    it("GIVEN the configuration WHEN planned THEN every Kubernetes object validates", async () => {
        const plan = await planStack("existing", overrides);
        expect(plan.unknowns).toBe(0);
        const objects = kubernetesObjectsOf(plan);
        expect(objects.length).toBeGreaterThan(0);
        expect(checkObjects(variant, objects)).toEqual([]);
    });
});

describe("coverage of the variants", () => {
    it("GIVEN the variants WHEN validated THEN they included a ScheduledSparkApplication, a Secret and ConfigMaps", async () => {
        const kinds = new Set([...tallies.entries()].filter(([label]) => !stacks.includes(label)).flatMap(([, t]) => Object.keys(t.byKind)));
        for (const kind of ["ScheduledSparkApplication", "SparkApplication", "Secret", "ConfigMap"]) {
            expect([...kinds]).toContain(kind);
        }
    });
});

describe("the validation of planned objects is not a rubber stamp", () => {
    it("GIVEN planned objects with a field misspelled WHEN validated THEN each is refused with the field named", async () => {
        const objects = kubernetesObjectsOf(await planStack("existing"));
        const app = structuredClone(objects.find((o) => o.manifest.kind === "SparkApplication")!.manifest);
        app.spec.executor.instnces = app.spec.executor.instances;
        const ns = structuredClone(objects.find((o) => o.manifest.kind === "Namespace")!.manifest);
        ns.metadata.label = ns.metadata.labels;
        const template = structuredClone(objects.find((o) => o.manifest.kind === "SparkApplication")!.manifest);
        template.spec.driver.template.spec.containers[0].securityContext.runAsNonRoot = "yes";
        expect(validateObject(app).problems).toEqual(['spec.executor: unknown field "instnces" (did you mean "instances"?)']);
        expect(validateObject(ns).problems).toEqual(['metadata: unknown field "label" (did you mean "labels"?)']);
        expect(validateObject(template).problems).toEqual([
            'spec.driver.template.spec.containers[0].securityContext.runAsNonRoot: "yes" is a string, expected boolean (io.k8s.api.core.v1.PodTemplateSpec)',
        ]);
    });
});

describe("summary", () => {
    it("GIVEN every shipped stack WHEN validated THEN each had objects checked (counts printed below)", async () => {
        const line = (label: string, t: StackTally) =>
            `  ${label}: ${t.objects} objects validated, ${t.failed} with problems` +
            `${t.unverifiable ? `, ${t.unverifiable} [secret] value(s) not checkable offline` : ""}` +
            `${t.helmReleases ? `, ${t.helmReleases} Helm release(s) not validated (chart values have no schema)` : ""} (${Object.entries(t.byKind)
                .sort(([a], [b]) => (a < b ? -1 : 1))
                .map(([k, n]) => `${k} ${n}`)
                .join(", ")})`;
        const total = stacks.reduce((sum, s) => sum + (tallies.get(s)?.objects ?? 0), 0);
        console.log(
            [
                `Schema validation of the shipped stacks: ${total} Kubernetes objects in ${stacks.length} stack(s)`,
                ...stacks.map((s) => (tallies.has(s) ? line(s, tallies.get(s)!) : `  ${s}: not validated (its plan failed)`)),
                "Extra configurations (not in the total):",
                ...[...tallies.entries()].filter(([label]) => !stacks.includes(label)).map(([label, t]) => line(label, t)),
            ].join("\n"),
        );
        for (const stack of stacks) {
            expect(tallies.get(stack)?.objects ?? 0, `objects validated in stack ${stack}`).toBeGreaterThan(0);
        }
    });
});

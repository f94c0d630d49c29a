import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import { beforeAll, describe, expect, it } from "vitest";

import { runProgram } from "../../tools/plan/mock-runtime";
import { buildPlan } from "../../tools/plan/plan-model";
import { mockRuntime } from "../helpers/mocks";
import { planCli, readTree, tempDir } from "../helpers/plan-cli";

/**
 * Secret config stays secret end to end: the program runs under the mock runtime with config keys
 * in the engine's secret-key list (what `pulumi config set --secret` produces), and no secret value
 * may reach a resource input as plain text. The mock engine sees inputs serialized as the real
 * engine would, secret markers included, so an input that lost its secret flag shows its value.
 */

const CANARY = {
    sparkConf: "canary-sparkconf-7f3a9c",
    hadoopConf: "canary-hadoopconf-41be0d",
    argument: "canary-argument-9d2e6a",
    secretEnv: "canary-secretenv-c81f55",
    coreSite: "canary-coresite-&-5a0b17",
    repositoryPassword: "canary-repopass-e0c4d2",
};

const NS = "serverless-spark";

const config: Record<string, string> = {
    [`${NS}:cloud`]: "existing",
    [`${NS}:capacityGrid`]: "fargate",
    [`${NS}:operator`]: JSON.stringify({
        repository: "https://charts.example.com/spark",
        repositoryUsername: "bot",
        repositoryPassword: CANARY.repositoryPassword,
    }),
    [`${NS}:storage`]: JSON.stringify({ type: "hdfs", hdfs: { namenodes: ["nn1:8020"], coreSite: { "fs.s3a.secret.key": CANARY.coreSite } } }),
    [`${NS}:jobs`]: JSON.stringify([
        {
            name: "etl",
            type: "Python",
            image: "apache/spark:3.5.3",
            mainApplicationFile: "local:///opt/etl.py",
            arguments: ["--token", CANARY.argument],
            sparkConf: { "spark.hadoop.fs.s3a.access.key": CANARY.sparkConf },
            hadoopConf: { "fs.s3a.session.token": CANARY.hadoopConf },
            secretEnv: { AWS_SECRET_ACCESS_KEY: CANARY.secretEnv },
        },
    ]),
};

function leaks(text: string): string[] {
    return Object.entries(CANARY)
        .filter(([, value]) => text.includes(value) || text.includes(value.replace("&", "&amp;")))
        .map(([key]) => key);
}

describe("secret config under the engine's secret-key list", () => {
    let resources: ReturnType<typeof buildPlan>["resources"];
    let rawInputs: string;

    beforeAll(async () => {
        const runtime = await mockRuntime({ config, secretKeys: [`${NS}:operator`, `${NS}:storage`, `${NS}:jobs`] });
        await runProgram(runtime, () => import("../../stacks/index"));
        resources = buildPlan(runtime.registrations, runtime.componentOutputs).resources;
        rawInputs = JSON.stringify(runtime.registrations.map((r) => r.inputs));
    });

    it("GIVEN secret operator, storage and jobs keys WHEN the program runs THEN no secret value reaches any resource input in plain text", () => {
        expect(leaks(JSON.stringify(resources))).toEqual([]);
        // The serialized inputs hold the values only inside secret markers.
        expect(rawInputs).toContain("1b47061264138c4ac30d75fd1eb44270"); // the SDK's secret signature
    });

    const find = (type: string, name: string) => resources.find((r) => r.type === type && r.name === name)!;

    it("GIVEN a Helm repository password WHEN declared THEN it reaches repositoryOpts as a secret and the URL carries no credentials", () => {
        const release = resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release")!;
        expect(release.inputs.repositoryOpts).toBe("[secret]");
    });

    it("GIVEN sparkConf, hadoopConf and arguments from a secret key WHEN declared THEN the SparkApplication's spec is secret and its name is not", () => {
        const app = resources.find((r) => r.type === "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication" && r.name.endsWith("etl"))!;
        expect(app.inputs.spec).toBe("[secret]");
        expect((app.inputs.metadata as { name: string }).name).toBe("etl");
    });

    it("GIVEN secretEnv WHEN declared THEN a Secret <job>-env holds it as a secret, and Spark reads it through secretKeyRef", () => {
        const secret = resources.find((r) => r.type === "kubernetes:core/v1:Secret" && (r.inputs.metadata as { name: string }).name === "etl-env")!;
        expect(secret.inputs.stringData).toBe("[secret]");
        expect(find(secret.type, secret.name).inputs.type).toBe("Opaque");
    });

    it("GIVEN core-site properties from a secret key WHEN declared THEN the Hadoop ConfigMap's data is secret", () => {
        const configMap = resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap" && (r.inputs.metadata as { name: string }).name === "hadoop-conf")!;
        expect(configMap.inputs.data).toBe("[secret]");
    });
});

describe("secretEnv without a secret key", () => {
    it("GIVEN secretEnv in plain config WHEN planned THEN the Secret's values are still secret and the SparkApplication names it through secretKeyRef", async () => {
        const dir = tempDir("secret-env-");
        const job = { ...JSON.parse(config[`${NS}:jobs`]!)[0], sparkConf: {}, hadoopConf: {}, arguments: [] };
        const result = await planCli(["--stack", "existing", "--config", `jobs=${JSON.stringify([job])}`, "--out", dir]);
        expect(result.stderr).toBe("");
        const tree = readTree(dir);
        expect([...tree.values()].some((text) => text.includes(CANARY.secretEnv))).toBe(false);
        const app = tree.get("manifests/sparkapplication/spark-jobs/etl.yaml")!;
        expect(app).toContain("spark.kubernetes.driver.secretKeyRef.AWS_SECRET_ACCESS_KEY: etl-env:AWS_SECRET_ACCESS_KEY");
        expect(app).toContain("spark.kubernetes.executor.secretKeyRef.AWS_SECRET_ACCESS_KEY: etl-env:AWS_SECRET_ACCESS_KEY");
        expect(tree.get("manifests/secret/spark-jobs/etl-env.yaml")).toContain('stringData: "[secret]"');
    });
});

describe("the offline plan of a stack file with encrypted values", () => {
    it("GIVEN secure: values, whole and under --path, WHEN planned THEN it plans them, and every input derived from those keys shows as [secret]", async () => {
        const dir = tempDir("secure-");
        const file = `${dir}/Pulumi.lab.yaml`;
        const yaml = [
            "config:",
            "  serverless-spark:cloud: existing",
            "  serverless-spark:capacityGrid: fargate",
            "  serverless-spark:samples: [wordcount]",
            "  serverless-spark:operator:",
            "    repository: https://charts.example.com/spark",
            "    repositoryUsername: bot",
            "    repositoryPassword:",
            "      secure: v1:abcdefghijklmnop:qrstuvwxyz0123456789",
            "  serverless-spark:jobs:",
            "    - name: etl",
            "      type: Python",
            "      image: registry.example.com/etl:1.0",
            '      sparkVersion: "3.5.3"',
            "      mainApplicationFile: local:///opt/etl.py",
            "      sparkConf:",
            "        spark.hadoop.fs.s3a.secret.key:",
            "          secure: v1:ABCDEFGHIJKLMNOP:QRSTUVWXYZ9876543210",
        ].join("\n");
        fs.writeFileSync(file, yaml);
        const out = `${dir}/out`;
        const result = await planCli(["--stack-file", file, "--out", out]);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        const plan = JSON.parse(readTree(out).get("resources.json")!) as { type: string; name: string; inputs: Record<string, unknown> }[];
        expect(plan.find((r) => r.type === "kubernetes:helm.sh/v3:Release")!.inputs.repositoryOpts).toBe("[secret]");
        expect(plan.find((r) => r.type.endsWith(":SparkApplication") && r.name.endsWith("etl"))!.inputs.spec).toBe("[secret]");
        // Inputs that share no text with the secret keys stay readable (the driver Role's rules); values
        // are matched by text, so an input that shares one (the samples' "Python", "3.5.3") is secret too.
        expect(Array.isArray(plan.find((r) => r.type === "kubernetes:rbac.authorization.k8s.io/v1:Role")!.inputs.rules)).toBe(true);
        expect([...readTree(out).values()].some((text) => text.includes("offline-plan-placeholder"))).toBe(false);
    });
});

// Keep the SDK's config clean for other files' runs in this process.
pulumi.runtime.setAllConfig({}, []);

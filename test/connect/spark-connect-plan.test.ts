import Ajv from "ajv";
import * as fs from "fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

import { schedulingProfile } from "../../components/cluster/types";
import { resolveSparkConnectSettings, sparkConnectObject } from "../../components/jobs/connect";
import { planCli, readTree, stackArgs, tempDir } from "../helpers/plan-cli";
import { skippedWithoutUpstream, upstreamOperatorFile } from "../helpers/upstream-operator";

/**
 * The aws stack's plan with Spark Connect on, and the rendered objects against the upstream CRD
 * (kubeflow/spark-operator v2.5.2 `config/crd/bases`, the chart's `crds/` copy), read from a checkout
 * named by SPARK_OPERATOR_SOURCE (see ../helpers/upstream-operator.ts); that check is skipped without it.
 */
function render(grid: "eci" | "none") {
    return sparkConnectObject({
        namespace: "etl",
        settings: resolveSparkConnectSettings({ enabled: true }),
        scheduling: schedulingProfile({}),
        capacityGrid: grid,
        integrations: [],
    }) as any;
}

const CRD = "config/crd/bases/sparkoperator.k8s.io_sparkconnects.yaml";
const crdFile = upstreamOperatorFile(CRD);

describe("Spark Connect in the aws plan", () => {
    let manifest: any;
    let stdout = "";
    beforeAll(async () => {
        const dir = tempDir("connect-aws-");
        const result = await planCli([...stackArgs("aws"), "--config", 'sparkConnect={"enabled":true}', "--out", dir]);
        expect(result.stderr).toBe("");
        stdout = result.stdout;
        const [, text] = [...readTree(dir)].find(([file]) => file.startsWith("manifests/sparkconnect/"))!;
        manifest = parseYaml(text);
    });

    it("GIVEN the aws stack with sparkConnect on WHEN planned THEN it shows the SparkConnect and its idle cost line", () => {
        expect(manifest).toMatchObject({ kind: "SparkConnect", metadata: { namespace: "spark-jobs" } });
        expect(stdout).toMatch(/kubernetes:sparkoperator\.k8s\.io\/v1alpha1:SparkConnect/);
        expect(stdout).toMatch(/\| SparkConnect server spark-jobs\/spark-connect \| 1 +\| 1 vCPU \/ 4 GiB each +\| [\d.]+ USD \| [\d.]+ USD/);
        // The S3 storage's settings, as jobs get them.
        expect(manifest.spec.hadoopConf["fs.s3a.impl"]).toBe("org.apache.hadoop.fs.s3a.S3AFileSystem");
    });

    it.skipIf(!crdFile)(`GIVEN the upstream CRD WHEN the rendered object is validated THEN it conforms${crdFile ? "" : skippedWithoutUpstream(CRD)}`, () => {
        const crd = parseYaml(fs.readFileSync(crdFile!, "utf8"));
        const version = crd.spec.versions.find((v: any) => v.name === "v1alpha1");
        const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(version.schema.openAPIV3Schema);
        expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
        for (const grid of ["eci", "none"] as const) expect(validate(render(grid)), JSON.stringify(validate.errors)).toBe(true);
        // Not a rubber stamp.
        expect(validate({ ...manifest, spec: { ...manifest.spec, executor: { ...manifest.spec.executor, cores: "two" } } })).toBe(false);
    });
});

import Ajv from "ajv";
import * as fs from "fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

import { planCli, readTree, shippedStacks, stackArgs, tempDir } from "../helpers/plan-cli";
import { skippedWithoutUpstream, upstreamOperatorFile } from "../helpers/upstream-operator";

/**
 * Conformance against the upstream CRDs (kubeflow/spark-operator v2.5.2, config/crd/bases), read from
 * a checkout named by SPARK_OPERATOR_SOURCE (see ../helpers/upstream-operator.ts); skipped without it.
 */
const CRD_DIR = "config/crd/bases";
const haveSchemas = upstreamOperatorFile(`${CRD_DIR}/sparkoperator.k8s.io_sparkapplications.yaml`) !== undefined;

function crdValidator(file: string) {
    const crd = parseYaml(fs.readFileSync(upstreamOperatorFile(`${CRD_DIR}/${file}`)!, "utf8"));
    const version = crd.spec.versions.find((v: any) => v.name === "v1beta2");
    // OpenAPI v3 as Kubernetes uses it: x-kubernetes-* extensions and int32/int64 formats are not
    // JSON Schema keywords Ajv knows, so they are allowed and not checked.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    return ajv.compile(version.schema.openAPIV3Schema);
}

/** Both CRDs' validators, compiled once per file (the CRDs are large: compiling costs a second). */
let compiled: Record<string, ReturnType<typeof crdValidator>> | undefined;
function crdValidators(): Record<string, ReturnType<typeof crdValidator>> {
    compiled ??= {
        SparkApplication: crdValidator("sparkoperator.k8s.io_sparkapplications.yaml"),
        ScheduledSparkApplication: crdValidator("sparkoperator.k8s.io_scheduledsparkapplications.yaml"),
    };
    return compiled;
}

describe.skipIf(!haveSchemas)(`SparkApplications conform to the upstream v1beta2 CRDs${haveSchemas ? "" : skippedWithoutUpstream(CRD_DIR)}`, () => {
    it.each(shippedStacks())("GIVEN the %s stack WHEN planned THEN every SparkApplication and ScheduledSparkApplication validates", async (stack) => {
        const validators = crdValidators();
        const dir = tempDir(`crd-${stack}-`);
        const extra =
            stack === "existing"
                ? [
                      "--config",
                      'jobs=[{"name":"nightly","type":"Java","image":"apache/spark:3.5.3","mainClass":"A","mainApplicationFile":"local:///a.jar","schedule":"0 2 * * *"}]',
                  ]
                : [];
        const result = await planCli([...stackArgs(stack), "--out", dir, ...extra]);
        expect(result.stderr).toBe("");
        let checked = 0;
        for (const [file, text] of readTree(dir)) {
            if (!file.startsWith("manifests/")) continue;
            const manifest = parseYaml(text);
            const validate = validators[manifest.kind];
            if (!validate) continue;
            const valid = validate(manifest);
            expect(validate.errors ?? [], `${file}`).toEqual([]);
            expect(valid).toBe(true);
            checked++;
        }
        expect(checked).toBeGreaterThan(0);
        // The validator is not a rubber stamp: a wrongly typed field fails.
        const broken = {
            apiVersion: "sparkoperator.k8s.io/v1beta2",
            kind: "SparkApplication",
            metadata: { name: "x" },
            spec: { type: "Java", sparkVersion: "3.5.3", mainApplicationFile: "a", driver: {}, executor: { cores: "four" } },
        };
        expect(validators.SparkApplication!(broken)).toBe(false);
    });
});

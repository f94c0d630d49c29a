import Ajv from "ajv";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { airflowAlwaysOnPods } from "../../components/airflow/cost";
import { AIRFLOW_SECRET_NAMES } from "../../components/airflow/secrets";
import { AIRFLOW_DEFAULTS, resolveAirflowSettings } from "../../components/airflow/settings";
import { AIRFLOW_DAGS_FOLDER, AIRFLOW_IMAGES, airflowHelmValues, airflowImages, type AirflowValuesInput } from "../../components/airflow/values";
import { schedulingProfile } from "../../components/cluster/types";
import { parseCpuMilli, parseQuantityMiB } from "../../components/sizing/units";

const ECI = schedulingProfile({
    nodeSelector: { type: "virtual-kubelet" },
    tolerations: [{ key: "virtual-kubelet.io/provider", operator: "Equal", value: "alibabacloud", effect: "NoSchedule" }],
    podLabels: { "alibabacloud.com/eci": "true" },
});

function values(overrides: Partial<AirflowValuesInput> = {}, settings: unknown = { enabled: true }): Record<string, any> {
    return airflowHelmValues({
        settings: resolveAirflowSettings(settings),
        scheduling: ECI,
        chartPostgres: false,
        dagsConfigMap: "airflow-dags",
        taskServiceAccount: "airflow-task",
        ...overrides,
    }) as Record<string, any>;
}
const GIT = { enabled: true, dags: { source: "git", repo: "https://github.com/example/dags.git", subPath: "dags" } };

/** Every `resources` object in the values, with its path. */
function allResources(v: unknown, at = ""): [string, any][] {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return [];
    return Object.entries(v).flatMap(([k, child]) => (k === "resources" ? [[at, child] as [string, any]] : allResources(child, at ? `${at}.${k}` : k)));
}

describe("Airflow Helm values", () => {
    it("GIVEN the platform's values WHEN read THEN the KubernetesExecutor runs with no Redis, StatsD, PgBouncer, flower, user job or PVC", () => {
        const v = values();
        expect(v.executor).toBe("KubernetesExecutor");
        for (const off of ["redis", "statsd", "pgbouncer", "flower", "cleanup", "createUserJob"]) expect(v[off].enabled).toBe(false);
        expect(v.logs.persistence.enabled).toBe(false);
        expect(v.triggerer.persistence.enabled).toBe(false);
        expect(v.workers.persistence.enabled).toBe(false);
        expect(v.dags.persistence.enabled).toBe(false);
        expect(v.postgresql.enabled).toBe(false);
        expect(v.apiServer.service.type).toBe("ClusterIP");
        expect(v.ingress).toEqual({ web: { enabled: false }, apiServer: { enabled: false } });
    });

    it("GIVEN the values WHEN read THEN the chart reads every secret from the platform's Secrets and none is a plain value", () => {
        const v = values();
        expect(v.fernetKeySecretName).toBe(AIRFLOW_SECRET_NAMES.fernetKey);
        expect(v.apiSecretKeySecretName).toBe(AIRFLOW_SECRET_NAMES.apiSecretKey);
        expect(v.jwtSecretName).toBe(AIRFLOW_SECRET_NAMES.jwtSecret);
        expect(v.data).toEqual({ metadataSecretName: AIRFLOW_SECRET_NAMES.metadata });
        for (const plain of ["fernetKey", "apiSecretKey", "jwtSecret", "webserverSecretKey"]) expect(v[plain]).toBeUndefined();
        expect(values({ chartPostgres: true }).postgresql.auth).toEqual({ enablePostgresUser: true, existingSecret: AIRFLOW_SECRET_NAMES.postgresAuth });
    });

    it("GIVEN the values WHEN read THEN pods run under the restricted profile on the virtual nodes", () => {
        const v = values();
        expect(v.securityContexts.pod).toEqual({ runAsNonRoot: true, runAsUser: 50000, runAsGroup: 0, fsGroup: 0, seccompProfile: { type: "RuntimeDefault" } });
        expect(v.securityContexts.containers).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
        expect(v.nodeSelector).toEqual({ type: "virtual-kubelet" });
        expect(v.tolerations).toEqual(ECI.tolerations);
        expect(v.labels).toEqual({ "alibabacloud.com/eci": "true" });
        const gitSync = values({}, GIT).dags.gitSync;
        expect(gitSync.securityContexts.container).toEqual({
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
            runAsUser: 65533,
            runAsNonRoot: true,
            seccompProfile: { type: "RuntimeDefault" },
        });
    });

    it.each([
        ["configmap", { enabled: true }],
        ["git", GIT],
    ])("GIVEN DAGs from %s WHEN read THEN every container has requests = limits and each always-on pod holds half a vCPU", (_source, settings) => {
        const v = values({ chartPostgres: true }, settings);
        const found = allResources(v);
        expect(found.length).toBeGreaterThan(6);
        for (const [at, r] of found) expect(r.requests, at).toEqual(r.limits);
        const pods = airflowAlwaysOnPods("airflow", v);
        expect(pods.map((p) => p.name)).toEqual(["airflow scheduler", "airflow dagProcessor", "airflow triggerer", "airflow apiServer", "airflow postgresql"]);
        for (const pod of pods.slice(0, 4)) {
            expect(pod.cpu, pod.name).toBeCloseTo(0.5, 6);
            // Fargate adds 256 MB: 2 GB stays the shape.
            expect(pod.memoryMiB + 256, pod.name).toBeLessThanOrEqual(2048);
        }
    });

    it("GIVEN DAGs from the ConfigMap WHEN read THEN it is mounted read-only at the DAG folder of every Airflow container and git-sync is off", () => {
        const v = values();
        expect(v.volumes).toEqual([{ name: "serverless-spark-dags", configMap: { name: "airflow-dags" } }]);
        expect(v.volumeMounts).toEqual([{ name: "serverless-spark-dags", mountPath: AIRFLOW_DAGS_FOLDER, readOnly: true }]);
        expect(v.dags.gitSync.enabled).toBe(false);
        expect(v.config.core.dag_ignore_file_syntax).toBe("glob");
    });

    it("GIVEN DAGs from git WHEN read THEN git-sync follows the branch and no ConfigMap is mounted", () => {
        const v = values({ dagsConfigMap: undefined }, GIT);
        expect(v.dags.gitSync).toMatchObject({ enabled: true, repo: "https://github.com/example/dags.git", branch: "main", ref: "main", subPath: "dags" });
        expect(v.volumes).toBeUndefined();
    });

    it("GIVEN task pods WHEN read THEN they run as their own service account, which the chart creates", () => {
        expect(values().workers.kubernetes.serviceAccount).toEqual({ create: true, name: "airflow-task", automountServiceAccountToken: true });
    });

    it("GIVEN a mirror registry WHEN read THEN Airflow (and git-sync with DAGs from git) is pulled from its copies; without one, the chart's images are kept", () => {
        const mirror = "registry-vpc.ap-southeast-1.aliyuncs.com/spark-mirror";
        const v = values({ imageRegistry: mirror });
        expect(v.defaultAirflowRepository).toBe(`${mirror}/airflow`);
        expect(v.defaultAirflowTag).toBe(AIRFLOW_IMAGES.airflow.tag);
        expect(v.images).toBeUndefined();
        expect(values({ imageRegistry: mirror, dagsConfigMap: undefined }, GIT).images).toEqual({
            gitSync: { repository: `${mirror}/git-sync`, tag: AIRFLOW_IMAGES.gitSync.tag },
        });
        for (const key of ["defaultAirflowRepository", "defaultAirflowTag", "images"]) expect(values()[key]).toBeUndefined();
        expect(airflowImages(false)).toEqual([`apache/airflow:${AIRFLOW_IMAGES.airflow.tag}`]);
        expect(airflowImages(true)).toHaveLength(2);
    });

    it("GIVEN the values WHEN the always-on pods are read THEN task pods and the migration job are not among them", () => {
        const names = airflowAlwaysOnPods("airflow", values()).map((p) => p.name);
        expect(names.some((n) => /workers|migrate/.test(n))).toBe(false);
        const memory = airflowAlwaysOnPods("airflow", values())[0]!;
        expect(memory.memoryMiB).toBe(parseQuantityMiB("1536Mi", "x") + parseQuantityMiB("128Mi", "x"));
        expect(memory.cpu).toBe((parseCpuMilli("450m", "x") + parseCpuMilli("50m", "x")) / 1000);
    });
});

/**
 * The values against the chart's own `values.schema.json` at the pinned version: set
 * AIRFLOW_CHART_SOURCE to the `chart/` folder of apache/airflow at the 1.21.0 release (the
 * `chart/v1-2x-test` commit 2ff2513665855395f0387967e548b86c54c0e52b). Skipped without it.
 */
const CHART = process.env.AIRFLOW_CHART_SOURCE;
const schemaFile = CHART ? path.join(CHART, "values.schema.json") : undefined;
const haveChart = schemaFile !== undefined && fs.existsSync(schemaFile);

describe.skipIf(!haveChart)(
    `Airflow values against the chart's values.schema.json${haveChart ? "" : " (skipped: set AIRFLOW_CHART_SOURCE to apache/airflow's chart/ at 1.21.0)"}`,
    () => {
        const check = () => {
            const chartYaml = fs.readFileSync(path.join(CHART!, "Chart.yaml"), "utf8");
            expect(chartYaml).toMatch(new RegExp(`^version: ${AIRFLOW_DEFAULTS.chartVersion.replace(/\./g, "\\.")}$`, "m"));
            const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
            return ajv.compile(JSON.parse(fs.readFileSync(schemaFile!, "utf8")));
        };
        it.each([
            ["aws/alicloud, DAGs from the ConfigMap", {}, { enabled: true }],
            ["existing, the chart's PostgreSQL", { chartPostgres: true }, { enabled: true }],
            ["DAGs from git", { dagsConfigMap: undefined }, GIT],
            ["DAGs from git, images from a mirror", { dagsConfigMap: undefined, imageRegistry: "registry-vpc.ap-southeast-1.aliyuncs.com/m" }, GIT],
        ] as const)("GIVEN the values of %s WHEN validated THEN the schema accepts them", (_what, overrides, settings) => {
            const validate = check();
            const ok = validate(values(overrides as Partial<AirflowValuesInput>, settings));
            expect(validate.errors ?? []).toEqual([]);
            expect(ok).toBe(true);
        });
        it("GIVEN a value the chart does not know WHEN validated THEN the schema refuses it (the check can fail)", () => {
            const validate = check();
            expect(validate({ ...values(), scheduler: { ...values().scheduler, notAValue: 1 } })).toBe(false);
        });
    },
);

describe.skipIf(!haveChart)("the pinned chart's defaults this package relies on", () => {
    it("GIVEN the chart WHEN read THEN it deploys the Airflow version the package documents", () => {
        const valuesYaml = fs.readFileSync(path.join(CHART!, "values.yaml"), "utf8");
        expect(valuesYaml).toContain(`airflowVersion: "${AIRFLOW_DEFAULTS.airflowVersion}"`);
    });
    it("GIVEN the chart WHEN read THEN its images are the ones a mirror must hold", () => {
        const valuesYaml = fs.readFileSync(path.join(CHART!, "values.yaml"), "utf8");
        expect(valuesYaml).toContain(`defaultAirflowRepository: ${AIRFLOW_IMAGES.airflow.repository}`);
        expect(valuesYaml).toContain(`defaultAirflowTag: "${AIRFLOW_IMAGES.airflow.tag}"`);
        expect(valuesYaml).toMatch(new RegExp(`repository: ${AIRFLOW_IMAGES.gitSync.repository}\\n\\s+tag: ${AIRFLOW_IMAGES.gitSync.tag}`));
    });
});

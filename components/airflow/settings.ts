import { describeValue, InputError } from "../errors";
import { isSystemNamespace, requireDns1123Label } from "../names";

/**
 * The Airflow chart this package installs: the official Apache Airflow Helm chart
 * (https://airflow.apache.org, chart `airflow`). 1.21.0 was released on 2026-04-21 from the chart's
 * maintenance branch `chart/v1-2x-test` (apache/airflow commit 2ff2513665855395f0387967e548b86c54c0e52b,
 * "Add RELEASE_NOTES.rst and Chart.yaml changes for 1.21.0": `chart/Chart.yaml` version 1.21.0,
 * appVersion 3.2.0; `chart/RELEASE_NOTES.rst` "Airflow Helm Chart 1.21.0 (2026-04-21)"; announced on
 * dev@airflow.apache.org 2026-04-25), read 2026-11-29. Chart 1.22.0 (2026-06-13, Airflow 3.2.2) is
 * newer; it is not the default because its source could not be read here to check these values
 * against its `values.schema.json` (raise `airflow.chartVersion` after running that test on it).
 */
export const AIRFLOW_DEFAULTS = Object.freeze({
    chart: "airflow",
    repository: "https://airflow.apache.org",
    chartVersion: "1.21.0",
    /** The Airflow version chart 1.21.0 deploys (its `airflowVersion` and image tag). */
    airflowVersion: "3.2.0",
    namespace: "airflow",
    /** Pinned: every object name the chart renders derives from it. */
    releaseName: "airflow",
    gitBranch: "main",
});

/** Where the DAG files come from. */
export const AirflowDagSource = { ConfigMap: "configmap", Git: "git" } as const;
export type AirflowDagSource = (typeof AirflowDagSource)[keyof typeof AirflowDagSource];

/** `airflow.dags`: where the scheduler, DAG processor and task pods read DAG files. */
export interface AirflowDagsSettings {
    /**
     * `configmap`: a ConfigMap the platform declares, holding the sample DAGs, mounted read-only at
     * the DAG folder of every Airflow pod. `git`: the chart's git-sync from `repo` (public HTTPS).
     * @default "configmap"
     */
    source?: AirflowDagSource;
    /** With `source: configmap`: put the TPC-DS and WordCount sample DAGs in the ConfigMap. @default true */
    samples?: boolean;
    /** With `source: git`: the repository's HTTPS clone URL. @default none (required with git) */
    repo?: string;
    /** With `source: git`: the branch to follow. @default "main" */
    branch?: string;
    /** With `source: git`: the folder in the repository holding the DAGs. @default "" (the root) */
    subPath?: string;
}

/** `airflow.database`: the metadata database on the clouds (RDS for PostgreSQL, ApsaraDB RDS for PostgreSQL). */
export interface AirflowDatabaseSettings {
    /**
     * The instance class (AWS, e.g. `db.t4g.micro`) or instance type (Alibaba, e.g. `pg.n2.2c.1m`).
     * @default "db.t4g.micro" on AWS, "pg.n2.2c.1m" on Alibaba Cloud
     */
    instanceClass?: string;
    /** Storage in GiB (20 to 1000). @default 20 */
    storageGiB?: number;
    /**
     * Keep a final snapshot (AWS) or the last backup (Alibaba) when the database is destroyed.
     * @default true
     */
    finalSnapshot?: boolean;
}

/** Stack config key and platform argument `airflow`. */
export interface AirflowSettings {
    /** Apache Airflow (KubernetesExecutor) in its own namespace, running Spark jobs as DAG tasks. @default false */
    enabled?: boolean;
    /** Version of the official `airflow` Helm chart. @default "1.21.0" */
    chartVersion?: string;
    /** The namespace Airflow runs in (not a job namespace, not the operator's). @default "airflow" */
    namespace?: string;
    /** Where DAG files come from. @default { source: "configmap", samples: true } */
    dags?: AirflowDagsSettings;
    /** The metadata database on AWS and Alibaba Cloud (the existing stack uses the chart's PostgreSQL). @default see AirflowDatabaseSettings */
    database?: AirflowDatabaseSettings;
}

/** {@link AirflowSettings} with defaults applied. */
export interface ResolvedAirflowSettings {
    enabled: boolean;
    chartVersion: string;
    namespace: string;
    /** `repo`, `branch` and `subPath` with `source: git` only. */
    dags: { source: AirflowDagSource; samples: boolean; repo?: string; branch?: string; subPath?: string };
    database: { instanceClass?: string; storageGiB: number; finalSnapshot: boolean };
}

const KNOWN = ["enabled", "chartVersion", "namespace", "dags", "database"];
const DAG_KEYS = ["source", "samples", "repo", "branch", "subPath"];
const DATABASE_KEYS = ["instanceClass", "storageGiB", "finalSnapshot"];

/** A chart version `X.Y.Z` (Helm's semantic version, without ranges: the release is pinned). */
const CHART_VERSION = /^\d+\.\d+\.\d+$/;
/** A public HTTPS clone URL without credentials (a `user:token@` URL would put the token in the plan and the Helm values). */
const GIT_REPO = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?\/[\w.~%/-]+$/;
/** A git branch name as git-sync takes it (no spaces, no `..`, no leading `-`). */
const GIT_BRANCH = /^(?!-)(?!.*\.\.)[\w./-]{1,200}$/;

function objectAt(value: unknown, key: string, known: string[]): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new InputError(key, `got ${describeValue(value)}`, `an object {${known.join(", ")}}`);
    }
    const object = value as Record<string, unknown>;
    for (const name of Object.keys(object)) {
        if (!known.includes(name)) throw new InputError(`${key}.${name}`, "is not a known setting", `one of ${known.join(", ")}`);
    }
    return object;
}

function booleanAt(value: unknown, key: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value !== "boolean") throw new InputError(key, `got ${describeValue(value)}`, "true or false");
    return value;
}

/**
 * Checks and completes the `airflow` settings; throws an {@link InputError} under `key`. The
 * namespace rules (apart from the job and operator namespaces) are checked by
 * {@link checkAirflowNamespace}, which knows those.
 */
export function resolveAirflowSettings(settings: unknown, key = "airflow"): ResolvedAirflowSettings {
    const s = settings === undefined ? {} : objectAt(settings, key, KNOWN);
    const enabled = booleanAt(s.enabled, `${key}.enabled`, false);
    const chartVersion = s.chartVersion ?? AIRFLOW_DEFAULTS.chartVersion;
    if (typeof chartVersion !== "string" || !CHART_VERSION.test(chartVersion)) {
        throw new InputError(`${key}.chartVersion`, `got ${describeValue(chartVersion)}`, `a chart version such as "${AIRFLOW_DEFAULTS.chartVersion}"`);
    }
    const namespace = requireDns1123Label(s.namespace ?? AIRFLOW_DEFAULTS.namespace, `${key}.namespace`);

    const d = s.dags === undefined ? {} : objectAt(s.dags, `${key}.dags`, DAG_KEYS);
    const source = d.source ?? AirflowDagSource.ConfigMap;
    if (source !== AirflowDagSource.ConfigMap && source !== AirflowDagSource.Git) {
        throw new InputError(`${key}.dags.source`, `got ${describeValue(source)}`, "configmap or git");
    }
    const samples = booleanAt(d.samples, `${key}.dags.samples`, source === AirflowDagSource.ConfigMap);
    if (source === AirflowDagSource.Git) {
        if (samples) throw new InputError(`${key}.dags.samples`, "is true with dags.source git", "the sample DAGs only with dags.source configmap");
        if (d.repo === undefined) throw new InputError(`${key}.dags.repo`, "is missing with dags.source git", "the repository's https:// clone URL");
    } else {
        for (const gitKey of ["repo", "branch", "subPath"]) {
            if (d[gitKey] !== undefined) throw new InputError(`${key}.dags.${gitKey}`, "is set with dags.source configmap", "it only with dags.source git");
        }
    }
    if (d.repo !== undefined && (typeof d.repo !== "string" || !GIT_REPO.test(d.repo))) {
        // The URL may carry a token: described only when it plainly does not.
        const shown = typeof d.repo === "string" && d.repo.includes("@") ? "a URL with credentials (not shown)" : describeValue(d.repo);
        throw new InputError(`${key}.dags.repo`, `got ${shown}`, "an https:// clone URL without credentials, e.g. https://github.com/example/dags.git");
    }
    const branch = d.branch ?? AIRFLOW_DEFAULTS.gitBranch;
    if (typeof branch !== "string" || !GIT_BRANCH.test(branch)) {
        throw new InputError(`${key}.dags.branch`, `got ${describeValue(branch)}`, "a git branch name such as main");
    }
    const subPath = d.subPath ?? "";
    if (typeof subPath !== "string" || !/^([\w.-]+\/)*[\w.-]*$/.test(subPath) || subPath.split("/").includes("..")) {
        throw new InputError(`${key}.dags.subPath`, `got ${describeValue(subPath)}`, 'a folder inside the repository such as "dags" (no leading /, no ..)');
    }

    const db = s.database === undefined ? {} : objectAt(s.database, `${key}.database`, DATABASE_KEYS);
    if (db.instanceClass !== undefined && (typeof db.instanceClass !== "string" || !/^[a-z0-9][a-z0-9.]{2,40}$/.test(db.instanceClass))) {
        throw new InputError(
            `${key}.database.instanceClass`,
            `got ${describeValue(db.instanceClass)}`,
            "an instance class such as db.t4g.micro (AWS) or pg.n2.2c.1m (Alibaba Cloud)",
        );
    }
    const storageGiB = db.storageGiB ?? 20;
    if (typeof storageGiB !== "number" || !Number.isInteger(storageGiB) || storageGiB < 20 || storageGiB > 1000) {
        throw new InputError(`${key}.database.storageGiB`, `got ${describeValue(storageGiB)}`, "a whole number of GiB from 20 to 1000");
    }
    return {
        enabled,
        chartVersion,
        namespace,
        dags: { source, samples, ...(source === AirflowDagSource.Git ? { repo: d.repo as string, branch, subPath } : {}) },
        database: {
            ...(typeof db.instanceClass === "string" ? { instanceClass: db.instanceClass } : {}),
            storageGiB,
            finalSnapshot: booleanAt(db.finalSnapshot, `${key}.database.finalSnapshot`, true),
        },
    };
}

/**
 * Airflow's namespace is its own: not a namespace every cluster has, not a job namespace (whose
 * guard and Roles are Spark's), not the operator's. Throws an {@link InputError} naming `key`.
 */
export function checkAirflowNamespace(namespace: string, jobNamespaces: readonly string[], operatorNamespace: string, key = "airflow.namespace"): void {
    if (isSystemNamespace(namespace)) {
        throw new InputError(key, `got ${describeValue(namespace)}, a namespace every cluster already has`, "a namespace of Airflow's own");
    }
    if (jobNamespaces.includes(namespace)) {
        throw new InputError(key, `got ${describeValue(namespace)}, one of the job namespaces`, "a namespace apart from jobNamespaces");
    }
    if (namespace === operatorNamespace) {
        throw new InputError(key, `got ${describeValue(namespace)}, the operator's namespace`, "a namespace apart from operator.namespace");
    }
}

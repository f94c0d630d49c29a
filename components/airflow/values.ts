import type { SchedulingProfile } from "../cluster/types";
import { mirroredImage } from "../images";
import { AIRFLOW_SECRET_NAMES } from "./secrets";
import { AirflowDagSource, type ResolvedAirflowSettings } from "./settings";

/**
 * Helm values for the official Airflow chart (1.21.0, see `AIRFLOW_DEFAULTS`), pure so that the
 * exact values are unit-tested, checked against the chart's `values.schema.json`, and shown in plan
 * diffs. Key names and defaults are the chart's `values.yaml` at that version.
 *
 * What the values make sure of on the virtual nodes (EKS Fargate, ECI):
 * - KubernetesExecutor: one pod per task, no Celery workers, no Redis (`redis.enabled: false`).
 * - No PersistentVolumeClaim: logs, triggerer and DAG persistence off (Fargate mounts no EBS; ECI
 *   pods here get none); the database is external on the clouds. Only the existing-cluster stack
 *   runs the chart's PostgreSQL (a StatefulSet with a PVC, which needs a default StorageClass).
 * - No DaemonSet: the chart renders none with these values (StatsD, PgBouncer, flower off).
 * - Every container has requests = limits, sized so that each pod fills a Fargate / ECI shape.
 * - The `restricted` Pod Security profile: the chart lets every Airflow pod and container take a
 *   securityContext (`securityContexts.pod`, `securityContexts.containers`, git-sync's own), so
 *   nothing here needs a looser profile. The chart's PostgreSQL (existing clusters) runs Bitnami's
 *   defaults, which are restricted too (non-root 1001, no privilege escalation, all capabilities
 *   dropped, RuntimeDefault seccomp; its volume-permissions init container, which runs as root, is off).
 */

/** CPU and memory of one container (requests = limits). */
export interface AirflowContainerResources {
    cpu: string;
    memory: string;
}

/** The Airflow image's user and group (chart `uid`/`gid` defaults, the apache/airflow image's `airflow` user). */
export const AIRFLOW_UID = 50000;
export const AIRFLOW_GID = 0;
/** git-sync's user (chart `dags.gitSync.uid`). */
export const GIT_SYNC_UID = 65533;

/** Where DAG files are read in every Airflow container (the chart's `$AIRFLOW_HOME/dags`). */
export const AIRFLOW_DAGS_FOLDER = "/opt/airflow/dags";

/**
 * Container sizes. Each always-on pod (scheduler, DAG processor, triggerer: main container plus its
 * log-groomer sidecar, and git-sync's sidecar with `dags.source: git`; the API server alone) adds up
 * to half a vCPU, so Fargate bills it as 0.5 vCPU with 1-4 GB and ECI as 0.5 vCPU / 1-2 GiB,
 * instead of rounding 0.55 vCPU up to a whole one. Memory leaves Fargate's 256 MB inside 2 GB.
 * Airflow 3's scheduler and DAG processor settle near 0.5-1 GiB with a handful of DAGs; the API
 * server runs one uvicorn worker (`config.api.workers: 1`, the UI is reached by port-forward).
 */
export const AIRFLOW_RESOURCES = Object.freeze({
    /** Each always-on pod's CPU, split between its containers. */
    podCpuMilli: 500,
    logGroomer: { cpu: "50m", memory: "128Mi" },
    gitSync: { cpu: "50m", memory: "128Mi" },
    schedulerMemory: "1536Mi",
    dagProcessorMemory: "1536Mi",
    triggererMemory: "1024Mi",
    apiServer: { cpu: "500m", memory: "1792Mi" },
    /** A task pod: the Airflow task process, which submits a SparkApplication and follows its driver. */
    taskPod: { cpu: "500m", memory: "1024Mi" },
    migrateDatabaseJob: { cpu: "500m", memory: "1024Mi" },
    /** The chart's PostgreSQL (existing clusters only). */
    postgres: { cpu: "250m", memory: "512Mi" },
});

const same = (r: AirflowContainerResources) => ({ requests: { ...r }, limits: { ...r } });

/** What the values are computed from. */
export interface AirflowValuesInput {
    settings: ResolvedAirflowSettings;
    /** How pods reach the virtual nodes (the cluster's profile). */
    scheduling: SchedulingProfile;
    /** Run the chart's PostgreSQL (existing clusters); otherwise the metadata database is external. */
    chartPostgres: boolean;
    /** The ConfigMap holding the DAG files, with `dags.source: configmap`. */
    dagsConfigMap?: string;
    /** The service account task pods run as (created by the chart, bound by the platform's Roles in the job namespaces). */
    taskServiceAccount: string;
    /** A registry holding copies of the public images (the cluster's `imageRegistry`). @default none: the chart's images */
    imageRegistry?: string;
}

/**
 * The public images the chart pulls with these values (chart 1.21.0 `values.yaml`): Airflow itself
 * (`defaultAirflowRepository` at the chart's `defaultAirflowTag`) for every Airflow pod and task pod,
 * and git-sync with `dags.source: git`. The chart's PostgreSQL runs on existing clusters only.
 */
export const AIRFLOW_IMAGES = Object.freeze({
    airflow: { repository: "apache/airflow", tag: "3.2.0" },
    gitSync: { repository: "registry.k8s.io/git-sync/git-sync", tag: "v4.4.2" },
});

/** The images of {@link AIRFLOW_IMAGES} the release pulls, as `repository:tag`. */
export function airflowImages(git: boolean): string[] {
    const { airflow, gitSync } = AIRFLOW_IMAGES;
    return [`${airflow.repository}:${airflow.tag}`, ...(git ? [`${gitSync.repository}:${gitSync.tag}`] : [])];
}

/** The values that point the chart at a mirror's copies (`<registry>/<last path segment>`), or none. */
function mirroredImageValues(registry: string | undefined, git: boolean): Record<string, unknown> {
    if (registry === undefined) return {};
    const { airflow, gitSync } = AIRFLOW_IMAGES;
    return {
        defaultAirflowRepository: mirroredImage(airflow.repository, registry),
        defaultAirflowTag: airflow.tag,
        ...(git ? { images: { gitSync: { repository: mirroredImage(gitSync.repository, registry), tag: gitSync.tag } } } : {}),
    };
}

/** Helm values of the Airflow release. */
export function airflowHelmValues(input: AirflowValuesInput): Record<string, unknown> {
    const { settings, scheduling } = input;
    const git = settings.dags.source === AirflowDagSource.Git;
    // The main container's share of its pod's half vCPU, after the sidecars.
    const mainCpu = (sidecars: number) => `${AIRFLOW_RESOURCES.podCpuMilli - sidecars * 50}m`;
    const groomer = { enabled: true, resources: same(AIRFLOW_RESOURCES.logGroomer) };

    const podSecurityContext = {
        runAsNonRoot: true,
        runAsUser: AIRFLOW_UID,
        runAsGroup: AIRFLOW_GID,
        fsGroup: AIRFLOW_GID,
        seccompProfile: { type: "RuntimeDefault" },
    };
    const containerSecurityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };

    const values: Record<string, unknown> = {
        executor: "KubernetesExecutor",
        // Pinned: the chart's pods and Secrets are named after the release, and the UI Service after it.
        fullnameOverride: "",
        useStandardNaming: false,
        nodeSelector: { ...scheduling.nodeSelector },
        tolerations: scheduling.tolerations.map((t) => ({ ...t })),
        labels: { ...scheduling.podLabels },
        airflowPodAnnotations: { ...scheduling.podAnnotations },
        securityContexts: { pod: podSecurityContext, containers: containerSecurityContext },

        fernetKeySecretName: AIRFLOW_SECRET_NAMES.fernetKey,
        apiSecretKeySecretName: AIRFLOW_SECRET_NAMES.apiSecretKey,
        jwtSecretName: AIRFLOW_SECRET_NAMES.jwtSecret,
        data: { metadataSecretName: AIRFLOW_SECRET_NAMES.metadata },

        scheduler: {
            replicas: 1,
            resources: same({ cpu: mainCpu(1), memory: AIRFLOW_RESOURCES.schedulerMemory }),
            logGroomerSidecar: groomer,
        },
        dagProcessor: {
            enabled: true,
            replicas: 1,
            resources: same({ cpu: mainCpu(git ? 2 : 1), memory: AIRFLOW_RESOURCES.dagProcessorMemory }),
            logGroomerSidecar: groomer,
        },
        triggerer: {
            enabled: true,
            replicas: 1,
            // A StatefulSet with a PVC otherwise: refused on Fargate.
            persistence: { enabled: false },
            resources: same({ cpu: mainCpu(git ? 2 : 1), memory: AIRFLOW_RESOURCES.triggererMemory }),
            logGroomerSidecar: groomer,
        },
        apiServer: {
            replicas: 1,
            resources: same(AIRFLOW_RESOURCES.apiServer),
            // ClusterIP only: the UI is reached with `kubectl port-forward`, never from outside.
            service: { type: "ClusterIP" },
        },
        workers: {
            // Task pods (the pod template of KubernetesExecutor): no Celery deployment is rendered.
            resources: same(AIRFLOW_RESOURCES.taskPod),
            kubernetes: {
                serviceAccount: { create: true, name: input.taskServiceAccount, automountServiceAccountToken: true },
            },
            persistence: { enabled: false },
        },
        migrateDatabaseJob: { enabled: true, resources: same(AIRFLOW_RESOURCES.migrateDatabaseJob) },
        // It would put the first admin's password in plain text in the Job's arguments: the README says
        // how to create the first user with `airflow users create`, which asks for the password.
        createUserJob: { enabled: false },
        redis: { enabled: false },
        statsd: { enabled: false },
        pgbouncer: { enabled: false },
        flower: { enabled: false },
        cleanup: { enabled: false },
        logs: { persistence: { enabled: false } },
        ingress: { web: { enabled: false }, apiServer: { enabled: false } },
        config: {
            core: { load_examples: "False", dag_ignore_file_syntax: "glob" },
            api: { workers: 1 },
            logging: { colored_console_log: "False" },
        },
        postgresql: input.chartPostgres
            ? {
                  enabled: true,
                  auth: { enablePostgresUser: true, existingSecret: AIRFLOW_SECRET_NAMES.postgresAuth },
                  primary: {
                      resources: same(AIRFLOW_RESOURCES.postgres),
                      nodeSelector: { ...scheduling.nodeSelector },
                      tolerations: scheduling.tolerations.map((t) => ({ ...t })),
                      podAnnotations: { ...scheduling.podAnnotations },
                      podLabels: { ...scheduling.podLabels },
                  },
              }
            : { enabled: false },
        dags: git
            ? {
                  persistence: { enabled: false },
                  gitSync: {
                      enabled: true,
                      repo: settings.dags.repo,
                      branch: settings.dags.branch,
                      ref: settings.dags.branch,
                      subPath: settings.dags.subPath,
                      resources: same(AIRFLOW_RESOURCES.gitSync),
                      securityContexts: {
                          container: { ...containerSecurityContext, runAsUser: GIT_SYNC_UID, runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
                      },
                  },
              }
            : { persistence: { enabled: false }, gitSync: { enabled: false } },
    };
    if (!git && input.dagsConfigMap !== undefined) {
        // The DAG ConfigMap in every Airflow container, task pods included (the chart's global volumes).
        values.volumes = [{ name: "serverless-spark-dags", configMap: { name: input.dagsConfigMap } }];
        values.volumeMounts = [{ name: "serverless-spark-dags", mountPath: AIRFLOW_DAGS_FOLDER, readOnly: true }];
    }
    return { ...values, ...mirroredImageValues(input.imageRegistry, git) };
}

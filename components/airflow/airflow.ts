import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { SchedulingProfile } from "../cluster/types";
import { restrictedNamespaceLabels } from "../pod-security";
import { AIRFLOW_DAGS_CONFIGMAP } from "./dags";
import { AIRFLOW_TASK_SERVICE_ACCOUNT, declareAirflowTaskRbac } from "./rbac";
import { type AirflowDatabaseConnection, type AirflowSecretValues, declareAirflowSecrets } from "./secrets";
import { AIRFLOW_DEFAULTS, AirflowDagSource, type ResolvedAirflowSettings } from "./settings";
import { airflowHelmValues } from "./values";

/** An external metadata database: where it is, and what must exist before Airflow connects. */
export interface AirflowExternalDatabase extends AirflowDatabaseConnection {
    /** The database, its account and grants. @default [] */
    dependsOn?: pulumi.Resource[];
}

/** Arguments of {@link AirflowDeployment}. */
export interface AirflowDeploymentArgs {
    /** The checked `airflow` settings (`resolveAirflowSettings`). */
    settings: ResolvedAirflowSettings;
    /** Fernet key, API secret key and database password. */
    secrets: AirflowSecretValues;
    /** An external PostgreSQL (RDS, ApsaraDB RDS). @default none: the chart's own PostgreSQL (needs a default StorageClass) */
    database?: AirflowExternalDatabase;
    /** How Airflow's pods reach the virtual nodes (the cluster's profile). */
    scheduling: SchedulingProfile;
    /** Namespaces whose SparkApplications the task pods may create and follow. */
    jobNamespaces: string[];
    /** The DAG ConfigMap's files, with `dags.source: configmap`. @default {} */
    dagFiles?: Record<string, pulumi.Input<string>>;
    /** Resources the job namespaces' Roles wait for (the namespaces). @default [] */
    jobNamespaceResources?: Record<string, pulumi.Resource>;
    /** Cloud resources pods need (Fargate profiles, the virtual-node add-on). @default [] */
    readyResources?: pulumi.Resource[];
    /** A registry holding copies of Airflow's public images (the cluster's `imageRegistry`). @default none: the chart's images */
    imageRegistry?: string;
}

/** The in-cluster address of the chart's PostgreSQL: `<release>-postgresql.<namespace>` (chart `metadata-connection-secret.yaml`). */
export function chartPostgresConnection(namespace: string): AirflowDatabaseConnection {
    return { host: `${AIRFLOW_DEFAULTS.releaseName}-postgresql.${namespace}`, port: 5432, user: "postgres", database: "postgres", sslmode: "disable" };
}

/** The command that forwards the Airflow UI (the API server's ClusterIP Service) to localhost:8080. */
export function airflowPortForwardCommand(namespace: string): string {
    return `kubectl port-forward -n ${namespace} svc/${AIRFLOW_DEFAULTS.releaseName}-api-server 8080:8080`;
}

/**
 * Apache Airflow on the cluster's virtual nodes, with the KubernetesExecutor: its namespace (the
 * `restricted` Pod Security profile), its secrets as Kubernetes Secrets, the DAG ConfigMap, a Role in
 * every job namespace for its task pods (SparkApplications and their drivers, see
 * `AIRFLOW_TASK_RULES`), and the official chart as a Helm release (see `airflowHelmValues`).
 * Nothing is exposed outside the cluster: the UI is reached with `kubectl port-forward`.
 */
export class AirflowDeployment extends pulumi.ComponentResource {
    readonly namespace: k8s.core.v1.Namespace;
    readonly release: k8s.helm.v3.Release;
    readonly secrets: k8s.core.v1.Secret[];
    readonly dags?: k8s.core.v1.ConfigMap;
    readonly roles: k8s.rbac.v1.Role[];
    readonly roleBindings: k8s.rbac.v1.RoleBinding[];
    /** `kubectl port-forward` to the UI. */
    readonly portForward: string;

    constructor(name: string, args: AirflowDeploymentArgs, opts?: pulumi.ComponentResourceOptions) {
        super("serverless-spark:airflow:AirflowDeployment", name, {}, opts);
        const { settings } = args;
        const child = { parent: this };
        const ready = args.readyResources ?? [];
        const chartPostgres = args.database === undefined;

        this.namespace = new k8s.core.v1.Namespace(
            `${name}-ns`,
            { metadata: { name: settings.namespace, labels: { ...restrictedNamespaceLabels(), "app.kubernetes.io/part-of": "serverless-spark" } } },
            child,
        );
        const inNamespace = { ...child, dependsOn: [this.namespace] };
        const database = args.database ?? chartPostgresConnection(settings.namespace);
        this.secrets = declareAirflowSecrets(name, settings.namespace, args.secrets, database, chartPostgres, inNamespace);

        const configMap = settings.dags.source === AirflowDagSource.ConfigMap;
        if (configMap) {
            this.dags = new k8s.core.v1.ConfigMap(
                `${name}-dags`,
                {
                    metadata: {
                        name: AIRFLOW_DAGS_CONFIGMAP,
                        namespace: settings.namespace,
                        labels: { "app.kubernetes.io/part-of": "serverless-spark", "app.kubernetes.io/component": "airflow" },
                    },
                    data: { ...(args.dagFiles ?? {}) },
                },
                inNamespace,
            );
        }

        const rbac = declareAirflowTaskRbac(name, settings.namespace, args.jobNamespaces, (ns) => ({
            ...child,
            dependsOn: args.jobNamespaceResources?.[ns] ? [args.jobNamespaceResources[ns]!] : [],
        }));
        this.roles = rbac.roles;
        this.roleBindings = rbac.bindings;

        const values = airflowHelmValues({
            settings,
            scheduling: args.scheduling,
            chartPostgres,
            ...(configMap ? { dagsConfigMap: AIRFLOW_DAGS_CONFIGMAP } : {}),
            taskServiceAccount: AIRFLOW_TASK_SERVICE_ACCOUNT,
            ...(args.imageRegistry !== undefined ? { imageRegistry: args.imageRegistry } : {}),
        });
        this.release = new k8s.helm.v3.Release(
            name,
            {
                name: AIRFLOW_DEFAULTS.releaseName,
                chart: AIRFLOW_DEFAULTS.chart,
                version: settings.chartVersion,
                repositoryOpts: { repo: AIRFLOW_DEFAULTS.repository },
                namespace: settings.namespace,
                createNamespace: false,
                values,
                // The database migration runs as a Helm hook before the pods start: give it time, and
                // roll back a failed upgrade instead of leaving a half-applied release.
                timeout: 1200,
                atomic: true,
                cleanupOnFail: true,
                maxHistory: 10,
            },
            {
                ...child,
                dependsOn: [
                    this.namespace,
                    ...this.secrets,
                    ...(this.dags ? [this.dags] : []),
                    ...this.roleBindings,
                    ...(args.database?.dependsOn ?? []),
                    ...ready,
                ],
            },
        );
        this.portForward = airflowPortForwardCommand(settings.namespace);
        this.registerOutputs({ namespace: settings.namespace, release: AIRFLOW_DEFAULTS.releaseName, portForward: this.portForward });
    }
}

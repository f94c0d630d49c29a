import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

import { AirflowDeployment } from "./airflow/airflow";
import { type PlatformAirflowArgs, platformSampleDags, resolvePlatformAirflow } from "./airflow/platform-airflow";
import { AirflowDagSource, type ResolvedAirflowSettings } from "./airflow/settings";
import { airflowImages } from "./airflow/values";
import { ServerlessCluster } from "./cluster/types";
import { checkComponentArgs, underKey } from "./errors";
import { withLogin } from "./history/access";
import { HISTORY_SERVER_NAME, STOCK_SPARK_IMAGE } from "./history/conf";
import { planHistoryServers } from "./history/plan";
import { SparkHistoryServer } from "./history/server";
import { type HistoryServerSettings, resolveHistoryServerSettings } from "./history/settings";
import { connectSparkVersion, DEFAULT_CONNECT_IMAGE, resolveSparkConnectSettings, SparkConnectServer, type SparkConnectSettings } from "./jobs/connect";
import { SparkJob } from "./jobs/job";
import { SparkPrometheusMetrics } from "./jobs/metrics";
import { placementFor, planJobs, PlannedJob, PlatformJobArgs, SampleArgs } from "./jobs/platform-jobs";
import type { JobIntegration, NamespaceIntegrator } from "./jobs/types";
import { checkJobNamespaces } from "./names";
import { OPERATOR_DEFAULTS } from "./operator/defaults";
import { SparkOperator, SparkOperatorArgs } from "./operator/operator";
import { resolveSparkOperatorSettings, SparkOperatorSettings } from "./operator/settings";
import { checkHdfsKerberos, checkPlatformNamespaces, resolvePlatformNamespaces } from "./platform-checks";
import { DRIVER_REAPER_IMAGE, FinishedDriverReaper } from "./rbac/driver-reaper";
import { declareNamespaceGuard, NamespaceGuardInput } from "./rbac/guard";
import { resolveSparkNamespaceArgs, SparkNamespace } from "./rbac/namespace";
import { dropUndefined, parseShape } from "./shape";
import { defaultPriceTable, type PriceTable } from "./sizing";
import type { SparkStorage } from "./storage/types";

export { checkHdfsKerberos, checkPlatformNamespaces, DEFAULT_JOB_NAMESPACES, resolvePlatformNamespaces } from "./platform-checks";

/** Operator settings of the platform (the job namespaces and placement come from the platform). */
export type PlatformOperatorArgs = SparkOperatorSettings;

/** Arguments of {@link ServerlessSparkPlatform}. */
export interface ServerlessSparkPlatformArgs {
    /**
     * The cluster to run on: an `ExistingCluster`, an `EksFargateCluster` or an
     * `AlicloudServerlessCluster` (or anything giving the same {@link ServerlessCluster} shape).
     */
    cluster: ServerlessCluster;
    /**
     * Namespaces Spark jobs run in; each gets a {@link SparkNamespace}. A cluster or storage that was
     * built for given namespaces (EKS's Fargate profiles, S3's and OSS's per-namespace roles) must
     * cover every one of them.
     * @default the cluster's `jobNamespaces`, else the storage's, else ["spark-jobs"]
     */
    jobNamespaces?: string[];
    /**
     * Spark operator settings.
     * @default the {@link SparkOperator} defaults (chart 2.5.2, namespace `spark-operator`, no admission webhook)
     */
    operator?: PlatformOperatorArgs;
    /**
     * Where jobs keep data (S3, OSS or HDFS): workload identity for the service accounts and the
     * Spark/Hadoop settings every job gets.
     * @default none: jobs get no storage settings
     */
    storage?: SparkStorage;
    /** Other per-namespace integrations every job gets (e.g. `KerberosSecrets`). @default [] */
    integrations?: NamespaceIntegrator[];
    /** Jobs to declare. @default [] */
    jobs?: PlatformJobArgs[];
    /** Sample jobs (WordCount, TPC-DS). @default none */
    samples?: SampleArgs;
    /** Prices for the jobs' cost reports. @default the cluster grid's default table */
    prices?: PriceTable;
    /**
     * A Spark History Server in each job namespace, when the storage keeps event logs: in a bucket
     * (S3, OSS), with its own read-only identity, the bucket's lifecycle rules expiring old logs
     * (`maxAgeDays`, if given, must be the storage's `eventLogMaxAgeDays`); on an HDFS with
     * `eventLogDir`, as the jobs' user or Kerberos principal, its cleaner expiring logs after
     * `maxAgeDays` (none with a Kerberos delegation token, which the server cannot log in with).
     * None without such a storage.
     * @default { enabled: true, maxAgeDays: 30 }
     */
    historyServer?: HistoryServerSettings;
    /**
     * Spark's Prometheus endpoints on in every job, drivers annotated for scraping
     * (`prometheus.io/scrape`, port 4040, `/metrics/prometheus`; executors' metrics at
     * `/metrics/executors/prometheus` on the driver). Nothing is exposed outside the cluster.
     * @default true
     */
    metrics?: boolean;
    /**
     * Delete finished driver pods in every job namespace (a `FinishedDriverReaper` CronJob every 15
     * minutes), so finished jobs cost nothing while their SparkApplication stays as the record, with
     * no `timeToLiveSeconds` by default, and `pulumi up --refresh` does not run them again.
     * @default true on a billed grid (fargate, eci), false on `none`
     */
    reapFinishedDrivers?: boolean;
    /**
     * A Spark Connect server (a `SparkConnect` object, `sparkoperator.k8s.io/v1alpha1`) in every job
     * namespace: the server pod and its executors sized to the billing grid, executors by dynamic
     * allocation (none while idle), the namespace's storage and Kerberos settings, a ClusterIP
     * Service only (Spark Connect has no authentication): `kubectl port-forward` to reach it.
     * @default { enabled: false }
     */
    sparkConnect?: SparkConnectSettings;
    /**
     * Apache Airflow (the official chart, KubernetesExecutor) in its own namespace on the cluster's
     * virtual nodes, whose tasks run Spark jobs in the job namespaces (`SparkKubernetesOperator`),
     * with the sample DAGs in a ConfigMap or DAGs from git. Its secrets are Pulumi secrets; the
     * metadata database is `airflow.database` when given (RDS, ApsaraDB RDS), else the chart's own
     * PostgreSQL. The UI is reached with `kubectl port-forward` only.
     * @default { settings: { enabled: false } }
     */
    airflow?: PlatformAirflowArgs;
}

const isObject = (value: unknown) => typeof value === "object" && value !== null;

/**
 * The shape of {@link ServerlessSparkPlatformArgs}: known keys and plain types; the cluster, storage
 * and integrations are objects the other components made, and the operator settings, jobs and
 * samples are shaped by their own parsers.
 */
const platformArgsSchema = z.strictObject(
    {
        cluster: z.custom<ServerlessCluster>(isObject, { error: "a cluster component (ExistingCluster, EksFargateCluster, ...)" }),
        jobNamespaces: z.array(z.string({ error: "a namespace name" }), { error: "a list of namespace names" }).optional(),
        operator: z.unknown().optional(),
        storage: z.custom<SparkStorage>(isObject, { error: "a storage component (S3Storage, OssStorage, HdfsStorage)" }).optional(),
        integrations: z.array(z.custom<NamespaceIntegrator>(isObject, { error: "an integration such as KerberosSecrets" })).optional(),
        jobs: z.array(z.unknown(), { error: "a list of jobs" }).optional(),
        samples: z
            .strictObject(
                { wordcount: z.boolean({ error: "true or false" }).optional(), tpcds: z.unknown().optional() },
                { error: "an object {wordcount, tpcds}" },
            )
            .optional(),
        prices: z.custom<PriceTable>(isObject, { error: "a price table" }).optional(),
        historyServer: z.unknown().optional(),
        metrics: z.boolean({ error: "true or false" }).optional(),
        reapFinishedDrivers: z.boolean({ error: "true or false" }).optional(),
        sparkConnect: z.unknown().optional(),
        airflow: z.unknown().optional(),
    },
    {
        error: "an object with cluster, jobNamespaces, operator, storage, integrations, jobs, samples, prices, historyServer, metrics, reapFinishedDrivers, sparkConnect, airflow",
    },
);

/**
 * A serverless Spark platform on one cluster: job namespaces with least-privilege RBAC, the Spark
 * operator watching them, storage and Kerberos wired into every job, and the jobs themselves, all
 * placed on the cluster's virtual nodes.
 */
export class ServerlessSparkPlatform extends pulumi.ComponentResource {
    readonly operator: SparkOperator;
    /** Job namespaces by name. */
    readonly namespaces: Record<string, SparkNamespace>;
    /** Jobs by name. */
    readonly jobs: Record<string, SparkJob>;
    /** History Servers by job namespace (none when the storage keeps no event logs, or when turned off). */
    readonly historyServers: Record<string, SparkHistoryServer>;
    /** Spark Connect servers by job namespace (none unless `sparkConnect.enabled`). */
    readonly sparkConnect: Record<string, SparkConnectServer>;
    /** Apache Airflow (unless `airflow.settings.enabled` is not true). */
    readonly airflow?: AirflowDeployment;
    /** The integrations of their own the jobs got (the WordCount input), by job name. */
    private readonly ownIntegrations: Record<string, JobIntegration[]> = {};

    constructor(name: string, args: ServerlessSparkPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        // Every argument is checked before the first resource is registered: nothing half made.
        const { jobNamespaces, operatorArgs, planned, history, historyPlan, connect, airflow } = checkComponentArgs("ServerlessSparkPlatform", name, () => {
            parseShape(platformArgsSchema, dropUndefined(args));
            const jobNamespaces = resolvePlatformNamespaces(args.jobNamespaces, { cluster: args.cluster.jobNamespaces, storage: args.storage?.jobNamespaces });
            checkJobNamespaces(jobNamespaces);
            underKey("operator", () => resolveSparkOperatorSettings(args.operator ?? {}));
            const operatorArgs: SparkOperatorArgs = {
                ...(args.operator ?? {}),
                jobNamespaces,
                scheduling: args.cluster.scheduling,
                ...(args.cluster.imageRegistry !== undefined ? { imageRegistry: args.cluster.imageRegistry } : {}),
            };
            checkPlatformNamespaces(jobNamespaces, operatorArgs.namespace);
            checkHdfsKerberos(args.storage, args.integrations ?? []);
            const history = resolveHistoryServerSettings(args.historyServer);
            const historyPlan = planHistoryServers(args.storage, args.integrations ?? [], args.historyServer);
            const connect = resolveSparkConnectSettings(args.sparkConnect);
            if (connect.enabled) connectSparkVersion(connect.image ?? args.storage?.sampleImage ?? DEFAULT_CONNECT_IMAGE, "sparkConnect.image");
            const airflow = resolvePlatformAirflow(args.airflow, jobNamespaces, operatorArgs.namespace ?? OPERATOR_DEFAULTS.namespace);
            const planned = planJobs(args.jobs ?? [], args.samples ?? {}, {
                placement: placementFor(args.cluster, args.prices, reapsFinishedDrivers(args)),
                jobNamespaces,
                storage: args.storage,
                imageRegistry: args.cluster.imageRegistry,
                otherImages: platformImages(args, historyPlan !== undefined, connect, airflow?.settings),
            });
            return { jobNamespaces, operatorArgs, planned, history, historyPlan, connect, airflow };
        });

        super("serverless-spark:index:ServerlessSparkPlatform", name, {}, opts);

        const child: pulumi.ComponentResourceOptions = { parent: this, providers: [args.cluster.provider] };
        this.namespaces = {};
        const integrations: Record<string, JobIntegration[]> = {};
        const shared: NamespaceIntegrator[] = [
            ...(args.storage ? [args.storage] : []),
            ...(args.integrations ?? []),
            ...(args.metrics === false ? [] : [new SparkPrometheusMetrics()]),
        ];
        for (const namespace of jobNamespaces) {
            const ns = new SparkNamespace(
                `${name}-${namespace}`,
                {
                    namespace,
                    labels: args.storage?.namespaceLabels(namespace),
                    serviceAccountAnnotations: args.storage?.serviceAccountAnnotations(namespace),
                },
                child,
            );
            this.namespaces[namespace] = ns;
            if (reapsFinishedDrivers(args)) {
                new FinishedDriverReaper(
                    `${name}-${namespace}-reaper`,
                    { namespace, scheduling: args.cluster.scheduling, capacityGrid: args.cluster.capacityGrid, imageRegistry: args.cluster.imageRegistry },
                    { ...child, dependsOn: [ns, ...args.cluster.readyResources] },
                );
            }
            const handle = { name: namespace, namespace: ns.namespace };
            integrations[namespace] = shared.map((integrator) => integrator.integrate(handle, { parent: ns }));
            const accounts = resolveSparkNamespaceArgs({ namespace });
            declareNamespaceGuard(`${name}-${namespace}`, guardInput(namespace, accounts, integrations[namespace]!), { parent: ns });
        }

        this.historyServers = {};
        for (const namespace of historyPlan ? jobNamespaces : []) {
            const ns = this.namespaces[namespace]!;
            const access = withLogin(historyPlan!.storage.historyServerAccess(namespace, HISTORY_SERVER_NAME), historyPlan!.login(namespace));
            this.historyServers[namespace] = new SparkHistoryServer(
                `${name}-${namespace}-history`,
                {
                    namespace,
                    scheduling: args.cluster.scheduling,
                    capacityGrid: args.cluster.capacityGrid,
                    prices: args.prices,
                    access,
                    maxAgeDays: history.maxAgeDays,
                    imageRegistry: args.cluster.imageRegistry,
                },
                // Its pod needs the namespace and the cluster's virtual-node plumbing.
                { ...child, dependsOn: [ns, ...args.cluster.readyResources] },
            );
        }

        this.operator = new SparkOperator(`${name}-operator`, operatorArgs, {
            ...child,
            // The chart expects its job namespaces to exist, and its pods need the cluster's
            // virtual-node plumbing (Fargate profiles, CoreDNS, virtual-node add-on).
            dependsOn: [...Object.values(this.namespaces), ...args.cluster.readyResources],
        });

        this.sparkConnect = {};
        for (const namespace of connect.enabled ? jobNamespaces : []) {
            this.sparkConnect[namespace] = new SparkConnectServer(
                `${name}-${namespace}-connect`,
                {
                    namespace,
                    settings: connect,
                    scheduling: args.cluster.scheduling,
                    capacityGrid: args.cluster.capacityGrid,
                    prices: args.prices,
                    integrations: integrations[namespace]!,
                    defaultImage: args.storage?.sampleImage,
                    imageRegistry: args.cluster.imageRegistry,
                },
                // The release installs the CRD and the controller; the pod needs the namespace's accounts and the virtual nodes.
                { ...child, dependsOn: [this.operator.release, this.namespaces[namespace]!, ...args.cluster.readyResources] },
            );
        }

        this.jobs = {};
        for (const job of planned) {
            this.jobs[job.args.applicationName!] = this.declareJob(name, job, integrations, child, args.cluster);
        }

        if (airflow) {
            const dagFiles = airflow.settings.dags.samples
                ? platformSampleDags({
                      placement: placementFor(args.cluster, args.prices, reapsFinishedDrivers(args)),
                      jobNamespaces,
                      storage: args.storage,
                      samples: args.samples ?? {},
                      integrations,
                      // The platform's WordCount sample declared the input ConfigMap (when the storage gives no input).
                      ownIntegrations: (jobName) => this.ownIntegrations[jobName],
                      integrate: (integrator, namespace) =>
                          integrator.integrate({ name: namespace, namespace: this.namespaces[namespace]!.namespace }, { parent: this.namespaces[namespace]! }),
                  })
                : {};
            this.airflow = new AirflowDeployment(
                `${name}-airflow`,
                {
                    settings: airflow.settings,
                    secrets: airflow.secrets,
                    ...(airflow.database ? { database: airflow.database } : {}),
                    scheduling: args.cluster.scheduling,
                    jobNamespaces,
                    dagFiles,
                    jobNamespaceResources: Object.fromEntries(jobNamespaces.map((ns) => [ns, this.namespaces[ns]!.namespace])),
                    readyResources: args.cluster.readyResources,
                    ...(args.cluster.imageRegistry !== undefined ? { imageRegistry: args.cluster.imageRegistry } : {}),
                },
                child,
            );
        }

        // The grid and pod prices the platform's always-on cost is figured with (the offline plan reads it).
        const grid = args.cluster.capacityGrid;
        const costBasis = { grid, prices: grid === "none" ? null : (args.prices ?? defaultPriceTable(grid)) };
        this.registerOutputs({
            operatorNamespace: this.operator.namespace,
            jobs: Object.keys(this.jobs),
            historyServers: Object.keys(this.historyServers),
            sparkConnect: Object.keys(this.sparkConnect),
            airflow: this.airflow ? this.airflow.portForward : "",
            costBasis,
        });
    }

    private declareJob(
        name: string,
        job: PlannedJob,
        integrations: Record<string, JobIntegration[]>,
        child: pulumi.ComponentResourceOptions,
        cluster: ServerlessCluster,
    ): SparkJob {
        const namespace = job.args.namespace;
        const ns = this.namespaces[namespace]!;
        const own = job.ownIntegrators.map((integrator) => integrator.integrate({ name: namespace, namespace: ns.namespace }, { parent: ns }));
        this.ownIntegrations[job.args.applicationName!] = own;
        return new SparkJob(
            `${name}-job-${job.args.applicationName}`,
            { ...job.args, integrations: [...integrations[namespace]!, ...own] },
            {
                ...child,
                // The release installs the SparkApplication CRDs and the controller that runs them; pods need
                // the namespace's service accounts and the cluster's virtual-node plumbing.
                dependsOn: [this.operator.release, ns, ...cluster.readyResources, ...(job.after ?? []).map((before) => this.jobs[before]!.application)],
            },
        );
    }
}

/**
 * The images the platform runs besides the jobs', with the keys they come from, so that a job's image
 * whose mirror copy would take one of their names is refused (see `checkMirrorCollisions`).
 */
function platformImages(
    args: ServerlessSparkPlatformArgs,
    historyServers: boolean,
    connect: { enabled: boolean; image?: string },
    airflow: ResolvedAirflowSettings | undefined,
): { key: string; image: string }[] {
    const { registry, repository } = OPERATOR_DEFAULTS.image;
    return [
        { key: "operator", image: `${registry}/${repository}` },
        ...(reapsFinishedDrivers(args) ? [{ key: "reapFinishedDrivers", image: DRIVER_REAPER_IMAGE }] : []),
        ...(historyServers ? [{ key: "historyServer", image: args.storage?.sampleImage ?? STOCK_SPARK_IMAGE }] : []),
        ...(connect.enabled ? [{ key: "sparkConnect.image", image: connect.image ?? args.storage?.sampleImage ?? DEFAULT_CONNECT_IMAGE }] : []),
        ...(airflow ? airflowImages(airflow.dags.source === AirflowDagSource.Git).map((image) => ({ key: "airflow", image })) : []),
    ];
}

/** Whether the platform deletes finished driver pods: on billed grids unless turned off. */
function reapsFinishedDrivers(args: ServerlessSparkPlatformArgs): boolean {
    return args.reapFinishedDrivers ?? args.cluster.capacityGrid !== "none";
}

/**
 * What a namespace's guard protects, from what its integrations add: the Secrets they mount into
 * drivers (the keytab) or name as a token source stay in driver pods, and their pod annotations
 * (the namespace's ECI RAM role) are pinned to their value.
 */
export function guardInput(namespace: string, accounts: { driver: string; executor: string }, integrations: JobIntegration[]): NamespaceGuardInput {
    const driverOnlySecrets: string[] = [];
    const pinnedPodAnnotations: Record<string, string> = {};
    for (const integration of integrations) {
        driverOnlySecrets.push(...Object.keys(integration.driverSecrets ?? {}));
        const token = integration.sparkConf?.["spark.kubernetes.kerberos.tokenSecret.name"];
        if (typeof token === "string") driverOnlySecrets.push(token);
        Object.assign(pinnedPodAnnotations, integration.podAnnotations ?? {});
    }
    return { namespace, driverServiceAccount: accounts.driver, executorServiceAccount: accounts.executor, driverOnlySecrets, pinnedPodAnnotations };
}

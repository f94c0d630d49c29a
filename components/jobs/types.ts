import * as pulumi from "@pulumi/pulumi";

import type { SchedulingProfile } from "../cluster/types";
import type { CapacityGridName, CapacityShape, PriceTable } from "../sizing";

/** `fit`: fill the billed shape; `exact`: take memory as given and report the waste. */
export const JobSizing = { Fit: "fit", Exact: "exact" } as const;
export type JobSizing = (typeof JobSizing)[keyof typeof JobSizing];

/** The application types the operator runs (`spec.type`). */
export const SparkApplicationType = { Scala: "Scala", Java: "Java", Python: "Python", R: "R" } as const;
export type SparkApplicationType = (typeof SparkApplicationType)[keyof typeof SparkApplicationType];
export const SPARK_APPLICATION_TYPES: readonly SparkApplicationType[] = Object.values(SparkApplicationType);

/** When the kubelet pulls the image (`imagePullPolicy`). */
export const ImagePullPolicy = { Always: "Always", IfNotPresent: "IfNotPresent", Never: "Never" } as const;
export type ImagePullPolicy = (typeof ImagePullPolicy)[keyof typeof ImagePullPolicy];

/** What a scheduled run does when the previous one is still running. */
export const ConcurrencyPolicy = { Allow: "Allow", Forbid: "Forbid", Replace: "Replace" } as const;
export type ConcurrencyPolicy = (typeof ConcurrencyPolicy)[keyof typeof ConcurrencyPolicy];

/** When the operator re-runs a failed application. */
export const RestartPolicyType = { Never: "Never", OnFailure: "OnFailure", Always: "Always" } as const;
export type RestartPolicyType = (typeof RestartPolicyType)[keyof typeof RestartPolicyType];

/** Sizing of one role (driver or executors). */
export interface SparkRoleArgs {
    /**
     * Spark task slots (`cores`). With sizing `fit`, the pod gets a billed shape with at least this
     * many vCPU, CPU request = limit = the shape's vCPU. A driver may ask for 0.25 or 0.5.
     * @default 1
     */
    cores?: number;
    /**
     * JVM heap (`memory`, e.g. `"4g"`). With sizing `fit` this is the minimum heap: the pod is given
     * all the memory its billed shape has. With sizing `exact` it is used as given.
     * @default fit: 4 GiB of billed memory per core; exact: Spark's 1g
     */
    memory?: string;
    /**
     * Ephemeral storage the pod requests (Spark's local dirs: shuffle and spill). On Fargate more
     * than the free 20 GiB is billed; ECI includes 30 GiB.
     * @default driver "4Gi", executors "16Gi"
     */
    ephemeralStorage?: string;
    /** Extra pod labels. @default {} */
    labels?: Record<string, string>;
    /** Extra pod annotations. @default {} */
    annotations?: Record<string, string>;
}

/** Executor settings: sizing plus how many. */
export interface SparkExecutorArgs extends SparkRoleArgs {
    /**
     * Executors to run when dynamic allocation is off. With dynamic allocation on, the executors at
     * start: it becomes `dynamicAllocation.initialExecutors` and must lie between `minExecutors` and
     * `maxExecutors` (setting both to different counts is refused).
     * @default 2 (dynamic allocation off)
     */
    instances?: number;
}

/** Dynamic allocation (with shuffle tracking, as Kubernetes has no external shuffle service). */
export interface DynamicAllocationArgs {
    /** Turn dynamic allocation on. @default false */
    enabled?: boolean;
    /** The fewest executors. @default 0 */
    minExecutors?: number;
    /** Required when enabled: the full scale that cost is reported for. */
    maxExecutors?: number;
    /** Executors at start. @default executor.instances if set, else minExecutors */
    initialExecutors?: number;
    /**
     * Seconds an idle executor that still holds shuffle data is kept before it is released
     * (`spec.dynamicAllocation.shuffleTrackingTimeout`, Spark's
     * `spark.dynamicAllocation.shuffleTracking.timeout`). Spark's default is to keep it until the
     * shuffle is garbage-collected, billed all that time; a shuffle still needed after its executor
     * is released is recomputed.
     * @default 300
     */
    shuffleTrackingTimeoutSeconds?: number;
}

/** When the operator re-runs a failed application (`spec.restartPolicy`). */
export interface RestartPolicyArgs {
    /** When to re-run. @default "OnFailure" */
    type?: RestartPolicyType;
    /** Retries after a failure. @default 3 (OnFailure) */
    onFailureRetries?: number;
    /** Seconds between retries. @default 60 */
    onFailureRetryInterval?: number;
    /** Retries after a failed submission. @default 3 (OnFailure) */
    onSubmissionFailureRetries?: number;
    /** Seconds between submission retries. @default 60 */
    onSubmissionFailureRetryInterval?: number;
}

/** Dependencies Spark fetches at submission (`spec.deps`). */
export interface SparkDepsArgs {
    /** Jar URIs added to the classpath. @default [] */
    jars?: string[];
    /** File URIs placed in the working directory. @default [] */
    files?: string[];
    /** Python file URIs (`.py`, `.zip`, `.egg`). @default [] */
    pyFiles?: string[];
    /** Maven coordinates, fetched with Ivy (needs egress and `spark.jars.ivy` on a writable path). */
    packages?: string[];
    /** Maven coordinates left out of the packages' dependencies. @default [] */
    excludePackages?: string[];
    /** Extra Maven repository URLs. @default [] */
    repositories?: string[];
}

/**
 * What storage and Kerberos add to every job: Spark and Hadoop conf, dependencies, secrets Spark
 * mounts itself, and the objects the job must wait for. Each part is applied through spark-submit
 * conf, so nothing needs the operator's mutating webhook.
 */
export interface JobIntegration {
    /** What contributes (for error messages), e.g. `storage` or `kerberos`. */
    source: string;
    sparkConf?: Record<string, pulumi.Input<string>>;
    hadoopConf?: Record<string, pulumi.Input<string>>;
    deps?: SparkDepsArgs;
    /** Secrets mounted into the driver: secret name -> mount path (`spark.kubernetes.driver.secrets.*`). */
    driverSecrets?: Record<string, string>;
    /** Secrets mounted into executors: secret name -> mount path. */
    executorSecrets?: Record<string, string>;
    /** Pod annotations for driver and executors (e.g. an ECI RAM role). */
    podAnnotations?: Record<string, string>;
    /** Pod annotations for the driver only (e.g. Prometheus scrape annotations). */
    driverPodAnnotations?: Record<string, string>;
    /**
     * ConfigMaps mounted read-only into driver and executors through the pod templates (webhook-free):
     * volume name -> ConfigMap name and mount path.
     */
    configMapMounts?: Record<string, { configMap: string; mountPath: string }>;
    /** Objects jobs must wait for (ConfigMaps, Secrets, uploaded inputs). */
    dependsOn?: pulumi.Resource[];
    /**
     * MiB the integration's native code (e.g. a storage connector's I/O buffers) uses in each driver
     * and executor outside the JVM heap: `fit` sizing adds it to the memory overhead.
     * @default 0
     */
    nativeMemoryMiB?: number;
}

/** The job's view of the cluster and platform it runs on. */
export interface JobPlacement {
    /** Virtual-node placement of the driver and executor pods. */
    scheduling: SchedulingProfile;
    /** The billing grid pods are sized to. */
    capacityGrid: CapacityGridName;
    /** Prices for the cost report. @default the grid's default table */
    prices?: PriceTable;
    /**
     * Executor pod annotations only (e.g. ECI spot for executors; drivers stay on-demand).
     * @default {}
     */
    executorPodAnnotations?: Record<string, string>;
    /**
     * ECI: shapes an executor may take when its own has no capacity, appended to its
     * `k8s.aliyun.com/eci-use-specs` where they hold it (spot fallback specs).
     * @default []
     */
    executorFallbackShapes?: readonly CapacityShape[];
    /**
     * Spark conf every job gets from the cluster (e.g. decommissioning when executors run on spot).
     * @default {}
     */
    sparkConf?: Record<string, string>;
    /**
     * A reaper deletes the namespace's finished driver pods (see `FinishedDriverReaper`), so jobs need
     * no `timeToLiveSeconds` to stop paying and keep their SparkApplication as a record.
     * @default false
     */
    finishedDriversReaped?: boolean;
}

/** What a Spark job runs and how: the settings of a job, whether declared alone or by a platform. */
export interface SparkJobSettings {
    /** Application type. */
    type: SparkApplicationType;
    /** Container image for driver and executors, e.g. `apache/spark:3.5.3`. */
    image: string;
    /** When the image is pulled. @default "IfNotPresent" */
    imagePullPolicy?: ImagePullPolicy;
    /** Main class (required for Scala and Java). */
    mainClass?: string;
    /** The application jar or script, e.g. `local:///opt/spark/examples/jars/spark-examples.jar`. */
    mainApplicationFile: string;
    /** Arguments to the application. @default [] */
    arguments?: pulumi.Input<string>[];
    /**
     * Spark version of the image (the operator needs it, e.g. to allow pod templates).
     * @default taken from an `apache/spark:<version>` image tag
     */
    sparkVersion?: string;
    /** Dependencies Spark fetches at submission. @default {} */
    deps?: SparkDepsArgs;
    /**
     * Extra Spark conf. Keys the operator's webhook refuses, and keys this component sets, are refused.
     * Keys that add to a pod's memory (`spark.{driver,executor}.memoryOverhead`, `.memoryOverheadFactor`,
     * `.minMemoryOverhead`, `spark.kubernetes.memoryOverheadFactor`, `spark.executor.pyspark.memory`,
     * `spark.memory.offHeap.enabled`/`.size`) are counted by sizing and must be plain strings; with
     * sizing `fit` an explicit overhead is kept and the heap fills the rest of the shape. Memory-backed
     * local dirs, and device requests (GPUs) on Fargate or ECI, are refused.
     * @default {}
     */
    sparkConf?: Record<string, pulumi.Input<string>>;
    /** Extra Hadoop conf (`spark.hadoop.*` without the prefix). @default {} */
    hadoopConf?: Record<string, pulumi.Input<string>>;
    /**
     * Secret values the driver and executors get as environment variables (name -> value), for
     * credentials that must not sit in `sparkConf`, which is plain text in the SparkApplication: the
     * job declares a Kubernetes Secret `<application>-env` holding them (Pulumi secrets, whatever
     * the config said) and Spark reads it through `spark.kubernetes.{driver,executor}.secretKeyRef.*`,
     * so no webhook is needed. Names are environment variable names (`AWS_SECRET_ACCESS_KEY`).
     * @default {}
     */
    secretEnv?: Record<string, pulumi.Input<string>>;
    /** The driver's sizing. @default { cores: 1 } */
    driver?: SparkRoleArgs;
    /** The executors' sizing and count. @default { cores: 1, instances: 2 } */
    executor?: SparkExecutorArgs;
    /** Dynamic allocation of executors. @default off */
    dynamicAllocation?: DynamicAllocationArgs;
    /** When the operator re-runs the application. @default OnFailure, 3 retries 60 s apart */
    restartPolicy?: RestartPolicyArgs;
    /**
     * Seconds after completion before the operator deletes the application and its driver pod. On
     * Fargate and ECI a completed driver pod is billed until it is deleted.
     * @default 600 on fargate/eci grids, unset on `none`
     */
    timeToLiveSeconds?: number;
    /** Declare the job suspended: a SparkApplication is not submitted, a schedule starts no runs. @default false */
    suspend?: boolean;
    /** Cron schedule; when set, a ScheduledSparkApplication is declared instead. @default none */
    schedule?: string;
    /** IANA time zone of `schedule`. @default "UTC" */
    timeZone?: string;
    /** What a scheduled run does when the previous one is still running. @default "Forbid" */
    concurrencyPolicy?: ConcurrencyPolicy;
    /**
     * `fit`: size pods to fill their billed shape; `exact`: use `memory` as given and report the waste.
     * @default "fit"
     */
    sizing?: JobSizing;
    /**
     * With sizing `fit`: MiB of each billed shape left free for what runs beside Spark in the pod's
     * allocation (Fargate's log router) and as a margin against rounding.
     * @default 128 on Fargate, 0 on ECI
     */
    memoryHeadroomMiB?: number;
    /**
     * Extra labels on the SparkApplication and its driver and executor pods (the operator copies an
     * application's labels onto its pods).
     * @default {}
     */
    labels?: Record<string, string>;
}

/** Arguments of {@link SparkJob}: its settings, where it runs, and what storage and Kerberos add. */
export interface SparkJobArgs extends SparkJobSettings {
    /** Job namespace (one of the platform's job namespaces). */
    namespace: string;
    /**
     * SparkApplication name: a DNS-1035 label of at most 40 characters (scheduled runs append a
     * 20-character suffix, and pod names derive from it).
     * @default the component name
     */
    applicationName?: string;
    /** Where and how pods run. */
    placement: JobPlacement;
    /** Driver and executor service accounts. @default { driver: "spark-driver", executor: "spark-executor" } */
    serviceAccounts?: { driver: string; executor: string };
    /** Storage and Kerberos contributions. @default [] */
    integrations?: JobIntegration[];
    /**
     * Make `pulumi up` wait until the application has COMPLETED (the Kubernetes provider's
     * `pulumi.com/waitFor` await), so that resources depending on this job start after it; a failed
     * run fails `pulumi up` when the wait times out. Any change to the spec then replaces the
     * application (delete, then create), so each change is one fresh, awaited run. Not with
     * `schedule` or `suspend`.
     * @default none: `pulumi up` returns once the application is created
     */
    awaitCompletion?: { timeoutMinutes: number };
}

/** A job namespace as integrations see it. */
export interface JobNamespaceHandle {
    /** The namespace's name. */
    name: string;
    /** The namespace object: anything declared inside the namespace must depend on it. */
    namespace: pulumi.Resource;
}

/**
 * Something that adds to every job in a namespace (storage, Kerberos): it may declare objects inside
 * the namespace (ConfigMaps, Secrets) and returns what jobs there add to their Spark settings.
 */
export interface NamespaceIntegrator {
    /**
     * Declares what the integration needs inside one job namespace and returns what jobs add.
     * @param opts resource options for anything declared (parent and Kubernetes provider are set)
     */
    integrate(ns: JobNamespaceHandle, opts: pulumi.ComponentResourceOptions): JobIntegration;
}

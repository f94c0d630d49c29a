/** Arguments of Spark jobs and the TPC-DS sample, shared by the three top-level components. */

/** The language of a Spark application. */
export const JobType = { Scala: "Scala", Java: "Java", Python: "Python", R: "R" } as const;
export type JobType = (typeof JobType)[keyof typeof JobType];

/** When the operator restarts an application. */
export const RestartPolicyType = { Never: "Never", OnFailure: "OnFailure", Always: "Always" } as const;
export type RestartPolicyType = (typeof RestartPolicyType)[keyof typeof RestartPolicyType];

/** What a scheduled job does when the previous run is still going. */
export const ConcurrencyPolicy = { Allow: "Allow", Forbid: "Forbid", Replace: "Replace" } as const;
export type ConcurrencyPolicy = (typeof ConcurrencyPolicy)[keyof typeof ConcurrencyPolicy];

/** How pods are sized: `fit` fills the billed shape, `exact` keeps what the job asks for. */
export const JobSizingMode = { Fit: "fit", Exact: "exact" } as const;
export type JobSizingMode = (typeof JobSizingMode)[keyof typeof JobSizingMode];

/** Driver pod settings. */
export interface DriverConfig {
    /** Cores. @default 1 */
    cores?: number;
    /** Spark memory, e.g. `"4g"`. @default the most the billed shape holds */
    memory?: string;
    /** Ephemeral storage, e.g. `"20Gi"`. @default none (the platform's free allowance) */
    ephemeralStorage?: string;
}

/** Executor pod settings. */
export interface ExecutorConfig {
    /** Cores per executor. @default 1 */
    cores?: number;
    /** Spark memory per executor, e.g. `"4g"`. @default the most the billed shape holds */
    memory?: string;
    /** Ephemeral storage per executor. @default none */
    ephemeralStorage?: string;
    /** Executors. @default 1 */
    instances?: number;
}

/** Dependencies Spark fetches before the job starts. */
export interface DepsConfig {
    /** Jar URIs. @default [] */
    jars?: string[];
    /** File URIs. @default [] */
    files?: string[];
    /** Python file URIs. @default [] */
    pyFiles?: string[];
    /** Maven coordinates. @default [] */
    packages?: string[];
    /** Maven coordinates to leave out. @default [] */
    excludePackages?: string[];
    /** Maven repository URLs. @default [] */
    repositories?: string[];
}

/** Spark dynamic allocation. */
export interface DynamicAllocationConfig {
    /** Turn it on. @default false */
    enabled?: boolean;
    /** The fewest executors. @default 0 */
    minExecutors?: number;
    /** The most executors. @default executor.instances */
    maxExecutors?: number;
    /** Executors at start. @default minExecutors */
    initialExecutors?: number;
}

/** When and how often the operator retries a job. */
export interface RestartPolicyConfig {
    /** When to restart. @default "Never" */
    type?: RestartPolicyType;
    /** Retries after a failure. @default none */
    onFailureRetries?: number;
    /** Seconds between those retries. @default none */
    onFailureRetryInterval?: number;
    /** Retries after a failed submission. @default none */
    onSubmissionFailureRetries?: number;
    /** Seconds between those retries. @default none */
    onSubmissionFailureRetryInterval?: number;
}

/** One Spark job (a SparkApplication, or a ScheduledSparkApplication with `schedule`). */
export interface JobConfig {
    /** The application name (a DNS-1035 label). */
    name: string;
    /** The job namespace it runs in. @default the first job namespace */
    namespace?: string;
    /** The application's language. */
    type: JobType;
    /** The container image. */
    image: string;
    /** The main class (Java and Scala). @default none */
    mainClass?: string;
    /** The application jar or script URI. */
    mainApplicationFile: string;
    /** Arguments to the application. @default [] */
    arguments?: string[];
    /** The image's Spark version. @default "3.5.3" */
    sparkVersion?: string;
    /** Spark settings. @default {} */
    sparkConf?: Record<string, string>;
    /** Hadoop settings. @default {} */
    hadoopConf?: Record<string, string>;
    /** Dependencies. @default none */
    deps?: DepsConfig;
    /** The driver. @default 1 core, the memory its billed shape holds */
    driver?: DriverConfig;
    /** The executors. @default 1 executor of 1 core */
    executor?: ExecutorConfig;
    /** Dynamic allocation. @default off */
    dynamicAllocation?: DynamicAllocationConfig;
    /** Retries. @default Never */
    restartPolicy?: RestartPolicyConfig;
    /** Seconds the operator keeps a finished application. @default 3600 on billed grids, none otherwise */
    timeToLiveSeconds?: number;
    /** Declare a scheduled job suspended. @default false */
    suspend?: boolean;
    /** A cron schedule (robfig/cron v3: five fields or a descriptor): makes the job scheduled. @default none */
    schedule?: string;
    /** The schedule's IANA time zone. @default the operator's (UTC) */
    timeZone?: string;
    /** For scheduled jobs. @default "Allow" */
    concurrencyPolicy?: ConcurrencyPolicy;
    /** Pod sizing. @default "fit" */
    sizing?: JobSizingMode;
    /** Labels on the application. @default {} */
    labels?: Record<string, string>;
}

/** The TPC-DS sample (data generation, then the queries). */
export interface TpcdsConfig {
    /** Where data and results go. @default `<storage data root>/tpcds` */
    dataRoot?: string;
    /** GB of raw data. @default 1 */
    scaleFactor?: number;
    /** Queries to run, by the benchmark's names. @default all */
    queries?: string[];
    /** The benchmark image. @default the data-on-eks TPC-DS image */
    image?: string;
    /** The benchmark jar in the image. @default the data-on-eks benchmark assembly */
    jar?: string;
    /** The image's Spark version. @default "3.5.3" */
    sparkVersion?: string;
    /** Executors per job. @default 2 */
    executorInstances?: number;
    /** Cores per executor. @default 4 */
    executorCores?: number;
    /** Query iterations. @default 1 */
    iterations?: number;
}

import * as pulumi from "@pulumi/pulumi";

import type { SparkJobArgs } from "../types";

/**
 * TPC-DS defaults: the data-on-eks benchmark image and jar (public; awslabs/data-on-eks,
 * analytics/terraform/spark-k8s-operator/examples/benchmark, read 2026-11), which bundle
 * databricks/tpcds-kit's dsdgen and the spark-sql-perf TPC-DS v2.4 queries (104 queries).
 */
export const TPCDS_DEFAULTS = {
    image: "public.ecr.aws/data-on-eks/spark3.5.3-scala2.12-java17-python3-ubuntu-tpcds:v2",
    jar: "local:///opt/spark/examples/jars/eks-spark-benchmark-assembly-1.0.jar",
    sparkVersion: "3.5.3",
    kitDir: "/opt/tpcds-kit/tools",
    /** GB of raw data: 1 is a cheap smoke run; real benchmarks use 1000 and up. */
    scaleFactor: 1,
    executorInstances: 2,
    executorCores: 4,
    iterations: 1,
} as const;

/**
 * The names the query run's filter matches, exactly (`BenchmarkSQL` keeps the queries whose name is in
 * the comma-separated filter; an empty filter runs them all): the spark-sql-perf TPC-DS v2.4 query
 * names, each run as `<name>-v2.4`. Source: aws-samples/emr-on-eks-benchmark, branch `delta` (which
 * the data-on-eks image builds from), spark-sql-perf/src/main/scala/com/databricks/spark/sql/perf/tpcds/TPCDS_2_4_Queries.scala
 * (`queryNames`, 104 names) and benchmark/src/main/scala/com/amazonaws/eks/tpcds/BenchmarkSQL.scala,
 * read 2026-11-29; databricks/spark-sql-perf's master has the same list.
 */
export const TPCDS_QUERY_NAMES: readonly string[] = Object.freeze(
    [
        "q1 q2 q3 q4 q5 q6 q7 q8 q9 q10 q11 q12",
        "q13 q14a q14b q15 q16 q17 q18 q19 q20 q21 q22 q23a",
        "q23b q24a q24b q25 q26 q27 q28 q29 q30 q31 q32 q33",
        "q34 q35 q36 q37 q38 q39a q39b q40 q41 q42 q43 q44",
        "q45 q46 q47 q48 q49 q50 q51 q52 q53 q54 q55 q56",
        "q57 q58 q59 q60 q61 q62 q63 q64 q65 q66 q67 q68",
        "q69 q70 q71 q72 q73 q74 q75 q76 q77 q78 q79 q80",
        "q81 q82 q83 q84 q85 q86 q87 q88 q89 q90 q91 q92",
        "q93 q94 q95 q96 q97 q98 q99 ss_max",
    ]
        .flatMap((row) => row.split(" "))
        .map((name) => `${name}-v2.4`),
);

/** The TPC-DS sample's settings: the `tpcds` key of every stack and top-level component. */
export interface TpcdsSettings {
    /**
     * URI prefix data and results live under, e.g. `s3a://bucket/tpcds`.
     * @default `<storage data root>/tpcds` (required without storage)
     */
    dataRoot?: pulumi.Input<string>;
    /** GB of raw data (1 is a cheap smoke run; real benchmarks use 1000 and up). @default 1 */
    scaleFactor?: number;
    /** Queries to run, by the benchmark's names, e.g. `["q1-v2.4", "q64-v2.4"]`. @default all 104 */
    queries?: string[];
    /** The benchmark image. @default the data-on-eks TPC-DS benchmark image */
    image?: string;
    /** The benchmark jar in the image. @default the data-on-eks benchmark assembly */
    jar?: string;
    /** Spark version of the image. @default "3.5.3" */
    sparkVersion?: string;
    /** Executors per job. @default 2 */
    executorInstances?: number;
    /** Cores per executor. @default 4 */
    executorCores?: number;
    /** Query iterations. @default 1 */
    iterations?: number;
    /**
     * Whether to run the queries once the data is complete. `false` generates the data only (the
     * query application is declared suspended).
     * @default true
     */
    runQueries?: boolean;
    /**
     * How long `pulumi up` waits for data generation to complete before it fails. The query run is
     * declared only after `tpcds-datagen` has COMPLETED: the benchmark reads the data at once and
     * gives up after its retries (aws-samples/emr-on-eks-benchmark, branch `delta`,
     * `BenchmarkSQL.scala`, read 2026-11-29).
     * @default 30 minutes plus 30 per GB of scale factor per executor core (an allowance, not a measured rate)
     */
    dataGenerationTimeoutMinutes?: number;
}

/** TPC-DS sample settings, with the data root decided. */
export interface TpcdsOptions extends TpcdsSettings {
    /** URI prefix data and results live under, e.g. `s3a://bucket/tpcds`. */
    dataRoot: pulumi.Input<string>;
}

type SampleJob = Omit<SparkJobArgs, "placement" | "namespace">;

function paths(options: TpcdsOptions): { data: pulumi.Output<string>; results: pulumi.Output<string> } {
    const root = pulumi.output(options.dataRoot).apply((r) => r.replace(/\/+$/, ""));
    const sf = options.scaleFactor ?? TPCDS_DEFAULTS.scaleFactor;
    return { data: pulumi.interpolate`${root}/sf${sf}/data`, results: pulumi.interpolate`${root}/sf${sf}/results` };
}

function common(options: TpcdsSettings): Pick<SampleJob, "type" | "image" | "sparkVersion" | "mainApplicationFile" | "driver" | "executor"> {
    return {
        type: "Scala",
        image: options.image ?? TPCDS_DEFAULTS.image,
        sparkVersion: options.sparkVersion ?? TPCDS_DEFAULTS.sparkVersion,
        mainApplicationFile: options.jar ?? TPCDS_DEFAULTS.jar,
        driver: { cores: 1, memory: "2g" },
        executor: {
            cores: options.executorCores ?? TPCDS_DEFAULTS.executorCores,
            instances: options.executorInstances ?? TPCDS_DEFAULTS.executorInstances,
            // dsdgen streams rows to its task (`-filter Y`); the room is for the shuffle that clusters
            // rows by partition column, and its spills.
            ephemeralStorage: "20Gi",
        },
    };
}

/**
 * Both jobs as they will run, but without their arguments (which hold the data paths): what a config
 * check can size and check before the storage, and so the data root, exists.
 */
export function tpcdsJobsWithoutPaths(settings: TpcdsSettings): [SampleJob, SampleJob] {
    return [
        { ...common(settings), mainClass: DATAGEN_CLASS, awaitCompletion: { timeoutMinutes: dataGenerationTimeoutMinutes(settings) } },
        { ...common(settings), mainClass: QUERY_CLASS, suspend: querySuspended(settings) },
    ];
}

/** Suspended only when asked to generate the data alone. */
function querySuspended(settings: TpcdsSettings): boolean {
    return !(settings.runQueries ?? true);
}

/**
 * The wait for data generation, in minutes. No published rate fits every shape, so this is an
 * allowance of 2 GB per executor core per hour on top of 30 minutes for start-up, not a
 * measurement; set `dataGenerationTimeoutMinutes` for real runs.
 */
export function dataGenerationTimeoutMinutes(settings: TpcdsSettings): number {
    if (settings.dataGenerationTimeoutMinutes !== undefined) return settings.dataGenerationTimeoutMinutes;
    const cores = (settings.executorInstances ?? TPCDS_DEFAULTS.executorInstances) * (settings.executorCores ?? TPCDS_DEFAULTS.executorCores);
    const sf = settings.scaleFactor ?? TPCDS_DEFAULTS.scaleFactor;
    return 30 + Math.ceil((30 * sf) / cores);
}

const DATAGEN_CLASS = "com.amazonaws.eks.tpcds.DataGeneration";
const QUERY_CLASS = "com.amazonaws.eks.tpcds.BenchmarkSQL";

/**
 * The data-generation job: `DataGeneration <out> <kit> parquet <sf> <partitions> true true true`
 * (partition the fact tables by date, cluster rows by the partition column first, log at WARN). It
 * always overwrites what is there (`DataGeneration.scala` passes `overwrite = true`), so `pulumi up`
 * must not run it again for nothing: it runs when its application is created or its spec changes. Clustering makes each date partition come from one task: without it every task
 * writes a file into every partition, about 900k files per fact table at SF1000, each committed by a
 * copy and a delete on S3 (spark-sql-perf `Tables.scala`, `clusterByPartitionColumns`; awslabs/data-on-eks
 * `tpcds-benchmark-data-generation-1t.yaml` passes true; read 2026-11-29).
 */
export function tpcdsDataGenJob(options: TpcdsOptions): SampleJob {
    const sf = options.scaleFactor ?? TPCDS_DEFAULTS.scaleFactor;
    // About one output partition per 2 GB of data keeps files a sensible size; at least 2.
    const partitions = Math.max(2, Math.ceil(sf / 2));
    return {
        ...common(options),
        mainClass: DATAGEN_CLASS,
        awaitCompletion: { timeoutMinutes: dataGenerationTimeoutMinutes(options) },
        arguments: [paths(options).data, TPCDS_DEFAULTS.kitDir, "parquet", String(sf), String(partitions), "true", "true", "true"],
    };
}

/** The query run: `BenchmarkSQL <data> <results> <kit> parquet <sf> <iterations> false <filter> true`. */
export function tpcdsQueryJob(options: TpcdsOptions): SampleJob {
    const sf = options.scaleFactor ?? TPCDS_DEFAULTS.scaleFactor;
    const { data, results } = paths(options);
    return {
        ...common(options),
        mainClass: QUERY_CLASS,
        suspend: querySuspended(options),
        arguments: [
            data,
            results,
            TPCDS_DEFAULTS.kitDir,
            "parquet",
            String(sf),
            String(options.iterations ?? TPCDS_DEFAULTS.iterations),
            "false",
            (options.queries ?? []).join(","),
            "true",
        ],
    };
}

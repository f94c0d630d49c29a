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
            // dsdgen writes raw files locally before Spark converts them; shuffles need room too.
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
        { ...common(settings), mainClass: DATAGEN_CLASS },
        { ...common(settings), mainClass: QUERY_CLASS },
    ];
}

const DATAGEN_CLASS = "com.amazonaws.eks.tpcds.DataGeneration";
const QUERY_CLASS = "com.amazonaws.eks.tpcds.BenchmarkSQL";

/** The data-generation job: `DataGeneration <out> <kit> parquet <sf> <partitions> true false true`. */
export function tpcdsDataGenJob(options: TpcdsOptions): SampleJob {
    const sf = options.scaleFactor ?? TPCDS_DEFAULTS.scaleFactor;
    // About one output partition per 2 GB of data keeps files a sensible size; at least 2.
    const partitions = Math.max(2, Math.ceil(sf / 2));
    return {
        ...common(options),
        mainClass: DATAGEN_CLASS,
        arguments: [paths(options).data, TPCDS_DEFAULTS.kitDir, "parquet", String(sf), String(partitions), "true", "false", "true"],
    };
}

/** The query run: `BenchmarkSQL <data> <results> <kit> parquet <sf> <iterations> false <filter> true`. */
export function tpcdsQueryJob(options: TpcdsOptions): SampleJob {
    const sf = options.scaleFactor ?? TPCDS_DEFAULTS.scaleFactor;
    const { data, results } = paths(options);
    return {
        ...common(options),
        mainClass: QUERY_CLASS,
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

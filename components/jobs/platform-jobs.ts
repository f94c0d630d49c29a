import * as pulumi from "@pulumi/pulumi";

import { requireInteger } from "../checks";
import type { ServerlessCluster } from "../cluster/types";
import { describeValue, InputError, underKey } from "../errors";
import { checkMirrorCollisions, mirroredImage } from "../images";
import { parseShape } from "../shape";
import type { PriceTable } from "../sizing";
import type { SparkStorage } from "../storage/types";
import { resolveJob } from "./resolve";
import { TPCDS_QUERY_NAMES, tpcdsDataGenJob, tpcdsJobsWithoutPaths, tpcdsQueryJob, TpcdsSettings } from "./samples/tpcds";
import { WordCountInput, wordCountJob } from "./samples/wordcount";
import { platformJobSchema, tpcdsSettingsSchema } from "./shape";
import type { JobPlacement, NamespaceIntegrator, SparkJobArgs, SparkJobSettings } from "./types";

/** A job declared through the platform: the job's own settings; placement and integrations come from the platform. */
export interface PlatformJobArgs extends SparkJobSettings {
    /** Job name: the SparkApplication's name (DNS-1035, at most 40 characters), unique in the platform. */
    name: string;
    /** The job namespace it runs in. @default the platform's first job namespace */
    namespace?: string;
}

/** The sample jobs. */
export interface SampleArgs {
    /** JavaWordCount on the stock apache/spark image over a small text the platform provides. @default false */
    wordcount?: boolean;
    /**
     * TPC-DS data generation and query run. `dataRoot` defaults to `tpcds` under the storage's data
     * root of the platform's first job namespace; without storage it must be given.
     * @default off
     */
    tpcds?: TpcdsSettings;
}

/** A job ready to declare: its arguments (minus integrations) and any integrations of its own. */
export interface PlannedJob {
    args: SparkJobArgs;
    /** Key prefix for errors, e.g. `jobs[2]` or `samples.tpcds`. */
    key: string;
    /** SparkJob argument names (`applicationName`, `executor.cores`) to the keys the user wrote under `key`. */
    keys?: Record<string, string>;
    /** Integrations only this job uses (e.g. the WordCount input ConfigMap). */
    ownIntegrators: NamespaceIntegrator[];
    /** Names of planned jobs this one starts after (awaited ones, see `awaitCompletion`). */
    after?: string[];
}

/** Placement every job on a cluster gets. */
export function placementFor(cluster: ServerlessCluster, prices?: PriceTable, finishedDriversReaped = false): JobPlacement {
    return {
        ...(finishedDriversReaped ? { finishedDriversReaped } : {}),
        scheduling: cluster.scheduling,
        capacityGrid: cluster.capacityGrid,
        prices,
        executorPodAnnotations: cluster.executorPodAnnotations,
        ...(cluster.executorFallbackShapes?.length ? { executorFallbackShapes: cluster.executorFallbackShapes } : {}),
        sparkConf: cluster.jobSparkConf,
    };
}

/**
 * Turns the platform's `jobs` and `samples` into jobs to declare, checking every one (names, Spark
 * settings, sizing) before anything is declared.
 */
export function planJobs(
    jobs: PlatformJobArgs[],
    samples: SampleArgs,
    context: {
        placement: JobPlacement;
        jobNamespaces: string[];
        /**
         * The platform's storage. Without `namespaceDataRoot` (checking a config before its storage is
         * declared), a TPC-DS run defaulting to the storage is checked without its data paths.
         */
        storage?: Partial<Pick<SparkStorage, "namespaceDataRoot" | "wordCountInput" | "sampleImage">>;
        /**
         * The cluster's image mirror: every job's image from a public registry is pulled from there
         * (see components/images.ts). @default none
         */
        imageRegistry?: string;
        /** The platform's other images (operator, History Server, ...), whose mirror copies the jobs' must not collide with. @default [] */
        otherImages?: { key: string; image: string }[];
    },
): PlannedJob[] {
    const planned: PlannedJob[] = [];
    const defaultNamespace = context.jobNamespaces[0]!;
    const sample = (
        name: string,
        key: string,
        args: Omit<SparkJobArgs, "placement" | "namespace">,
        ownIntegrators: NamespaceIntegrator[] = [],
        keys?: Record<string, string>,
        after?: string[],
    ) =>
        planned.push({
            key,
            keys,
            ownIntegrators,
            ...(after ? { after } : {}),
            args: { ...args, applicationName: name, namespace: defaultNamespace, placement: context.placement },
        });

    if (samples.wordcount) {
        const input = context.storage?.wordCountInput;
        if (input !== undefined) {
            sample("wordcount", "samples.wordcount", wordCountJob(input, context.storage?.sampleImage));
        } else {
            const local = new WordCountInput();
            sample("wordcount", "samples.wordcount", wordCountJob(local.uri), [local]);
        }
    }
    if (samples.tpcds) {
        underKey("tpcds", () => parseShape(tpcdsSettingsSchema, samples.tpcds));
        if (samples.tpcds.dataRoot === undefined && context.storage === undefined) {
            throw new InputError(
                "tpcds.dataRoot",
                "is not set and the platform has no storage",
                "a URI such as s3a://bucket/tpcds or hdfs://nn:8020/tpcds, or a storage type",
            );
        }
        const storageRoot = context.storage?.namespaceDataRoot?.(defaultNamespace);
        const dataRoot = samples.tpcds.dataRoot ?? (storageRoot !== undefined ? pulumi.interpolate`${storageRoot}/tpcds` : undefined);
        underKey("tpcds", () => checkTpcdsOptions(samples.tpcds!));
        const [datagen, queries] =
            dataRoot !== undefined
                ? [tpcdsDataGenJob({ ...samples.tpcds, dataRoot }), tpcdsQueryJob({ ...samples.tpcds, dataRoot })]
                : tpcdsJobsWithoutPaths(samples.tpcds);
        sample("tpcds-datagen", "tpcds", datagen, [], TPCDS_KEYS);
        // Declared once data generation has completed (its application is awaited).
        sample("tpcds-queries", "tpcds", queries, [], TPCDS_KEYS, ["tpcds-datagen"]);
    }
    jobs.forEach((job, i) => {
        underKey(`jobs[${i}]`, () => parseShape(platformJobSchema, job));
        const { name, namespace, ...rest } = job;
        const ns = namespace ?? defaultNamespace;
        if (!context.jobNamespaces.includes(ns)) {
            throw new InputError(`jobs[${i}].namespace`, `got ${describeValue(ns)}`, `one of the job namespaces ${context.jobNamespaces.join(", ")}`);
        }
        planned.push({
            key: `jobs[${i}]`,
            keys: JOB_KEYS,
            ownIntegrators: [],
            args: { ...rest, applicationName: name, namespace: ns, placement: context.placement },
        });
    });

    const seen = new Map<string, string>();
    for (const job of planned) {
        const name = job.args.applicationName!;
        if (seen.has(name)) {
            throw new InputError(`${job.key}.name`, `${describeValue(name)} is also the name of ${seen.get(name)}`, "a job name used once");
        }
        seen.set(name, job.key);
        underKey(job.key, () => asUserKeys(job.keys ?? {}, () => resolveJob(name, job.args)));
    }
    // With a mirror, every public image is pulled from it; two whose copies would share a name are refused.
    checkMirrorCollisions(
        [...(context.otherImages ?? []), ...planned.map((job) => ({ key: `${job.key}.image`, image: job.args.image }))],
        context.imageRegistry,
    );
    for (const job of planned) job.args = { ...job.args, image: mirroredImage(job.args.image, context.imageRegistry) };
    return planned;
}

/** A platform job's `name` is the SparkApplication name. */
const JOB_KEYS: Record<string, string> = { applicationName: "name" };
/** The TPC-DS options the sample jobs' arguments come from. */
const TPCDS_KEYS: Record<string, string> = {
    mainApplicationFile: "jar",
    "executor.cores": "executorCores",
    "executor.instances": "executorInstances",
};

/** Renames an error's argument key to the key the user wrote (`applicationName` -> `name`). */
function asUserKeys<T>(keys: Record<string, string>, fn: () => T): T {
    try {
        return fn();
    } catch (err) {
        if (err instanceof InputError && keys[err.key] !== undefined) {
            throw new InputError(keys[err.key]!, err.problem, err.expected);
        }
        throw err;
    }
}

function checkTpcdsOptions(options: TpcdsSettings): void {
    // Both jobs must reach the data: a URI of a shared file system, not a path inside one pod.
    if (typeof options.dataRoot === "string" && !/^[A-Za-z][A-Za-z0-9+.-]*:\/\/\/?[^\s/]\S*$/.test(options.dataRoot)) {
        throw new InputError("dataRoot", `got ${describeValue(options.dataRoot)}`, "a URI such as s3a://bucket/tpcds or hdfs://nn:8020/tpcds");
    }
    if (options.scaleFactor !== undefined) {
        requireInteger(options.scaleFactor, "scaleFactor", 1, 100_000, "a whole number of GB");
    }
    // The benchmark matches names exactly: `q1` (no suffix) would run nothing, not query 1.
    for (const [i, q] of (options.queries ?? []).entries()) {
        if (typeof q !== "string" || !TPCDS_QUERY_NAMES.includes(q)) {
            throw new InputError(`queries[${i}]`, `got ${describeValue(q)}`, expectedQueryName(q));
        }
    }
    if (options.iterations !== undefined) {
        requireInteger(options.iterations, "iterations", 1, 100);
    }
    if (options.dataGenerationTimeoutMinutes !== undefined) {
        requireInteger(options.dataGenerationTimeoutMinutes, "dataGenerationTimeoutMinutes", 1, 7 * 24 * 60, "whole minutes");
    }
}

/** What a query name that is not the benchmark's should have been: `q1` -> `q1-v2.4`, `q14` -> `q14a-v2.4 or q14b-v2.4`. */
function expectedQueryName(got: unknown): string {
    const text = typeof got === "string" ? got.trim().toLowerCase() : "";
    const base = text.replace(/-v2\.4$/, "");
    const near = [base, `${base}a`, `${base}b`].map((q) => `${q}-v2.4`).filter((q) => TPCDS_QUERY_NAMES.includes(q));
    if (near.length > 0) {
        return `the benchmark's exact name ${near.join(" or ")}`;
    }
    return "a TPC-DS v2.4 query name: q1-v2.4 to q99-v2.4 (q14, q23, q24 and q39 as a and b, e.g. q14a-v2.4) or ss_max-v2.4";
}

import { requireInteger } from "../checks";
import { describeValue, InputError, underKey } from "../errors";
import { requireAnnotationKeys, requireDns1035Label, requireDns1123Label, requireLabels } from "../names";
import { dropUndefined, parseShape } from "../shape";
import { AppLanguage, formatMiB, JobCost, jobCostPerHour, parseSizeMiB, rightSize, SizedPod, sparkPodRequests } from "../sizing";
import { requireSchedule, requireTimeZone } from "./cron";
import { sparkJobSettingsSchema } from "./shape";
import { SizingConf, sizingConf } from "./sizing-conf";
import { checkDependencyUri } from "./spark-conf-guard";
import { checkSparkConfKeys } from "./spark-conf-rules";
import { DynamicAllocationArgs, RestartPolicyArgs, SPARK_APPLICATION_TYPES, SparkJobArgs, SparkRoleArgs } from "./types";

/** Longest SparkApplication name: scheduled runs append `-<19-digit timestamp>`, pod names more. */
export const MAX_APPLICATION_NAME_LENGTH = 40;
/** Most executors a job may ask for (the operator tracks up to 1000 executors per application). */
export const MAX_EXECUTORS = 1000;
/**
 * Completed driver pods are billed on Fargate and ECI until deleted (a completed Fargate pod keeps
 * its VM: docs.aws.amazon.com/eks/latest/userguide/fargate.html, read 2026-11-29), so the operator
 * deletes them ten minutes after completion: time for `kubectl logs`, while the event logs keep the
 * run for the History Server. An hour cost more than the WordCount run itself.
 */
export const SERVERLESS_TIME_TO_LIVE_SECONDS = 600;

export const DEFAULT_EPHEMERAL_STORAGE = { driver: "4Gi", executor: "16Gi" } as const;
/**
 * Most ephemeral storage one Fargate driver or executor may request. A Fargate pod gets at most 175 GiB
 * in total, and Fargate provisions more than the pod requests: the requests plus 10% for the file
 * system plus 5 GiB for system components, so a 100 GiB request takes about 115 GiB
 * (https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html, "Fargate storage";
 * the formula as in https://aws.amazon.com/blogs/containers/amazon-eks-fargate-adds-support-for-larger-ephemeral-volumes/;
 * both read 2026-11-29). A request near 175 GiB does not fit and the pod never schedules; 150 GiB
 * (about 170 GiB provisioned) leaves room. ECI's storage is its own (`cluster.extraEphemeralStorage`).
 */
const FARGATE_MAX_EPHEMERAL_GIB = 150;

const DEFAULT_RESTART_POLICY: Required<RestartPolicyArgs> = {
    type: "OnFailure",
    onFailureRetries: 3,
    onFailureRetryInterval: 60,
    onSubmissionFailureRetries: 3,
    onSubmissionFailureRetryInterval: 60,
};

/**
 * Default `dynamicAllocation.shuffleTrackingTimeoutSeconds`. Spark's own default is infinity: an idle
 * executor holding shuffle data is kept until the shuffle is garbage-collected on the driver, which
 * may be the end of the run (spark.apache.org/docs/3.5.3/configuration.html, "Dynamic Allocation",
 * `spark.dynamicAllocation.shuffleTracking.timeout`, read 2026-11-29); on Fargate and ECI it bills
 * per second meanwhile. Five minutes is far beyond the gaps between the stages of one query, so
 * shuffle data still in use is rarely lost (losing it costs a recomputation, not the job).
 */
export const DEFAULT_SHUFFLE_TRACKING_TIMEOUT_SECONDS = 300;

/** Dynamic allocation as resolved: counts, and the shuffle-tracking timeout. */
export type ResolvedDynamicAllocation = Required<DynamicAllocationArgs>;

/** A job with every argument checked and defaulted, and its pods sized. */
export interface ResolvedJob {
    applicationName: string;
    namespace: string;
    kind: "SparkApplication" | "ScheduledSparkApplication";
    args: SparkJobArgs;
    sparkVersion: string;
    language: AppLanguage;
    driver: SizedPod;
    executor: SizedPod;
    ephemeralStorage: { driver: string; executor: string };
    /** Executors when dynamic allocation is off. */
    instances: number;
    dynamicAllocation?: ResolvedDynamicAllocation;
    restartPolicy: RestartPolicyArgs;
    timeToLiveSeconds?: number;
    /** `pulumi up` waits for the application to complete. */
    awaitCompletion?: { timeoutMinutes: number };
    cost: JobCost;
}

/**
 * Checks a job's arguments (everything the operator or its webhook would refuse later) and sizes its
 * pods for the cluster's grid. Pure: no resources. Errors name the argument (`executor.cores`).
 */
export function resolveJob(name: string, args: SparkJobArgs): ResolvedJob {
    const {
        namespace: _namespace,
        applicationName: _name,
        placement: _placement,
        serviceAccounts: _accounts,
        integrations: _integrations,
        awaitCompletion: _await,
        ...settings
    } = args;
    parseShape(sparkJobSettingsSchema, dropUndefined(settings));
    const applicationName = requireDns1035Label(args.applicationName ?? name, "applicationName", MAX_APPLICATION_NAME_LENGTH);
    const namespace = requireDns1123Label(args.namespace, "namespace");
    if (!SPARK_APPLICATION_TYPES.includes(args.type)) {
        throw new InputError("type", `got ${describeValue(args.type)}`, `one of ${SPARK_APPLICATION_TYPES.join(", ")}`);
    }
    requireText(args.image, "image", "a container image such as apache/spark:3.5.3");
    requireText(args.mainApplicationFile, "mainApplicationFile", "the application jar or script, e.g. local:///opt/spark/examples/jars/spark-examples.jar");
    checkDependencyUri(args.mainApplicationFile, "mainApplicationFile");
    if ((args.type === "Scala" || args.type === "Java") && (typeof args.mainClass !== "string" || args.mainClass.trim() === "")) {
        throw new InputError("mainClass", `is required for ${args.type} applications, got ${describeValue(args.mainClass)}`, "a fully-qualified class name");
    }
    if (args.mainClass !== undefined && /\s/.test(args.mainClass)) {
        throw new InputError("mainClass", `got ${describeValue(args.mainClass)}`, "a fully-qualified class name such as org.example.Main");
    }
    const sparkVersion = resolveSparkVersion(args);
    checkSparkConfKeys(args.sparkConf ?? {}, namespace, "sparkConf");
    checkSecretEnvNames(args.secretEnv ?? {});
    checkDeps(args.deps ?? {});
    requireLabels(args.labels ?? {}, "labels");
    for (const role of ["driver", "executor"] as const) {
        requireLabels(args[role]?.labels ?? {}, `${role}.labels`);
        requireAnnotationKeys(args[role]?.annotations ?? {}, `${role}.annotations`);
    }
    const sizing = args.sizing ?? "fit";
    if (sizing !== "fit" && sizing !== "exact") {
        throw new InputError("sizing", `got ${describeValue(sizing)}`, "fit or exact");
    }
    const language: AppLanguage = args.type === "Python" ? "python" : args.type === "R" ? "r" : "jvm";
    const grid = args.placement.capacityGrid;
    const memoryConf = sizingConf(args.sparkConf ?? {}, grid);

    const instances = args.executor?.instances ?? 2;
    requireInteger(instances, "executor.instances", 1, MAX_EXECUTORS);
    const dynamicAllocation = resolveDynamicAllocation(args.dynamicAllocation, args.executor?.instances);
    const restartPolicy = resolveRestartPolicy(args.restartPolicy);

    if (args.memoryHeadroomMiB !== undefined) {
        requireInteger(args.memoryHeadroomMiB, "memoryHeadroomMiB", 0, 4096);
    }
    const driver = underKey("driver", () => sizeRole("driver", args.driver ?? {}, sizing, grid, language, memoryConf, args));
    const executor = underKey("executor", () => sizeRole("executor", args.executor ?? {}, sizing, grid, language, memoryConf, args));
    const ephemeralStorage = {
        driver: requireEphemeralStorage(args.driver?.ephemeralStorage ?? DEFAULT_EPHEMERAL_STORAGE.driver, "driver.ephemeralStorage", grid),
        executor: requireEphemeralStorage(args.executor?.ephemeralStorage ?? DEFAULT_EPHEMERAL_STORAGE.executor, "executor.ephemeralStorage", grid),
    };

    // With a reaper deleting finished drivers, the application stays as the job's record: a TTL would
    // delete it, and `pulumi up --refresh` would declare it again and run it again.
    const billedUntilDeleted = grid !== "none" && !args.placement.finishedDriversReaped;
    let timeToLiveSeconds = args.timeToLiveSeconds ?? (billedUntilDeleted ? SERVERLESS_TIME_TO_LIVE_SECONDS : undefined);
    if (timeToLiveSeconds !== undefined) {
        timeToLiveSeconds = requireInteger(timeToLiveSeconds, "timeToLiveSeconds", 1, 365 * 24 * 3600);
    }
    const awaitCompletion = resolveAwaitCompletion(args);
    let kind: ResolvedJob["kind"] = "SparkApplication";
    if (args.schedule !== undefined) {
        requireSchedule(args.schedule, "schedule");
        requireTimeZone(args.timeZone ?? "UTC", "timeZone");
        if (args.concurrencyPolicy !== undefined && !["Allow", "Forbid", "Replace"].includes(args.concurrencyPolicy)) {
            throw new InputError("concurrencyPolicy", `got ${describeValue(args.concurrencyPolicy)}`, "Allow, Forbid or Replace");
        }
        kind = "ScheduledSparkApplication";
    } else if (args.timeZone !== undefined || args.concurrencyPolicy !== undefined) {
        throw new InputError(args.timeZone !== undefined ? "timeZone" : "concurrencyPolicy", "is set without a schedule", "it only together with schedule");
    }

    const cost = jobCostPerHour({
        grid,
        driver: driver.report.billed,
        executor: executor.report.billed,
        scale: { instances, dynamicAllocation },
        prices: args.placement.prices,
    });
    return {
        applicationName,
        namespace,
        kind,
        args,
        sparkVersion,
        language,
        driver,
        executor,
        ephemeralStorage,
        instances,
        dynamicAllocation,
        restartPolicy,
        timeToLiveSeconds,
        ...(awaitCompletion ? { awaitCompletion } : {}),
        cost,
    };
}

/** Checks `awaitCompletion`: a timeout in whole minutes, on a one-off application that will run. */
function resolveAwaitCompletion(args: SparkJobArgs): SparkJobArgs["awaitCompletion"] {
    if (args.awaitCompletion === undefined) return undefined;
    const timeoutMinutes = requireInteger(args.awaitCompletion?.timeoutMinutes, "awaitCompletion.timeoutMinutes", 1, 7 * 24 * 60, "whole minutes");
    for (const clash of ["schedule", "suspend"] as const) {
        if (args[clash] !== undefined && args[clash] !== false) {
            throw new InputError("awaitCompletion", `is set together with ${clash}`, `awaitCompletion only on an application that runs once, now`);
        }
    }
    return { timeoutMinutes };
}

function sizeRole(
    role: "driver" | "executor",
    roleArgs: SparkRoleArgs,
    sizing: "fit" | "exact",
    grid: SparkJobArgs["placement"]["capacityGrid"],
    language: AppLanguage,
    memoryConf: SizingConf,
    args: SparkJobArgs,
): SizedPod {
    const cores = roleArgs.cores ?? 1;
    const app = { ...memoryConf.app, language };
    const fromConf = memoryConf[role];
    if (sizing === "exact" || grid === "none") {
        if (typeof cores !== "number" || !Number.isInteger(cores) || cores < 1) {
            throw new InputError("cores", `got ${describeValue(cores)}`, "a whole number of cores, 1 or more");
        }
        let settings = { ...fromConf, cores, memory: roleArgs.memory };
        if (settings.minMemoryOverhead !== undefined && settings.memoryOverhead === undefined) {
            // Spark 3.5 ignores minMemoryOverhead (4.0 added it), and the operator's spark-submit,
            // which builds the driver pod, may be another Spark than the image's, which builds the
            // executors: write the overhead out, so the pod is what the plan reports either way.
            const overhead = asJobKeys(role, () => sparkPodRequests(role, settings, app).overheadMiB);
            settings = { ...settings, memoryOverhead: formatMiB(overhead) };
        }
        return asJobKeys(role, () => rightSize({ grid, role, mode: "exact", settings, app, prices: args.placement.prices }));
    }
    const minHeapMiB = roleArgs.memory === undefined ? undefined : parseSizeMiB(roleArgs.memory, "m", "memory");
    const headroomMiB = args.memoryHeadroomMiB;
    // What the job's integrations run natively in every pod (JindoSDK's I/O buffers on OSS).
    const nativeMemoryMiB = (args.integrations ?? []).reduce((sum, i) => sum + (i.nativeMemoryMiB ?? 0), 0);
    return asJobKeys(role, () =>
        rightSize({ grid, role, mode: "fill", cores, minHeapMiB, headroomMiB, nativeMemoryMiB, settings: fromConf, app, prices: args.placement.prices }),
    );
}

/**
 * rightSize names its own arguments (`executor.cores`, `executor.minHeapMiB`); a job's user wrote
 * `cores` and `memory` under the role, which the caller prefixes. Renames them to what the user wrote.
 */
function asJobKeys<T>(role: "driver" | "executor", fn: () => T): T {
    // `memoryMiB` and `cpu` name the pod an exact-mode setting makes (too big for the grid).
    const userKey: Record<string, string> = { cores: "cores", minHeapMiB: "memory", memoryPerCoreGiB: "memory", memoryMiB: "memory", cpu: "cores" };
    try {
        return fn();
    } catch (err) {
        if (err instanceof InputError && err.key.startsWith(`${role}.`)) {
            const arg = err.key.slice(role.length + 1);
            throw new InputError(userKey[arg] ?? arg, err.problem, err.expected);
        }
        throw err;
    }
}

function resolveSparkVersion(args: SparkJobArgs): string {
    const fromImage = /:v?(\d+\.\d+\.\d+)/.exec(args.image)?.[1];
    const version = args.sparkVersion ?? fromImage;
    if (version === undefined || !/^\d+\.\d+\.\d+$/.test(version)) {
        throw new InputError("sparkVersion", `got ${describeValue(args.sparkVersion)} and the image tag names no version`, "a Spark version such as 3.5.3");
    }
    // Pod templates, which carry placement and pod security here, need Spark 3.0 or later.
    if (Number(version.split(".")[0]) < 3) {
        throw new InputError("sparkVersion", `got ${describeValue(version)}`, "Spark 3.0.0 or later (pod templates)");
    }
    return version;
}

/**
 * Dynamic allocation, with `executor.instances` as the start count. Spark starts with
 * max(minExecutors, initialExecutors, spark.executor.instances) (apache/spark v3.5.3
 * `Utils.getDynamicAllocationInitialExecutors`, tagged 2024-09), but the operator does not pass
 * `spec.executor.instances` on when dynamic allocation is on, so the count was dropped without a
 * word: it becomes `initialExecutors` instead, and a count the two cannot mean the same is refused.
 */
function resolveDynamicAllocation(da: DynamicAllocationArgs | undefined, instances: number | undefined): ResolvedDynamicAllocation | undefined {
    if (da === undefined || da.enabled === false) {
        return undefined;
    }
    const max = requireInteger(da.maxExecutors, "dynamicAllocation.maxExecutors", 1, MAX_EXECUTORS);
    const min = requireInteger(da.minExecutors ?? 0, "dynamicAllocation.minExecutors", 0, max);
    if (instances !== undefined) {
        if (da.initialExecutors !== undefined && da.initialExecutors !== instances) {
            throw new InputError(
                "executor.instances",
                `got ${describeValue(instances)} beside dynamicAllocation.initialExecutors ${describeValue(da.initialExecutors)}`,
                "only one of them: with dynamic allocation both mean the executors at start",
            );
        }
        if (typeof instances === "number" && (instances < min || instances > max)) {
            throw new InputError(
                "executor.instances",
                `got ${instances} with dynamic allocation from ${min} to ${max} executors`,
                `a start count from ${min} to ${max} (dynamicAllocation.minExecutors to maxExecutors), or no executor.instances`,
            );
        }
    }
    const initial = requireInteger(da.initialExecutors ?? instances ?? min, "dynamicAllocation.initialExecutors", min, max);
    const timeout = requireInteger(
        da.shuffleTrackingTimeoutSeconds ?? DEFAULT_SHUFFLE_TRACKING_TIMEOUT_SECONDS,
        "dynamicAllocation.shuffleTrackingTimeoutSeconds",
        0,
        30 * 24 * 3600,
    );
    return { enabled: true, minExecutors: min, maxExecutors: max, initialExecutors: initial, shuffleTrackingTimeoutSeconds: timeout };
}

function resolveRestartPolicy(policy: RestartPolicyArgs | undefined): RestartPolicyArgs {
    const type = policy?.type ?? DEFAULT_RESTART_POLICY.type;
    if (!["Never", "OnFailure", "Always"].includes(type)) {
        throw new InputError("restartPolicy.type", `got ${describeValue(type)}`, "Never, OnFailure or Always");
    }
    if (type === "Never") {
        return { type };
    }
    const merged = { ...DEFAULT_RESTART_POLICY, ...policy, type };
    requireInteger(merged.onFailureRetries, "restartPolicy.onFailureRetries", 0, 100);
    requireInteger(merged.onSubmissionFailureRetries, "restartPolicy.onSubmissionFailureRetries", 0, 100);
    requireInteger(merged.onFailureRetryInterval, "restartPolicy.onFailureRetryInterval", 1, 86400);
    requireInteger(merged.onSubmissionFailureRetryInterval, "restartPolicy.onSubmissionFailureRetryInterval", 1, 86400);
    return merged;
}

function requireEphemeralStorage(value: unknown, key: string, grid: string): string {
    const match = typeof value === "string" ? /^(\d+)(Mi|Gi|Ti)$/.exec(value) : null;
    if (!match) {
        throw new InputError(key, `got ${describeValue(value)}`, "a quantity in Mi, Gi or Ti, such as 20Gi");
    }
    const gib = Number(match[1]) * { Mi: 1 / 1024, Gi: 1, Ti: 1024 }[match[2] as "Mi" | "Gi" | "Ti"];
    if (grid === "fargate" && gib > FARGATE_MAX_EPHEMERAL_GIB) {
        throw new InputError(
            key,
            `got ${describeValue(value)}`,
            `at most ${FARGATE_MAX_EPHEMERAL_GIB}Gi on Fargate (it provisions the request plus 10% plus 5 GiB, within 175 GiB a pod)`,
        );
    }
    return value as string;
}

function requireText(value: unknown, key: string, expected: string): string {
    if (typeof value !== "string" || value.trim() === "" || /\s/.test(value)) {
        throw new InputError(key, `got ${describeValue(value)}`, expected);
    }
    return value;
}

/** What spark-submit accepts in each `deps` list (`--jars`, `--packages`, ...); it fails at submission otherwise. */
const DEPS_RULES: Record<string, { pattern: RegExp; expected: string }> = {
    jars: { pattern: /^\S+$/, expected: "a jar URI such as s3a://bucket/lib.jar or local:///opt/spark/jars/lib.jar" },
    files: { pattern: /^\S+$/, expected: "a file URI such as s3a://bucket/conf.json" },
    pyFiles: { pattern: /^\S+$/, expected: "a .py, .zip or .egg URI such as s3a://bucket/lib.zip" },
    packages: { pattern: /^[^:\s]+:[^:\s]+:[^:\s]+$/, expected: "a Maven coordinate groupId:artifactId:version such as org.apache.hadoop:hadoop-aws:3.3.4" },
    excludePackages: { pattern: /^[^:\s]+:[^:\s]+$/, expected: "groupId:artifactId such as com.google.guava:guava" },
    // https only: a repository over plain HTTP serves code anyone on the path can change.
    repositories: { pattern: /^https:\/\/\S+$/i, expected: "an https:// Maven repository URL such as https://repo1.maven.org/maven2" },
};

/** The `deps` lists that hold URIs spark-submit fetches (the others are Maven coordinates). */
const URI_DEPS = new Set(["jars", "files", "pyFiles"]);

function checkDeps(deps: object): void {
    for (const [field, values] of Object.entries(deps)) {
        const rule = DEPS_RULES[field];
        if (rule === undefined || values === undefined) continue;
        if (!Array.isArray(values)) {
            throw new InputError(`deps.${field}`, `got ${describeValue(values)}`, `a list of entries, each ${rule.expected}`);
        }
        values.forEach((value: unknown, i) => {
            if (typeof value !== "string" || !rule.pattern.test(value)) {
                throw new InputError(`deps.${field}[${i}]`, `got ${describeValue(value)}`, rule.expected);
            }
            if (URI_DEPS.has(field)) checkDependencyUri(value, `deps.${field}[${i}]`);
        });
    }
}

/**
 * `secretEnv` names: environment variable names (a letter or `_`, then letters, digits, `_`), which
 * are also valid Secret keys. Only the names are checked and shown; the values are secret.
 */
function checkSecretEnvNames(secretEnv: Record<string, unknown>): void {
    for (const name of Object.keys(secretEnv)) {
        if (!/^[A-Za-z_][A-Za-z0-9_]{0,252}$/.test(name)) {
            const shown = name.length <= 64 ? describeValue(name) : `a name of ${name.length} characters`;
            throw new InputError("secretEnv", `has the name ${shown}`, "environment variable names: a letter or _, then letters, digits and _");
        }
    }
}

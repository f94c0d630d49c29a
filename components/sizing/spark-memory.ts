/**
 * The Kubernetes requests Spark gives its driver and executor pods, computed from Spark settings
 * exactly as Spark does it, so that sizing never guesses what the pod will ask for.
 *
 * Source: apache/spark `BasicDriverFeatureStep.scala`, `BasicExecutorFeatureStep.scala`,
 * `ResourceProfile.scala` (getResourcesForClusterManager, calculateOverHeadMemory) and
 * `Utils.scala` (executorOffHeapMemorySizeAsMb) at branch-3.5, compared with 4.0; read 2026-11.
 * What they do, in short:
 * - memory request = memory limit = heap + overhead (+ off-heap + PySpark memory, executors only)
 * - overhead = the explicit `memoryOverhead` if set, else max(trunc(factor x heap), minimum);
 *   the product is truncated to an integer before the max (`.toInt`)
 * - the minimum is 384 MiB, fixed in 3.5; Spark 4.0 made it a setting
 *   (`spark.{driver,executor}.minMemoryOverhead`, default 384m, ignored when the overhead is
 *   explicit). Spark 3.5 ignores that key: pass `minMemoryOverhead` only for pods built by
 *   Spark >= 4.0. Note that with the Spark operator the driver pod is built by the operator's
 *   spark-submit (Spark 4.0.4 in chart 2.5.2), executor pods by the application's own Spark.
 * - factor = `spark.{role}.memoryOverheadFactor` if set, else `spark.kubernetes.memoryOverheadFactor`
 *   if set, else 0.10 for JVM and 0.40 for non-JVM (Python, R) applications. The driver passes
 *   its default factor on to the executors, so both roles follow the same rule.
 * - off-heap (`spark.memory.offHeap.size`, when `.enabled`) and `spark.executor.pyspark.memory`
 *   (Python applications only) are added to **executor** pods only: neither the 3.5 nor the 4.0
 *   driver step adds them to the driver pod.
 * - CPU request = `spark.kubernetes.{role}.request.cores` else `spark.{role}.cores`; a CPU limit
 *   exists only when `spark.kubernetes.{role}.limit.cores` is set.
 */
import { describeValue, InputError } from "../errors";
import { formatCpuMilli, parseCpuMilli, parseSizeMiB } from "./units";

/** Which Spark pod is being sized. */
export type SparkRole = "driver" | "executor";

/** The kind of main application resource; Python and R are "non-JVM" for the overhead factor. */
export type AppLanguage = "jvm" | "python" | "r";

/** Spark's floor for the default overhead (`ResourceProfile.MEMORY_OVERHEAD_MIN_MIB`). */
export const SPARK_MIN_OVERHEAD_MIB = 384;
/** Default overhead factor for JVM applications (`spark.kubernetes.memoryOverheadFactor` default). */
export const JVM_OVERHEAD_FACTOR = 0.1;
/** Default overhead factor for Python and R applications (`NON_JVM_MEMORY_OVERHEAD_FACTOR`). */
export const NON_JVM_OVERHEAD_FACTOR = 0.4;
/** Spark's default heap for driver and executor (`spark.{driver,executor}.memory`). */
export const SPARK_DEFAULT_MEMORY = "1g";
/** Spark's default core count for driver and executor on Kubernetes. */
export const SPARK_DEFAULT_CORES = 1;
/**
 * Smallest heap Spark starts with: `UnifiedMemoryManager` refuses an executor memory (and a driver
 * JVM max heap) below 1.5 x its 300 MiB reserved memory. Spark only fails at start-up; we refuse
 * such settings up front.
 */
export const SPARK_MIN_HEAP_MIB = 450;

/**
 * Spark settings of one role that decide the pod's requests, named after the Spark operator's
 * SparkApplication fields (`cores`, `coreRequest`, `coreLimit`, `memory`, `memoryOverhead`).
 */
export interface SparkPodSettings {
    /** `spark.{role}.cores`: whole task slots (Spark's setting is an integer). @default 1 */
    cores?: number;
    /** `spark.kubernetes.{role}.request.cores`: CPU request when it should differ from `cores`. */
    coreRequest?: string;
    /** `spark.kubernetes.{role}.limit.cores`: CPU limit; without it the pod has none. */
    coreLimit?: string;
    /** `spark.{role}.memory`: JVM heap; no unit means MiB. @default "1g" */
    memory?: string;
    /** `spark.{role}.memoryOverhead`: explicit overhead; no unit means MiB. */
    memoryOverhead?: string;
    /** `spark.{role}.memoryOverheadFactor`: overrides the application-wide factor for this role. */
    memoryOverheadFactor?: number;
    /** `spark.{role}.minMemoryOverhead` (Spark >= 4.0 only): floor of the default overhead. @default "384m" */
    minMemoryOverhead?: string;
    /** `spark.executor.pyspark.memory` (executors of Python applications only); no unit means MiB. */
    pysparkMemory?: string;
}

/** Application-wide Spark settings that affect pod memory. */
export interface SparkAppSettings {
    /** Main application resource type. @default "jvm" */
    language?: AppLanguage;
    /** `spark.kubernetes.memoryOverheadFactor` (the operator's `spec.memoryOverheadFactor`), if set. */
    kubernetesMemoryOverheadFactor?: number;
    /** `spark.memory.offHeap.enabled`. @default false */
    offHeapEnabled?: boolean;
    /** `spark.memory.offHeap.size`; note that no unit means **bytes** for this key. */
    offHeapSize?: string;
}

/** What a Spark pod requests from Kubernetes. Memory is in whole MiB, CPU in cores. */
export interface PodRequests {
    /** The role the requests are for. */
    role: SparkRole;
    /** Spark task slots (`spark.{role}.cores`). */
    cores: number;
    /** CPU request in cores (e.g. 0.5). */
    cpu: number;
    /** CPU limit in cores, or null when Spark sets none. */
    cpuLimit: number | null;
    /** Memory request, equal to the memory limit. */
    memoryMiB: number;
    /** JVM heap (`-Xmx`). */
    heapMiB: number;
    /** Overhead, explicit or derived. */
    overheadMiB: number;
    /** Off-heap memory added to the pod (0 unless enabled, and 0 for drivers). */
    offHeapMiB: number;
    /** PySpark worker memory added to the pod (executors of Python applications only). */
    pysparkMiB: number;
    /** The overhead factor in effect (whether or not an explicit overhead made it irrelevant). */
    overheadFactor: number;
}

function checkFactor(value: unknown, key: string): number {
    // Spark checks `factor > 0` on every overhead factor key.
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
        throw new InputError(key, `${describeValue(value)} is not a positive number`, "a factor above 0 such as 0.1");
    }
    return value;
}

/**
 * The memory overhead factor Spark uses for a role: the role's own factor, else the
 * application-wide Kubernetes factor, else 0.10 (JVM) or 0.40 (Python, R).
 *
 * @throws InputError when a given factor is not a positive number
 */
export function overheadFactorFor(role: SparkRole, settings: SparkPodSettings = {}, app: SparkAppSettings = {}): number {
    if (settings.memoryOverheadFactor !== undefined) {
        return checkFactor(settings.memoryOverheadFactor, `${role}.memoryOverheadFactor`);
    }
    if (app.kubernetesMemoryOverheadFactor !== undefined) {
        return checkFactor(app.kubernetesMemoryOverheadFactor, "kubernetesMemoryOverheadFactor");
    }
    return (app.language ?? "jvm") === "jvm" ? JVM_OVERHEAD_FACTOR : NON_JVM_OVERHEAD_FACTOR;
}

/**
 * Spark's default overhead for a heap: max(trunc(factor x heap), minimum). The truncation
 * happens before the max, as in Spark (`(factor * memory).toInt`); JavaScript numbers are the
 * same IEEE doubles as Scala's, so the product is bit-identical.
 */
export function defaultOverheadMiB(heapMiB: number, factor: number, minOverheadMiB: number = SPARK_MIN_OVERHEAD_MIB): number {
    return Math.max(Math.trunc(factor * heapMiB), minOverheadMiB);
}

function checkLanguage(app: SparkAppSettings): AppLanguage {
    const language = app.language ?? "jvm";
    if (language !== "jvm" && language !== "python" && language !== "r") {
        throw new InputError("language", `${describeValue(language)} is not a known application type`, '"jvm", "python" or "r"');
    }
    return language;
}

function checkCores(value: unknown, role: SparkRole): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
        throw new InputError(
            `${role}.cores`,
            `${describeValue(value)} is not a whole number of cores`,
            "an integer of 1 or more (Spark's cores setting is an integer)",
        );
    }
    return value;
}

/**
 * Computes the requests Spark (3.5, and 4.0 with `minMemoryOverhead`) gives the pod of `role`.
 *
 * @param role driver or executor
 * @param settings the role's Spark settings; anything left out takes Spark's default
 * @param app application-wide settings (language, Kubernetes overhead factor, off-heap)
 * @throws InputError (keys like `executor.memory`) for settings Spark would refuse or fail on
 */
export function sparkPodRequests(role: SparkRole, settings: SparkPodSettings = {}, app: SparkAppSettings = {}): PodRequests {
    const language = checkLanguage(app);
    const cores = checkCores(settings.cores ?? SPARK_DEFAULT_CORES, role);

    const heapMiB = parseSizeMiB(settings.memory ?? SPARK_DEFAULT_MEMORY, "m", `${role}.memory`);
    if (heapMiB < SPARK_MIN_HEAP_MIB) {
        throw new InputError(
            `${role}.memory`,
            `${describeValue(settings.memory)} is below the ${SPARK_MIN_HEAP_MIB} MiB Spark needs to start`,
            `at least "${SPARK_MIN_HEAP_MIB}m"`,
        );
    }

    const overheadFactor = overheadFactorFor(role, settings, app);
    let overheadMiB: number;
    if (settings.memoryOverhead !== undefined) {
        overheadMiB = parseSizeMiB(settings.memoryOverhead, "m", `${role}.memoryOverhead`);
    } else {
        const minOverhead =
            settings.minMemoryOverhead === undefined ? SPARK_MIN_OVERHEAD_MIB : parseSizeMiB(settings.minMemoryOverhead, "m", `${role}.minMemoryOverhead`);
        overheadMiB = defaultOverheadMiB(heapMiB, overheadFactor, minOverhead);
    }

    let offHeapMiB = 0;
    let pysparkMiB = 0;
    if (role === "executor") {
        if (app.offHeapEnabled === true) {
            // `spark.memory.offHeap.size` is a bytes setting; Spark floors it to MiB for the pod.
            offHeapMiB = parseSizeMiB(app.offHeapSize ?? "0", "b", "offHeapSize");
            if (offHeapMiB <= 0) {
                throw new InputError(
                    "offHeapSize",
                    `${describeValue(app.offHeapSize)} leaves no off-heap memory while offHeapEnabled is true`,
                    'a size of at least 1 MiB such as "2g"',
                );
            }
        }
        if (settings.pysparkMemory !== undefined) {
            const parsed = parseSizeMiB(settings.pysparkMemory, "m", "executor.pysparkMemory");
            // Spark adds it only for Python applications (`isPythonApp`), not for R or JVM ones.
            pysparkMiB = language === "python" ? parsed : 0;
        }
    }

    const cpuMilli = settings.coreRequest === undefined ? cores * 1000 : parseCpuMilli(settings.coreRequest, `${role}.coreRequest`);
    let cpuLimit: number | null = null;
    if (settings.coreLimit !== undefined) {
        const limitMilli = parseCpuMilli(settings.coreLimit, `${role}.coreLimit`);
        // Kubernetes rejects a pod whose CPU request is above its limit.
        if (limitMilli < cpuMilli) {
            throw new InputError(
                `${role}.coreLimit`,
                `${describeValue(settings.coreLimit)} is below the CPU request ${formatCpuMilli(cpuMilli)}`,
                "a limit at or above the request",
            );
        }
        cpuLimit = limitMilli / 1000;
    }

    return {
        role,
        cores,
        cpu: cpuMilli / 1000,
        cpuLimit,
        memoryMiB: heapMiB + overheadMiB + offHeapMiB + pysparkMiB,
        heapMiB,
        overheadMiB,
        offHeapMiB,
        pysparkMiB,
        overheadFactor,
    };
}

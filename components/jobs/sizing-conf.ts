import * as pulumi from "@pulumi/pulumi";

import { describeValue, InputError } from "../errors";
import { CapacityGridName, parseSizeMiB, SparkAppSettings, SparkPodSettings, SparkRole } from "../sizing";

/**
 * The Spark conf keys that change how much memory Spark asks for a pod, read from a job's
 * `sparkConf` so that sizing counts them: the pod's memory request (= limit) is
 * heap + overhead, plus off-heap and PySpark memory on executors (apache/spark v3.5.3,
 * `BasicExecutorFeatureStep.scala` and `ResourceProfile.getResourcesForClusterManager`, tagged
 * 2024-09; the rules are in components/sizing/spark-memory.ts). Without this, a Python job with 2g
 * of PySpark memory and 1g off-heap was planned on 1 vCPU / 4 GB while Spark asked for 6912 MiB,
 * which Fargate bills as 1 vCPU / 7 GB.
 */
export const SIZING_CONF_KEYS = {
    pysparkMemory: "spark.executor.pyspark.memory",
    offHeapEnabled: "spark.memory.offHeap.enabled",
    offHeapSize: "spark.memory.offHeap.size",
    kubernetesMemoryOverheadFactor: "spark.kubernetes.memoryOverheadFactor",
} as const;

/** Per-role keys: `spark.{driver,executor}.<suffix>`, with the SparkPodSettings field they set. */
const ROLE_KEYS = {
    memoryOverhead: "memoryOverhead",
    memoryOverheadFactor: "memoryOverheadFactor",
    minMemoryOverhead: "minMemoryOverhead",
} as const;

/** What a job's sparkConf adds to sizing: per-role settings and application-wide ones. */
export interface SizingConf {
    app: SparkAppSettings;
    driver: SparkPodSettings;
    executor: SparkPodSettings;
}

/**
 * Device requests (`spark.{driver,executor}.resource.<name>.*`) become container resource requests
 * such as `nvidia.com/gpu` (apache/spark v3.5.3 `KubernetesUtils.buildResourcesQuantities`). Fargate
 * runs no GPU pods (docs.aws.amazon.com/eks/latest/userguide/fargate.html, "Considerations", read
 * 2026-11-29), and on ECI this package pins each pod to a CPU/memory shape (`eci-use-specs`), so a
 * device request could never be met there. On a cluster without a billing grid it is the cluster's
 * business.
 */
const DEVICE_PREFIXES = ["spark.driver.resource.", "spark.executor.resource."];

function plainString(conf: Record<string, pulumi.Input<string>>, key: string): string | undefined {
    const value = conf[key];
    if (value === undefined) {
        return undefined;
    }
    if (typeof value !== "string") {
        throw new InputError(
            `sparkConf.${key}`,
            `got ${pulumi.Output.isInstance(value) ? "a value known only at deployment" : describeValue(value)}`,
            "a plain string: sizing reads it before anything is deployed",
        );
    }
    return value;
}

/** Spark's `doubleConf` (Java `Double.parseDouble`), with the `> 0` check Spark makes on every overhead factor. */
function factor(conf: Record<string, pulumi.Input<string>>, key: string): number | undefined {
    const text = plainString(conf, key);
    if (text === undefined) {
        return undefined;
    }
    const value = /^\s*(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
    if (!(value > 0) || !Number.isFinite(value)) {
        throw new InputError(`sparkConf.${key}`, `got ${describeValue(text)}`, "a factor above 0 such as 0.1");
    }
    return value;
}

/** A Spark size, checked now (Spark would only fail at start-up). */
function size(conf: Record<string, pulumi.Input<string>>, key: string, unit: "m" | "b"): string | undefined {
    const text = plainString(conf, key);
    if (text !== undefined) {
        parseSizeMiB(text, unit, `sparkConf.${key}`);
    }
    return text;
}

/**
 * Reads the memory-related keys of a job's sparkConf into the settings sizing takes, checking each
 * value the way Spark will (one line naming `sparkConf.<key>` otherwise), and refuses device
 * requests on a billing grid.
 */
export function sizingConf(conf: Record<string, pulumi.Input<string>>, grid: CapacityGridName): SizingConf {
    if (grid !== "none") {
        const device = Object.keys(conf).find((key) => DEVICE_PREFIXES.some((prefix) => key.startsWith(prefix)));
        if (device !== undefined) {
            throw new InputError(
                `sparkConf.${device}`,
                `requests a device (such as a GPU) that ${grid === "fargate" ? "Fargate" : "ECI"} pods sized by this package cannot have`,
                "it left out, or a cluster without a billing grid",
            );
        }
    }
    const app: SparkAppSettings = {};
    const enabled = plainString(conf, SIZING_CONF_KEYS.offHeapEnabled);
    if (enabled !== undefined) {
        // Spark's booleanConf: trimmed, case-insensitive true/false.
        if (!/^\s*(true|false)\s*$/i.test(enabled)) {
            throw new InputError(`sparkConf.${SIZING_CONF_KEYS.offHeapEnabled}`, `got ${describeValue(enabled)}`, "true or false");
        }
        app.offHeapEnabled = enabled.trim().toLowerCase() === "true";
    }
    const offHeapSize = size(conf, SIZING_CONF_KEYS.offHeapSize, "b");
    if (app.offHeapEnabled) {
        // Spark's MemoryManager refuses off-heap memory that is on but empty, at start-up.
        if (offHeapSize === undefined || parseSizeMiB(offHeapSize, "b", "") <= 0) {
            throw new InputError(
                `sparkConf.${SIZING_CONF_KEYS.offHeapSize}`,
                `got ${describeValue(offHeapSize)} while ${SIZING_CONF_KEYS.offHeapEnabled} is true`,
                'a size of at least 1 MiB such as "1g" (no unit means bytes)',
            );
        }
        app.offHeapSize = offHeapSize;
    }
    const k8sFactor = factor(conf, SIZING_CONF_KEYS.kubernetesMemoryOverheadFactor);
    if (k8sFactor !== undefined) app.kubernetesMemoryOverheadFactor = k8sFactor;

    const role = (name: SparkRole): SparkPodSettings => {
        const settings: SparkPodSettings = {};
        const overhead = size(conf, `spark.${name}.${ROLE_KEYS.memoryOverhead}`, "m");
        if (overhead !== undefined) settings.memoryOverhead = overhead;
        const roleFactor = factor(conf, `spark.${name}.${ROLE_KEYS.memoryOverheadFactor}`);
        if (roleFactor !== undefined) settings.memoryOverheadFactor = roleFactor;
        const minOverhead = size(conf, `spark.${name}.${ROLE_KEYS.minMemoryOverhead}`, "m");
        if (minOverhead !== undefined) settings.minMemoryOverhead = minOverhead;
        return settings;
    };
    const executor = role("executor");
    const pyspark = size(conf, SIZING_CONF_KEYS.pysparkMemory, "m");
    if (pyspark !== undefined) executor.pysparkMemory = pyspark;
    return { app, driver: role("driver"), executor };
}

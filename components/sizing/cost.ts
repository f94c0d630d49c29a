/**
 * Hourly cost of a Spark job at full scale: its driver plus the most executors it can run, each
 * billed as its shape. A ceiling for budgeting, not a forecast: real jobs scale down, start
 * pods over time, and pay for image pulls and pods left behind.
 */
import { describeValue, InputError } from "../errors";
import { CapacityGridName, CapacityShape } from "./grids";
import { checkPricesForGrid, defaultPriceTable, PriceTable, shapePricePerHour } from "./prices";

/**
 * Spark's executor count on Kubernetes when `spark.executor.instances` is not set and dynamic
 * allocation is off (`SchedulerBackendUtils.DEFAULT_NUMBER_EXECUTORS`).
 */
export const SPARK_DEFAULT_EXECUTOR_INSTANCES = 2;

/** How many executors a job may run. */
export interface ExecutorScale {
    /** `spark.executor.instances` (used when dynamic allocation is off). @default 2 */
    instances?: number;
    /** Dynamic allocation; when enabled, `maxExecutors` is the full scale. */
    dynamicAllocation?: {
        /** `spark.dynamicAllocation.enabled`. @default false */
        enabled?: boolean;
        /** `spark.dynamicAllocation.maxExecutors`; Spark's default is unbounded. */
        maxExecutors?: number;
    };
}

function checkCount(value: unknown, key: string): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
        throw new InputError(key, `${describeValue(value)} is not an executor count`, "a whole number of 0 or more");
    }
    return value;
}

/**
 * The number of executors at full scale: `dynamicAllocation.maxExecutors` when dynamic allocation
 * is on, else `instances` (Spark's default 2). Null when dynamic allocation has no maximum, which
 * Spark treats as unbounded.
 *
 * @throws InputError when a count is not a whole number of 0 or more
 */
export function fullScaleExecutors(scale: ExecutorScale = {}, key = "executor"): number | null {
    const dynamic = scale.dynamicAllocation;
    if (dynamic?.enabled === true) {
        return dynamic.maxExecutors === undefined ? null : checkCount(dynamic.maxExecutors, `${key}.dynamicAllocation.maxExecutors`);
    }
    return checkCount(scale.instances ?? SPARK_DEFAULT_EXECUTOR_INSTANCES, `${key}.instances`);
}

/** Arguments of `jobCostPerHour`. */
export interface JobCostArgs {
    /** The grid the job runs on. */
    grid: CapacityGridName;
    /** Billed shape of the driver pod (null on grid `none`). */
    driver: CapacityShape | null;
    /** Billed shape of one executor pod (null on grid `none`). */
    executor: CapacityShape | null;
    /** Executor count settings. */
    scale?: ExecutorScale;
    /** Price table. @default the grid's default table */
    prices?: PriceTable;
}

/** Hourly cost of a job at full scale, and its parts. */
export interface JobCost {
    /** Driver + executors x executor price per hour; null when unknown. */
    perHour: number | null;
    /** Currency of the prices, null when unknown. */
    currency: string | null;
    /** Driver pod price per hour. */
    driverPerHour: number | null;
    /** One executor pod's price per hour. */
    executorPerHour: number | null;
    /** Executors at full scale; null when unbounded. */
    executors: number | null;
    /** Why `perHour` is null, if it is. */
    unknownBecause: string | null;
}

/**
 * Hourly cost of a job at full scale. Grid `none` has no prices, and dynamic allocation without
 * a maximum has no full scale: both give `perHour: null` with the reason.
 *
 * @throws InputError for bad counts, a missing shape on a billing grid, or prices of another grid
 */
export function jobCostPerHour(args: JobCostArgs): JobCost {
    const executors = fullScaleExecutors(args.scale);
    if (args.grid === "none") {
        return {
            perHour: null,
            currency: null,
            driverPerHour: null,
            executorPerHour: null,
            executors,
            unknownBecause: "grid none has no known prices",
        };
    }
    const prices = checkPricesForGrid(args.prices ?? defaultPriceTable(args.grid), args.grid);
    if (!args.driver || !args.executor) {
        const missing = !args.driver ? "driver" : "executor";
        throw new InputError(missing, `has no billed shape on grid ${args.grid}`, "the shape from its sizing report");
    }
    const driverPerHour = shapePricePerHour(args.driver, prices);
    const executorPerHour = shapePricePerHour(args.executor, prices);
    return {
        perHour: executors === null ? null : driverPerHour + executors * executorPerHour,
        currency: prices.currency,
        driverPerHour,
        executorPerHour,
        executors,
        unknownBecause: executors === null ? "dynamic allocation has no maxExecutors, so full scale is unbounded" : null,
    };
}

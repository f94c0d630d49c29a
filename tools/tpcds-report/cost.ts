/**
 * What the run's pods cost per second: the TPC-DS query job as the project declares it (driver plus
 * executors, sized by components/jobs and components/sizing for the platform's grid), priced with a
 * table from components/sizing/prices.ts. No prices live here.
 */
import { EMPTY_SCHEDULING_PROFILE } from "../../components/cluster/types";
import { InputError } from "../../components/errors";
import { jobReport } from "../../components/jobs/report";
import { resolveJob } from "../../components/jobs/resolve";
import { tpcdsJobsWithoutPaths } from "../../components/jobs/samples/tpcds";
import {
    BillingGridName,
    CapacityShape,
    ECI_CHINA_PRICES,
    ECI_INTERNATIONAL_PRICES,
    FARGATE_US_EAST_1_PRICES,
    PriceOverrides,
    PriceTable,
    withPriceOverrides,
} from "../../components/sizing";
import type { RunShape, Sourced } from "./shape";

/** The clouds the project deploys to, and the grid each bills pods by (EKS Fargate, ACK + ECI). */
export const PLATFORM_GRIDS = { aws: "fargate", alicloud: "eci" } as const satisfies Record<string, BillingGridName>;
/** A cloud the report can price. */
export type Platform = keyof typeof PLATFORM_GRIDS;

/** The price table chosen, and why, for the report. */
export interface PriceChoice {
    table: PriceTable;
    notes: string[];
}

/**
 * The price table for a platform and region, the way the stack config picks it: Fargate's only table
 * (us-east-1); on Alibaba Cloud, China regions (`cn-*`) bill ECI from the China list in CNY, others
 * from the international one in USD. Overrides replace the two figures (for another region's prices).
 */
export function priceTableFor(platform: Platform, region: string | undefined, overrides: PriceOverrides = {}): PriceChoice {
    const notes: string[] = [];
    const hasOverrides = overrides.vcpuHour !== undefined || overrides.gibHour !== undefined;
    let base: PriceTable;
    if (platform === "aws") {
        base = FARGATE_US_EAST_1_PRICES;
        if (region !== undefined && region !== "us-east-1" && !hasOverrides) {
            notes.push(`prices are us-east-1's, the only Fargate table the project has; pass --price-vcpu-hour and --price-gib-hour for ${region}`);
        }
    } else {
        base = region?.startsWith("cn-") ? ECI_CHINA_PRICES : ECI_INTERNATIONAL_PRICES;
    }
    return { table: hasOverrides ? withPriceOverrides(base, overrides, "--price") : base, notes };
}

/** The billed pods of the run and their price. */
export interface BilledRun {
    platform: Platform;
    grid: BillingGridName;
    prices: PriceTable;
    driver: CapacityShape;
    executor: CapacityShape;
    executors: number;
    /** Executor heap the sizing settles on (what Spark is given). */
    executorHeap: string | null;
    /** Driver + executors, per hour and per second, in `prices.currency`. */
    perHour: number;
    perSecond: number;
}

/**
 * Sizes the TPC-DS query job for the platform with the run's shape (resolveJob, as the plan and
 * `pulumi up` do) and prices its billed pods (jobReport). A given heap is the job's `memory`: under
 * the default `fit` sizing the smallest shape that holds it, which is the shape the job ran on when the
 * heap is the one the sizing set.
 * @throws InputError naming the option or Spark setting the job's checks refused
 */
export function billedRun(platform: Platform, prices: PriceTable, shape: RunShape): BilledRun {
    const grid = PLATFORM_GRIDS[platform];
    const [, sample] = tpcdsJobsWithoutPaths({ executorInstances: shape.executors.value, executorCores: shape.executorCores.value });
    const job = {
        ...sample,
        applicationName: "tpcds-queries",
        namespace: "spark-jobs",
        placement: { scheduling: EMPTY_SCHEDULING_PROFILE, capacityGrid: grid, prices },
        driver: { ...sample.driver, cores: shape.driverCores.value, memory: shape.driverMemory.value ?? undefined },
        executor: { ...sample.executor, memory: shape.executorMemory.value ?? undefined },
    };
    const labels: Record<string, Sourced<unknown>> = {
        "executor.instances": shape.executors,
        "executor.cores": shape.executorCores,
        "executor.memory": shape.executorMemory,
        "driver.cores": shape.driverCores,
        "driver.memory": shape.driverMemory,
    };
    let report;
    let heap: string | null;
    try {
        const resolved = resolveJob("tpcds-queries", job);
        report = jobReport(resolved);
        heap = resolved.executor.settings.memory ?? null;
    } catch (err) {
        const source = err instanceof InputError ? labels[err.key] : undefined;
        if (err instanceof InputError && source !== undefined) {
            throw new InputError(source.from === "results" ? `sparkConf ${source.key} in the results` : source.key, err.problem, `${err.expected} on ${grid}`);
        }
        throw err;
    }
    const { driver, executor } = report;
    if (driver.billed === null || executor.billed === null || report.costPerHour === null || report.executors === null) {
        throw new Error(`internal: no billed shape or price for the TPC-DS job on ${grid}: ${report.costUnknownBecause}`);
    }
    return {
        platform,
        grid,
        prices,
        driver: driver.billed,
        executor: executor.billed,
        executors: report.executors,
        executorHeap: heap,
        perHour: report.costPerHour,
        perSecond: report.costPerHour / 3600,
    };
}

/** What `seconds` of the run's pods cost, in the price table's currency. */
export function costOf(seconds: number, billed: BilledRun): number {
    return seconds * billed.perSecond;
}

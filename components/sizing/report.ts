/**
 * What a pod costs and how much of what is billed it uses, for one grid.
 *
 * Kept apart from right-sizing because it applies to any pod: ours, Spark's defaults, or an
 * anchor job's hand-written settings.
 */
import { InputError } from "../errors";
import { billedShape, billingCpu, BillingGridName, CapacityGridName, CapacityShape, fittingShapes, formatShape, usableMemoryMiB } from "./grids";
import { checkPricesForGrid, defaultPriceTable, PriceTable, shapePricePerHour } from "./prices";
import { PodRequests } from "./spark-memory";

/** Billed capacity of one pod and the share of it the pod uses. */
export interface PodReport {
    /** The grid the report is for. */
    grid: CapacityGridName;
    /** What the pod requests: CPU request and limit in cores, memory (request = limit) in MiB. */
    pod: { cpu: number; cpuLimit: number | null; memoryMiB: number };
    /** Spark task slots of the pod (`cores`). */
    sparkCores: number;
    /** The shape billed, or null on grid `none`. */
    billed: CapacityShape | null;
    /** Billed memory the pod can use (shape memory minus the platform's reservation), MiB. */
    usableMemoryMiB: number | null;
    /** Pod memory / usable billed memory: 1 means nothing billed is left idle. */
    memoryShare: number | null;
    /** Billed CPU of the pod (limit on ECI when set, else request) / shape vCPU. */
    cpuShare: number | null;
    /** Spark task slots / shape vCPU: how much of the billed CPU Spark schedules tasks on. */
    coresShare: number | null;
    /** Billed memory the pod cannot use because it did not ask for it, MiB. */
    idleMemoryMiB: number | null;
    /** Price of the billed shape per hour, in `currency`. */
    pricePerHour: number | null;
    /** Currency of `pricePerHour`. */
    currency: string | null;
    /** Which price table was used. */
    priceTable: string | null;
    /** Things a reader should know, e.g. a CPU limit Fargate will not honour as such. */
    warnings: string[];
}

/** Options of `reportPod`. */
export interface ReportOptions {
    /** Price table. @default the grid's default table */
    prices?: PriceTable;
    /**
     * A shape the pod is pinned to (ECI's `k8s.aliyun.com/eci-use-specs`) instead of being left
     * to the platform's rounding. Must hold the pod.
     */
    pinned?: CapacityShape;
    /** Argument name for errors. @default the pod's role */
    key?: string;
}

/**
 * Reports a pod's billed shape, the shares of it the pod uses, and its hourly price.
 *
 * @param grid the grid; `none` reports requests only
 * @param requests the pod's requests (from `sparkPodRequests`)
 * @param options prices, a pinned shape, error key
 * @throws InputError when the pod is beyond the grid's largest shape, or does not fit `pinned`
 */
export function reportPod(grid: CapacityGridName, requests: PodRequests, options: ReportOptions = {}): PodReport {
    const key = options.key ?? requests.role;
    const prices = options.prices;
    const pod = { cpu: requests.cpu, cpuLimit: requests.cpuLimit, memoryMiB: requests.memoryMiB };
    if (grid === "none") {
        return {
            grid,
            pod,
            sparkCores: requests.cores,
            billed: null,
            usableMemoryMiB: null,
            memoryShare: null,
            cpuShare: null,
            coresShare: null,
            idleMemoryMiB: null,
            pricePerHour: null,
            currency: null,
            priceTable: null,
            warnings: [],
        };
    }
    const billingGrid: BillingGridName = grid;
    const table = checkPricesForGrid(prices ?? defaultPriceTable(billingGrid), billingGrid);
    const cpu = billingCpu(grid, requests);
    const size = { cpu, memoryMiB: requests.memoryMiB };
    const shape = options.pinned ?? billedShape(billingGrid, size, key);
    if (options.pinned && !fittingShapes(billingGrid, size).some((s) => s.vcpu === shape.vcpu && s.memoryGiB === shape.memoryGiB)) {
        throw new InputError(
            `${key}.pinned`,
            `${formatShape(shape)} does not hold a pod of ${cpu} vCPU / ${requests.memoryMiB} MiB on ${grid}`,
            "a shape of the grid at least as large as the pod",
        );
    }
    const usable = usableMemoryMiB(billingGrid, shape);
    const warnings: string[] = [];
    if (grid === "fargate" && requests.cpuLimit !== null && requests.cpuLimit !== requests.cpu) {
        warnings.push(`Fargate sizes on the CPU request (${requests.cpu}) and expects the limit (${requests.cpuLimit}) to equal it`);
    }
    if (grid === "fargate" && requests.cpuLimit === null) {
        warnings.push("no CPU limit: Fargate expects limits equal to requests (set coreLimit)");
    }
    return {
        grid,
        pod,
        sparkCores: requests.cores,
        billed: shape,
        usableMemoryMiB: usable,
        memoryShare: requests.memoryMiB / usable,
        cpuShare: cpu / shape.vcpu,
        coresShare: requests.cores / shape.vcpu,
        idleMemoryMiB: usable - requests.memoryMiB,
        pricePerHour: shapePricePerHour(shape, table),
        currency: table.currency,
        priceTable: table.id,
        warnings,
    };
}

/**
 * Right-sizing: Spark settings whose pod fills the cheapest billed shape that fits what the
 * job wants, instead of paying for memory and CPU the pod never asked for.
 *
 * Three modes:
 * - `fill` (default): from wanted cores (and an optional minimum heap), pick the cheapest shape,
 *   then set CPU request = limit = its vCPU and heap + overhead = its usable memory, with the
 *   overhead following Spark's default rule so the heap is as large as it can be.
 * - `exact`: keep the given Spark settings and only report the billed shape and what is wasted.
 * - grid `none` (either mode): keep the settings (Spark defaults for what is missing) and report
 *   requests only, as nothing is known about billing.
 */
import { describeValue, InputError } from "../errors";
import {
    billedShape,
    billingCpu,
    BillingGridName,
    capacityGrid,
    CapacityGridName,
    CapacityShape,
    checkGridName,
    defaultSidecarHeadroomMiB,
    ECI_USE_SPECS_ANNOTATION,
    eciUseSpecsValue,
    fittingShapes,
    largestShape,
    usableMemoryMiB,
} from "./grids";
import { checkPricesForGrid, defaultPriceTable, PriceTable, shapePricePerHour } from "./prices";
import { PodReport, reportPod } from "./report";
import {
    defaultOverheadMiB,
    overheadFactorFor,
    PodRequests,
    SPARK_DEFAULT_CORES,
    SPARK_DEFAULT_MEMORY,
    SPARK_MIN_OVERHEAD_MIB,
    SparkAppSettings,
    sparkPodRequests,
    SparkPodSettings,
    SparkRole,
} from "./spark-memory";
import { coresToMilli, formatCpuMilli, formatMiB, parseSizeMiB } from "./units";

/** How to size: fill the billed shape, or keep the given settings and only report. */
export type SizingMode = "fill" | "exact";

/**
 * Default memory when no minimum heap is given: the cheapest shape with at least this many GiB
 * per wanted core. 4 GiB per vCPU is the general-purpose ratio of both clouds (Fargate's
 * 1 vCPU / 4 GB, ECI's 2-8Gi, 4-16Gi ...); after Spark's 10% overhead it leaves about 3.4 GiB of
 * heap per core. The data-on-eks TPC-DS anchors sit on either side (1.7 GB/core for datagen,
 * 5.2 GB/core for the query run), so it is a middle, not a tuned, value.
 */
export const DEFAULT_MEMORY_PER_CORE_GIB = 4;

/**
 * Smallest heap right-sizing will produce. Spark refuses less than 450 MiB, and for a driver the
 * check is on the JVM's usable maximum, which is a little below `-Xmx`; 512 MiB leaves room.
 */
export const MIN_RIGHT_SIZED_HEAP_MIB = 512;

/** Arguments of `rightSize`. */
export interface RightSizeArgs {
    /** The grid the pod runs on. */
    grid: CapacityGridName;
    /** Which pod. @default "executor" */
    role?: SparkRole;
    /** Fill the billed shape, or keep `settings` and report. @default "fill" */
    mode?: SizingMode;
    /**
     * `fill`: wanted Spark cores (task slots). Executors: an integer >= 1. Drivers may also ask
     * for a fraction below 1 (0.25, 0.5): Spark then gets 1 core and a fractional CPU request,
     * which is how a mostly idle driver lands on Fargate's and ECI's fractional shapes.
     * `exact` and grid `none`: stands in for `settings.cores` when that is not set.
     * @default 1
     */
    cores?: number;
    /** `fill`: smallest acceptable heap in MiB; without it, DEFAULT_MEMORY_PER_CORE_GIB decides. */
    minHeapMiB?: number;
    /** `fill`: GiB of shape memory per wanted core when no minHeapMiB is given. @default 4 */
    memoryPerCoreGiB?: number;
    /**
     * Spark settings of the role. `exact` and grid `none`: the settings to keep and report.
     * `fill`: only `memoryOverhead` (kept as given, the heap fills the rest), `memoryOverheadFactor`,
     * `minMemoryOverhead` and `pysparkMemory` are read (the rest are what fill computes, so giving
     * them is refused).
     */
    settings?: SparkPodSettings;
    /** Application-wide settings (language, Kubernetes overhead factor, off-heap). */
    app?: SparkAppSettings;
    /** Price table to choose shapes by and to report with. @default the grid's default table */
    prices?: PriceTable;
    /**
     * `fill`: MiB of each shape left free for sidecars in the pod's allocation and as a margin.
     * @default the grid's `sidecarHeadroomMiB` (128 on Fargate, for its log router; 0 on ECI)
     */
    headroomMiB?: number;
    /**
     * `fill`: MiB of native memory (outside the JVM heap) the pod's libraries use, added to the
     * overhead Spark's default rule gives. Ignored with an explicit `memoryOverhead`, which is
     * taken to include it.
     * @default 0
     */
    nativeMemoryMiB?: number;
}

/** A sized pod: the Spark settings to use, pod annotations to add, and the report. */
export interface SizedPod {
    /** The role sized. */
    role: SparkRole;
    /** The grid sized for. */
    grid: CapacityGridName;
    /** What was done: filled a shape, kept exact settings, or reported requests only (`none`). */
    mode: SizingMode | "requests-only";
    /** Spark settings of the role (operator field names). */
    settings: SparkPodSettings;
    /** Pod annotations to add, e.g. `k8s.aliyun.com/eci-use-specs` on ECI. */
    annotations: Record<string, string>;
    /** The pod's requests as Spark will compute them from `settings`. */
    requests: PodRequests;
    /** Billed shape, shares and price. */
    report: PodReport;
}

/**
 * Largest heap h with h + overhead(h) <= budget, overhead following Spark's default rule.
 * Returns -1 when even a zero heap does not fit. h + overhead(h) grows with h, so a binary
 * search finds the exact integer; no float rounding can push the pod past its shape.
 */
export function maxHeapForBudget(budgetMiB: number, factor: number, minOverheadMiB: number = SPARK_MIN_OVERHEAD_MIB): number {
    const total = (heap: number): number => heap + defaultOverheadMiB(heap, factor, minOverheadMiB);
    if (budgetMiB < 0 || total(0) > budgetMiB) {
        return -1;
    }
    let low = 0;
    let high = budgetMiB;
    while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (total(mid) <= budgetMiB) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    return low;
}

function checkWantedCores(value: unknown, role: SparkRole): number {
    const ok = typeof value === "number" && Number.isFinite(value) && value > 0 && (Number.isInteger(value) || (role === "driver" && value < 1));
    if (!ok) {
        const expected =
            role === "driver"
                ? "an integer of 1 or more, or a fraction below 1 such as 0.5"
                : "an integer of 1 or more (Spark's executor cores setting is an integer)";
        throw new InputError(`${role}.cores`, `${describeValue(value)} is not a valid core count`, expected);
    }
    return value as number;
}

function checkPositive(value: unknown, key: string, expected: string): number {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
        throw new InputError(key, `${describeValue(value)} is not a positive number`, expected);
    }
    return value;
}

function eciAnnotations(grid: CapacityGridName, shape: CapacityShape | null): Record<string, string> {
    return grid === "eci" && shape ? { [ECI_USE_SPECS_ANNOTATION]: eciUseSpecsValue(shape) } : {};
}

/** The cheapest of some shapes (the first one on ties, i.e. the smaller); undefined if none. */
function cheapest(shapes: readonly CapacityShape[], prices: PriceTable): CapacityShape | undefined {
    let best: CapacityShape | undefined;
    for (const shape of shapes) {
        if (!best || shapePricePerHour(shape, prices) < shapePricePerHour(best, prices)) {
            best = shape;
        }
    }
    return best;
}

/** Keeps the given settings, fills in Spark's defaults, and reports what they cost. */
function keepSettings(grid: CapacityGridName, role: SparkRole, args: RightSizeArgs, prices: PriceTable | undefined): SizedPod {
    const given = args.settings ?? {};
    let settings: SparkPodSettings = { ...given, cores: given.cores ?? SPARK_DEFAULT_CORES, memory: given.memory ?? SPARK_DEFAULT_MEMORY };
    // On grid none a fill request still says how many cores were wanted; carry it over.
    if (given.cores === undefined && args.cores !== undefined) {
        const cores = checkWantedCores(args.cores, role);
        settings = cores < 1 ? { ...settings, cores: 1, coreRequest: given.coreRequest ?? formatCpuMilli(coresToMilli(cores)) } : { ...settings, cores };
    }
    const requests = sparkPodRequests(role, settings, args.app);
    // On ECI the pod is pinned anyway, so pin the cheapest shape that holds it rather than rely
    // on ECI's "nearest" rounding, which can pick a dearer one (see billedShape).
    const pinned =
        grid === "eci" && prices ? cheapest(fittingShapes(grid, { cpu: billingCpu(grid, requests), memoryMiB: requests.memoryMiB }), prices) : undefined;
    const report = reportPod(grid, requests, { prices, pinned, key: role });
    return {
        role,
        grid,
        mode: grid === "none" ? "requests-only" : "exact",
        settings,
        annotations: eciAnnotations(grid, report.billed),
        requests,
        report,
    };
}

/** Picks the cheapest shape meeting the wanted cores and memory, then fills it. */
function fillShape(grid: BillingGridName, role: SparkRole, args: RightSizeArgs, prices: PriceTable): SizedPod {
    const given = args.settings ?? {};
    for (const computed of ["cores", "coreRequest", "coreLimit", "memory"] as const) {
        if (given[computed] !== undefined) {
            throw new InputError(`${role}.${computed}`, "is set, but fill mode computes it", `mode "exact" to keep it, or leave it out`);
        }
    }
    const cores = checkWantedCores(args.cores ?? SPARK_DEFAULT_CORES, role);
    const coresMilli = coresToMilli(cores);
    const largest = largestShape(grid);
    if (coresMilli > coresToMilli(largest.vcpu)) {
        throw new InputError(`${role}.cores`, `${cores} is above the largest ${grid} shape (${largest.vcpu} vCPU)`, `at most ${largest.vcpu}`);
    }
    const minHeap = args.minHeapMiB === undefined ? undefined : checkPositive(args.minHeapMiB, `${role}.minHeapMiB`, "a heap size in MiB above 0");
    const perCore = checkPositive(args.memoryPerCoreGiB ?? DEFAULT_MEMORY_PER_CORE_GIB, `${role}.memoryPerCoreGiB`, "GiB per core above 0");

    const factor = overheadFactorFor(role, given, args.app);
    const minOverhead =
        given.minMemoryOverhead === undefined ? SPARK_MIN_OVERHEAD_MIB : parseSizeMiB(given.minMemoryOverhead, "m", `${role}.minMemoryOverhead`);
    // Off-heap and PySpark memory are fixed sizes on top of heap + overhead: find them by
    // computing the requests of a minimal pod with the same extras.
    const probe = sparkPodRequests(role, { ...given, memory: formatMiB(MIN_RIGHT_SIZED_HEAP_MIB), memoryOverhead: "0" }, args.app);
    // An explicit overhead (say, for native libraries) is kept as given; the heap takes the rest.
    const explicitOverhead = given.memoryOverhead === undefined ? undefined : parseSizeMiB(given.memoryOverhead, "m", `${role}.memoryOverhead`);
    const headroom = args.headroomMiB ?? defaultSidecarHeadroomMiB(grid);
    if (typeof headroom !== "number" || !Number.isInteger(headroom) || headroom < 0 || headroom > 4096) {
        throw new InputError(`${role}.headroomMiB`, `${describeValue(headroom)} is not a headroom in MiB`, "a whole number of MiB from 0 to 4096");
    }
    const nativeMiB = args.nativeMemoryMiB ?? 0;
    if (typeof nativeMiB !== "number" || !Number.isInteger(nativeMiB) || nativeMiB < 0) {
        throw new InputError(`${role}.nativeMemoryMiB`, `${describeValue(nativeMiB)} is not a size in MiB`, "a whole number of MiB, 0 or more");
    }
    const extrasMiB = probe.offHeapMiB + probe.pysparkMiB + headroom;
    const heapFloor = Math.max(MIN_RIGHT_SIZED_HEAP_MIB, Math.ceil(minHeap ?? 0));

    let best: { shape: CapacityShape; heap: number; price: number } | undefined;
    for (const shape of capacityGrid(grid).shapes) {
        if (coresToMilli(shape.vcpu) < coresMilli) {
            continue;
        }
        if (minHeap === undefined && shape.memoryGiB < perCore * cores) {
            continue;
        }
        const budget = usableMemoryMiB(grid, shape) - extrasMiB;
        const heap = explicitOverhead === undefined ? maxHeapForBudget(budget - nativeMiB, factor, minOverhead) : budget - explicitOverhead;
        if (heap < heapFloor) {
            continue;
        }
        const price = shapePricePerHour(shape, prices);
        // Shapes are sorted by vCPU then memory, so "strictly cheaper" keeps the smaller on ties.
        if (!best || price < best.price) {
            best = { shape, heap, price };
        }
    }
    if (!best) {
        const wanted = minHeap === undefined ? `${perCore * cores} GiB (memoryPerCoreGiB x cores)` : `a ${heapFloor} MiB heap plus overhead`;
        const key = minHeap === undefined ? `${role}.memoryPerCoreGiB` : `${role}.minHeapMiB`;
        throw new InputError(
            key,
            `${wanted} does not fit any ${grid} shape with ${cores} or more vCPU`,
            `less memory, at most what ${largest.vcpu} vCPU / ${largest.memoryGiB} GiB holds`,
        );
    }

    const cpu = formatCpuMilli(coresToMilli(best.shape.vcpu));
    const settings: SparkPodSettings = {
        ...given,
        cores: cores < 1 ? 1 : cores,
        coreRequest: cpu,
        coreLimit: cpu,
        memory: formatMiB(best.heap),
        // Written out, so the pod does not depend on overhead settings elsewhere.
        memoryOverhead: explicitOverhead === undefined ? formatMiB(defaultOverheadMiB(best.heap, factor, minOverhead) + nativeMiB) : given.memoryOverhead,
    };
    const requests = sparkPodRequests(role, settings, args.app);
    const report = reportPod(grid, requests, { prices, key: role });
    // The pod must land on the chosen shape; anything else is a bug here, not a user error.
    const landed = billedShape(grid, { cpu: billingCpu(grid, requests), memoryMiB: requests.memoryMiB }, role);
    if (landed !== best.shape) {
        throw new Error(`sizing bug: pod meant for ${best.shape.vcpu}/${best.shape.memoryGiB} lands on ${landed.vcpu}/${landed.memoryGiB}`);
    }
    return { role, grid, mode: "fill", settings, annotations: eciAnnotations(grid, best.shape), requests, report };
}

/**
 * Sizes one Spark pod for a grid (see the module comment for the modes).
 *
 * @throws InputError (keys such as `executor.cores`, `executor.memory`) for bad input: invalid
 *   sizes or core counts, more cores or memory than the grid's largest shape, price tables of
 *   another grid
 */
export function rightSize(args: RightSizeArgs): SizedPod {
    const grid = checkGridName(args.grid);
    const role = args.role ?? "executor";
    if (role !== "driver" && role !== "executor") {
        throw new InputError("role", `${describeValue(role)} is not a Spark role`, '"driver" or "executor"');
    }
    const mode = args.mode ?? "fill";
    if (mode !== "fill" && mode !== "exact") {
        throw new InputError("mode", `${describeValue(mode)} is not a sizing mode`, '"fill" or "exact"');
    }
    if (grid === "none") {
        return keepSettings(grid, role, args, undefined);
    }
    const prices = checkPricesForGrid(args.prices ?? defaultPriceTable(grid), grid);
    return mode === "exact" ? keepSettings(grid, role, args, prices) : fillShape(grid, role, args, prices);
}

/**
 * The always-on monthly cost of a platform: its fixed fees (control plane, NAT, public addresses,
 * keys) and every pod that runs whether or not a job does (operator, CoreDNS on Fargate, anything
 * else declared as a Deployment or in Helm values with resources), each on the shape its grid bills.
 * Pure: the caller says what is always on (the offline plan reads it from the declared resources).
 */
import { FixedFee, HOURS_PER_MONTH } from "./fixed-fees";
import { billedShape, billingCpu, CapacityGridName, CapacityShape } from "./grids";
import { checkPricesForGrid, defaultPriceTable, PriceTable, shapePricePerHour } from "./prices";

/** A group of identical always-on pods. */
export interface AlwaysOnPods {
    /** What they are, e.g. `spark-operator controller`. */
    name: string;
    /** Where the figure was read, e.g. `helm values controller.resources`. */
    from: string;
    /** Number of pods. */
    replicas: number;
    /** CPU request of one pod (sum of its containers), in cores. */
    cpu: number;
    /** CPU limit of one pod, in cores, or null when a container has none. */
    cpuLimit: number | null;
    /** Memory of one pod (per container the larger of request and limit, summed), in MiB. */
    memoryMiB: number;
}

/** A fixed fee times the number of units the platform declares. */
export interface AlwaysOnFee {
    /** What declares it, e.g. `aws:ec2/natGateway:NatGateway::cluster-vpc-nat-use1-az1`. */
    name: string;
    fee: FixedFee;
    /** Units billed. @default 1 */
    count?: number;
}

/** One line of the platform cost. */
export interface PlatformCostLine {
    kind: "pods" | "fee";
    /** What is billed. */
    item: string;
    /** What declares it, or where its size was read. */
    from: string;
    /** Pods or units. */
    count: number;
    /** The shape one pod is billed as (pods on a billing grid only). */
    billed?: CapacityShape | null;
    /** Cost of all `count` per hour, or null when unknown. */
    perHour: number | null;
    /** `perHour` × 730, or null. */
    perMonth: number | null;
    currency: string | null;
    /** Source of the price. */
    source: string | null;
    /** Date the source was read. */
    asOf: string | null;
    /** What the figure leaves out, or why it is unknown. */
    note?: string;
}

/** The platform's always-on cost. */
export interface PlatformCost {
    grid: CapacityGridName;
    /** The pod price table used (null on grid `none`). */
    priceTable: string | null;
    lines: PlatformCostLine[];
    /** Known lines summed per currency. */
    totals: { currency: string; perHour: number; perMonth: number }[];
    /** Lines whose price is unknown (their cost is not in `totals`). */
    unpriced: number;
    /** Costs the plan cannot know at all (traffic, log volume), as sentences. */
    notes: string[];
}

/** Arguments of {@link platformCost}. */
export interface PlatformCostArgs {
    /** The grid the always-on pods are billed on. */
    grid: CapacityGridName;
    /** Pod prices. @default the grid's default table */
    prices?: PriceTable;
    /** Always-on pods. @default [] */
    pods?: AlwaysOnPods[];
    /** Fixed fees. @default [] */
    fees?: AlwaysOnFee[];
    /** Costs nobody can price offline. @default [] */
    notes?: string[];
}

/**
 * Prices the always-on part of a platform: each pod group on the shape its grid bills (its replicas
 * × the shape's price), each fee × its count, both per hour and per month (730 h). Grid `none`
 * leaves pods unpriced.
 * @throws InputError when a pod is beyond the grid's largest shape or prices belong to another grid
 */
export function platformCost(args: PlatformCostArgs): PlatformCost {
    const grid = args.grid;
    const table = grid === "none" ? null : checkPricesForGrid(args.prices ?? defaultPriceTable(grid), grid);
    const lines: PlatformCostLine[] = [];
    for (const pods of args.pods ?? []) {
        const shape = billedShape(grid, { cpu: billingCpu(grid, pods), memoryMiB: pods.memoryMiB }, pods.name);
        const perHour = shape && table ? pods.replicas * shapePricePerHour(shape, table) : null;
        lines.push({
            kind: "pods",
            item: pods.name,
            from: pods.from,
            count: pods.replicas,
            billed: shape,
            perHour,
            perMonth: perHour === null ? null : perHour * HOURS_PER_MONTH,
            currency: table?.currency ?? null,
            source: table?.source ?? null,
            asOf: table?.asOf ?? null,
            ...(table ? {} : { note: "grid none: the cluster's nodes are billed however they are, not per pod" }),
        });
    }
    for (const f of args.fees ?? []) {
        const count = f.count ?? 1;
        const perHour = f.fee.perHour === null ? null : count * f.fee.perHour;
        lines.push({
            kind: "fee",
            item: f.fee.label,
            from: f.name,
            count,
            perHour,
            perMonth: perHour === null ? null : perHour * HOURS_PER_MONTH,
            currency: f.fee.currency,
            source: f.fee.source,
            asOf: f.fee.asOf,
            ...(f.fee.note ? { note: f.fee.note } : {}),
        });
    }
    const totals = new Map<string, number>();
    for (const line of lines) {
        if (line.perHour !== null && line.currency !== null) totals.set(line.currency, (totals.get(line.currency) ?? 0) + line.perHour);
    }
    return {
        grid,
        priceTable: table?.id ?? null,
        lines,
        totals: [...totals.entries()]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([currency, perHour]) => ({ currency, perHour, perMonth: perHour * HOURS_PER_MONTH })),
        unpriced: lines.filter((l) => l.perHour === null).length,
        notes: [...(args.notes ?? [])],
    };
}

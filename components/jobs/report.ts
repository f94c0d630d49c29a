import { ECI_ANNOTATIONS } from "../cluster/alicloud/scheduling";
import type { PodReport, SizedPod } from "../sizing";
import { ECI_SPOT, ECI_USE_SPECS_ANNOTATION, eciSpecsWithFallbacks } from "../sizing";
import type { ResolvedJob } from "./resolve";

/** Executors on spot capacity: the price is the market's, so the report gives a ceiling and a floor. */
export interface SpotReport {
    /** How ECI bids (`SpotAsPriceGo` or `SpotWithPriceLimit`). */
    strategy: string;
    /** The most one pod can cost per hour: its on-demand price, or the price limit when lower. */
    ceilingPerHour: number | null;
    /** The least one pod can cost per hour, at the largest discount the source promises. */
    floorPerHour: number | null;
    /** Where the spot rules come from. */
    source: string;
}

/** One pod's figures in the plan and in `jobs.json`. */
export interface RoleReport {
    /** What Spark will request: CPU request and limit (cores), memory (MiB, request = limit). */
    requested: { cpu: number; cpuLimit: number | null; memoryMiB: number };
    /** Spark settings the pod was given. */
    settings: Record<string, unknown>;
    /** The billed shape, or null on a cluster without a known grid. */
    billed: { vcpu: number; memoryGiB: number } | null;
    /** Share of the billed memory the platform leaves usable that Spark uses (1 = all). */
    memoryShare: number | null;
    /**
     * Spark task slots (`cores`) / billed vCPU: the share of the billed CPU Spark runs tasks on.
     * A pod asking 4 cores but billed 8 vCPU (its memory needed the larger shape) shows 0.5.
     */
    vcpuShare: number | null;
    /** The pod's CPU request (or ECI's limit) / billed vCPU: what Kubernetes reserves, not what Spark uses. */
    cpuRequestShare: number | null;
    /** On-demand price per hour, or with spot the ceiling (see `spot`). */
    pricePerHour: number | null;
    /** Present when the pods run on spot capacity. */
    spot?: SpotReport;
    warnings: string[];
}

/** A job's sizing and cost, as reported by the plan and kept as SparkJob outputs. */
export interface JobReport {
    name: string;
    namespace: string;
    kind: string;
    grid: string;
    sizing: string;
    /** Executors at full scale (null: unbounded). */
    executors: number | null;
    driver: RoleReport;
    executor: RoleReport;
    /** Driver + executors at full scale, per hour (null when unknown); with spot executors, the ceiling. */
    costPerHour: number | null;
    /** With spot executors: driver + executors at the spot floor, per hour. */
    costPerHourSpotFloor?: number | null;
    currency: string | null;
    costUnknownBecause: string | null;
}

/** A pod filling at most this share of its billed vCPU or memory gets a warning. */
export const LOW_FILL_SHARE = 0.5;

function percent(share: number): string {
    return `${Math.round(share * 100)}%`;
}

/** Warnings for a pod that leaves at least half of what is billed unused. */
export function lowFillWarnings(r: PodReport): string[] {
    if (r.billed === null) return [];
    const warnings: string[] = [];
    if (r.coresShare !== null && r.coresShare <= LOW_FILL_SHARE) {
        warnings.push(
            `${r.sparkCores} task slot${r.sparkCores === 1 ? "" : "s"} on ${r.billed.vcpu} billed vCPU (${percent(r.coresShare)}): ` +
                "the memory asked needs the larger shape; lower memory or raise cores to use what is paid for",
        );
    }
    if (r.memoryShare !== null && r.memoryShare <= LOW_FILL_SHARE) {
        warnings.push(`${r.pod.memoryMiB} MiB used of ${r.usableMemoryMiB} MiB billed (${percent(r.memoryShare)}): the CPU asked needs the larger shape`);
    }
    return warnings;
}

function spotOf(annotations: Record<string, string> | undefined, onDemand: number | null): SpotReport | undefined {
    const strategy = annotations?.[ECI_ANNOTATIONS.spotStrategy];
    if (strategy === undefined) return undefined;
    const limitText = annotations?.[ECI_ANNOTATIONS.spotPriceLimit];
    const limit = limitText === undefined ? undefined : Number(limitText);
    // The market price never exceeds pay-as-you-go, so a limit above it caps nothing.
    const ceiling = onDemand === null ? null : limit !== undefined && Number.isFinite(limit) ? Math.min(limit, onDemand) : onDemand;
    return { strategy, ceilingPerHour: ceiling, floorPerHour: onDemand === null ? null : onDemand * ECI_SPOT.floorShare, source: ECI_SPOT.source };
}

function role(sized: SizedPod, spotAnnotations?: Record<string, string>): RoleReport {
    const r: PodReport = sized.report;
    const spot = spotOf(spotAnnotations, r.pricePerHour);
    return {
        requested: { ...r.pod },
        settings: { ...sized.settings },
        billed: r.billed ? { vcpu: r.billed.vcpu, memoryGiB: r.billed.memoryGiB } : null,
        memoryShare: r.memoryShare,
        vcpuShare: r.coresShare,
        cpuRequestShare: r.cpuShare,
        pricePerHour: spot ? spot.ceilingPerHour : r.pricePerHour,
        ...(spot ? { spot } : {}),
        warnings: [...r.warnings, ...lowFillWarnings(r)],
    };
}

/** The report of a resolved job. */
export function jobReport(job: ResolvedJob): JobReport {
    const driver = role(job.driver);
    const executor = role(job.executor, job.args.placement.executorPodAnnotations);
    const specs = job.executor.annotations[ECI_USE_SPECS_ANNOTATION];
    const fallbacks =
        specs === undefined
            ? []
            : eciSpecsWithFallbacks(specs, job.args.placement.executorFallbackShapes ?? [])
                  .split(",")
                  .slice(1);
    if (fallbacks.length > 0) {
        executor.warnings.push(
            `may run as ${fallbacks.join(" or ")} when ${specs} has no spot capacity (spot fallbackSpecs), billed as that larger spec; the prices above are ${specs}'s`,
        );
    }
    const spot = executor.spot;
    const executors = job.cost.executors;
    const ceiling =
        spot && job.cost.perHour !== null && driver.pricePerHour !== null && executor.pricePerHour !== null && executors !== null
            ? driver.pricePerHour + executors * executor.pricePerHour
            : job.cost.perHour;
    const floor =
        spot && driver.pricePerHour !== null && spot.floorPerHour !== null && executors !== null ? driver.pricePerHour + executors * spot.floorPerHour : null;
    return {
        name: job.applicationName,
        namespace: job.namespace,
        kind: job.kind,
        grid: job.args.placement.capacityGrid,
        sizing: job.args.sizing ?? "fit",
        executors,
        driver,
        executor,
        costPerHour: ceiling,
        ...(spot ? { costPerHourSpotFloor: floor } : {}),
        currency: job.cost.currency,
        costUnknownBecause: job.cost.unknownBecause,
    };
}

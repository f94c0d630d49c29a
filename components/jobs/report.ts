import type { PodReport, SizedPod } from "../sizing";
import type { ResolvedJob } from "./resolve";

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
    /** Share of the billed vCPU the pod requests. */
    vcpuShare: number | null;
    pricePerHour: number | null;
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
    /** Driver + executors at full scale, per hour (null when unknown). */
    costPerHour: number | null;
    currency: string | null;
    costUnknownBecause: string | null;
}

function role(sized: SizedPod): RoleReport {
    const r: PodReport = sized.report;
    return {
        requested: { ...r.pod },
        settings: { ...sized.settings },
        billed: r.billed ? { vcpu: r.billed.vcpu, memoryGiB: r.billed.memoryGiB } : null,
        memoryShare: r.memoryShare,
        vcpuShare: r.cpuShare,
        pricePerHour: r.pricePerHour,
        warnings: [...r.warnings],
    };
}

/** The report of a resolved job. */
export function jobReport(job: ResolvedJob): JobReport {
    return {
        name: job.applicationName,
        namespace: job.namespace,
        kind: job.kind,
        grid: job.args.placement.capacityGrid,
        sizing: job.args.sizing ?? "fit",
        executors: job.cost.executors,
        driver: role(job.driver),
        executor: role(job.executor),
        costPerHour: job.cost.perHour,
        currency: job.cost.currency,
        costUnknownBecause: job.cost.unknownBecause,
    };
}

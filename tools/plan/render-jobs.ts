/** The jobs section of the plan summary: each pod as requested, billed, used, and the job's hourly cost. */

function percent(share: number | null): string {
    return share === null ? "-" : `${(share * 100).toFixed(1)}%`;
}

function cpu(cores: number): string {
    return Number.isInteger(cores) ? String(cores) : cores.toFixed(2).replace(/0+$/, "");
}

function money(value: number | null, currency: string | null): string {
    return value === null ? "-" : `${value.toFixed(4)} ${currency ?? ""}`.trim();
}

/** A Markdown-style table of every job's pods and cost at full scale. */
export function renderJobs(jobs: Record<string, any>[]): string {
    if (jobs.length === 0) {
        return "";
    }
    const header = ["job", "role", "pods", "requested (vCPU / MiB)", "billed (vCPU / GiB)", "memory used", "vCPU used", "per pod /h", "job /h at full scale"];
    const rows: string[][] = [];
    for (const job of jobs) {
        for (const role of ["driver", "executor"] as const) {
            const r = job[role];
            rows.push([
                role === "driver" ? `${job.namespace}/${job.name}${job.kind === "ScheduledSparkApplication" ? " (scheduled)" : ""}` : "",
                role,
                role === "driver" ? "1" : job.executors === null ? "unbounded" : String(job.executors),
                `${cpu(r.requested.cpu)} / ${r.requested.memoryMiB}`,
                r.billed ? `${cpu(r.billed.vcpu)} / ${r.billed.memoryGiB}` : `- (grid ${job.grid})`,
                percent(r.memoryShare),
                percent(r.vcpuShare),
                money(r.pricePerHour, job.currency),
                role === "driver" ? (job.costPerHour === null ? `- (${job.costUnknownBecause ?? "unknown"})` : money(job.costPerHour, job.currency)) : "",
            ]);
        }
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
    return [
        `Jobs (${jobs.length}): pods as requested, the shape billed, the share of it Spark can use, cost per hour`,
        "",
        line(header),
        `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
        ...rows.map(line),
    ].join("\n");
}

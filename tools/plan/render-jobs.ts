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

function jobCost(job: Record<string, any>): string {
    if (job.costPerHour === null) return `- (${job.costUnknownBecause ?? "unknown"})`;
    if (job.costPerHourSpotFloor === undefined) return money(job.costPerHour, job.currency);
    return `${money(job.costPerHourSpotFloor, job.currency)} to ${money(job.costPerHour, job.currency)}`;
}

/** Every warning of a job's pods, one line each. */
function warningLines(jobs: Record<string, any>[]): string[] {
    return jobs.flatMap((job) =>
        (["driver", "executor"] as const).flatMap((role) =>
            ((job[role]?.warnings ?? []) as string[]).map((w) => `- ${job.namespace}/${job.name} ${role}: ${w}`),
        ),
    );
}

/** A Markdown-style table of every job's pods and cost at full scale. */
export function renderJobs(jobs: Record<string, any>[]): string {
    if (jobs.length === 0) {
        return "";
    }
    const header = [
        "job",
        "role",
        "pods",
        "requested (vCPU / MiB)",
        "billed (vCPU / GiB)",
        "memory used",
        "task slots / vCPU",
        "per pod /h",
        "job /h at full scale",
    ];
    const rows: string[][] = [];
    for (const job of jobs) {
        for (const role of ["driver", "executor"] as const) {
            const r = job[role];
            rows.push([
                role === "driver" ? `${job.namespace}/${job.name}${job.kind === "ScheduledSparkApplication" ? " (scheduled)" : ""}` : "",
                r.spot ? `${role} (spot)` : role,
                role === "driver" ? "1" : job.executors === null ? "unbounded" : String(job.executors),
                `${cpu(r.requested.cpu)} / ${r.requested.memoryMiB}`,
                r.billed ? `${cpu(r.billed.vcpu)} / ${r.billed.memoryGiB}` : `- (grid ${job.grid})`,
                percent(r.memoryShare),
                percent(r.vcpuShare),
                r.spot ? `${money(r.spot.floorPerHour, job.currency)} to ${money(r.pricePerHour, job.currency)}` : money(r.pricePerHour, job.currency),
                role === "driver" ? jobCost(job) : "",
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
        ...(jobs.some((j) => j.executor?.spot)
            ? [
                  "",
                  `(spot) executors on spot capacity: from the largest discount the source promises to the on-demand price or the price limit (${jobs.find((j) => j.executor?.spot)!.executor.spot.source})`,
              ]
            : []),
        ...(warningLines(jobs).length > 0 ? ["", "Warnings:", ...warningLines(jobs)] : []),
    ].join("\n");
}

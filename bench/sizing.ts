/**
 * Billed-capacity use of Spark pods on EKS Fargate and ECI: our right-sizing against Spark's
 * defaults and published anchor job shapes (data-on-eks TPC-DS 1 TB). Prints Markdown.
 *
 * Run: npx tsx bench/sizing.ts
 *
 * Everything here is computed offline from the grids and price tables in components/sizing
 * (sources and dates are in those files); no cloud is called.
 */
import { BillingGridName, defaultPriceTable, formatShape, PodReport, rightSize, RightSizeArgs, SizedPod } from "../components/sizing";

interface Case {
    /** Row label. */
    name: string;
    /** Sizing arguments, without the grid. */
    args: Omit<RightSizeArgs, "grid">;
    /** Executors at full scale, for the fleet table (anchors only). */
    executors?: number;
}

const GiB = 1024;

/**
 * Anchor shapes: data-on-eks TPC-DS 1 TB, github.com/awslabs/data-on-eks
 * analytics/terraform/spark-k8s-operator/examples/benchmark/tpcds-benchmark-data-generation-1t.yaml
 * (datagen) and tpcds-benchmark-1t.yaml (queries), read 2026-11.
 */
const datagen = { cores: 11, memory: "15g", memoryOverhead: "4g" };
const query = { cores: 5, memory: "20g", memoryOverhead: "6g" };

const cases: Case[] = [
    { name: "Spark default executor (1 core, 1g)", args: { mode: "exact" } },
    { name: "Spark default driver (1 core, 1g)", args: { role: "driver", mode: "exact" } },
    { name: "ours: executor, 1 core", args: { cores: 1 } },
    { name: "ours: driver, 1 core", args: { role: "driver", cores: 1 } },
    { name: "ours: driver, 0.5 core", args: { role: "driver", cores: 0.5 } },
    { name: "data-on-eks 1 TB datagen executor (11 cores, 15g + 4g)", args: { mode: "exact", settings: datagen }, executors: 22 },
    { name: "ours: 11 cores, heap >= 15g", args: { cores: 11, minHeapMiB: 15 * GiB }, executors: 22 },
    { name: "ours: 11 cores, default memory", args: { cores: 11 }, executors: 22 },
    { name: "data-on-eks 1 TB query executor (5 cores, 20g + 6g)", args: { mode: "exact", settings: query }, executors: 36 },
    { name: "ours: 5 cores, heap >= 20g", args: { cores: 5, minHeapMiB: 20 * GiB }, executors: 36 },
    { name: "ours: 5 cores, default memory", args: { cores: 5 }, executors: 36 },
];

function percent(share: number | null): string {
    return share === null ? "n/a" : `${(share * 100).toFixed(1)}%`;
}

function money(value: number | null, currency: string | null): string {
    return value === null ? "n/a" : `${value.toFixed(4)} ${currency ?? ""}`.trim();
}

function settingsText(sized: SizedPod): string {
    const s = sized.settings;
    const cpu = s.coreRequest === undefined ? "" : ` req ${s.coreRequest}`;
    const limit = s.coreLimit === undefined ? "" : ` lim ${s.coreLimit}`;
    const overhead = s.memoryOverhead === undefined ? "" : ` + ${s.memoryOverhead}`;
    return `${s.cores} core${s.cores === 1 ? "" : "s"}${cpu}${limit}, ${s.memory}${overhead}`;
}

function row(cells: string[]): string {
    return `| ${cells.join(" | ")} |`;
}

function podRow(name: string, sized: SizedPod): string {
    const r: PodReport = sized.report;
    return row([
        name,
        settingsText(sized),
        `${r.pod.cpu} / ${r.pod.memoryMiB}`,
        r.billed ? formatShape(r.billed) : "n/a",
        percent(r.memoryShare),
        percent(r.cpuShare),
        percent(r.coresShare),
        money(r.pricePerHour, r.currency),
    ]);
}

function main(): void {
    const out: string[] = [];
    out.push("# Billed capacity use of Spark pods");
    out.push("");
    out.push("Memory share = pod memory / (billed memory - platform reservation); vCPU share = billed CPU of the pod / billed vCPU;");
    out.push(
        "task slots = Spark cores / billed vCPU. Prices: " +
            (["fargate", "eci"] as BillingGridName[])
                .map((g) => {
                    const p = defaultPriceTable(g);
                    return `${g} ${p.id} (${p.currency}, ${p.asOf})`;
                })
                .join(", ") +
            ".",
    );
    out.push("");
    const fleet: string[] = [];
    for (const grid of ["fargate", "eci"] as const) {
        out.push(`## ${grid === "fargate" ? "EKS Fargate" : "Alibaba ECI"}`);
        out.push("");
        out.push(row(["Case", "Spark settings", "Pod CPU / MiB", "Billed shape", "Memory share", "vCPU share", "Task slots / vCPU", "$/h per pod"]));
        out.push(row(Array.from({ length: 8 }, () => "---")));
        for (const c of cases) {
            const sized = rightSize({ grid, ...c.args });
            out.push(podRow(c.name, sized));
            if (c.executors !== undefined && sized.report.pricePerHour !== null) {
                fleet.push(row([grid, c.name, String(c.executors), money(c.executors * sized.report.pricePerHour, sized.report.currency)]));
            }
        }
        out.push("");
    }
    out.push("## Executor fleet at the anchors' scale (executors only, per hour)");
    out.push("");
    out.push(row(["Grid", "Case", "Executors", "Cost per hour"]));
    out.push(row(["---", "---", "---", "---"]));
    out.push(...fleet);
    out.push("");
    out.push("Notes:");
    out.push(
        "- The anchor shapes set no CPU limit: Fargate sizes on the request (and expects limits equal to requests), ECI bills the request when no limit is set.",
    );
    out.push(
        "- Alibaba benchmark-for-spark (github.com/AliyunContainerService/benchmark-for-spark) publishes its cluster (6 x g7.8xlarge ECS), not an executor shape, so it has no row.",
    );
    out.push('- Fargate figures assume AWS\'s "GB" means GiB and its 256 MB means 256 MiB (see components/sizing/grids.ts).');
    console.log(out.join("\n"));
}

main();

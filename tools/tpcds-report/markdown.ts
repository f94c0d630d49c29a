/**
 * The report as Markdown: the run's shape and price, then one row per query (slowest first) with its
 * cost at the median, then totals. Deterministic: fixed decimals, no clock.
 */
import { formatShape } from "../../components/sizing";
import { BilledRun, costOf } from "./cost";
import type { BenchmarkRun } from "./format";
import type { RunShape, Sourced } from "./shape";
import type { RunSummary } from "./summarize";

/** Everything the report shows. */
export interface Report {
    run: BenchmarkRun;
    summary: RunSummary;
    shape: RunShape;
    billed: BilledRun;
    /** Notes for the reader: which run was picked, how the price was chosen. */
    notes: string[];
    /** The chart's path relative to the Markdown file, or null for none. */
    chartFile: string | null;
}

const SECONDS = 3;
const MONEY = 6;

/** Renders the report (ends with a newline). */
export function renderMarkdown(report: Report): string {
    const { run, summary, shape, billed } = report;
    const currency = billed.prices.currency;
    const money = (seconds: number | null) => (seconds === null ? "n/a" : costOf(seconds, billed).toFixed(MONEY));
    const time = (seconds: number | null) => (seconds === null ? "n/a" : seconds.toFixed(SECONDS));
    const count = (value: number | null) => (value === null ? "n/a" : String(value));
    const sf = shape.scaleFactor.value;
    const runName = run.timestamp === null ? "run" : `run timestamp=${run.timestamp}`;

    const lines = [`# TPC-DS results: ${sf === null ? "scale factor unknown" : `sf${sf}`}, ${runName}`, ""];
    const started = run.timestamp === null ? "" : `Started ${new Date(run.timestamp).toISOString()}; `;
    lines.push(`${started}read from ${run.files.map((f) => `\`${f}\``).join(", ")}.`, "");

    const executors = `${shape.executors.value} × ${shape.executorCores.value} cores, heap ${shape.executorMemory.value ?? `${billed.executorHeap ?? "n/a"} (sized)`}`;
    lines.push(
        "| Run | |",
        "|---|---|",
        `| Scale factor | ${sf === null ? "unknown (pass --scale-factor)" : `${sf} GB`}${from(shape.scaleFactor)} |`,
        `| Iterations | ${count(shape.iterations)} |`,
        `| Executors | ${executors}${fromAll(shape.executors, shape.executorCores, shape.executorMemory)} |`,
        `| Driver | ${shape.driverCores.value} core${shape.driverCores.value === 1 ? "" : "s"}, heap ${shape.driverMemory.value ?? "n/a"}${fromAll(shape.driverCores, shape.driverMemory)} |`,
        `| Spark | ${shape.sparkVersion ?? "n/a"} |`,
        `| Billed pods (${billed.platform}, ${billed.grid}) | driver ${formatShape(billed.driver)} + ${billed.executors} × executor ${formatShape(billed.executor)} |`,
        `| Price | ${billed.perHour.toFixed(4)} ${currency}/hour (${billed.perSecond.toFixed(MONEY + 2)} ${currency}/s); table \`${billed.prices.id}\`, ${billed.prices.region}, as of ${billed.prices.asOf}, ${billed.prices.source} |`,
        "",
    );

    lines.push(
        `| # | Query | Median (s) | Min (s) | Max (s) | Succeeded | Failed | Cost at median (${currency}) |`,
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    );
    summary.queries.forEach((q, i) => {
        lines.push(
            `| ${i + 1} | ${escapeCell(q.name)} | ${time(q.medianSeconds)} | ${time(q.minSeconds)} | ${time(q.maxSeconds)} | ${count(q.succeeded)} | ${count(q.failed)} | ${money(q.medianSeconds)} |`,
        );
    });
    const succeeded = summary.queries.every((q) => q.succeeded !== null) ? summary.queries.reduce((s, q) => s + (q.succeeded ?? 0), 0) : null;
    lines.push(
        `| | **Total (${summary.queries.length} queries)** | **${time(summary.medianSecondsTotal)}** | | | **${count(succeeded)}** | **${count(summary.failures)}** | **${money(summary.medianSecondsTotal)}** |`,
        "",
    );

    lines.push(`- One iteration at the medians: ${time(summary.medianSecondsTotal)} s, ${money(summary.medianSecondsTotal)} ${currency}.`);
    if (summary.executionSecondsTotal !== null) {
        lines.push(
            `- The whole run, every successful execution of ${count(shape.iterations)} iteration(s): ${time(summary.executionSecondsTotal)} s, ${money(summary.executionSecondsTotal)} ${currency}.`,
        );
    }
    lines.push(
        "- Costs are query time × the billed pods' price per second: pod start-up, table set-up, the summary step and the driver kept after completion are not included.",
        ...report.notes.map((note) => `- ${note}`),
        ...shape.notes.map((note) => `- ${note}`),
        "",
    );
    if (report.chartFile !== null) lines.push(`![Median seconds per query](${report.chartFile})`, "");
    return lines.join("\n");
}

/** The sources of figures shown together, each once: ` (results: `a`, `b`; --executors)`. */
function fromAll(...sources: Sourced<unknown>[]): string {
    const results = sources.filter((s) => s.from === "results").map((s) => `\`${s.key}\``);
    const others = [
        ...new Set(
            sources
                .filter((s) => s.from !== "results")
                .map((s) =>
                    from(s)
                        .trim()
                        .replace(/^\((.*)\)$/, "$1"),
                ),
        ),
    ].filter((s) => s !== "");
    const parts = [...(results.length > 0 ? [`results: ${results.join(", ")}`] : []), ...others];
    return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}

function from(source: Sourced<unknown>): string {
    switch (source.from) {
        case "option":
            return ` (${source.key})`;
        case "results":
            return ` (results: \`${source.key}\`)`;
        case "path":
            return " (from the path)";
        case "sample default":
            return " (sample default)";
        default:
            return "";
    }
}

/** Keeps a cell in its column: pipes would split it, newlines end the row. */
function escapeCell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\s+/g, " ");
}

/** The platform section of the plan summary: what runs (and bills) whether or not a job does. */
import type { PlatformCost } from "../../components/sizing";

function money(value: number | null, currency: string | null, digits: number): string {
    return value === null ? "unknown" : `${value.toFixed(digits)} ${currency ?? ""}`.trim();
}

/** A Markdown-style table of the always-on lines, their monthly total per currency, and what is not priced. */
export function renderPlatform(cost: PlatformCost | null | undefined): string {
    if (!cost) return "";
    const header = ["always on", "count", "billed as", "per hour", "per month (730 h)", "source"];
    const rows = cost.lines.map((l) => [
        l.item,
        String(l.count),
        l.kind === "pods" ? (l.billed ? `${l.billed.vcpu} vCPU / ${l.billed.memoryGiB} GiB each` : `- (grid ${cost.grid})`) : "-",
        money(l.perHour, l.currency, 4),
        money(l.perMonth, l.currency, 2),
        `${l.source ?? "-"}${l.asOf ? ` (${l.asOf})` : ""}${l.note ? `; ${l.note}` : ""}`,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
    const total =
        cost.totals.length === 0
            ? "nothing priced"
            : cost.totals.map((t) => `${t.perMonth.toFixed(2)} ${t.currency} a month (${t.perHour.toFixed(4)} ${t.currency}/h)`).join(" + ");
    const unpriced = cost.unpriced > 0 ? `, plus ${cost.unpriced} line${cost.unpriced === 1 ? "" : "s"} not priced` : "";
    return [
        `Platform (always on): ${total}${unpriced}; pods on grid ${cost.grid}${cost.priceTable ? ` at ${cost.priceTable} prices` : ""}`,
        "",
        line(header),
        `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
        ...rows.map(line),
        ...(cost.notes.length > 0 ? ["", "Not counted (depends on use):", ...cost.notes.map((n) => `- ${n}`)] : []),
    ].join("\n");
}

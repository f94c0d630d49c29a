/**
 * A horizontal bar chart of per-query median seconds, as a hand-written SVG string: no dependency,
 * and the same input always gives the same bytes (fixed layout, fixed number formatting), so a chart
 * can be committed and diffed.
 */
import type { QuerySummary } from "./summarize";

const WIDTH = 860;
const LABEL_WIDTH = 130;
const BAR_AREA = 600;
const ROW = 18;
const BAR = 12;
const TOP = 48;
const BOTTOM = 24;

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Rounds a coordinate to 2 decimals, without a trailing `.00`, so output does not depend on float noise. */
function n(value: number): string {
    return String(Math.round(value * 100) / 100);
}

/**
 * Renders one bar per query (in the order given: pass them sorted), each labelled with its name and
 * median; a query that never succeeded gets an empty bar labelled `failed`.
 * @param queries per-query figures, slowest first
 * @param title the chart's title, e.g. the scale factor and run
 */
export function renderSvg(queries: readonly QuerySummary[], title: string): string {
    const max = Math.max(0, ...queries.map((q) => q.medianSeconds ?? 0));
    const height = TOP + queries.length * ROW + BOTTOM;
    const lines = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
        `<title>${escapeXml(title)}</title>`,
        `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
        `<text x="${LABEL_WIDTH}" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
        `<text x="${LABEL_WIDTH}" y="36" fill="#555555">median execution time per query, seconds (slowest first)</text>`,
    ];
    queries.forEach((q, i) => {
        const y = TOP + i * ROW;
        const width = max > 0 && q.medianSeconds !== null ? (q.medianSeconds / max) * BAR_AREA : 0;
        const value = q.medianSeconds === null ? "failed" : q.medianSeconds.toFixed(3);
        const failedNote = q.failed ? ` (${q.failed} failed)` : "";
        lines.push(
            `<g class="query">`,
            `<text x="${LABEL_WIDTH - 6}" y="${n(y + BAR - 2)}" text-anchor="end">${escapeXml(q.name)}</text>`,
            `<rect class="bar" x="${LABEL_WIDTH}" y="${n(y)}" width="${n(width)}" height="${BAR}" fill="${q.medianSeconds === null ? "#cc3333" : "#3b6ea8"}"><title>${escapeXml(`${q.name}: ${value}${failedNote}`)}</title></rect>`,
            `<text x="${n(LABEL_WIDTH + width + 4)}" y="${n(y + BAR - 2)}">${escapeXml(value + failedNote)}</text>`,
            `</g>`,
        );
    });
    const axisY = TOP + queries.length * ROW + 4;
    lines.push(
        `<line x1="${LABEL_WIDTH}" y1="${TOP - 4}" x2="${LABEL_WIDTH}" y2="${axisY}" stroke="#333333"/>`,
        `<text x="${LABEL_WIDTH}" y="${axisY + 14}" fill="#555555">0</text>`,
        `<text x="${LABEL_WIDTH + BAR_AREA}" y="${axisY + 14}" text-anchor="end" fill="#555555">${escapeXml(max.toFixed(3))} s</text>`,
        `</svg>`,
        "",
    );
    return lines.join("\n");
}

import { FieldChange, isEmptyDiff, JobChange, JobReport, PlanDiff, ResourceChange, ResourceEntry } from "./diff";
import type { GrantChange, RiskEntry } from "./diff-risk";

/**
 * The Markdown report of a plan diff, short enough for a pull-request comment.
 *
 * Resource lines sit in ```diff blocks (GitHub colours `+` and `-` lines, and nothing in a value
 * can turn into Markdown or HTML there). The first line is a hidden marker naming the stack, which
 * the comment workflow uses to find and update its own comment.
 */

/** Past this many characters the report is cut (GitHub's comment limit is 65,536). */
export const REPORT_LIMIT = 60_000;
/** A value longer than this is cut in the report. */
export const VALUE_LIMIT = 120;
/** Field lines shown per resource before "... N more". */
export const FIELD_LINES_PER_RESOURCE = 30;

/** The hidden marker the comment workflow looks for: one per stack. */
export function diffMarker(stack: string): string {
    return `<!-- serverless-spark plan-diff stack=${safeStackName(stack)} -->`;
}

/** A stack name reduced to characters that are safe in the marker and the heading. */
export function safeStackName(stack: string): string {
    return stack.replace(/[^A-Za-z0-9_.-]/g, "_") || "_";
}

export interface RenderDiffOptions {
    stack: string;
    project: string;
    /** Defaults to {@link REPORT_LIMIT}. */
    limit?: number;
}

const CAVEAT =
    "<sub>Offline plan (mock runtime, no cloud access) of this change against its base: values the cloud computes are placeholders, " +
    "the Helm release's chart objects are not expanded, and secrets are masked, so a changed secret value does not show. " +
    "`pulumi preview` shows the real diff.</sub>";

export function renderDiff(diff: PlanDiff, options: RenderDiffOptions): string {
    const stack = safeStackName(options.stack);
    const heading = `### Offline plan diff: \`${safeStackName(options.project)}/${stack}\``;
    if (isEmptyDiff(diff)) {
        const jobs = diff.jobs.compared ? "" : ` Job sizing was not compared (${missingJobs(diff)}).`;
        return [
            diffMarker(options.stack),
            heading,
            "",
            `**No changes** to the offline plan (${diff.counts.after} resources). Secret values and the Helm chart's own objects are not compared.${jobs}`,
            "",
        ].join("\n");
    }

    const out = new Report(options.limit ?? REPORT_LIMIT);
    out.push(diffMarker(options.stack), heading, "", summaryLine(diff), "", CAVEAT, "");

    // What matters most comes first and is never cut: deletions and replacements with their
    // consequence, then every grant statement that changed.
    if (diff.risks.length > 0) {
        out.push(`#### Replaced or deleted (${diff.risks.length})`, "");
        out.fence();
        for (const r of diff.risks) out.must(riskLines(r));
        out.unfence();
        out.push("");
    }
    if (diff.grants.length > 0) {
        const widened = diff.grants.reduce((n, g) => n + g.widened.length, 0);
        out.push(`#### Grants: policy statements and RBAC rules (${diff.grants.length} changed${widened > 0 ? `, **${widened} new grants**` : ""})`, "");
        out.fence();
        for (const g of diff.grants) out.must(grantLines(g));
        out.unfence();
        out.push("");
    }

    if (diff.removed.length > 0) {
        out.push(`#### Removed (${diff.removed.length})`, "");
        out.fence();
        for (const r of diff.removed) out.item(removedLines(r));
        out.unfence();
        out.push("");
    }
    if (diff.changed.length > 0) {
        out.push(`#### Changed (${diff.changed.length})`, "");
        out.fence();
        for (const r of diff.changed) out.item(changedLines(r));
        out.unfence();
        out.push("");
    }
    if (diff.added.length > 0) {
        out.push(`#### Added (${diff.added.length})`, "");
        out.fence();
        for (const r of diff.added) out.item(addedLines(r));
        out.unfence();
        out.push("");
    }
    out.push(...jobsSection(diff));
    return out.finish(options);
}

function riskLines(r: RiskEntry): string[] {
    const head = r.kind === "deleted" ? `- ${r.ref}  (deleted)` : `-/+ ${r.ref}  (likely replaced: ${r.because!.join(", ")} changed)`;
    return [head, `!     ${r.consequence}`];
}

/** Statements in full (never clipped): a grant cut in the middle is a grant nobody reviewed. */
function grantLines(g: GrantChange): string[] {
    return [
        `~ ${g.ref} ${g.field}`,
        ...g.removed.map((s) => `-     ${s}`),
        ...g.added.map((s) => `+     ${s}`),
        ...g.widened.map((w) => `!     new grant: ${w}`),
    ];
}

function summaryLine(diff: PlanDiff): string {
    const n = (count: number, what: string) => (count > 0 ? `**${count} ${what}**` : `${count} ${what}`);
    const parts = [
        n(diff.changed.length, "to change"),
        n(diff.added.length, "to add"),
        n(diff.removed.length, "to remove"),
        `${diff.counts.unchanged} unchanged`,
    ];
    let line = `${parts.join(", ")} (resources: ${diff.counts.before} -> ${diff.counts.after})`;
    const cost = diff.jobs.cost;
    if (diff.jobs.changes.length > 0) {
        line += `; ${diff.jobs.changes.length} job${diff.jobs.changes.length === 1 ? "" : "s"} resized or changed`;
        if (cost && cost.before !== cost.after) {
            line += `, all jobs at full scale: ${money(cost.before)} -> ${perHour(cost.after, cost.currency)} (${signed(cost.after - cost.before)})`;
        }
    }
    return `${line}.`;
}

// ---------------------------------------------------------------------------------------------
// Resources

function removedLines(r: ResourceEntry): string[] {
    const lines = [`- ${r.ref}${entryNote(r)}`];
    if (r.protect) lines.push(`!     protected: pulumi up refuses to delete it until protect is turned off`);
    if (r.retainOnDelete) lines.push(`!     retainOnDelete: leaves the stack, the object itself is kept`);
    if (r.sameNameAs) lines.push(`!     same name and parent as added ${r.sameNameAs} (a type change)`);
    return lines;
}

function addedLines(r: ResourceEntry): string[] {
    const flags = [r.protect ? "protect" : "", r.retainOnDelete ? "retainOnDelete" : ""].filter(Boolean);
    const lines = [`+ ${r.ref}${entryNote(r)}${flags.length ? ` [${flags.join(", ")}]` : ""}`];
    if (r.sameNameAs) {
        lines.push(
            `!     same name and parent as removed ${r.sameNameAs}: a type change; the URN changes, so unless an alias links them Pulumi creates this one and deletes the other`,
        );
    }
    return lines;
}

function changedLines(r: ResourceChange): string[] {
    const lines = [`~ ${r.ref}${r.custom ? "" : " (component)"}`];
    if (r.parent) {
        const urn = r.urnTypes ? "" : "; same parent types, so the URN does not change";
        lines.push(`!     re-parented: ${r.parent.before ?? "(stack)"} -> ${r.parent.after ?? "(stack)"}${urn}`);
    }
    if (r.urnTypes) {
        const why = r.parent ? "" : " (an ancestor was re-parented)";
        lines.push(
            `!     its URN changes${why}: types ${r.urnTypes.before} -> ${r.urnTypes.after}; unless an alias links them, ` +
                "Pulumi creates it anew and deletes the old one (aliases are not in the plan)",
        );
    }
    if (r.provider) {
        lines.push(
            `!     provider changed: ${r.provider.before ?? "(default)"} -> ${r.provider.after ?? "(default)"}; whether that replaces it shows in pulumi preview`,
        );
    }
    if (r.protect) lines.push(`~     protect: ${r.protect.before} -> ${r.protect.after}`);
    if (r.retainOnDelete) lines.push(`~     retainOnDelete: ${r.retainOnDelete.before} -> ${r.retainOnDelete.after}`);
    if (r.dependsOn) {
        for (const d of r.dependsOn.added) lines.push(`+     dependsOn: ${d}`);
        for (const d of r.dependsOn.removed) lines.push(`-     dependsOn: ${d}`);
    }
    const fields = r.inputs.map(fieldLine);
    lines.push(...fields.slice(0, FIELD_LINES_PER_RESOURCE));
    if (fields.length > FIELD_LINES_PER_RESOURCE) {
        lines.push(`      ... ${fields.length - FIELD_LINES_PER_RESOURCE} more field changes in this resource`);
    }
    if (r.usedBy !== undefined && r.usedBy > 0) {
        lines.push(
            `!     ${r.usedBy} resource${r.usedBy === 1 ? " uses" : "s use"} this provider; how a provider change affects them shows only in pulumi preview`,
        );
    }
    return lines;
}

function entryNote(r: ResourceEntry): string {
    const parts = [r.custom ? "" : "component", r.parent === null ? "" : `in ${r.parent}`].filter(Boolean);
    return parts.length === 0 ? "" : `  (${parts.join(", ")})`;
}

function fieldLine(f: FieldChange): string {
    const secret = f.secret ? ` (${f.secret})` : "";
    switch (f.kind) {
        case "added":
            return `+     ${f.path}: ${show(f.after)}`;
        case "removed":
            return `-     ${f.path}: ${show(f.before)}`;
        case "changed": {
            if (Array.isArray(f.before) && Array.isArray(f.after)) return `~     ${f.path}: ${listChange(f.before, f.after)}`;
            return `~     ${f.path}: ${show(f.before)} -> ${show(f.after)}${secret}`;
        }
    }
}

/** A list of plain values: old -> new when short, else the items added and removed. */
function listChange(before: unknown[], after: unknown[]): string {
    const whole = `${show(before, Infinity)} -> ${show(after, Infinity)}`;
    if (whole.length <= 2 * VALUE_LIMIT) return whole;
    const remaining = before.map((v) => JSON.stringify(v));
    const added: string[] = [];
    for (const v of after.map((x) => JSON.stringify(x))) {
        const i = remaining.indexOf(v);
        if (i >= 0) remaining.splice(i, 1);
        else added.push(v);
    }
    const parts = [`${before.length} items -> ${after.length} items`];
    if (added.length === 0 && remaining.length === 0) parts.push("same items, new order");
    if (added.length > 0) parts.push(`added ${clip(added.join(", "), VALUE_LIMIT)}`);
    if (remaining.length > 0) parts.push(`removed ${clip(remaining.join(", "), VALUE_LIMIT)}`);
    return parts.join("; ").replace(/"\[secret\]"/g, "[secret]");
}

/** A value as compact JSON, placeholders unquoted, long values cut. */
export function show(value: unknown, limit = VALUE_LIMIT): string {
    if (value === undefined) return "(none)";
    const text = (JSON.stringify(value) ?? String(value)).replace(/"\[(secret|unknown)\]"/g, "[$1]");
    return clip(text, limit);
}

function clip(text: string, limit: number): string {
    return text.length <= limit ? text : `${text.slice(0, limit - 3)}... (${text.length} chars)`;
}

// ---------------------------------------------------------------------------------------------
// Jobs

function missingJobs(diff: PlanDiff): string {
    return `the ${diff.jobs.missing.join(" and ")} plan has no jobs.json`;
}

function jobsSection(diff: PlanDiff): string[] {
    if (!diff.jobs.compared) {
        return [`#### Jobs`, "", `Job sizing and cost were not compared: ${missingJobs(diff)} (written by an older plan tool).`, ""];
    }
    if (diff.jobs.changes.length === 0) return [];
    const rows: string[][] = [];
    for (const change of diff.jobs.changes) rows.push(...jobRows(change));
    const lines = [`#### Jobs: sizing and cost (${diff.jobs.changes.length})`, "", "| job | what | before | after |", "|---|---|---|---|"];
    lines.push(...rows.map((row) => `| ${row.map(cell).join(" | ")} |`));
    const cost = diff.jobs.cost;
    if (cost) {
        const unknown =
            cost.unknownBefore + cost.unknownAfter > 0 ? ` (jobs with an unknown cost left out: ${cost.unknownBefore} before, ${cost.unknownAfter} after)` : "";
        lines.push(
            "",
            `All jobs at full scale: ${perHour(cost.before, cost.currency)} -> ${perHour(cost.after, cost.currency)} (${signed(cost.after - cost.before)})${unknown}.`,
        );
    }
    lines.push("");
    return lines;
}

function jobRows(change: JobChange): string[][] {
    const label = `${change.key}${(change.after ?? change.before)?.kind === "ScheduledSparkApplication" ? " (scheduled)" : ""}`;
    if (change.kind === "added") return [[label, "added", "", jobShape(change.after!)]];
    if (change.kind === "removed") return [[label, "removed", jobShape(change.before!), ""]];
    const fields = [...change.fields].sort((a, b) => jobFieldRank(a.path) - jobFieldRank(b.path));
    return fields.map((f, i) => [
        i === 0 ? label : "",
        jobFieldLabel(f.path),
        jobValue(f.path, f.before, f.kind === "added", change.before?.currency),
        jobValue(f.path, f.after, f.kind === "removed", change.after?.currency),
    ]);
}

/** Table order: the job's shape, then the driver, the executors, and the cost last. */
function jobFieldRank(path: string): number {
    if (path === "executors") return 0;
    if (path.startsWith("driver.")) return 2;
    if (path.startsWith("executor.")) return 3;
    if (path === "costPerHour" || path === "costUnknownBecause") return 4;
    return 1;
}

/** One line for a whole job: pods as billed and the cost per hour. */
function jobShape(job: JobReport): string {
    const pod = (role: "driver" | "executor") => {
        const r = job[role] ?? {};
        const billed = r.billed
            ? `${r.billed.vcpu} vCPU / ${r.billed.memoryGiB} GiB billed`
            : `${r.requested?.cpu} vCPU / ${r.requested?.memoryMiB} MiB requested`;
        return billed;
    };
    const executors = job.executors === null ? "unbounded" : String(job.executors);
    const cost = typeof job.costPerHour === "number" ? perHour(job.costPerHour, job.currency ?? null) : `cost unknown (${job.costUnknownBecause ?? "?"})`;
    return `driver ${pod("driver")}; ${executors} executor(s) ${pod("executor")}; ${cost}`;
}

const JOB_LABELS: Record<string, string> = {
    executors: "executors",
    costPerHour: "job /h at full scale",
    costUnknownBecause: "cost unknown because",
    sizing: "sizing",
    grid: "capacity grid",
    kind: "kind",
    currency: "currency",
};

function jobFieldLabel(path: string): string {
    const known = JOB_LABELS[path];
    if (known) return known;
    const m = /^(driver|executor)\.(.+)$/.exec(path);
    if (!m) return path;
    const rest = m[2]!
        .replace(/^requested\.cpu$/, "requested vCPU")
        .replace(/^requested\.cpuLimit$/, "vCPU limit")
        .replace(/^requested\.memoryMiB$/, "requested MiB")
        .replace(/^billed\.vcpu$/, "billed vCPU")
        .replace(/^billed\.memoryGiB$/, "billed GiB")
        .replace(/^billed$/, "billed shape")
        .replace(/^memoryShare$/, "memory used")
        .replace(/^vcpuShare$/, "task slots / vCPU")
        .replace(/^cpuRequestShare$/, "CPU request / vCPU")
        .replace(/^pricePerHour$/, "per pod /h");
    return `${m[1]} ${rest}`;
}

function jobValue(path: string, value: unknown, absent: boolean, currency: unknown): string {
    if (absent) return "";
    if (typeof value === "number" && /(costPerHour|pricePerHour)$/.test(path)) return `${money(value)}${typeof currency === "string" ? ` ${currency}` : ""}`;
    if (typeof value === "number" && /Share$/.test(path)) return `${(value * 100).toFixed(1)}%`;
    if (typeof value === "string") return clip(value, VALUE_LIMIT);
    return show(value);
}

function money(value: number): string {
    return value.toFixed(4);
}

function perHour(value: number, currency: string | null): string {
    return `${money(value)}${currency ? ` ${currency}` : ""}/h`;
}

function signed(delta: number): string {
    const text = money(Math.abs(delta));
    return delta < 0 ? `-${text}` : `+${text}`;
}

/** A Markdown table cell: no pipes, no line breaks, no HTML. */
function cell(text: string): string {
    return text
        .replace(/[\r\n]+/g, " ")
        .replace(/\|/g, "\\|")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;");
}

// ---------------------------------------------------------------------------------------------
// Size limit

const FENCE = "```";

/**
 * Collects lines up to a character budget; past it, drops the rest and says so. Each `push` and
 * `item` call is all or nothing, so a resource is never shown without its field lines.
 */
class Report {
    private readonly lines: string[] = [];
    private length = 0;
    private inFence = false;
    private cut = false;
    private items = 0;
    private droppedItems = 0;
    private droppedOther = false;

    /** Room kept for the closing fence and the note about the cut. */
    private static readonly RESERVE = 600;

    constructor(private readonly limit: number) {}

    /** Lines of the report's frame (headings, fences, tables). */
    push(...lines: string[]): void {
        if (!this.add(lines) && lines.some((l) => l.trim() !== "" && l !== FENCE)) this.droppedOther = true;
    }

    /** Lines that are never dropped (they still count against the budget of what follows). */
    must(raw: string[]): void {
        const lines = raw.map((line) => line.replace(/[\r\n\u2028\u2029]+/g, " "));
        this.lines.push(...lines);
        this.length += lines.reduce((n, line) => n + line.length + 1, 0);
    }

    /** The lines of one resource. */
    item(lines: string[]): void {
        this.items++;
        if (!this.add(lines)) this.droppedItems++;
    }

    private add(raw: string[]): boolean {
        // Names and values never span lines, so no line of ours can close a fence early.
        const lines = raw.map((line) => line.replace(/[\r\n\u2028\u2029]+/g, " "));
        const size = lines.reduce((n, line) => n + line.length + 1, 0);
        if (this.cut || this.length + size > this.limit - Report.RESERVE) {
            this.cut = true;
            return false;
        }
        this.lines.push(...lines);
        this.length += size;
        return true;
    }

    fence(): void {
        if (this.cut) return;
        this.push(`${FENCE}diff`);
        this.inFence = !this.cut;
    }

    unfence(): void {
        // Once the report is cut, finish() closes the open fence.
        if (!this.inFence || this.cut) return;
        this.push(FENCE);
        if (!this.cut) this.inFence = false;
    }

    finish(options: RenderDiffOptions): string {
        if (this.inFence) {
            this.lines.push(FENCE);
        }
        if (this.cut) {
            const what = [
                this.droppedItems > 0 ? `${this.droppedItems} of ${this.items} resource entries` : "",
                this.droppedOther ? "other sections" : "",
            ].filter(Boolean);
            this.lines.push(
                "",
                `**Report cut at ${this.limit.toLocaleString("en-US")} characters** (a GitHub comment holds 65,536): ` +
                    `${what.join(" and ") || "its end"} not shown. The whole report: ` +
                    `\`npm run plan -- --stack ${safeStackName(options.stack)} --diff BASE_DIR\`.`,
            );
        }
        this.lines.push("");
        return this.lines.join("\n");
    }
}

/**
 * Per-query figures of a run: median, min and max seconds over the iterations that succeeded, and
 * failures; sorted slowest first, the order to read a benchmark in.
 */
import type { BenchmarkRun, QueryExecution, SummaryRow } from "./format";

/** One query's figures. Times are seconds; null when no iteration succeeded. */
export interface QuerySummary {
    name: string;
    medianSeconds: number | null;
    minSeconds: number | null;
    maxSeconds: number | null;
    /** Iterations that succeeded; null when read from the summary CSV, which does not say. */
    succeeded: number | null;
    /** Iterations that failed; null when read from the summary CSV. */
    failed: number | null;
}

/** A run's per-query figures and totals. */
export interface RunSummary {
    /** Slowest median first; queries without a median last; ties by name. */
    queries: QuerySummary[];
    /** Sum of the medians: the time of one typical iteration. */
    medianSecondsTotal: number;
    /** Every successful execution of every iteration, seconds; null from the summary CSV. */
    executionSecondsTotal: number | null;
    /** Failed executions; null from the summary CSV. */
    failures: number | null;
}

/**
 * The median: the middle value, or the mean of the two middle values for an even count, which is
 * what BenchmarkSQL's own summary computes (Spark's `percentile(x, 0.5)` interpolates linearly).
 * @param values at least one number
 */
export function median(values: readonly number[]): number {
    if (values.length === 0) throw new RangeError("median of no values");
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Sorts query summaries by median, slowest first; queries that never succeeded go last; ties by name. */
export function sortByMedian(queries: readonly QuerySummary[]): QuerySummary[] {
    return [...queries].sort((a, b) => {
        if (a.medianSeconds === null || b.medianSeconds === null) {
            return a.medianSeconds === b.medianSeconds ? a.name.localeCompare(b.name) : a.medianSeconds === null ? 1 : -1;
        }
        return b.medianSeconds - a.medianSeconds || a.name.localeCompare(b.name);
    });
}

/** Summarizes query executions (the JSON lines) per query name. */
export function summarizeExecutions(executions: readonly QueryExecution[]): RunSummary {
    const byName = new Map<string, QueryExecution[]>();
    for (const e of executions) {
        const list = byName.get(e.name) ?? [];
        list.push(e);
        byName.set(e.name, list);
    }
    const queries: QuerySummary[] = [...byName].map(([name, list]) => {
        const seconds = list.flatMap((e) => (e.executionMs === null ? [] : [e.executionMs / 1000]));
        return {
            name,
            medianSeconds: seconds.length > 0 ? median(seconds) : null,
            minSeconds: seconds.length > 0 ? Math.min(...seconds) : null,
            maxSeconds: seconds.length > 0 ? Math.max(...seconds) : null,
            succeeded: seconds.length,
            failed: list.length - seconds.length,
        };
    });
    const ms = executions.reduce((sum, e) => sum + (e.executionMs ?? 0), 0);
    return {
        queries: sortByMedian(queries),
        medianSecondsTotal: sumMedians(queries),
        executionSecondsTotal: ms / 1000,
        failures: executions.filter((e) => e.executionMs === null).length,
    };
}

/** Summarizes BenchmarkSQL's summary CSV rows: medians as written, no iteration counts. */
export function summarizeRows(rows: readonly SummaryRow[]): RunSummary {
    const queries = rows.map((r) => ({ ...r, succeeded: null, failed: null }));
    return { queries: sortByMedian(queries), medianSecondsTotal: sumMedians(queries), executionSecondsTotal: null, failures: null };
}

/** Summarizes a run, whichever output it was read from. */
export function summarizeRun(run: BenchmarkRun): RunSummary {
    return run.kind === "results" ? summarizeExecutions(run.executions) : summarizeRows(run.rows);
}

function sumMedians(queries: readonly QuerySummary[]): number {
    return queries.reduce((sum, q) => sum + (q.medianSeconds ?? 0), 0);
}

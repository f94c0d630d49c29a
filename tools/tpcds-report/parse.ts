/**
 * Parsers of the benchmark's two outputs (see ./format.ts for where the format comes from): the
 * `ExperimentRun` JSON lines and the summary CSV. Pure: text in, records out; every refusal is one
 * InputError naming the file and line.
 */
import { describeValue, InputError } from "../../components/errors";
import type { QueryExecution, RunConfiguration, SummaryRow } from "./format";

const EXPECTED_LINE = "one spark-sql-perf ExperimentRun JSON object per line (timestamp, iteration, results)";

/** What one results file holds. */
export interface ParsedResults {
    executions: QueryExecution[];
    /** The `timestamp` of the file's lines (the run's start, ms), or null when it has none. */
    timestamp: number | null;
    /** The first line's configuration, or null when it carries none. */
    configuration: RunConfiguration | null;
}

/**
 * Parses one results part file: one `ExperimentRun` per line, blank lines skipped.
 * @param text the file's content
 * @param file the file's path, for errors
 * @throws InputError `<file> line <n>: ...` for a line that is not JSON or not an ExperimentRun
 */
export function parseResultLines(text: string, file: string): ParsedResults {
    const executions: QueryExecution[] = [];
    let timestamp: number | null = null;
    let configuration: RunConfiguration | null = null;
    text.split(/\r?\n/).forEach((line, index) => {
        if (line.trim() === "") return;
        const key = `${file} line ${index + 1}`;
        let value: unknown;
        try {
            value = JSON.parse(line);
        } catch (err) {
            throw new InputError(key, `is not valid JSON (${(err as Error).message.split("\n")[0]})`, EXPECTED_LINE);
        }
        if (typeof value !== "object" || value === null || Array.isArray(value) || !Array.isArray((value as { results?: unknown }).results)) {
            throw new InputError(key, "has no results list", EXPECTED_LINE);
        }
        const run = value as { iteration?: unknown; timestamp?: unknown; results: unknown[]; configuration?: unknown };
        const iteration = run.iteration;
        if (typeof iteration !== "number" || !Number.isInteger(iteration) || iteration < 1) {
            throw new InputError(`${key} iteration`, `got ${describeValue(iteration)}`, "a whole number from 1");
        }
        if (typeof run.timestamp === "number" && timestamp === null) timestamp = run.timestamp;
        configuration ??= readConfiguration(run.configuration);
        run.results.forEach((result, i) => executions.push(readResult(result, iteration, `${key} results[${i}]`)));
    });
    return { executions, timestamp, configuration };
}

function readResult(value: unknown, iteration: number, key: string): QueryExecution {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new InputError(key, `got ${describeValue(value)}`, "a BenchmarkResult object with name and executionTime or failure");
    }
    const { name, executionTime, failure } = value as Record<string, unknown>;
    if (typeof name !== "string" || name.trim() === "") {
        throw new InputError(`${key}.name`, `got ${describeValue(name)}`, "the query's name, e.g. q1-v2.4");
    }
    if (executionTime !== undefined && executionTime !== null && (typeof executionTime !== "number" || !Number.isFinite(executionTime) || executionTime < 0)) {
        throw new InputError(`${key}.executionTime`, `got ${describeValue(executionTime)}`, "milliseconds, a number of 0 or more");
    }
    let reason: QueryExecution["failure"] = null;
    if (failure !== undefined && failure !== null) {
        if (typeof failure !== "object" || Array.isArray(failure)) {
            throw new InputError(`${key}.failure`, `got ${describeValue(failure)}`, "an object {className, message}");
        }
        const f = failure as Record<string, unknown>;
        reason = { className: String(f.className ?? "unknown"), message: String(f.message ?? "") };
    }
    const ms = typeof executionTime === "number" ? executionTime : null;
    // A result with neither a time nor a failure is not a success either: count it as failed.
    if (ms === null && reason === null) reason = { className: "unknown", message: "no executionTime" };
    return { name, iteration, executionMs: reason === null ? ms : null, failure: reason };
}

function readConfiguration(value: unknown): RunConfiguration | null {
    if (typeof value !== "object" || value === null) return null;
    const { sparkVersion, sparkConf } = value as Record<string, unknown>;
    const conf: Record<string, string> = {};
    if (typeof sparkConf === "object" && sparkConf !== null) {
        for (const [k, v] of Object.entries(sparkConf)) {
            if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") conf[k] = String(v);
        }
    }
    return { sparkVersion: typeof sparkVersion === "string" ? sparkVersion : null, sparkConf: conf };
}

/**
 * Parses BenchmarkSQL's summary CSV part file: `queryName,median,min,max` in seconds, no header
 * (a header line, should a copy have one, is skipped). Empty fields (a query that never succeeded) are null.
 * @throws InputError `<file> line <n>: ...` for a line without four fields or with a non-number
 */
export function parseSummaryCsv(text: string, file: string): SummaryRow[] {
    const rows: SummaryRow[] = [];
    text.split(/\r?\n/).forEach((line, index) => {
        if (line.trim() === "") return;
        const key = `${file} line ${index + 1}`;
        const fields = line.split(",").map((f) => f.trim().replace(/^"(.*)"$/, "$1"));
        if (fields.length !== 4 || fields[0] === "") {
            throw new InputError(key, `got ${describeValue(line)}`, "queryName,medianSeconds,minSeconds,maxSeconds (BenchmarkSQL's summary.csv)");
        }
        if (index === 0 && /^[A-Za-z]/.test(fields[1]!)) return;
        const seconds = (field: string, what: string): number | null => {
            if (field === "") return null;
            const n = Number(field);
            if (!Number.isFinite(n) || n < 0) throw new InputError(`${key} ${what}`, `got ${describeValue(field)}`, "seconds, a number of 0 or more, or empty");
            return n;
        };
        rows.push({
            name: fields[0]!,
            medianSeconds: seconds(fields[1]!, "median"),
            minSeconds: seconds(fields[2]!, "min"),
            maxSeconds: seconds(fields[3]!, "max"),
        });
    });
    return rows;
}

/**
 * Finds and reads a run's result files in what a user downloads: the whole `results/` prefix (every
 * run, each under `timestamp=<ms>/`), one run's directory, or a single part file.
 */
import * as fs from "fs";
import * as path from "path";

import { InputError } from "../../components/errors";
import type { BenchmarkRun, QueryExecution, RunConfiguration, SummaryRow } from "./format";
import { parseResultLines, parseSummaryCsv } from "./parse";

const EXPECTED_PATH =
    "a results directory downloaded from <dataRoot>/sf<N>/results, a timestamp=<ms> run directory, or a part-*.json or summary part-*.csv file";

/** The result files of one run directory. */
export interface RunFiles {
    /** The run's directory (`.../timestamp=<ms>`). */
    dir: string;
    /** Its start from the directory name, ms; null when the directory is not named `timestamp=<ms>`. */
    timestamp: number | null;
    /** `part-*.json` files: the ExperimentRun lines. */
    json: string[];
    /** `summary.csv/part-*.csv` files: BenchmarkSQL's summary. */
    csv: string[];
}

/**
 * Lists the runs under a directory, newest first: Spark's part files grouped by run directory.
 * Other files (`_SUCCESS`, `.crc` checksums, a report written earlier) are ignored.
 */
export function findRuns(root: string): RunFiles[] {
    const runs = new Map<string, RunFiles>();
    const runOf = (dir: string): RunFiles => {
        let run = runs.get(dir);
        if (run === undefined) {
            const match = /^timestamp=(\d+)$/.exec(path.basename(dir));
            run = { dir, timestamp: match ? Number(match[1]) : null, json: [], csv: [] };
            runs.set(dir, run);
        }
        return run;
    };
    const walk = (dir: string): void => {
        // Sorted, so the same tree always gives the same files in the same order.
        for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            if (entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                walk(full);
            } else if (/^part-.*\.json$/.test(entry.name)) {
                runOf(dir).json.push(full);
            } else if (/^part-.*\.csv$/.test(entry.name) && path.basename(dir) === "summary.csv") {
                runOf(path.dirname(dir)).csv.push(full);
            }
        }
    };
    walk(root);
    return [...runs.values()].sort((a, b) => (b.timestamp ?? -1) - (a.timestamp ?? -1) || a.dir.localeCompare(b.dir));
}

/** A run read from disk, and notes for the user (e.g. which of several runs was picked). */
export interface ReadRun {
    run: BenchmarkRun;
    notes: string[];
}

/**
 * Reads the run a path names: a file is read as JSON lines (or as the summary when it ends in
 * `.csv`); a directory is searched and its newest run read, from its JSON lines when it has any
 * (they carry every iteration and the failures), else from its summary.
 * @param input the path the user gave
 * @throws InputError when the path is missing, holds no result files, or a file is malformed
 */
export function readRun(input: string): ReadRun {
    if (!fs.existsSync(input)) {
        throw new InputError("results path", `${input} does not exist`, EXPECTED_PATH);
    }
    if (fs.statSync(input).isFile()) {
        const timestamp = timestampOf(input);
        if (input.endsWith(".csv")) {
            return { run: { kind: "summary", timestamp, files: [input], rows: readSummary([input]) }, notes: [] };
        }
        return { run: readResults([input], timestamp), notes: [] };
    }
    const runs = findRuns(input);
    const chosen = runs[0];
    if (chosen === undefined) {
        throw new InputError(
            "results path",
            `no result files found under ${input}`,
            "Spark part files: timestamp=<ms>/part-*.json or timestamp=<ms>/summary.csv/part-*.csv",
        );
    }
    const notes =
        runs.length > 1
            ? [
                  `${runs.length} runs under ${input}; reporting the newest, ${path.relative(input, chosen.dir) || "."} (pass a run's directory to report another)`,
              ]
            : [];
    if (chosen.json.length > 0) return { run: readResults(chosen.json, chosen.timestamp), notes };
    notes.push(`no part-*.json under ${chosen.dir}: reporting BenchmarkSQL's summary.csv (no iterations, failures or run totals)`);
    return { run: { kind: "summary", timestamp: chosen.timestamp, files: chosen.csv, rows: readSummary(chosen.csv) }, notes };
}

function readResults(files: string[], dirTimestamp: number | null): BenchmarkRun {
    const executions: QueryExecution[] = [];
    let timestamp = dirTimestamp;
    let configuration: RunConfiguration | null = null;
    for (const file of files) {
        const parsed = parseResultLines(fs.readFileSync(file, "utf8"), file);
        executions.push(...parsed.executions);
        timestamp ??= parsed.timestamp;
        configuration ??= parsed.configuration;
    }
    if (executions.length === 0) {
        throw new InputError("results path", `no query results in ${files.join(", ")}`, "ExperimentRun lines with a non-empty results list");
    }
    const iterations = [...new Set(executions.map((e) => e.iteration))].sort((a, b) => a - b);
    return { kind: "results", timestamp, files, executions, iterations, configuration };
}

function readSummary(files: string[]): SummaryRow[] {
    const rows = files.flatMap((file) => parseSummaryCsv(fs.readFileSync(file, "utf8"), file));
    if (rows.length === 0) {
        throw new InputError("results path", `no query rows in ${files.join(", ")}`, "BenchmarkSQL's summary.csv rows queryName,median,min,max");
    }
    return rows;
}

/** The `timestamp=<ms>` directory a file sits in (directly, or under `summary.csv/`). */
function timestampOf(file: string): number | null {
    const match = /(?:^|[\\/])timestamp=(\d+)[\\/]/.exec(path.resolve(file));
    return match ? Number(match[1]) : null;
}

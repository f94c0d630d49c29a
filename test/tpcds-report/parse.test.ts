import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import { parseResultLines, parseSummaryCsv } from "../../tools/tpcds-report/parse";
import { findRuns, readRun } from "../../tools/tpcds-report/read";
import { median, sortByMedian, summarizeExecutions, summarizeRows } from "../../tools/tpcds-report/summarize";
import { OLD_SUMMARY, RESULTS, RUN, RUN_JSON, TIMES_MS } from "./fixture";

describe("parseResultLines (spark-sql-perf ExperimentRun JSON lines)", () => {
    const parsed = parseResultLines(fs.readFileSync(RUN_JSON, "utf8"), RUN_JSON);

    it("GIVEN the fixture's three lines THEN every result of every iteration is read, with its time or failure", () => {
        expect(parsed.executions).toHaveLength(12);
        expect(parsed.timestamp).toBe(1795939200000);
        for (const [name, times] of Object.entries(TIMES_MS)) {
            expect(parsed.executions.filter((e) => e.name === name).map((e) => e.executionMs)).toEqual(times);
        }
        const failed = parsed.executions.find((e) => e.failure !== null)!;
        expect(failed).toMatchObject({ name: "q14a-v2.4", iteration: 2, executionMs: null, failure: { className: "org.apache.spark.SparkException" } });
    });

    it("GIVEN the configuration THEN the Spark version and sparkConf are kept", () => {
        expect(parsed.configuration?.sparkVersion).toBe("3.5.3");
        expect(parsed.configuration?.sparkConf).toMatchObject({ "spark.executor.instances": "2", "spark.app.name": "TPCDS SQL Benchmark 1 GB" });
    });

    it("GIVEN a line that is not JSON THEN one InputError names the file and line", () => {
        const text = `{"timestamp":1,"iteration":1,"results":[]}\n\n{"timestamp":1,"iteration":2,"results":[{"name":"q1-v2.4"`;
        expect(() => parseResultLines(text, "x/part-0.json")).toThrow(InputError);
        expect(() => parseResultLines(text, "x/part-0.json")).toThrow(
            /^x\/part-0\.json line 3: is not valid JSON \(.*\), expected one spark-sql-perf ExperimentRun/,
        );
    });

    it("GIVEN JSON that is not an ExperimentRun THEN the error says what is missing", () => {
        expect(() => parseResultLines(`{"iteration":1}`, "f.json")).toThrow("f.json line 1: has no results list");
        expect(() => parseResultLines(`{"iteration":0,"results":[]}`, "f.json")).toThrow("f.json line 1 iteration: got 0, expected a whole number from 1");
        expect(() => parseResultLines(`{"iteration":1,"results":[{"executionTime":5}]}`, "f.json")).toThrow("f.json line 1 results[0].name");
        expect(() => parseResultLines(`{"iteration":1,"results":[{"name":"q1","executionTime":"5"}]}`, "f.json")).toThrow(
            /results\[0\]\.executionTime: got "5"/,
        );
    });
});

describe("parseSummaryCsv (BenchmarkSQL summary.csv)", () => {
    it("GIVEN the older run's summary THEN rows are name, median, min, max seconds", () => {
        expect(parseSummaryCsv(fs.readFileSync(OLD_SUMMARY, "utf8"), OLD_SUMMARY)).toEqual([
            { name: "q1-v2.4", medianSeconds: 3.5, minSeconds: 3.4, maxSeconds: 3.6 },
            { name: "q64-v2.4", medianSeconds: 45, minSeconds: 44, maxSeconds: 46 },
        ]);
    });

    it("GIVEN empty fields (never succeeded) and a header THEN nulls, header skipped; a short line is refused with its line", () => {
        expect(parseSummaryCsv("queryName,medianRuntimeSeconds,minRuntimeSeconds,maxRuntimeSeconds\nq9-v2.4,,,\n", "s.csv")).toEqual([
            { name: "q9-v2.4", medianSeconds: null, minSeconds: null, maxSeconds: null },
        ]);
        expect(() => parseSummaryCsv("q1-v2.4,1,2,3\nq2-v2.4,1\n", "s.csv")).toThrow(/^s\.csv line 2: got "q2-v2.4,1", expected queryName,medianSeconds/);
    });
});

describe("findRuns and readRun", () => {
    it("GIVEN the results prefix THEN both runs are found, newest first, _SUCCESS ignored", () => {
        const runs = findRuns(RESULTS);
        expect(runs.map((r) => [path.basename(r.dir), r.json.length, r.csv.length])).toEqual([
            ["timestamp=1795939200000", 1, 1],
            ["timestamp=1795852800000", 0, 1],
        ]);
    });

    it("GIVEN the prefix THEN the newest run's JSON lines are read, with a note that there were two runs", () => {
        const { run, notes } = readRun(RESULTS);
        expect(run.kind).toBe("results");
        expect(run.kind === "results" && run.iterations).toEqual([1, 2, 3]);
        expect(notes).toEqual([expect.stringMatching(/^2 runs under .*; reporting the newest, timestamp=1795939200000/)]);
    });

    it("GIVEN the older run's directory THEN its summary CSV is read", () => {
        const { run, notes } = readRun(path.dirname(path.dirname(OLD_SUMMARY)));
        expect(run).toMatchObject({ kind: "summary", timestamp: 1795852800000 });
        expect(notes[0]).toMatch(/no part-\*\.json/);
    });

    it("GIVEN a single part file THEN it is read, with the timestamp of its directory", () => {
        expect(readRun(RUN_JSON).run).toMatchObject({ kind: "results", timestamp: 1795939200000, files: [RUN_JSON] });
        expect(readRun(path.join(RUN, "summary.csv", fs.readdirSync(path.join(RUN, "summary.csv")).find((f) => f.endsWith(".csv"))!)).run.kind).toBe("summary");
    });
});

describe("summaries", () => {
    it("median: middle value, or the mean of the two middle ones (as Spark's percentile(x, 0.5))", () => {
        expect(median([3, 1, 2])).toBe(2);
        expect(median([4, 1, 3, 2])).toBe(2.5);
        expect(median([7])).toBe(7);
    });

    it("GIVEN the fixture THEN per-query median/min/max over successful iterations, failures counted, slowest first", () => {
        const { run } = readRun(RUN);
        const summary = summarizeExecutions(run.kind === "results" ? run.executions : []);
        expect(summary.queries).toEqual([
            { name: "q14a-v2.4", medianSeconds: 54, minSeconds: 53, maxSeconds: 55, succeeded: 2, failed: 1 },
            { name: "q64-v2.4", medianSeconds: 41.2, minSeconds: 40.5005, maxSeconds: 42.000125, succeeded: 3, failed: 0 },
            { name: "q1-v2.4", medianSeconds: 3.0005, minSeconds: 2.90075, maxSeconds: 3.10025, succeeded: 3, failed: 0 },
            { name: "ss_max-v2.4", medianSeconds: 1.6, minSeconds: 1.5, maxSeconds: 1.7, succeeded: 3, failed: 0 },
        ]);
        expect(summary.medianSecondsTotal).toBeCloseTo(54 + 41.2 + 3.0005 + 1.6, 9);
        const allMs = Object.values(TIMES_MS)
            .flat()
            .reduce<number>((s, t) => s + (t ?? 0), 0);
        expect(summary.executionSecondsTotal).toBeCloseTo(allMs / 1000, 9);
        expect(summary.failures).toBe(1);
    });

    it("GIVEN the summary CSV's figures THEN they are the same medians as computed from the lines", () => {
        const { run } = readRun(path.join(RUN, "summary.csv", fs.readdirSync(path.join(RUN, "summary.csv")).find((f) => f.endsWith(".csv"))!));
        const fromCsv = summarizeRows(run.kind === "summary" ? run.rows : []);
        expect(fromCsv.queries.map((q) => [q.name, q.medianSeconds])).toEqual([
            ["q14a-v2.4", 54],
            ["q64-v2.4", 41.2],
            ["q1-v2.4", 3.0005],
            ["ss_max-v2.4", 1.6],
        ]);
        expect(fromCsv.executionSecondsTotal).toBeNull();
    });

    it("sortByMedian: queries that never succeeded go last, ties by name", () => {
        const q = (name: string, medianSeconds: number | null) => ({ name, medianSeconds, minSeconds: null, maxSeconds: null, succeeded: 0, failed: 0 });
        expect(sortByMedian([q("b", null), q("c", 1), q("a", null), q("d", 1), q("e", 2)]).map((x) => x.name)).toEqual(["e", "c", "d", "a", "b"]);
    });
});

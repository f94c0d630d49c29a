/**
 * What the TPC-DS query run (`com.amazonaws.eks.tpcds.BenchmarkSQL`, run by the `tpcds` sample) leaves
 * under its results location, as this tool reads it. Learnt from the benchmark's source,
 * aws-samples/emr-on-eks-benchmark, branch `delta` at 55410c5 (which the data-on-eks image builds from), read 2026-11-29:
 * - benchmark/src/main/scala/com/amazonaws/eks/tpcds/BenchmarkSQL.scala: runs the experiment with
 *   `resultLocation = <dataRoot>/sf<N>/results`, then writes a per-query summary (median, min, max
 *   seconds; no header) as a Spark CSV directory `<run>/summary.csv/part-*.csv`, ordered by query name.
 * - spark-sql-perf/src/main/scala/com/databricks/spark/sql/perf/Benchmark.scala: each run writes to
 *   `<resultLocation>/timestamp=<start ms>/` one JSON object per line (Spark's JSON writer, one part
 *   file: `part-00000-<uuid>-c000.json`, beside `_SUCCESS`), one line per iteration.
 * - spark-sql-perf/src/main/scala/com/databricks/spark/sql/perf/results.scala: a line is an
 *   `ExperimentRun` {timestamp, iteration (from 1), tags, configuration {sparkVersion, sqlConf,
 *   sparkConf, defaultParallelism, buildInfo}, results: [BenchmarkResult]}; a result has `name`
 *   (`q1-v2.4`), `mode`, `executionTime` (ms, a double, absent when the query failed: Spark's JSON
 *   writer drops nulls) and `failure` {className, message} (a thrown query, or `Timeout`), among others.
 */

/** One query execution of one iteration (a `BenchmarkResult` of an `ExperimentRun` line). */
export interface QueryExecution {
    /** The benchmark's query name, e.g. `q14a-v2.4`. */
    name: string;
    /** The iteration, from 1. */
    iteration: number;
    /** Execution time in milliseconds; null when the query failed. */
    executionMs: number | null;
    /** Why the query failed, or null. */
    failure: { className: string; message: string } | null;
}

/** The parts of an `ExperimentRun`'s `configuration` the report uses. */
export interface RunConfiguration {
    sparkVersion: string | null;
    /** `sparkContext.getConf.getAll` at the run: executor count, cores, memory, app name. */
    sparkConf: Record<string, string>;
}

/** One row of BenchmarkSQL's `summary.csv`: seconds, null where Spark wrote an empty field. */
export interface SummaryRow {
    name: string;
    medianSeconds: number | null;
    minSeconds: number | null;
    maxSeconds: number | null;
}

/** One run's results as read: the JSON lines when there are any, else the summary CSV. */
export type BenchmarkRun =
    | {
          kind: "results";
          /** The run's start (`timestamp` of its lines), ms since the epoch. */
          timestamp: number | null;
          files: string[];
          executions: QueryExecution[];
          /** Distinct iteration numbers, ascending. */
          iterations: number[];
          configuration: RunConfiguration | null;
      }
    | { kind: "summary"; timestamp: number | null; files: string[]; rows: SummaryRow[] };

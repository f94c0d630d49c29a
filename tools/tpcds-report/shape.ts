/**
 * The run's shape: scale factor, iterations, executors and their cores and memory. Each figure comes
 * from a command-line option when given, else from the run's own Spark configuration (the JSON lines
 * carry `sparkContext.getConf.getAll`), else from the sample's defaults, and says which.
 */
import * as path from "path";

import { describeValue, InputError } from "../../components/errors";
import { TPCDS_DEFAULTS, tpcdsJobsWithoutPaths } from "../../components/jobs/samples/tpcds";
import type { BenchmarkRun } from "./format";

/** Where a figure of the shape comes from. */
export type ShapeSource = "option" | "results" | "path" | "sample default" | "unknown";

/** A figure and its source. */
export interface Sourced<T> {
    value: T;
    from: ShapeSource;
    /** The option or Spark setting it came from, for errors and the report. */
    key: string;
}

/** What the command line says about the run's shape. */
export interface ShapeOptions {
    scaleFactor?: number;
    executors?: number;
    executorCores?: number;
    /** Executor heap, Spark's syntax (`14g`, `13824m`). */
    executorMemory?: string;
}

/** The run's shape as reported and priced. */
export interface RunShape {
    scaleFactor: Sourced<number | null>;
    /** Iterations in the results; null from the summary CSV. */
    iterations: number | null;
    executors: Sourced<number>;
    executorCores: Sourced<number>;
    /** Executor heap; null: the sample's sizing fills the billed shape. */
    executorMemory: Sourced<string | null>;
    driverCores: Sourced<number>;
    driverMemory: Sourced<string | null>;
    sparkVersion: string | null;
    /** Notes for the reader, e.g. that dynamic allocation was priced at its maximum. */
    notes: string[];
}

/**
 * Decides the run's shape from options, the run's configuration and the sample's defaults.
 * @param run the run as read
 * @param input the path the user gave (`sf<N>` in it names the scale factor, as the sample lays results out)
 * @throws InputError when the run's configuration has a count that is not a whole number
 */
export function runShape(run: BenchmarkRun, input: string, options: ShapeOptions): RunShape {
    const conf = run.kind === "results" ? (run.configuration?.sparkConf ?? {}) : {};
    const notes: string[] = [];
    const [, queryJob] = tpcdsJobsWithoutPaths({});
    const fromConf = (key: string): Sourced<number> | undefined => {
        const raw = conf[key];
        if (raw === undefined) return undefined;
        const value = Number(raw);
        if (!Number.isInteger(value) || value < 1) {
            throw new InputError(`sparkConf ${key} in the results`, `got ${describeValue(raw)}`, "a whole number of 1 or more");
        }
        return { value, from: "results", key };
    };
    const option = <T>(value: T | undefined, key: string): Sourced<T> | undefined => (value === undefined ? undefined : { value, from: "option", key });
    const confText = (key: string): Sourced<string> | undefined => (conf[key] === undefined ? undefined : { value: conf[key]!, from: "results", key });

    let executorsFromConf = fromConf("spark.executor.instances");
    if (conf["spark.dynamicAllocation.enabled"] === "true") {
        executorsFromConf = fromConf("spark.dynamicAllocation.maxExecutors");
        notes.push(
            executorsFromConf
                ? "dynamic allocation was on: priced at spark.dynamicAllocation.maxExecutors, an upper bound"
                : "dynamic allocation was on without maxExecutors: priced at the sample's executor count",
        );
    }
    return {
        scaleFactor: option(options.scaleFactor, "--scale-factor") ?? scaleFactorOf(conf, input),
        iterations: run.kind === "results" ? run.iterations.length : null,
        executors: option(options.executors, "--executors") ??
            executorsFromConf ?? { value: TPCDS_DEFAULTS.executorInstances, from: "sample default", key: "tpcds.executorInstances" },
        executorCores: option(options.executorCores, "--executor-cores") ??
            fromConf("spark.executor.cores") ?? { value: TPCDS_DEFAULTS.executorCores, from: "sample default", key: "tpcds.executorCores" },
        executorMemory: option(options.executorMemory, "--executor-memory") ??
            confText("spark.executor.memory") ?? { value: null, from: "sample default", key: "executor.memory" },
        driverCores: fromConf("spark.driver.cores") ?? { value: queryJob.driver?.cores ?? 1, from: "sample default", key: "driver.cores" },
        driverMemory: confText("spark.driver.memory") ?? { value: queryJob.driver?.memory ?? null, from: "sample default", key: "driver.memory" },
        sparkVersion: run.kind === "results" ? (run.configuration?.sparkVersion ?? null) : null,
        notes,
    };
}

/**
 * The scale factor the run names: BenchmarkSQL names its application `TPCDS SQL Benchmark <sf> GB`,
 * and the sample keeps results under `<dataRoot>/sf<sf>/results`.
 */
function scaleFactorOf(conf: Record<string, string>, input: string): Sourced<number | null> {
    const fromName = /^TPCDS SQL Benchmark (\d+(?:\.\d+)?) GB$/.exec(conf["spark.app.name"] ?? "");
    if (fromName) return { value: Number(fromName[1]), from: "results", key: "spark.app.name" };
    const fromPath = path
        .resolve(input)
        .split(/[\\/]/)
        .map((segment) => /^sf(\d+(?:\.\d+)?)$/.exec(segment))
        .filter((m) => m !== null)
        .pop();
    if (fromPath) return { value: Number(fromPath[1]), from: "path", key: "sf<N> in the path" };
    return { value: null, from: "unknown", key: "--scale-factor" };
}

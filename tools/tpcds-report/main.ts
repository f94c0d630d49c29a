import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";

import { describeValue, InputError } from "../../components/errors";
import { billedRun, Platform, PLATFORM_GRIDS, priceTableFor } from "./cost";
import { renderMarkdown } from "./markdown";
import { readRun } from "./read";
import { runShape, ShapeOptions } from "./shape";
import { summarizeRun } from "./summarize";
import { renderSvg } from "./svg";

const USAGE =
    "npm run tpcds:report -- <results dir or file> [--out DIR] [--platform aws|alicloud] [--region REGION] [--scale-factor N] " +
    "[--executors N] [--executor-cores N] [--executor-memory SIZE] [--price-vcpu-hour X --price-gib-hour Y]";

/** The Markdown report's and the chart's file names in the output directory. */
export const REPORT_FILE = "tpcds-report.md";
export const CHART_FILE = "tpcds-queries.svg";

/** Where the report writes: `process.stdout`/`process.stderr` from the command line, buffers in tests. */
export interface ReportIo {
    stdout: { write(text: string): unknown };
    stderr: { write(text: string): unknown };
}

/**
 * The TPC-DS report: reads a query run's results (the benchmark's JSON lines, or its summary CSV),
 * prints a Markdown table of per-query medians and costs, and writes it with an SVG bar chart to the
 * output directory. Never throws: a user mistake is one `error:` line on stderr and exit code 1;
 * anything else is reported as internal, with its stack.
 * @param argv the arguments after `npm run tpcds:report --`
 * @returns the process exit code
 */
export function main(argv: string[], io: ReportIo): number {
    try {
        return report(argv, io);
    } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (err instanceof InputError) {
            io.stderr.write(`error: ${message.split("\n")[0]}\n`);
        } else {
            io.stderr.write(`error: internal: ${err instanceof Error && err.stack ? err.stack : message}\n`);
        }
        return 1;
    }
}

function report(argv: string[], io: ReportIo): number {
    const args = parseCommandLine(argv);
    const { run, notes } = readRun(args.input);
    const summary = summarizeRun(run);
    const shape = runShape(run, args.input, args.shape);
    const prices = priceTableFor(args.platform, args.region, args.prices);
    const billed = billedRun(args.platform, prices.table, shape);

    const sf = shape.scaleFactor.value;
    const started = run.timestamp === null ? "" : `, run of ${new Date(run.timestamp).toISOString().replace(/\.000Z$/, "Z")}`;
    const title = `TPC-DS${sf === null ? "" : ` sf${sf}`}${started}`;
    const markdown = renderMarkdown({ run, summary, shape, billed, notes: [...notes, ...prices.notes], chartFile: CHART_FILE });
    fs.mkdirSync(args.out, { recursive: true });
    fs.writeFileSync(path.join(args.out, REPORT_FILE), markdown);
    fs.writeFileSync(path.join(args.out, CHART_FILE), renderSvg(summary.queries, title));
    io.stdout.write(markdown);
    io.stderr.write(`Wrote ${path.join(args.out, REPORT_FILE)} and ${path.join(args.out, CHART_FILE)}\n`);
    return 0;
}

interface CommandLine {
    input: string;
    out: string;
    platform: Platform;
    region?: string;
    shape: ShapeOptions;
    prices: { vcpuHour?: number; gibHour?: number };
}

function parseCommandLine(argv: string[]): CommandLine {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            options: {
                out: { type: "string" },
                platform: { type: "string" },
                region: { type: "string" },
                "scale-factor": { type: "string" },
                executors: { type: "string" },
                "executor-cores": { type: "string" },
                "executor-memory": { type: "string" },
                "price-vcpu-hour": { type: "string" },
                "price-gib-hour": { type: "string" },
            },
            strict: true,
            allowPositionals: true,
        });
    } catch (err) {
        throw new InputError("arguments", (err as Error).message.split("\n")[0]!.replace(/\.$/, ""), USAGE);
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) {
        throw new InputError("arguments", positionals.length === 0 ? "no results path given" : `got ${positionals.length} paths`, USAGE);
    }
    const input = positionals[0]!;
    if (input.trim() === "") throw new InputError("results path", "is empty", "a results directory or file");
    const platform = values.platform ?? "aws";
    if (!(platform in PLATFORM_GRIDS)) {
        throw new InputError("--platform", `got ${describeValue(platform)}`, Object.keys(PLATFORM_GRIDS).join(" or "));
    }
    if (values.out !== undefined && values.out.trim() === "") {
        throw new InputError("--out", "got an empty path", "a directory to write the report to");
    }
    const vcpuHour = number(values["price-vcpu-hour"], "--price-vcpu-hour", 0, "a price of 0 or more per vCPU-hour");
    const gibHour = number(values["price-gib-hour"], "--price-gib-hour", 0, "a price of 0 or more per GiB-hour");
    if ((vcpuHour === undefined) !== (gibHour === undefined)) {
        throw new InputError(
            vcpuHour === undefined ? "--price-vcpu-hour" : "--price-gib-hour",
            "is missing",
            "--price-vcpu-hour and --price-gib-hour together",
        );
    }
    const memory = values["executor-memory"];
    if (memory !== undefined && !/^\d+[kmgt]?$/i.test(memory)) {
        throw new InputError("--executor-memory", `got ${describeValue(memory)}`, "a Spark size such as 14g or 13824m");
    }
    return {
        input,
        // Next to the input: beside the downloaded results, not inside the project.
        out: values.out ?? path.join(path.dirname(path.resolve(input)), "tpcds-report"),
        platform: platform as Platform,
        region: values.region,
        shape: {
            scaleFactor: number(values["scale-factor"], "--scale-factor", Number.MIN_VALUE, "a scale factor in GB, above 0"),
            executors: integer(values.executors, "--executors"),
            executorCores: integer(values["executor-cores"], "--executor-cores"),
            executorMemory: memory,
        },
        prices: { vcpuHour, gibHour },
    };
}

function number(raw: string | undefined, key: string, min: number, expected: string): number | undefined {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(value) || value < min) throw new InputError(key, `got ${describeValue(raw)}`, expected);
    return value;
}

function integer(raw: string | undefined, key: string): number | undefined {
    const value = number(raw, key, 1, "a whole number of 1 or more");
    if (value !== undefined && !Number.isInteger(value)) throw new InputError(key, `got ${describeValue(raw)}`, "a whole number of 1 or more");
    return value;
}

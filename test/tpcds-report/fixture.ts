import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * The fixture: a results prefix as `aws s3 cp --recursive` downloads it, written in the benchmark's own
 * format (see tools/tpcds-report/format.ts): a run of 4 queries x 3 iterations with q14a failing in
 * iteration 2 (JSON lines, summary.csv, _SUCCESS markers), and an older run that left only its summary.
 */
export const RESULTS = path.resolve(__dirname, "..", "fixtures", "tpcds-results", "sf1", "results");
export const RUN = path.join(RESULTS, "timestamp=1795939200000");
export const RUN_JSON = path.join(RUN, "part-00000-6f1c2b9e-3a41-4c2e-9d0b-7e5f1a2b3c4d-c000.json");
export const OLD_SUMMARY = path.join(RESULTS, "timestamp=1795852800000", "summary.csv", "part-00000-1b2c3d4e-5f60-4a1b-8c2d-3e4f5a6b7c8d-c000.csv");

/** The fixture's execution times in ms per iteration (null: failed), as written into RUN_JSON. */
export const TIMES_MS: Record<string, (number | null)[]> = {
    "q1-v2.4": [3100.25, 2900.75, 3000.5],
    "q14a-v2.4": [55000.0, null, 53000.0],
    "q64-v2.4": [42000.125, 40500.5, 41200.0],
    "ss_max-v2.4": [1500.0, 1700.0, 1600.0],
};

/** A fresh temporary directory. */
export function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Buffers standing in for stdout and stderr, for `main(argv, io)`. */
export function capture(): { io: { stdout: { write(t: string): boolean }; stderr: { write(t: string): boolean } }; out: () => string; err: () => string } {
    let out = "";
    let err = "";
    return {
        io: {
            stdout: { write: (t: string) => ((out += t), true) },
            stderr: { write: (t: string) => ((err += t), true) },
        },
        out: () => out,
        err: () => err,
    };
}

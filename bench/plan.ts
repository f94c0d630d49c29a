/**
 * `npm run bench:plan`: wall time and peak memory of planning 1, 100 and 1000 jobs, against a floor
 * program that registers the same number of plain resources under the same mock runtime. Each run is
 * a fresh process; the median of RUNS runs is reported. Ratios, not absolute times, are the result:
 * the machine's speed cancels out.
 */
import { spawnSync } from "child_process";
import * as path from "path";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const COUNTS = [1, 100, 1000];

interface Sample {
    resources: number;
    ms: number;
    maxRssMiB: number;
}

function run(mode: "jobs" | "floor", count: number, resources = 0): Sample {
    const result = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "plan-worker.ts"), mode, String(count), String(resources)], {
        encoding: "utf8",
        maxBuffer: 1 << 20,
    });
    if (result.status !== 0) {
        throw new Error(`${mode} ${count}: ${result.stderr}`);
    }
    return JSON.parse(result.stdout.trim().split("\n").pop()!);
}

function median(samples: Sample[]): Sample {
    const sorted = [...samples].sort((a, b) => a.ms - b.ms);
    return sorted[Math.floor(sorted.length / 2)]!;
}

const rows: { count: number; jobs: Sample; floor: Sample }[] = [];
for (const count of COUNTS) {
    const jobs = median(Array.from({ length: RUNS }, () => run("jobs", count)));
    const floor = median(Array.from({ length: RUNS }, () => run("floor", count, jobs.resources)));
    rows.push({ count, jobs, floor });
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
console.log(`Plan benchmark (median of ${RUNS} fresh processes per cell)\n`);
console.log("| jobs | resources | plan ms | floor ms | time ratio (plan / floor) | plan peak RSS MiB | floor peak RSS MiB | memory ratio |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const { count, jobs, floor } of rows) {
    console.log(
        `| ${count} | ${jobs.resources} | ${fmt(jobs.ms, 0)} | ${fmt(floor.ms, 0)} | ${fmt(jobs.ms / floor.ms)} | ${fmt(jobs.maxRssMiB, 0)} | ${fmt(floor.maxRssMiB, 0)} | ${fmt(jobs.maxRssMiB / floor.maxRssMiB)} |`,
    );
}
const r100 = rows.find((r) => r.count === 100)!;
const r1000 = rows.find((r) => r.count === 1000)!;
const perResource = (s: Sample) => s.ms / s.resources;
console.log("");
console.log(`1000 jobs, per-resource time vs the floor: ${fmt(perResource(r1000.jobs) / perResource(r1000.floor))}x (target <= 1.5x)`);
console.log(`1000 jobs vs 100 jobs, time: ${fmt(r1000.jobs.ms / r100.jobs.ms)}x (target <= 12x; linear is 10x)`);

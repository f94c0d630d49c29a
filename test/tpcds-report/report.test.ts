import { XMLParser, XMLValidator } from "fast-xml-parser";
import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";

import { ECI_CHINA_PRICES, ECI_INTERNATIONAL_PRICES, FARGATE_US_EAST_1_PRICES } from "../../components/sizing";
import { BilledRun, billedRun, costOf, priceTableFor } from "../../tools/tpcds-report/cost";
import { CHART_FILE, main, REPORT_FILE } from "../../tools/tpcds-report/main";
import { renderMarkdown } from "../../tools/tpcds-report/markdown";
import { readRun } from "../../tools/tpcds-report/read";
import { RunShape, runShape } from "../../tools/tpcds-report/shape";
import { RunSummary, summarizeRun } from "../../tools/tpcds-report/summarize";
import { escapeXml, renderSvg } from "../../tools/tpcds-report/svg";
import { capture, RESULTS, RUN, RUN_JSON, tempDir } from "./fixture";

describe("the report of the fixture run", () => {
    let shape: RunShape;
    let summary: RunSummary;
    let billed: BilledRun;

    beforeAll(() => {
        const { run } = readRun(RUN);
        shape = runShape(run, RUN, {});
        summary = summarizeRun(run);
        billed = billedRun("aws", FARGATE_US_EAST_1_PRICES, shape);
    });

    it("GIVEN the run's sparkConf THEN the shape is read from it (scale factor from the app name)", () => {
        expect(shape.scaleFactor).toEqual({ value: 1, from: "results", key: "spark.app.name" });
        expect(shape.iterations).toBe(3);
        expect([shape.executors.value, shape.executorCores.value, shape.executorMemory.value, shape.driverMemory.value]).toEqual([2, 4, "14546m", "2304m"]);
    });

    it("GIVEN Fargate THEN the sized heaps bill as the sample's shapes, and a query costs its median x the per-second price", () => {
        expect(billed.driver).toEqual({ vcpu: 1, memoryGiB: 3 });
        expect(billed.executor).toEqual({ vcpu: 4, memoryGiB: 16 });
        expect(billed.executors).toBe(2);
        // Independently: vCPU-hours and GiB-hours of driver + 2 executors, at the table's two prices.
        const perHour = (1 + 2 * 4) * 0.04048 + (3 + 2 * 16) * 0.004445;
        expect(FARGATE_US_EAST_1_PRICES).toMatchObject({ vcpuHour: 0.04048, gibHour: 0.004445 });
        expect(billed.perHour).toBeCloseTo(perHour, 12);
        expect(costOf(54, billed)).toBeCloseTo((54 * perHour) / 3600, 12);
    });

    it("GIVEN alicloud THEN ECI shapes and the China table for cn-* regions, the international one elsewhere", () => {
        expect(priceTableFor("alicloud", "cn-hangzhou").table).toBe(ECI_CHINA_PRICES);
        expect(priceTableFor("alicloud", "ap-southeast-1").table).toBe(ECI_INTERNATIONAL_PRICES);
        const eci = billedRun("alicloud", ECI_CHINA_PRICES, shape);
        const perHour =
            (eci.driver.vcpu + 2 * eci.executor.vcpu) * ECI_CHINA_PRICES.vcpuHour +
            (eci.driver.memoryGiB + 2 * eci.executor.memoryGiB) * ECI_CHINA_PRICES.gibHour;
        expect(eci.prices.currency).toBe("CNY");
        expect(eci.perSecond).toBeCloseTo(perHour / 3600, 12);
    });

    it("GIVEN aws in another region THEN us-east-1's table with a note, or the overrides given", () => {
        expect(priceTableFor("aws", "eu-west-1").notes[0]).toMatch(/us-east-1's.*--price-vcpu-hour and --price-gib-hour for eu-west-1/);
        expect(priceTableFor("aws", "eu-west-1", { vcpuHour: 0.05, gibHour: 0.005 }).table).toMatchObject({ vcpuHour: 0.05, gibHour: 0.005, currency: "USD" });
    });

    it("renders the Markdown: the run's shape, one row per query slowest first, totals", () => {
        const md = renderMarkdown({ run: readRun(RUN).run, summary, shape, billed, notes: [], chartFile: CHART_FILE });
        expect(md).toContain("| Scale factor | 1 GB (results: `spark.app.name`) |");
        expect(md).toContain("| Billed pods (aws, fargate) | driver 1 vCPU / 3 GiB + 2 × executor 4 vCPU / 16 GiB |");
        const rows = md.split("\n").filter((l) => /^\| \d+ \|/.test(l));
        expect(rows.map((r) => r.split("|")[2]!.trim())).toEqual(["q14a-v2.4", "q64-v2.4", "q1-v2.4", "ss_max-v2.4"]);
        expect(rows[0]).toBe(`| 1 | q14a-v2.4 | 54.000 | 53.000 | 55.000 | 2 | 1 | ${costOf(54, billed).toFixed(6)} |`);
        expect(md).toMatch(/\| \| \*\*Total \(4 queries\)\*\* \| \*\*99\.800\*\* \| \| \| \*\*11\*\* \| \*\*1\*\* \|/);
        expect(md).toContain(`![Median seconds per query](${CHART_FILE})`);
    });

    it("renders a well-formed SVG with one bar per query, longest for the slowest, deterministic", () => {
        const svg = renderSvg(summary.queries, "TPC-DS <sf1> & co");
        expect(XMLValidator.validate(svg)).toBe(true);
        expect(svg).toBe(renderSvg(summary.queries, "TPC-DS <sf1> & co"));
        const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(svg);
        const bars = [doc.svg.g].flat().map((g: any) => g.rect);
        expect(bars).toHaveLength(4);
        expect(bars.map((b: any) => b.class)).toEqual(["bar", "bar", "bar", "bar"]);
        expect(Number(bars[0].width)).toBe(600);
        expect(Number(bars[1].width)).toBeCloseTo((41.2 / 54) * 600, 1);
        expect(svg).toContain("<title>TPC-DS &lt;sf1&gt; &amp; co</title>");
        expect(escapeXml(`a"b'c`)).toBe("a&quot;b&apos;c");
    });
});

describe("main (npm run tpcds:report)", () => {
    function run(argv: string[]) {
        const c = capture();
        const code = main(argv, c.io);
        return { code, stdout: c.out(), stderr: c.err() };
    }

    function expectOneLineError(argv: string[], pattern: RegExp): void {
        const result = run(argv);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe("");
        const lines = result.stderr.trimEnd().split("\n");
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(pattern);
        expect(result.stderr).not.toMatch(/internal|\n\s+at /);
    }

    it("GIVEN the results prefix and --out THEN exit 0, the Markdown on stdout, both files written", () => {
        const out = tempDir("tpcds-report-");
        const result = run([RESULTS, "--out", out]);
        expect(result.code).toBe(0);
        expect(result.stderr).toBe(`Wrote ${path.join(out, REPORT_FILE)} and ${path.join(out, CHART_FILE)}\n`);
        expect(fs.readFileSync(path.join(out, REPORT_FILE), "utf8")).toBe(result.stdout);
        expect(result.stdout).toMatch(/^# TPC-DS results: sf1, run timestamp=1795939200000$/m);
        expect(XMLValidator.validate(fs.readFileSync(path.join(out, CHART_FILE), "utf8"))).toBe(true);
    });

    it("GIVEN no --out THEN the report goes next to the input, in tpcds-report/", () => {
        const results = path.join(tempDir("tpcds-default-out-"), "results");
        fs.mkdirSync(path.join(results, "timestamp=1795939200000"), { recursive: true });
        fs.copyFileSync(RUN_JSON, path.join(results, "timestamp=1795939200000", path.basename(RUN_JSON)));
        expect(run([results, "--platform", "alicloud", "--region", "cn-beijing"]).code).toBe(0);
        const md = fs.readFileSync(path.join(path.dirname(results), "tpcds-report", REPORT_FILE), "utf8");
        expect(md).toContain("| Billed pods (alicloud, eci) |");
        expect(md).toMatch(/Cost at median \(CNY\)/);
        // sf<N> is not in this path: the scale factor still comes from the run's app name.
        expect(md).toContain("| Scale factor | 1 GB (results: `spark.app.name`) |");
    });

    it("GIVEN no path, two paths, or an unknown option THEN usage errors", () => {
        expectOneLineError([], /^error: arguments: no results path given, expected npm run tpcds:report -- <results dir or file>/);
        expectOneLineError(["a", "b"], /^error: arguments: got 2 paths, expected npm run tpcds:report/);
        expectOneLineError([RESULTS, "--colour"], /^error: arguments: Unknown option '--colour'/);
    });

    it("GIVEN a missing path or a directory without result files THEN the path is named", () => {
        expectOneLineError(["/nonexistent/results"], /^error: results path: \/nonexistent\/results does not exist, expected a results directory/);
        const empty = tempDir("tpcds-empty-");
        fs.writeFileSync(path.join(empty, "_SUCCESS"), "");
        expectOneLineError([empty], /^error: results path: no result files found under .*, expected Spark part files: timestamp=<ms>\/part-\*\.json/);
    });

    it("GIVEN a malformed JSON line THEN the file and line number are named", () => {
        const dir = path.join(tempDir("tpcds-bad-"), "timestamp=1");
        fs.mkdirSync(dir);
        const file = path.join(dir, "part-00000-x-c000.json");
        fs.writeFileSync(file, `${fs.readFileSync(RUN_JSON, "utf8").split("\n")[0]}\n{"timestamp":1,"iteration":2,\n`);
        expectOneLineError([dir], new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} line 2: is not valid JSON`));
    });

    it("GIVEN bad options THEN each names its option and what it expects", () => {
        expectOneLineError([RESULTS, "--platform", "gcp"], /^error: --platform: got "gcp", expected aws or alicloud$/);
        expectOneLineError([RESULTS, "--executors", "1.5"], /^error: --executors: got "1.5", expected a whole number of 1 or more$/);
        expectOneLineError([RESULTS, "--executor-memory", "lots"], /^error: --executor-memory: got "lots", expected a Spark size/);
        expectOneLineError(
            [RESULTS, "--price-vcpu-hour", "0.05"],
            /^error: --price-gib-hour: is missing, expected --price-vcpu-hour and --price-gib-hour together$/,
        );
        expectOneLineError([RESULTS, "--executor-cores", "64"], /^error: --executor-cores: .* on fargate$/);
    });
});

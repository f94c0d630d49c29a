import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";

import { diffPlans, readPlanDir } from "../../tools/plan/diff";
import { diffMarker } from "../../tools/plan/render-diff";
import { planCli, tempDir } from "../helpers/plan-cli";

/** `type::name` of every resource line of a report (`~`, `+` or `-` then the resource, not a field). */
function resourceLines(report: string): string[] {
    return [...report.matchAll(/^([~+-]) (\S+::\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
}

function expectOneLineError(result: { status: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe("npm run plan -- --stack existing --diff BASE_DIR", () => {
    let base: string;

    beforeAll(async () => {
        base = tempDir("plan-diff-base-");
        const result = await planCli(["--stack", "existing", "--out", base]);
        expect(result.status).toBe(0);
    });

    it("GIVEN the same config as the base WHEN diffed THEN the report is only the marker, the heading and 'No changes'", async () => {
        const result = await planCli(["--stack", "existing", "--diff", base]);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout).toBe(
            [
                diffMarker("existing"),
                "### Offline plan diff: `serverless-spark/existing`",
                "",
                "**No changes** to the offline plan (33 resources). Secret values and the Helm chart's own objects are not compared.",
                "",
            ].join("\n"),
        );
    });

    it("GIVEN operator.chartVersion=2.5.1 WHEN diffed THEN exactly the Helm release changes, and --out also writes diff.md", async () => {
        const head = tempDir("plan-diff-version-");
        const result = await planCli(["--stack", "existing", "--config", "serverless-spark:operator.chartVersion=2.5.1", "--diff", base, "--out", head]);
        expect(result.status).toBe(0);
        expect(resourceLines(result.stdout)).toEqual(["~ kubernetes:helm.sh/v3:Release::spark-operator"]);
        expect(result.stdout).toContain("**1 to change**, 0 to add, 0 to remove, 32 unchanged (resources: 33 -> 33).");
        expect(result.stdout).toMatch(/^~ {5}version: "2\.5\.2" -> "2\.5\.1"$/m);
        expect(result.stdout.match(/^~ {5}/gm)).toHaveLength(1);
        expect(result.stdout).not.toContain("#### Jobs");
        expect(result.stdout.split("\n")[0]).toBe(diffMarker("existing"));

        // The same set from the model, read back from the two plan directories.
        const diff = diffPlans(readPlanDir(base, "--diff"), readPlanDir(head, "--diff"));
        expect(diff.changed.map((c) => c.ref)).toEqual(["kubernetes:helm.sh/v3:Release::spark-operator"]);
        expect([diff.added, diff.removed, diff.jobs.changes]).toEqual([[], [], []]);

        expect(fs.readFileSync(path.join(head, "diff.md"), "utf8")).toBe(result.stdout);
        expect(result.stderr).toContain(path.join(head, "diff.md"));

        // A later plan into the same directory without --diff removes the stale report.
        expect((await planCli(["--stack", "existing", "--out", head])).status).toBe(0);
        expect(fs.existsSync(path.join(head, "diff.md"))).toBe(false);
    });

    it("GIVEN more TPC-DS executors WHEN diffed THEN exactly the two TPC-DS applications change and the jobs table shows the cost", async () => {
        const result = await planCli(["--stack", "existing", "--config", "tpcds.executorInstances=4", "--diff", base]);
        expect(result.status).toBe(0);
        expect(resourceLines(result.stdout)).toEqual([
            "~ kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication::spark-job-tpcds-datagen",
            "~ kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication::spark-job-tpcds-queries",
        ]);
        expect(result.stdout.match(/^~ {5}spec\.executor\.instances: 2 -> 4$/gm)).toHaveLength(2);
        expect(result.stdout).toContain("#### Jobs: sizing and cost (2)");
        expect(result.stdout).toContain("| spark-jobs/tpcds-datagen | executors | 2 | 4 |");
        expect(result.stdout).toContain("| spark-jobs/tpcds-queries | executors | 2 | 4 |");
        expect(result.stdout).not.toContain("wordcount");
        expect(result.stdout).toMatch(/All jobs at full scale: \d+\.\d{4} USD\/h -> \d+\.\d{4} USD\/h \(\+\d+\.\d{4}\)\./);
    });

    it("GIVEN --diff and --out naming the same directory WHEN planned THEN the base is read before it is overwritten", async () => {
        const dir = tempDir("plan-diff-same-");
        expect((await planCli(["--stack", "existing", "--out", dir])).status).toBe(0);
        const result = await planCli(["--stack", "existing", "--config", "operator.chartVersion=2.4.0", "--diff", dir, "--out", dir]);
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/^~ {5}version: "2\.5\.2" -> "2\.4\.0"$/m);
        expect(
            JSON.parse(fs.readFileSync(path.join(dir, "resources.json"), "utf8")).find((r: any) => r.name === "spark-operator" && r.custom).inputs.version,
        ).toBe("2.4.0");
    });

    it("GIVEN a --diff directory that does not exist WHEN planned THEN one line names --diff, the value and what is expected, and nothing is written", async () => {
        const missing = path.join(tempDir("plan-diff-missing-"), "no-such-plan");
        const out = path.join(tempDir("plan-diff-out-"), "head");
        const result = await planCli(["--stack", "existing", "--diff", missing, "--out", out]);
        expectOneLineError(
            result,
            /^error: --diff: ".*no-such-plan" does not exist, expected a directory written by `npm run plan -- --out DIR` \(with resources\.json\)$/,
        );
        expect(fs.existsSync(out)).toBe(false);
    });

    it("GIVEN a --diff directory without resources.json WHEN planned THEN one line says so", async () => {
        const empty = tempDir("plan-diff-empty-");
        fs.writeFileSync(path.join(empty, "jobs.json"), "[]");
        expectOneLineError(
            await planCli(["--stack", "existing", "--diff", empty]),
            /^error: --diff: ".*plan-diff-empty-\w+" has no resources\.json, expected a directory written by/,
        );
    });

    it("GIVEN --diff with a file or an empty value WHEN planned THEN one line names --diff", async () => {
        const file = path.join(tempDir("plan-diff-file-"), "resources.json");
        fs.writeFileSync(file, "[]");
        expectOneLineError(await planCli(["--stack", "existing", "--diff", file]), /^error: --diff: ".*resources\.json" is not a directory, expected /);
        expectOneLineError(await planCli(["--stack", "existing", "--diff", ""]), /^error: --diff: got an empty path, expected /);
    });
});

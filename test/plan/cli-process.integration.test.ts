import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { diffMarker } from "../../tools/plan/render-diff";
import { readTree, runPlanCliProcess, tempDir } from "../helpers/plan-cli";

/**
 * Smoke tests of `npm run plan` as its own process: what only a process shows (the exit code, the
 * absence of a stack trace, Node's and the SDK's own output on stderr). Everything else the CLI does
 * is tested in process through its entry (`tools/plan/main.ts`) in plan-cli, diff-cli and the others.
 */
describe("npm run plan as a process", () => {
    const base = tempDir("plan-process-");

    it("GIVEN the existing stack with --out WHEN run THEN exit 0, nothing on stderr, and the plan files are written", () => {
        const result = runPlanCliProcess(["--stack", "existing", "--out", base]);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout).toContain("Resources by type:");
        const files = [...readTree(base).keys()];
        expect(files).toContain("resources.json");
        expect(files).toContain("jobs.json");
        expect(files.filter((f) => f.startsWith("manifests/")).length).toBeGreaterThan(0);
    });

    it("GIVEN --diff against that plan WHEN run THEN exit 0 and stdout is the Markdown report alone", () => {
        const result = runPlanCliProcess(["--stack", "existing", "--config", "operator.chartVersion=2.5.1", "--diff", base]);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout.split("\n")[0]).toBe(diffMarker("existing"));
        expect(result.stdout).toMatch(/^~ {5}version: "2\.5\.2" -> "2\.5\.1"$/m);
        expect(result.stdout).not.toContain("Resources by type:");
    });

    it("GIVEN a bad config value WHEN run THEN exit 1, one error line without a stack trace, nothing written", () => {
        const out = path.join(tempDir("plan-process-bad-"), "out");
        const result = runPlanCliProcess(["--stack", "existing", "--out", out, "--config", "operator.webhookReplicas=1"]);
        expect(result.status).toBe(1);
        expect(result.stdout).toBe("");
        expect(result.stderr).toBe("error: operator.webhookReplicas: got 1, expected an integer from 2 to 10\n");
        expect(fs.existsSync(out)).toBe(false);
    });
});

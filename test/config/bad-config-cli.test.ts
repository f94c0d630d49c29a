import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import { afterAll, describe, expect, it } from "vitest";

import { readStackConfig } from "../../stacks/config/read";
import { planCli, tempDir } from "../helpers/plan-cli";
import { cliArguments, engineConfig, title } from "./bad-config-harness";
import { BAD_CONFIGS } from "./bad-configs";

/**
 * A sample of the bad-config corpus through the offline plan as a user runs it (`npm run plan --
 * --stack NAME --config key=value`, or `--stack-file` for whole YAML files): exit code 1, and
 * stderr is exactly the line the program's config step gives, with no stack trace.
 */

const dir = tempDir("bad-config-cli-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The line the program's config step fails with, in-process. */
function inProcessLine(config: Record<string, string>): string {
    pulumi.runtime.setAllConfig(config);
    try {
        readStackConfig();
    } catch (err) {
        return (err as Error).message;
    }
    throw new Error("the config was accepted");
}

const sample = BAD_CONFIGS.filter((r) => r.runs?.includes("cli"));

describe("the bad-config corpus through the plan CLI", () => {
    it("GIVEN the sample THEN it has at least 5 rows from both shipped stacks, --config overrides and whole YAML files", async () => {
        expect(sample.length).toBeGreaterThanOrEqual(5);
        expect([...new Set(sample.map((r) => r.stack ?? "yaml"))]).toEqual(expect.arrayContaining(["existing", "aws", "yaml"]));
        expect(sample.some((r) => r.set !== undefined && r.unset === undefined)).toBe(true);
    });

    it.each(sample.map((row, i) => [title(row), row, i] as const))("%s: exits 1 with one error line and no stack trace", async (_, row, i) => {
        const line = inProcessLine(engineConfig(row));
        const rowDir = fs.mkdtempSync(`${dir}/row-${i}-`);
        const result = await planCli(cliArguments(row, rowDir));
        expect(result.status).toBe(1);
        expect(result.stderr).toBe(`error: ${line}\n`);
        expect(result.stderr.trim().split("\n")).toHaveLength(1);
        expect(result.stderr).not.toMatch(/^\s*at /m);
        expect(result.stderr.startsWith(`error: ${row.error.key}: `)).toBe(true);
        expect(result.stdout).not.toContain("Resources");
    });
});

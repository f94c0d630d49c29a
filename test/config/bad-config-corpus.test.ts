import "../../tools/plan/mock-outputs-aws";

import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import { beforeAll, describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import { readStackConfig } from "../../stacks/config/read";
import { MockRuntime, runProgram } from "../../tools/plan/mock-runtime";
import { mockRuntime } from "../helpers/mocks";
import { engineConfig, stackFile, title } from "./bad-config-harness";
import { AREAS, BAD_CONFIGS, BadConfig } from "./bad-configs";

/**
 * Every row of the bad-config corpus fails in the one validation step the program runs first
 * (`readStackConfig`, reading the config the way the engine hands it over) with one line naming the
 * full key, showing the bad value and saying what is expected; a sample also runs the whole program
 * under the mock runtime to show that nothing is declared. The CLI sample is in bad-config-cli.test.ts.
 */

/** The error the program's config step throws for an engine config, or undefined. */
function configError(config: Record<string, string>): unknown {
    pulumi.runtime.setAllConfig(config);
    try {
        readStackConfig();
        return undefined;
    } catch (err) {
        return err;
    }
}

/** Asserts the one-line error of a row. */
function expectLine(row: BadConfig, message: string): void {
    const { key, got, expected, hides } = row.error;
    expect(message).not.toMatch(/[\r\n]/);
    expect(message.startsWith(`${key}: `), `"${message}" should start with "${key}: "`).toBe(true);
    const expectedPart = message.slice(message.indexOf(", expected ") + ", expected ".length);
    expect(message).toContain(", expected ");
    expect(expectedPart).toContain(expected);
    const problem = message.slice(key.length + 2, message.indexOf(", expected "));
    if (got !== undefined) {
        expect(problem).toContain(got);
    }
    if (hides !== undefined) {
        expect(message).not.toContain(hides);
    }
}

describe("the bad-config corpus", () => {
    it("GIVEN the table THEN it has at least 45 rows over every area of the config reference, each well formed", () => {
        expect(BAD_CONFIGS.length).toBeGreaterThanOrEqual(45);
        const byArea = new Map<string, number>();
        for (const row of BAD_CONFIGS) {
            byArea.set(row.area, (byArea.get(row.area) ?? 0) + 1);
            expect((row.yaml === undefined) !== (row.stack === undefined), `${title(row)}: exactly one of yaml and stack`).toBe(true);
            expect(row.yaml === undefined || (row.set === undefined && row.unset === undefined), `${title(row)}: yaml rows have no overrides`).toBe(true);
            expect(row.error.got !== undefined || row.error.hides !== undefined, `${title(row)}: says what shows the value, or what must stay hidden`).toBe(
                true,
            );
            if (row.stack !== undefined) {
                expect(fs.existsSync(stackFile(row.stack)), `${title(row)}: stacks/Pulumi.${row.stack}.yaml`).toBe(true);
            }
        }
        for (const area of AREAS) {
            expect(byArea.get(area) ?? 0, `rows in area ${area}`).toBeGreaterThanOrEqual(3);
        }
        expect(new Set(BAD_CONFIGS.map(title)).size).toBe(BAD_CONFIGS.length);
        expect(BAD_CONFIGS.filter((r) => r.yaml !== undefined).length).toBeGreaterThanOrEqual(8);
    });

    it.each([...new Set(BAD_CONFIGS.flatMap((r) => (r.stack ? [r.stack] : [])))])(
        "GIVEN the shipped stack %s unchanged THEN it is valid (each row's error comes from its own change)",
        (stack) => {
            expect(configError(engineConfig({ title: stack, area: "cloud", stack, error: { key: "", expected: "" } }))).toBeUndefined();
        },
    );

    it.each(BAD_CONFIGS.map((row) => [title(row), row] as const))("%s: fails with one line naming the key, the value and what is expected", (_, row) => {
        const error = configError(engineConfig(row));
        expect(error, "the config was accepted").toBeInstanceOf(InputError);
        expectLine(row, (error as InputError).message);
        expect((error as InputError).key).toBe(row.error.key);
    });
});

describe("the bad-config corpus through the whole program", () => {
    let runtime: MockRuntime;
    beforeAll(async () => {
        runtime = await mockRuntime();
    });

    const sample = BAD_CONFIGS.filter((r) => r.runs?.includes("program"));
    it("GIVEN the sample THEN it covers both shipped clouds and at least 10 rows", () => {
        expect(sample.length).toBeGreaterThanOrEqual(10);
        expect([...new Set(sample.map((r) => r.stack ?? "yaml"))]).toEqual(expect.arrayContaining(["existing", "aws", "yaml"]));
    });

    it.each(sample.map((row) => [title(row), row] as const))("%s: the program stops with the same line and declares nothing", async (_, row) => {
        const config = engineConfig(row);
        const expectedLine = (configError(config) as Error).message;
        pulumi.runtime.setAllConfig(config);
        let error: Error | undefined;
        try {
            await runProgram(runtime, () => import("../../stacks/index"));
        } catch (err) {
            error = err as Error;
        }
        // Pulumi prints a RunError as its message alone, without a stack trace.
        expect(error?.constructor.name).toBe("RunError");
        expect(error?.message).toBe(expectedLine);
        expectLine(row, error!.message);
        await new Promise((resolve) => setImmediate(resolve));
        expect(runtime.registrations.map((r) => `${r.type}::${r.name}`)).toEqual([]);
    });
});

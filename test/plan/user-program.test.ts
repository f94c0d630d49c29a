import * as fs from "fs";
import * as path from "path";
import { describe, expect, it, vi } from "vitest";

import { run } from "../../tools/plan/command";
import { CliResult, PROJECT_ROOT, stackArgs, tempDir } from "../helpers/plan-cli";

/**
 * `serverless-spark plan` on a user's own project (test/fixtures/user-program: Pulumi.yaml without
 * `main`, Pulumi.dev.yaml beside it, an index.ts that imports "serverless-spark"), and on this
 * repository's, through the command's entry, which runs the same `main` as `npm run plan`.
 */
const USER_PROGRAM = path.join(PROJECT_ROOT, "test/fixtures/user-program");

/** Runs `serverless-spark <args>` in `cwd`, in this process (vitest loads the TypeScript program). */
async function serverlessSpark(args: string[], cwd: string): Promise<CliResult> {
    const out = { stdout: "", stderr: "" };
    const status = await run(
        args,
        { stdout: { write: (text: string) => (out.stdout += text) }, stderr: { write: (text: string) => (out.stderr += text) } },
        cwd,
        // The fixture is top-level code, as most programs are: load it afresh for each plan.
        (programPath) => {
            vi.resetModules();
            return import(programPath);
        },
    );
    return { status, ...out };
}

describe("serverless-spark plan on a user's program", () => {
    it("GIVEN the user's project WHEN planned with --stack dev THEN it prints the tree with the platform, the job's cost and the user's own resource", async () => {
        const result = await serverlessSpark(["plan", "--stack", "dev"], USER_PROGRAM);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout).toContain("Plan of lab-spark/dev:");
        expect(result.stdout).toContain("serverless-spark:index:ExistingSparkPlatform");
        expect(result.stdout).toContain("acme:observability:Dashboard");
        expect(result.stdout).toMatch(/etl\/nightly-pi/);
        expect(result.stdout).toMatch(/etl\/wordcount/);
        expect(result.stdout).not.toContain("s3cr3t-token-value");
    });

    it("GIVEN a resource type with no placeholder outputs WHEN planned with --out THEN it is planned with its inputs (outputs resolved from them)", async () => {
        const out = tempDir("user-plan-");
        const result = await serverlessSpark(["plan", "--stack", "dev", "--out", out], USER_PROGRAM);
        expect(result.status).toBe(0);
        const resources = JSON.parse(fs.readFileSync(path.join(out, "resources.json"), "utf8")) as any[];
        const dashboard = resources.find((r) => r.type === "acme:observability:Dashboard");
        expect(dashboard.inputs.title).toBe("Lab Spark jobs");
        expect(dashboard.inputs.jobs).toEqual(["wordcount", "nightly-pi"]);
        expect(resources.some((r) => r.type === "kubernetes:helm.sh/v3:Release")).toBe(true);
    });

    it("GIVEN a subdirectory of the project WHEN planned THEN the project is found above it, as the Pulumi CLI finds it", async () => {
        const sub = path.join(tempDir("user-project-"), "lab");
        fs.cpSync(USER_PROGRAM, sub, { recursive: true });
        fs.mkdirSync(path.join(sub, "docs"));
        const result = await serverlessSpark(
            ["plan", "--stack-file", path.join(sub, "Pulumi.dev.yaml"), "--config", 'jobNamespaces=["etl","adhoc"]'],
            path.join(sub, "docs"),
        );
        expect(result.stderr).toBe("");
        expect(result.stdout).toMatch(/adhoc/);
    });

    it("GIVEN a stack the project has no file for WHEN planned THEN one line lists the project's stacks", async () => {
        const result = await serverlessSpark(["plan", "--stack", "prod"], USER_PROGRAM);
        expect(result.status).toBe(1);
        expect(result.stderr).toBe("error: --stack: no stack file Pulumi.prod.yaml, expected one of dev\n");
    });

    it("GIVEN a directory with no Pulumi project WHEN planned THEN one line says so", async () => {
        const dir = tempDir("no-project-");
        const result = await serverlessSpark(["plan", "--stack", "dev"], dir);
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/^error: project: no Pulumi\.yaml in .* or any directory above it, expected to run in a Pulumi project's directory\n$/);
    });

    it("GIVEN no command or an unknown one WHEN run THEN one line names the command it expects; --help prints the options", async () => {
        expect((await serverlessSpark([], USER_PROGRAM)).stderr).toMatch(/^error: arguments: no command, expected serverless-spark plan/);
        expect((await serverlessSpark(["deploy"], USER_PROGRAM)).stderr).toMatch(/^error: arguments: unknown command "deploy", expected serverless-spark plan/);
        const help = await serverlessSpark(["plan", "--help"], USER_PROGRAM);
        expect(help.status).toBe(0);
        for (const option of ["--stack", "--stack-file", "--config", "--unset", "--out", "--diff", "--policy", "--policy-config"]) {
            expect(help.stdout).toContain(`  ${option} `);
        }
    });

    it("GIVEN a bad option WHEN run THEN the usage names serverless-spark plan", async () => {
        const result = await serverlessSpark(["plan", "--stak", "dev"], USER_PROGRAM);
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/^error: arguments: Unknown option '--stak'.*, expected serverless-spark plan \(--stack NAME/);
    });
});

describe("serverless-spark plan on this repository", () => {
    it("GIVEN this repository's aws stack WHEN planned by the command THEN it plans stacks/index.ts from stackConfigDir stacks/", async () => {
        const result = await serverlessSpark(["plan", ...stackArgs("aws")], path.join(PROJECT_ROOT, "docs"));
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout).toContain("Plan of serverless-spark/aws:");
        expect(result.stdout).toContain("serverless-spark:index:AwsSparkPlatform");
    });
});

// A data source with no offline answer: the plan is refused, with nothing left pending in the runtime.
describe("serverless-spark plan on a program it cannot fully answer", () => {
    it("GIVEN a program calling a data source the plan cannot answer WHEN planned THEN one line names it and the plan fails, instead of leaving its dependents out", async () => {
        const result = await serverlessSpark(["plan", "--stack", "dev"], path.join(PROJECT_ROOT, "test/fixtures/user-program-invoke"));
        expect(result.status).toBe(1);
        expect(result.stderr.trimEnd().split("\n")).toEqual([
            'error: the program: calls "acme:index:getThing", a data source the offline plan has no answer for (what depends on it would be left out of the plan), expected a program whose data sources the plan answers: those of @pulumi/aws and @pulumi/alicloud it registers, or none',
        ]);
    });
});

import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";

import { diffMarker } from "../../tools/plan/render-diff";
import { PROJECT_ROOT, shippedStacks, USER_SETTINGS } from "../helpers/plan-cli";

/**
 * Structural safety checks of the pull-request workflows (parsed YAML, no network, nothing run).
 * The threat: a pull request (maybe from a fork) whose code must never run with secrets or a write
 * token, and whose output (the artifact) must never be executed by the workflow that can comment.
 */

const DIR = path.join(PROJECT_ROOT, ".github", "workflows");

interface Step {
    name?: string;
    id?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
    "working-directory"?: string;
}

interface Job {
    if?: string;
    needs?: string | string[];
    permissions?: Record<string, string> | string;
    strategy?: { matrix?: Record<string, unknown> };
    steps: Step[];
}

interface Workflow {
    name: string;
    on: Record<string, any>;
    permissions?: Record<string, string> | string;
    jobs: Record<string, Job>;
}

function load(file: string): { text: string; workflow: Workflow } {
    const text = fs.readFileSync(path.join(DIR, file), "utf8");
    const doc = parseDocument(text);
    expect(doc.errors, file).toEqual([]);
    return { text, workflow: doc.toJS() as Workflow };
}

const allSteps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const FILES = ["plan-preview.yml", "plan-comment.yml", "pulumi-preview.yml", "plan-preview-program.yml"];

describe("every workflow", () => {
    it("GIVEN .github/workflows WHEN listed THEN it holds the preview workflows, the reusable one for users' programs included", () => {
        expect(fs.readdirSync(DIR)).toEqual(expect.arrayContaining(FILES));
    });

    it.each(FILES)("GIVEN %s WHEN parsed THEN it is valid YAML with a name, triggers and jobs with steps", (file) => {
        const { workflow } = load(file);
        expect(typeof workflow.name).toBe("string");
        expect(Object.keys(workflow.on).length).toBeGreaterThan(0);
        for (const job of Object.values(workflow.jobs)) {
            expect(job.steps.length).toBeGreaterThan(0);
            for (const step of job.steps) expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true);
        }
    });

    it.each(FILES)("GIVEN %s WHEN its actions are read THEN each is pinned by a full commit SHA, with the tag it stood for beside it", (file) => {
        const { text, workflow } = load(file);
        for (const step of allSteps(workflow).filter((s) => s.uses)) {
            expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
            expect(text).toMatch(new RegExp(`uses: ${step.uses!.replace(/[.]/g, "\\.")} # v\\d+\\.\\d+\\.\\d+\\n`));
        }
    });

    it.each(FILES)("GIVEN %s WHEN its shell steps are read THEN none interpolates an expression into the script (env only)", (file) => {
        for (const step of allSteps(load(file).workflow).filter((s) => s.run)) {
            expect(step.run, step.name).not.toContain("${{");
        }
    });

    it.each(FILES)("GIVEN %s WHEN read THEN it never uses pull_request_target and sets explicit permissions", (file) => {
        const { text, workflow } = load(file);
        expect(text).not.toContain("pull_request_target");
        expect(workflow.permissions).toBeDefined();
        expect(JSON.stringify(workflow.permissions)).not.toMatch(/write-all|read-all/);
    });

    it.each(FILES)("GIVEN %s WHEN checking out THEN the token is never persisted in the checkout", (file) => {
        for (const step of allSteps(load(file).workflow).filter((s) => s.uses?.startsWith("actions/checkout@"))) {
            expect(step.with?.["persist-credentials"]).toBe(false);
        }
    });
});

describe("plan-preview.yml (runs the pull request's code)", () => {
    const { text, workflow } = load("plan-preview.yml");
    const [job] = Object.values(workflow.jobs);

    it("GIVEN its trigger and permissions WHEN read THEN it runs on pull_request with a read-only token and no secrets", () => {
        expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
        expect(workflow.permissions).toEqual({ contents: "read" });
        expect(Object.values(workflow.jobs).every((j) => j.permissions === undefined)).toBe(true);
        expect(text).not.toMatch(/secrets\./);
        expect(text).not.toMatch(/github-token|GITHUB_TOKEN/);
    });

    it("GIVEN its checkouts WHEN read THEN it checks out the pull request and the base in two directories", () => {
        const checkouts = job!.steps.filter((s) => s.uses?.startsWith("actions/checkout@"));
        expect(checkouts.map((s) => s.with?.path).sort()).toEqual(["base", "head"]);
        expect(checkouts.find((s) => s.with?.path === "base")!.with!.ref).toBe("${{ github.event.pull_request.base.sha }}");
    });

    it("GIVEN its steps WHEN read THEN it installs both trees, plans the base with --out and the head with --diff, and uploads the reports and the PR number", () => {
        const installs = job!.steps.filter((s) => s.run?.trim() === "npm ci --no-audit --no-fund");
        expect(installs.map((s) => s["working-directory"]).sort()).toEqual(["base", "head"]);
        const plan = job!.steps.find((s) => s.id === "plan")!;
        expect(plan.run).toMatch(/cd base && npm run --silent plan -- --stack "\$stack" "\$\{settings\[@\]\}" --out "\$base_out"/);
        expect(plan.run).toMatch(/cd head && npm run --silent plan -- --stack "\$stack" "\$\{settings\[@\]\}" --out "\$head_out" --diff "\$base_out"/);
        // The policy pack runs over the pull request's plan; its verdict goes under the diff, and a
        // mandatory violation fails the run.
        expect(plan.run).toMatch(/cd head && npm run --silent plan -- --stack "\$stack" "\$\{settings\[@\]\}" --policy\) > "\$PLANS_DIR\/policy-\$stack\.log"/);
        expect(plan.run).toContain('echo "#### Policy pack"');
        // The same user settings the tests plan the shipped stacks with.
        for (const [stack, assignments] of Object.entries(USER_SETTINGS)) {
            const flags = assignments.map((a) => `--config '${a}'`).join(" ");
            expect(plan.run).toContain(`if [[ "$stack" == ${stack} ]]; then settings=(${flags}); fi`);
        }
        expect(plan.run).toContain("for file in head/stacks/Pulumi.*.yaml");
        expect(plan.run).toContain('[[ ! "$stack" =~ ^[A-Za-z0-9_.-]+$ ]]');
        expect(plan.run).toContain('> "$ARTIFACT_DIR/pr-number"');
        expect(plan.env).toMatchObject({ PR_NUMBER: "${{ github.event.pull_request.number }}" });
        const upload = job!.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
        expect(upload.with).toMatchObject({ name: "plan-preview", path: "${{ runner.temp }}/plan-preview/" });
        expect(plan.env!.ARTIFACT_DIR).toBe("${{ runner.temp }}/plan-preview");
    });
});

describe("plan-comment.yml (may comment; must not trust the artifact)", () => {
    const { text, workflow } = load("plan-comment.yml");
    const job = workflow.jobs.comment!;
    const script = String(job.steps.find((s) => s.uses?.startsWith("actions/github-script@"))!.with!.script);

    it("GIVEN its trigger WHEN read THEN it runs on completion of the preview workflow, for pull_request runs only", () => {
        // workflow_call: users' repositories call it from their own workflow_run workflow, whose event it then reads.
        expect(workflow.on).toEqual({ workflow_run: { workflows: [load("plan-preview.yml").workflow.name], types: ["completed"] }, workflow_call: {} });
        expect(job.if).toContain("github.event.workflow_run.event == 'pull_request'");
    });

    it("GIVEN its permissions WHEN read THEN nothing at the top, and the job may only read artifacts and write pull-request comments", () => {
        expect(workflow.permissions).toEqual({});
        expect(job.permissions).toEqual({ actions: "read", "pull-requests": "write" });
        expect(text).not.toMatch(/secrets\./);
    });

    it("GIVEN its steps WHEN read THEN it neither checks out nor runs anything: download the artifact, then a script", () => {
        expect(Object.keys(workflow.jobs)).toEqual(["comment"]);
        expect(job.steps.map((s) => s.uses?.replace(/@.*/, ""))).toEqual(["actions/download-artifact", "actions/github-script"]);
        expect(job.steps.some((s) => s.run !== undefined)).toBe(false);
        expect(text).not.toMatch(/actions\/checkout|npm |npx |node /);
        expect(job.steps[0]!.with).toMatchObject({ name: "plan-preview", "run-id": "${{ github.event.workflow_run.id }}" });
    });

    it("GIVEN the script WHEN read THEN artifact data is only read as text: no expressions, no eval, no processes", () => {
        expect(script).not.toContain("${{");
        expect(script).not.toMatch(/child_process|exec\(|execSync|spawn|eval\(|new Function|require\(\s*(?!"(fs|path)")/);
        expect(script).toContain("process.env.REPORT_DIR");
        expect(script).toContain("lstatSync(file).isFile()");
    });

    it("GIVEN the script WHEN read THEN the PR number must be an integer whose PR head is the commit the preview planned", () => {
        expect(script).toContain("/^[1-9][0-9]{0,9}$/.test(numberText)");
        expect(script).toContain("pr.head.sha !== run.head_sha");
        expect(script).toContain("context.payload.workflow_run");
    });

    it("GIVEN the script WHEN it names comments THEN it uses the same hidden marker as the report, first line, one comment per stack", () => {
        const template = /const marker = `([^`]*)\$\{stack\}([^`]*)`;/.exec(script);
        expect(template).not.toBeNull();
        for (const stack of shippedStacks()) {
            expect(`${template![1]}${stack}${template![2]}`).toBe(diffMarker(stack));
        }
        expect(script).toContain("c.body.startsWith(`${marker}\\n`)");
        expect(script).toContain("updateComment");
        expect(script).toContain("createComment");
        expect(script).toContain("/^[A-Za-z0-9_.-]{1,100}\\.md$/");
    });
});

describe("pulumi-preview.yml (real credentials)", () => {
    const { workflow } = load("pulumi-preview.yml");
    const FORK_GUARD = "github.event.pull_request.head.repo.full_name == github.repository";

    it("GIVEN its trigger WHEN read THEN every job is guarded against fork pull requests", () => {
        expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
        for (const [name, job] of Object.entries(workflow.jobs)) {
            expect(job.if, name).toContain(FORK_GUARD);
        }
    });

    it("GIVEN the credential check WHEN read THEN secrets are only compared in env (never in if:) and every later step waits for it", () => {
        const preview = workflow.jobs.preview!;
        const check = preview.steps[0]!;
        expect(check.id).toBe("check");
        const { STACK, ...secrets } = check.env!;
        expect(STACK).toBe("${{ matrix.stack }}");
        expect(Object.values(secrets).every((v) => /^\$\{\{ secrets\.[A-Z_]+ != '' \}\}$/.test(v))).toBe(true);
        for (const job of Object.values(workflow.jobs)) {
            expect(job.if ?? "").not.toContain("secrets.");
            for (const step of job.steps) expect(step.if ?? "").not.toContain("secrets.");
        }
        for (const step of preview.steps.slice(1)) expect(step.if, step.name).toMatch(/^steps\.check\.outputs\.enabled == 'true'/);
        expect(preview.strategy!.matrix!.stack).toEqual(
            shippedStacks().sort((a, b) => ["existing", "aws", "alicloud"].indexOf(a) - ["existing", "aws", "alicloud"].indexOf(b)),
        );
        for (const stack of shippedStacks()) expect(check.run).toContain(`${stack}) [ "$HAS_`);
    });

    it("GIVEN its jobs WHEN read THEN each that sees secrets runs in the protected preview environment", () => {
        for (const job of Object.values(workflow.jobs) as (Job & { environment?: unknown })[]) {
            expect(job.environment).toBe("preview");
        }
    });

    it("GIVEN the preview step WHEN read THEN pulumi/actions previews the matrix stack and comments on the PR, with the token from secrets", () => {
        const step = workflow.jobs.preview!.steps.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
        expect(step.with).toMatchObject({ command: "preview", "comment-on-pr": true, "work-dir": "." });
        expect(String(step.with!["stack-name"])).toContain("matrix.stack");
        expect(step.env).toEqual({ PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}" });
        expect(workflow.jobs.preview!.permissions).toEqual({ contents: "read", "pull-requests": "write", "id-token": "write" });
        expect(workflow.permissions).toEqual({ contents: "read" });
    });
});

describe("ci.yml (the project's checks on pushes and pull requests)", () => {
    const { workflow } = load("ci.yml");

    it("GIVEN its triggers and permissions WHEN read THEN it runs on pushes to main and on pull requests, read-only", () => {
        expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
        expect(workflow.on.push).toEqual({ branches: ["main"] });
        expect(workflow.permissions).toEqual({ contents: "read" });
        for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeUndefined();
    });

    it("GIVEN its steps WHEN read THEN every action is pinned by a full commit SHA and the checkout keeps no token", () => {
        const actions = allSteps(workflow).filter((s) => s.uses !== undefined);
        expect(actions.length).toBeGreaterThan(0);
        for (const step of actions) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
        expect(actions.find((s) => s.uses!.startsWith("actions/checkout@"))!.with).toMatchObject({ "persist-credentials": false });
    });

    it("GIVEN its steps WHEN read THEN it runs .ci/run (which installs the Debian packages and calls npm test) with CI set", () => {
        const run = allSteps(workflow).filter((s) => s.run !== undefined);
        expect(run.map((s) => s.run!.trim())).toEqual([".ci/run"]);
        expect(run[0]!.env).toEqual({ CI: "true" });
        expect(fs.readFileSync(path.join(PROJECT_ROOT, ".ci", "run"), "utf8")).toMatch(/^npm test /m);
    });
});

describe("plan-preview-program.yml (reusable: a user's program, runs the pull request's code)", () => {
    const { workflow } = load("plan-preview-program.yml");
    const steps = allSteps(workflow);
    const plan = steps.find((s) => s.id === "plan")!;

    it("GIVEN its trigger WHEN read THEN only workflow_call, with the project directory and stacks as inputs, and a read-only token", () => {
        expect(Object.keys(workflow.on)).toEqual(["workflow_call"]);
        expect(Object.keys(workflow.on.workflow_call.inputs).sort()).toEqual(["node-version", "stacks", "working-directory"]);
        expect(workflow.permissions).toEqual({ contents: "read" });
    });

    it("GIVEN its plan step WHEN read THEN inputs arrive through env, the path is checked, and base and head are planned with serverless-spark plan", () => {
        expect(plan.env).toMatchObject({ PROJECT_DIR: "${{ inputs.working-directory }}", STACKS: "${{ inputs.stacks }}" });
        expect(plan.run).toContain('"$PROJECT_DIR" == *..*');
        expect(plan.run).toMatch(/serverless-spark plan --stack "\$stack" --out "\$PLANS_DIR\/base-\$stack"/);
        expect(plan.run).toMatch(/--diff "\$PLANS_DIR\/base-\$stack"/);
        expect(plan.run).toContain("--policy");
    });

    it("GIVEN its upload WHEN read THEN the artifact has the name plan-comment.yml downloads", () => {
        const comment = load("plan-comment.yml").workflow.jobs.comment!.steps.find((s) => s.uses?.startsWith("actions/download-artifact@"))!;
        const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
        expect(upload.with!.name).toBe(comment.with!.name);
    });
});

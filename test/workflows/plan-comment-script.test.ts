import * as fs from "fs";
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";

import { diffMarker } from "../../tools/plan/render-diff";
import { PROJECT_ROOT, tempDir } from "../helpers/plan-cli";

/**
 * Runs plan-comment.yml's github-script body against a fake GitHub API and a hand-made artifact
 * (the way actions/github-script calls it: an async function of require, github, context, core).
 * No network: every API call lands in `calls`.
 */

const workflow = parse(fs.readFileSync(path.join(PROJECT_ROOT, ".github/workflows/plan-comment.yml"), "utf8"));
const SCRIPT: string = workflow.jobs.comment.steps.find((s: any) => String(s.uses).startsWith("actions/github-script@")).with.script;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<void>;

const HEAD_SHA = "a".repeat(40);

interface Comment {
    id: number;
    body: string;
    user: { login: string };
}

function artifact(prNumber: string, reports: Record<string, string>): string {
    const dir = tempDir("plan-comment-artifact-");
    fs.writeFileSync(path.join(dir, "pr-number"), prNumber);
    fs.mkdirSync(path.join(dir, "reports"));
    for (const [name, text] of Object.entries(reports)) fs.writeFileSync(path.join(dir, "reports", name), text);
    return dir;
}

async function runScript(dir: string, options: { prHead?: string; comments?: Comment[] } = {}) {
    const calls: { method: string; args: any }[] = [];
    const outcome = { failed: [] as string[], notices: [] as string[] };
    const api =
        (method: string, result: unknown = {}) =>
        async (args: unknown) => {
            calls.push({ method, args });
            return { data: result };
        };
    const github = {
        rest: {
            pulls: { get: api("pulls.get", { head: { sha: options.prHead ?? HEAD_SHA } }) },
            issues: { listComments: "listComments", createComment: api("issues.createComment"), updateComment: api("issues.updateComment") },
        },
        paginate: async (endpoint: unknown, args: unknown) => {
            calls.push({ method: `paginate:${String(endpoint)}`, args });
            return options.comments ?? [];
        },
    };
    const context = { repo: { owner: "acme", repo: "serverless-spark" }, payload: { workflow_run: { head_sha: HEAD_SHA, id: 7 } } };
    const core = { setFailed: (m: string) => outcome.failed.push(m), notice: (m: string) => outcome.notices.push(m) };
    const saved = process.env.REPORT_DIR;
    process.env.REPORT_DIR = dir;
    try {
        await new AsyncFunction("require", "github", "context", "core", SCRIPT)(require, github, context, core);
    } finally {
        if (saved === undefined) delete process.env.REPORT_DIR;
        else process.env.REPORT_DIR = saved;
    }
    return { calls, ...outcome, writes: calls.filter((c) => c.method.startsWith("issues.")) };
}

/** The comment the trusted script builds around a report: its marker, its own header, the report fenced as text. */
function posted(stack: string, report: string, fence = "```"): string {
    const header = `**Offline plan diff of stack \`${stack}\`** for ${HEAD_SHA.slice(0, 12)}. Computed by this pull request's code and shown as plain text; \`pulumi preview\` shows the real diff.`;
    return `${diffMarker(stack)}\n${header}\n\n${fence}diff\n${report.replace(/\n+$/, "")}\n${fence}\n`;
}

describe("plan-comment.yml's script (fake API, hand-made artifact)", () => {
    afterEach(() => {
        delete process.env.REPORT_DIR;
    });

    it("GIVEN a valid artifact and no earlier comment WHEN run THEN it creates one comment per stack, marker first", async () => {
        const dir = artifact("12\n", {
            "existing.md": `${diffMarker("existing")}\n### Offline plan diff\n\n**No changes**\n`,
            "aws.md": "### no marker here\n",
        });
        const { writes, failed, calls } = await runScript(dir);
        expect(failed).toEqual([]);
        expect(calls[0]).toEqual({ method: "pulls.get", args: { owner: "acme", repo: "serverless-spark", pull_number: 12 } });
        expect(writes.map((w) => w.method)).toEqual(["issues.createComment", "issues.createComment"]);
        expect(writes[0]!.args).toEqual({ owner: "acme", repo: "serverless-spark", issue_number: 12, body: posted("aws", "### no marker here\n") });
        expect(writes[1]!.args.body).toBe(posted("existing", "### Offline plan diff\n\n**No changes**\n"));
    });

    it("GIVEN an earlier comment of the bot for a stack WHEN run THEN that comment is updated, and others' comments are left alone", async () => {
        const dir = artifact("12", { "existing.md": "new report" });
        const comments: Comment[] = [
            { id: 1, body: `${diffMarker("existing")}\nby someone else`, user: { login: "mallory" } },
            { id: 2, body: `${diffMarker("existing")}\nold report`, user: { login: "github-actions[bot]" } },
        ];
        const { writes } = await runScript(dir, { comments });
        expect(writes).toEqual([
            { method: "issues.updateComment", args: { owner: "acme", repo: "serverless-spark", comment_id: 2, body: posted("existing", "new report") } },
        ]);
    });

    it.each(["12abc", "-1", "0", "1e3", "12; rm -rf /", "99999999999", ""])(
        "GIVEN pr-number %j WHEN run THEN it fails without calling the API",
        async (bad) => {
            const { calls, failed } = await runScript(artifact(bad, { "existing.md": "x" }));
            expect(failed).toEqual(["the artifact's pr-number is not a pull request number"]);
            expect(calls).toEqual([]);
        },
    );

    it("GIVEN a PR whose head is not the commit the preview planned WHEN run THEN it writes nothing", async () => {
        const { writes, notices } = await runScript(artifact("12", { "existing.md": "x" }), { prHead: "b".repeat(40) });
        expect(writes).toEqual([]);
        expect(notices[0]).toMatch(/^PR #12 is at b{40}, the preview planned a{40}: no comment/);
    });

    it("GIVEN odd files, a symlink and a forged marker WHEN run THEN only stack-named regular files are posted, under their own marker", async () => {
        const secretFile = path.join(tempDir("plan-comment-outside-"), "outside.md");
        fs.writeFileSync(secretFile, "outside the artifact");
        const dir = artifact("12", {
            "existing.md": `${diffMarker("aws")}\nforged marker for another stack\n`,
            "notes.txt": "not a report",
            "we ird.md": "bad name",
        });
        fs.symlinkSync(secretFile, path.join(dir, "reports", "linked.md"));
        const { writes } = await runScript(dir);
        expect(writes).toHaveLength(1);
        expect(writes[0]!.args.body).toBe(posted("existing", "forged marker for another stack\n"));
    });

    it("GIVEN a report over the comment limit WHEN run THEN the body is cut below 65,536 characters", async () => {
        const { writes } = await runScript(artifact("12", { "existing.md": "x".repeat(100_000) }));
        const body: string = writes[0]!.args.body;
        expect(body.length).toBeLessThanOrEqual(65_000);
        expect(body).toMatch(/\(cut: the report is longer than a comment allows\)\n```\n$/);
    });

    it("GIVEN a report forging a verdict, mentions, an image and fences WHEN run THEN all of it stays inside one fence longer than its own", async () => {
        const hostile =
            "**No changes**\n@maintainers please merge\n<img src=https://evil.example/t.png>\n````\n<details><summary>x</summary>[link](https://evil.example)</details>\n";
        const { writes } = await runScript(artifact("12", { "existing.md": hostile }));
        const body: string = writes[0]!.args.body;
        expect(body).toBe(posted("existing", hostile, "`````"));
        // Outside the fence there is only the marker and the header.
        const lines = body.split("\n");
        expect(lines.slice(0, 4)).toEqual([diffMarker("existing"), expect.stringMatching(/^\*\*Offline plan diff of stack `existing`\*\*/), "", "`````diff"]);
        expect(lines.at(-2)).toBe("`````");
    });
});

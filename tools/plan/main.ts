import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";

import { InputError } from "../../components/errors";
import { hintForEncryptedKey, hintForScalarOverride } from "./config-hints";
import { diffPlans, readPlanDir, snapshotOf } from "./diff";
import { prepareStack, runStackPlan } from "./plan-stack";
import { formatPass, formatViolations, PolicyRun, policyRunFailed, readPolicyConfig, runPolicies } from "./policy";
import { checkOutDir, renderSummary, writePlan } from "./render";
import { renderDiff } from "./render-diff";
import { ConfigEdit } from "./stack-config";

/** The usage line, after the command that runs the plan. */
const OPTIONS =
    "(--stack NAME | --stack-file PATH) [--config key=value]... [--secret key=value]... [--unset key]... [--out DIR] [--diff BASE_DIR] [--policy [--policy-config FILE]]";

/** Where the plan writes: `process.stdout`/`process.stderr` from the command line, buffers in tests. */
export interface PlanIo {
    stdout: { write(text: string): unknown };
    stderr: { write(text: string): unknown };
}

/** Which project the plan runs, and how the command is named in its messages. */
export interface PlanCommand {
    /** The directory holding `Pulumi.yaml`. @default this repository (`npm run plan`) */
    projectRoot?: string;
    /** The command as the user typed it, for the usage line. @default "npm run plan --" */
    name?: string;
    /** Loads the program module. @default a dynamic `import` (under tsx and under vitest alike) */
    loadProgram?: (programPath: string) => unknown;
}

/**
 * The offline plan: runs the project's Pulumi program under the SDK's mock runtime with a stack's
 * config, prints the resource tree, and with `--out` writes `resources.json` and `manifests/`.
 * No credentials, no network, no Pulumi CLI. Never throws: a user mistake is one `error:` line on
 * stderr and exit code 1; anything else is reported as internal, with its stack.
 * `npm run plan` plans this repository's stacks; `serverless-spark plan` (bin/) plans the user's
 * project through this same function, with `command` naming it.
 * @param argv the arguments after `npm run plan --` (or `serverless-spark plan`)
 * @returns the process exit code
 */
export async function main(argv: string[], io: PlanIo, command: PlanCommand = {}): Promise<number> {
    const usage = `${command.name ?? "npm run plan --"} ${OPTIONS}`;
    const context: ErrorContext = { edits: [], encryptedKeys: [], project: "" };
    try {
        const args = parseCommandLine(argv, usage);
        context.edits = args.edits;
        return await plan(args, io, command, context);
    } catch (err) {
        return reportError(err, io, context);
    }
}

/** What an error line's hints need to know about the run. */
interface ErrorContext {
    edits: ConfigEdit[];
    /** Keys whose encrypted value the plan replaced with a placeholder. */
    encryptedKeys: string[];
    project: string;
}

async function plan(args: CommandLine, io: PlanIo, command: PlanCommand, context: ErrorContext): Promise<number> {
    const projectRoot = command.projectRoot ?? path.resolve(__dirname, "..", "..");
    const prepared = prepareStack({ projectRoot, stack: args.stack, stackFile: args.stackFile, edits: args.edits });
    const { project, stack } = prepared;
    context.encryptedKeys = prepared.encryptedKeys;
    context.project = project.name;
    if (args.out !== undefined) checkOutDir(args.out);
    // Read before the program runs (and before --out may overwrite the same directory).
    const base = args.diff !== undefined ? readPlanDir(args.diff, "--diff") : undefined;
    const policyConfig = args.policyConfig !== undefined ? readPolicyConfig(args.policyConfig) : {};

    const { plan, elapsedMs } = await runStackPlan(prepared, { projectRoot, loadProgram: command.loadProgram });
    const policyRun = args.policy ? runPolicies(plan, policyConfig) : undefined;

    let written = "";
    if (args.out !== undefined) {
        const { manifests } = writePlan(plan, args.out);
        written = `\nWrote ${path.join(args.out, "resources.json")} (${plan.resources.length} resources) and ${manifests} manifests to ${path.join(args.out, "manifests")}/`;
    }
    if (base !== undefined) {
        // --diff: stdout is the Markdown report alone (and DIR/diff.md with --out); notes go to stderr.
        const report = renderDiff(diffPlans(base, snapshotOf(plan)), { stack, project: project.name });
        if (args.out !== undefined) fs.writeFileSync(path.join(args.out, "diff.md"), report);
        io.stdout.write(report);
        if (args.out !== undefined) io.stderr.write(`${written.trim()}, and ${path.join(args.out, "diff.md")}\n`);
        return reportPolicies(policyRun, io.stderr, io);
    }
    if (args.out !== undefined) fs.rmSync(path.join(args.out, "diff.md"), { force: true });
    io.stdout.write(`${renderSummary(plan, stack, project.name)}\n${written}\nProgram ran in ${elapsedMs.toFixed(0)} ms.\n`);
    return reportPolicies(policyRun, io.stdout, io);
}

/** `--policy`: violations of mandatory policies on stderr and exit 1; else one line on `out`. */
function reportPolicies(run: PolicyRun | undefined, out: PlanIo["stdout"], io: PlanIo): number {
    if (run === undefined) return 0;
    const lines = formatViolations(run);
    if (!policyRunFailed(run)) {
        out.write([...lines, formatPass(run)].join("\n") + "\n");
        return 0;
    }
    const failed = run.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    io.stderr.write(
        `${lines.join("\n")}\nerror: policy: ${failed} violation${failed === 1 ? "" : "s"} of mandatory policies (${run.policies} policies on ${run.resources} resources)\n`,
    );
    return 1;
}

interface CommandLine {
    stack?: string;
    stackFile?: string;
    /** `--config key=value` and `--unset key`, in command-line order (a later one wins). */
    edits: ConfigEdit[];
    out?: string;
    /** A plan directory written earlier with `--out`: print a Markdown report of the changes since. */
    diff?: string;
    /** Run the policy pack's rules over the plan; exit 1 on a violation of a mandatory policy. */
    policy: boolean;
    /** A policy config file (`pulumi preview --policy-pack-config` format). */
    policyConfig?: string;
}

function parseCommandLine(argv: string[], usage: string): CommandLine {
    let values;
    let tokens;
    try {
        ({ values, tokens } = parseArgs({
            args: argv,
            options: {
                stack: { type: "string" },
                "stack-file": { type: "string" },
                config: { type: "string", multiple: true },
                secret: { type: "string", multiple: true },
                unset: { type: "string", multiple: true },
                out: { type: "string" },
                diff: { type: "string" },
                policy: { type: "boolean" },
                "policy-config": { type: "string" },
            },
            strict: true,
            allowPositionals: false,
            tokens: true,
        }));
    } catch (err) {
        throw new InputError("arguments", (err as Error).message.split("\n")[0]!.replace(/\.$/, ""), usage);
    }
    if ((values.stack === undefined) === (values["stack-file"] === undefined)) {
        throw new InputError("arguments", "give exactly one of --stack and --stack-file", usage);
    }
    if (values.out !== undefined && values.out.trim() === "") {
        throw new InputError("--out", "got an empty path", "a directory to write the plan to");
    }
    if (values["policy-config"] !== undefined && values.policy !== true) {
        throw new InputError("--policy-config", "given without --policy", "--policy --policy-config FILE");
    }
    return {
        stack: values.stack,
        stackFile: values["stack-file"],
        edits: tokens.flatMap((t): ConfigEdit[] =>
            t.kind !== "option" || t.value === undefined
                ? []
                : t.name === "config"
                  ? [{ kind: "set", text: t.value }]
                  : t.name === "secret"
                    ? [{ kind: "set", text: t.value, secret: true }]
                    : t.name === "unset"
                      ? [{ kind: "unset", key: t.value }]
                      : [],
        ),
        out: values.out,
        diff: values.diff,
        policy: values.policy === true,
        policyConfig: values["policy-config"],
    };
}

/**
 * User mistakes (ours or the program's) are one line, with a hint when a `--config` value was read
 * as a number where text was wanted; anything else is a bug and keeps its trace.
 */
function reportError(err: unknown, io: PlanIo, context: ErrorContext): number {
    const message = err instanceof Error ? err.message : String(err);
    const isUserError =
        err instanceof InputError || (err instanceof Error && (err.name === "InputError" || err.name === "RunError" || err.constructor?.name === "RunError"));
    if (isUserError) {
        const line = message.split("\n")[0]!;
        const hint = hintForEncryptedKey(line, context.encryptedKeys, context.project) || hintForScalarOverride(line, context.edits);
        io.stderr.write(`error: ${line}${hint}\n`);
    } else {
        io.stderr.write(`error: internal: ${err instanceof Error && err.stack ? err.stack : message}\n`);
    }
    return 1;
}

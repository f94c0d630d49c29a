import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { parse as parseYaml } from "yaml";
import { InputError } from "../../components/errors";
import { runProgram, startMockRuntime } from "./mock-runtime";
// Placeholder outputs for AWS resource types (ids, ARNs, endpoints); loads no cloud SDK.
import "./mock-outputs-aws";
import { buildPlan } from "./plan-model";
import { renderSummary, writePlan } from "./render";
import { applyOverride, readStackFile, stackFileFor, toEngineConfig } from "./stack-config";

const USAGE = "npm run plan -- (--stack NAME | --stack-file PATH) [--config key=value]... [--out DIR]";

/**
 * The offline plan: runs the project's Pulumi program under the SDK's mock runtime with a stack's
 * config, prints the resource tree, and with `--out` writes `resources.json` and `manifests/`.
 * No credentials, no network, no Pulumi CLI.
 */
async function main(argv: string[]): Promise<number> {
    const args = parseCommandLine(argv);
    const projectRoot = path.resolve(__dirname, "..", "..");
    const project = readProjectFile(projectRoot);

    const stackFile = args.stackFile ?? stackFileFor(projectRoot, args.stack!);
    const stack = args.stack ?? /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(stackFile))?.[1] ?? "dev";
    const config = readStackFile(stackFile, args.stackFile ? "--stack-file" : "--stack");
    for (const assignment of args.config) {
        applyOverride(config, assignment, project.name);
    }

    const started = process.hrtime.bigint();
    const runtime = await startMockRuntime({ project: project.name, stack, config: toEngineConfig(config) });
    const programPath = path.resolve(projectRoot, project.main);
    await runProgram(runtime, () => require(programPath));
    const plan = buildPlan(runtime.registrations, runtime.componentOutputs);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

    let written = "";
    if (args.out !== undefined) {
        const { manifests } = writePlan(plan, args.out);
        written = `\nWrote ${path.join(args.out, "resources.json")} (${plan.resources.length} resources) and ${manifests} manifests to ${path.join(args.out, "manifests")}/`;
    }
    process.stdout.write(`${renderSummary(plan, stack, project.name)}\n${written}\nProgram ran in ${elapsedMs.toFixed(0)} ms.\n`);
    return 0;
}

interface CommandLine {
    stack?: string;
    stackFile?: string;
    config: string[];
    out?: string;
}

function parseCommandLine(argv: string[]): CommandLine {
    let values;
    try {
        ({ values } = parseArgs({
            args: argv,
            options: {
                stack: { type: "string" },
                "stack-file": { type: "string" },
                config: { type: "string", multiple: true },
                out: { type: "string" },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (err) {
        throw new InputError("arguments", (err as Error).message.split("\n")[0]!.replace(/\.$/, ""), USAGE);
    }
    if ((values.stack === undefined) === (values["stack-file"] === undefined)) {
        throw new InputError("arguments", "give exactly one of --stack and --stack-file", USAGE);
    }
    if (values.out !== undefined && values.out.trim() === "") {
        throw new InputError("--out", "got an empty path", "a directory to write the plan to");
    }
    return { stack: values.stack, stackFile: values["stack-file"], config: values.config ?? [], out: values.out };
}

function readProjectFile(projectRoot: string): { name: string; main: string } {
    const doc = parseYaml(fs.readFileSync(path.join(projectRoot, "Pulumi.yaml"), "utf8")) as { name: string; main?: string };
    return { name: doc.name, main: doc.main ?? "index.ts" };
}

/** User mistakes (ours or the program's) are one line; anything else is a bug and keeps its trace. */
function reportError(err: unknown): number {
    const message = err instanceof Error ? err.message : String(err);
    const isUserError =
        err instanceof InputError || (err instanceof Error && (err.name === "RunError" || err.constructor?.name === "RunError"));
    if (isUserError) {
        process.stderr.write(`error: ${message.split("\n")[0]}\n`);
    } else {
        process.stderr.write(`error: internal: ${err instanceof Error && err.stack ? err.stack : message}\n`);
    }
    return 1;
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => process.exit(reportError(err)),
);

import { InputError } from "../../components/errors";
import { main as plan, PlanIo } from "./main";
import { findProjectRoot } from "./project";

/**
 * `serverless-spark`, the package's command (bin/serverless-spark.ts runs it). `serverless-spark plan` is the offline plan of the
 * user's own Pulumi program: the project in the current directory (its Pulumi.yaml `main` and
 * `stackConfigDir`), run under the Pulumi SDK's mock runtime by the same code as `npm run plan`.
 */

const USAGE = "serverless-spark plan (--stack NAME | --stack-file PATH) [options]; serverless-spark plan --help lists them";

const HELP = `Usage: serverless-spark plan (--stack NAME | --stack-file PATH) [options]

Plans the Pulumi program of the project in the current directory (Pulumi.yaml, its main and
stackConfigDir) under Pulumi's mock runtime: no Pulumi CLI, credentials, cluster or network.

  --stack NAME            read Pulumi.NAME.yaml from the project's stackConfigDir
  --stack-file PATH       read a stack file from anywhere
  --config key=value      override a key (repeatable); the value is JSON when it parses as JSON,
                          so quote text that looks like a number: 'cluster.version="1.36"'
  --unset key             remove a key the stack file sets, so its default applies (repeatable)
  --out DIR               write DIR/resources.json, DIR/jobs.json, DIR/platform-cost.json and DIR/manifests/
  --diff BASE_DIR         print a Markdown report of the changes since the plan in BASE_DIR
  --policy                run the policy pack's rules over the plan
  --policy-config FILE    with --policy: a policy config (pulumi preview --policy-pack-config format)
`;

/**
 * Runs the command line and returns the exit code; never throws.
 * @param argv the arguments after `serverless-spark`
 * @param cwd where the command runs: the project directory, or one below it
 */
export async function run(argv: string[], io: PlanIo, cwd: string, loadProgram?: (programPath: string) => unknown): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "plan" && (rest.includes("--help") || rest.includes("-h"))) {
        io.stdout.write(HELP);
        return 0;
    }
    if (command === "--help" || command === "-h" || command === "help") {
        io.stdout.write(HELP);
        return 0;
    }
    if (command !== "plan") {
        io.stderr.write(`error: arguments: ${command === undefined ? "no command" : `unknown command ${JSON.stringify(command)}`}, expected ${USAGE}\n`);
        return 1;
    }
    let projectRoot: string;
    try {
        projectRoot = findProjectRoot(cwd);
    } catch (err) {
        io.stderr.write(`error: ${(err as InputError).message}\n`);
        return 1;
    }
    return plan(rest, io, { projectRoot, name: "serverless-spark plan", loadProgram: loadProgram ?? loadWithTypeScript });
}

/**
 * Loads the user's program as Pulumi's Node.js runtime would, TypeScript included: tsx's require
 * hook compiles `.ts` files (and leaves `.js` alone) without a type check, like Pulumi's default.
 */
function loadWithTypeScript(programPath: string): unknown {
    // Loaded here, not at the top: only a plan needs it, and `--help` stays fast.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require("tsx/cjs/api") as { register: () => unknown }).register();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(programPath);
}

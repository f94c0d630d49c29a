#!/usr/bin/env node
import { run } from "../tools/plan/command";

// `npx serverless-spark ...`: the package's command (see tools/plan/command.ts). process.exit, not
// process.exitCode: the Pulumi SDK can leave handles open after the program has run.
run(process.argv.slice(2), process, process.cwd()).then((code) => process.exit(code));

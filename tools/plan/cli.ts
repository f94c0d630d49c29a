import { main } from "./main";

// `npm run plan -- ...`: the offline plan as a command (see ./main.ts). process.exit, not
// process.exitCode: the Pulumi SDK can leave handles open after the program has run.
main(process.argv.slice(2), process).then((code) => process.exit(code));

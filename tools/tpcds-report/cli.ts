import { main } from "./main";

// `npm run tpcds:report -- <results>`: the TPC-DS report as a command (see ./main.ts). process.exit,
// as the plan's shell does: the Pulumi SDK the sample's module loads can leave handles open.
process.exit(main(process.argv.slice(2), process));

import * as pulumi from "@pulumi/pulumi";

import { InputError } from "../components";
import { runProgram } from "./program";

// Pulumi runs an exported function and uses its result as the stack outputs. A user mistake is
// re-raised as a RunError, which Pulumi prints as one line without a stack trace.
export = async () => {
    try {
        return await runProgram();
    } catch (err) {
        if (err instanceof InputError) {
            throw new pulumi.RunError(err.message);
        }
        throw err;
    }
};

import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, StackConfig, parseStackConfig } from "./validate";

/** Reads this project's keys from the config the engine (or the offline plan) passed in. */
export function readStackConfig(): StackConfig {
    const prefix = `${CONFIG_NAMESPACE}:`;
    const raw: Record<string, string> = {};
    for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
        if (key.startsWith(prefix)) {
            raw[key.slice(prefix.length)] = value;
        }
    }
    return parseStackConfig(raw);
}

import * as pulumi from "@pulumi/pulumi";

import { CONFIG_NAMESPACE, parseStackConfig, StackConfig } from "./validate";

/** Reads this project's keys from the config the engine (or the offline plan) passed in. */
export function readStackConfig(): StackConfig {
    const prefix = `${CONFIG_NAMESPACE}:`;
    const raw: Record<string, string> = {};
    const all = pulumi.runtime.allConfig();
    for (const [key, value] of Object.entries(all)) {
        if (key.startsWith(prefix)) {
            raw[key.slice(prefix.length)] = value;
        }
    }
    return parseStackConfig(raw, all);
}

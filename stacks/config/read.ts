import * as pulumi from "@pulumi/pulumi";

import { CONFIG_NAMESPACE, decodeStackConfig, parseStackConfig, StackConfig } from "../../components";

/** The stack's config: checked (every rule, before anything is declared) and as the component's arguments. */
export interface StackSettings {
    /** The checked config, with defaults. */
    config: StackConfig;
    /** The project's keys as values (what the top-level component takes), without `cloud`. */
    args: Record<string, unknown>;
}

/** Reads this project's keys from the config the engine (or the offline plan) passed in. */
export function readStackConfig(): StackSettings {
    const prefix = `${CONFIG_NAMESPACE}:`;
    const raw: Record<string, string> = {};
    const all = pulumi.runtime.allConfig();
    for (const [key, value] of Object.entries(all)) {
        if (key.startsWith(prefix)) {
            raw[key.slice(prefix.length)] = value;
        }
    }
    const config = parseStackConfig(raw, all);
    const { cloud: _cloud, ...args } = decodeStackConfig(raw);
    return { config, args };
}

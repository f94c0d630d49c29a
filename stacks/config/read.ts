import * as pulumi from "@pulumi/pulumi";

import { AIRFLOW_SECRET_KEYS, CONFIG_NAMESPACE, decodeStackConfig, InputError, parseStackConfig, StackConfig } from "../../components";
import { redactSecretError, secretConfigTransformation } from "./secrets";

/** The stack's config: checked (every rule, before anything is declared) and as the component's arguments. */
export interface StackSettings {
    /** The checked config, with defaults. */
    config: StackConfig;
    /** The project's keys as values (what the top-level component takes), without `cloud`. */
    args: Record<string, unknown>;
    /**
     * Makes every resource input that carries a value of a key set with `pulumi config set --secret`
     * a Pulumi secret (see ./secrets.ts); give it to the top-level component. Undefined when no key
     * is secret.
     */
    secretTransformation?: pulumi.ResourceTransformation;
}

/** Reads this project's keys from the config the engine (or the offline plan) passed in. */
export function readStackConfig(): StackSettings {
    const prefix = `${CONFIG_NAMESPACE}:`;
    const raw: Record<string, string> = {};
    const secretKeys = new Set<string>();
    const all = pulumi.runtime.allConfig();
    for (const [key, value] of Object.entries(all)) {
        if (key.startsWith(prefix)) {
            const short = key.slice(prefix.length);
            raw[short] = value;
            if (isConfigSecret(key)) secretKeys.add(short);
        }
    }
    // The secret keys' values as the engine gave them and as the program reads them (JSON decoded).
    const secretValues = [...secretKeys].flatMap((key) => [raw[key]!, decodeLoosely(raw[key]!)]);
    try {
        const config = parseStackConfig(raw, all);
        if (config.airflow.enabled) checkSetAsSecret(Object.values(AIRFLOW_SECRET_KEYS), secretKeys);
        const { cloud: _cloud, ...args } = decodeStackConfig(raw);
        return { config, args, secretTransformation: secretConfigTransformation(secretValues) };
    } catch (err) {
        throw err instanceof InputError ? redactSecretError(err, secretKeys, secretValues) : err;
    }
}

/**
 * Keys that hold credentials must have been set with `pulumi config set --secret`: a plain value sits
 * unencrypted in the stack file (and in its history). The value is never shown.
 */
function checkSetAsSecret(keys: readonly string[], secretKeys: ReadonlySet<string>): void {
    for (const key of keys) {
        if (!secretKeys.has(key)) {
            throw new InputError(key, "is set without --secret, so it is stored in plain text in the stack file", `pulumi config set --secret ${key} <value>`);
        }
    }
}

/**
 * The engine's secret-key list (`PULUMI_CONFIG_SECRET_KEYS`), read through the SDK's
 * `runtime.isConfigSecret` (pulumi/pulumi sdk/nodejs/runtime/config.ts, read 2026-11-29). The SDK
 * exports it at run time but marks it internal, so its type is not published; if a future SDK drops
 * it, the program stops here rather than quietly treating secret config as plain.
 */
function isConfigSecret(key: string): boolean {
    const check = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
    if (typeof check !== "function") {
        throw new Error("@pulumi/pulumi no longer exports runtime.isConfigSecret: secret config cannot be told apart; pin @pulumi/pulumi 3.x");
    }
    return check(key);
}

function decodeLoosely(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

import { createHash } from "crypto";

/**
 * Stable, realistic placeholders for what a cloud would return (ids, ARNs, endpoints). Derived from
 * the resource's type and name only, so two plans of the same config are byte-identical.
 */

/** A short, stable hex digest of the given parts. */
export function stableHex(length: number, ...parts: string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, length);
}

/** A computed-outputs rule for one resource type: returns the extra state a provider would set. */
export type OutputRule = (name: string, inputs: Record<string, any>) => { id?: string; state?: Record<string, unknown> };

const rules = new Map<string, OutputRule>();

/** Registers the placeholder rule for a resource type (cloud modules add theirs). */
export function defineOutputs(type: string, rule: OutputRule): void {
    rules.set(type, rule);
}

/** A data-source rule: the answer a cloud would give to an invoke (data source call) with these inputs. */
export type InvokeRule = (inputs: Record<string, any>) => Record<string, unknown>;

const invokeRules = new Map<string, InvokeRule>();

/** Registers the placeholder answer of a data source by its token (cloud modules add theirs). */
export function defineInvoke(token: string, rule: InvokeRule): void {
    invokeRules.set(token, rule);
}

/** The registered placeholder rule of a data source, if any. */
export function invokeRule(token: string): InvokeRule | undefined {
    return invokeRules.get(token);
}

/** The id and state a mocked resource gets: its inputs plus the type's computed placeholders. */
export function mockResourceState(type: string, name: string, inputs: Record<string, any>): { id: string; state: Record<string, unknown> } {
    const rule = rules.get(type);
    const computed = rule ? rule(name, inputs) : {};
    return {
        id: computed.id ?? defaultId(type, name, inputs),
        state: { ...inputs, ...(computed.state ?? {}) },
    };
}

function defaultId(type: string, name: string, inputs: Record<string, any>): string {
    if (type.startsWith("kubernetes:") && inputs.metadata?.name) {
        // The Kubernetes provider's ids are `namespace/name` (or `name` for cluster-scoped objects).
        const ns = inputs.metadata.namespace;
        return ns ? `${ns}/${inputs.metadata.name}` : String(inputs.metadata.name);
    }
    if (type.startsWith("pulumi:providers:")) {
        const h = stableHex(32, type, name);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    }
    return `${name}-${stableHex(8, type, name)}`;
}

defineOutputs("kubernetes:helm.sh/v3:Release", (name, inputs) => ({
    id: `${inputs.namespace ?? "default"}/${inputs.name ?? name}`,
    state: {
        status: {
            name: inputs.name ?? name,
            namespace: inputs.namespace ?? "default",
            chart: inputs.chart,
            version: inputs.version,
            revision: 1,
            status: "deployed",
        },
    },
}));

/**
 * The rules of `./rules` as Pulumi policies. Kept apart from `index.ts`, which constructs the
 * PolicyPack (the constructor starts the analyzer server), so tests can call `validateResource` and
 * `validateStack` directly.
 */
import type {
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { UnknownValueError } from "@pulumi/policy";

import { ResourceRule, RULES, StackResource, StackRule, UNKNOWN } from "./rules";

/** A resource rule as a policy: the engine calls it once per resource, before it is created or updated. */
export function resourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
    return {
        name: rule.name,
        description: rule.description,
        ...(rule.configSchema ? { configSchema: rule.configSchema as PolicyConfigSchema } : {}),
        // Reading a value that is unknown at preview throws UnknownValueError; the engine then reports
        // "can't run policy during preview" (advisory) and runs the policy again during the update.
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            for (const message of rule.check(args.type, args.props, args.getConfig<Record<string, unknown>>())) {
                reportViolation(message);
            }
        },
    };
}

/** A stack rule as a policy: the engine calls it once with every resource of the stack. */
export function stackPolicy(rule: StackRule): StackValidationPolicy {
    return {
        name: rule.name,
        description: rule.description,
        ...(rule.configSchema ? { configSchema: rule.configSchema as PolicyConfigSchema } : {}),
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            for (const v of rule.check(args.resources.map(toStackResource), args.getConfig<Record<string, unknown>>())) {
                reportViolation(v.message, v.resource);
            }
        },
    };
}

/**
 * What a stack rule sees of a resource. The pack cannot see `retainOnDelete` (the analyzer protocol
 * of @pulumi/policy 1.21 passes protect, ignoreChanges, aliases, timeouts, parent, but not
 * retainOnDelete), so it stays undefined; values unknown at preview become {@link UNKNOWN}.
 */
export function toStackResource(resource: PolicyResource): StackResource {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [key, deps] of Object.entries(resource.propertyDependencies ?? {})) {
        propertyDependencies[key] = deps.map((d) => d.urn);
    }
    return {
        id: resource.urn,
        type: resource.type,
        name: resource.name,
        props: snapshot(resource.props) as Record<string, unknown>,
        dependsOn: (resource.dependencies ?? []).map((d) => d.urn),
        propertyDependencies,
        protect: resource.opts?.protect === true,
        retainOnDelete: undefined,
    };
}

/** A plain copy of the engine's property proxy, with values unknown at preview as {@link UNKNOWN}. */
export function snapshot(value: unknown): unknown {
    if (typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => read(value, i));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = read(value as Record<string, unknown>, key);
    return out;
}

function read(container: any, key: string | number): unknown {
    try {
        return snapshot(container[key]);
    } catch (err) {
        if (isUnknownValueError(err)) return UNKNOWN;
        throw err;
    }
}

/**
 * The error the property proxy throws on a value unknown at preview. @pulumi/policy exports the
 * class at run time, but its typings strip the declaration (internal), hence the name check too.
 */
function isUnknownValueError(err: unknown): boolean {
    return (
        (typeof UnknownValueError === "function" && err instanceof UnknownValueError) || (err instanceof Error && err.constructor.name === "UnknownValueError")
    );
}

/** Every rule as a policy, in report order. */
export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = RULES.map((rule) =>
    rule.kind === "resource" ? resourcePolicy(rule) : stackPolicy(rule),
);

/**
 * Shapes the rules work on. The rules are plain functions over plain data: no Pulumi import, so the
 * same code runs inside the policy pack (`pulumi preview --policy-pack policy`) and in the offline
 * plan (`npm run plan -- --policy`).
 */

/** A JSON-schema-like description of a rule's settings (the pack passes it on as `configSchema`). */
export interface RuleConfigSchema {
    properties: Record<string, { type: "boolean" | "string" | "array"; default?: unknown; description: string; items?: { type: "string" } }>;
}

/** A rule that looks at one resource at a time. */
export interface ResourceRule {
    kind: "resource";
    /** Unique policy name (kebab-case), as shown in violations and used as the pack's config key. */
    name: string;
    /** One line: what the rule requires. */
    description: string;
    configSchema?: RuleConfigSchema;
    /**
     * Violation messages for one resource (empty when it complies or the rule does not apply).
     * @param type the Pulumi type token, e.g. `aws:s3/bucket:Bucket`
     * @param props the resource's inputs
     * @param config the rule's settings (from the pack's config; `{}` when none)
     */
    check(type: string, props: Record<string, any>, config: Record<string, unknown>): string[];
}

/** One resource as a stack rule sees it. */
export interface StackResource {
    /** Unique id inside the stack: `type::name` in the offline plan, the URN in the pack. */
    id: string;
    type: string;
    name: string;
    /** Inputs (the plan) or properties (the pack); values unknown at preview are {@link UNKNOWN}. */
    props: Record<string, any>;
    /** Ids of every resource this one depends on. */
    dependsOn: string[];
    /** Ids each property depends on, when known (the pack); the plan only has `dependsOn`. */
    propertyDependencies?: Record<string, string[]>;
    protect: boolean;
    /** `retainOnDelete`, or `undefined` where it cannot be seen (the policy pack's protocol omits it). */
    retainOnDelete?: boolean;
}

/** A violation a stack rule found, tied to one resource. */
export interface StackViolation {
    /** {@link StackResource.id} of the offending resource. */
    resource: string;
    message: string;
}

/** A rule that needs the whole stack (a setting that lives in a separate resource). */
export interface StackRule {
    kind: "stack";
    name: string;
    description: string;
    configSchema?: RuleConfigSchema;
    check(resources: StackResource[], config: Record<string, unknown>): StackViolation[];
}

export type Rule = ResourceRule | StackRule;

/** What a value unknown at plan or preview time is shown as (the offline plan uses the same text). */
export const UNKNOWN = "[unknown]";
/** What a secret value is shown as in the offline plan. */
export const SECRET = "[secret]";

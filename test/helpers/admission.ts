import { CelInput, run } from "@bufbuild/cel";

import { GuardPolicy } from "../../components/rbac/guard";

/**
 * Runs a ValidatingAdmissionPolicy's CEL the way the API server does, with Buf's CEL evaluator
 * (@bufbuild/cel, tested against the cel-spec conformance suite): the variables in order under
 * `variables`, then every validation; a validation that is false denies with its message, and one
 * that fails to evaluate denies too, as `failurePolicy: Fail` says
 * (kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/, read 2026-11-29).
 *
 * What this does not reproduce: the API server type-checks each expression against the resource's
 * OpenAPI schema when the policy is created; here objects are CEL maps, so `has()` and field access
 * behave as on a schemaless object. The README says what only a real API server confirms.
 */

/** An admission request as the policy sees it. */
export interface AdmissionRequest {
    /** `pods`, `configmaps` or `secrets`. */
    resource: string;
    operation: "CREATE" | "UPDATE" | "DELETE";
    /** The requesting user (`system:serviceaccount:<ns>:<name>` for a service account). */
    username: string;
    /** The object after the request: null on DELETE. */
    object: Record<string, unknown> | null;
    /** The stored object: null on CREATE. */
    oldObject?: Record<string, unknown> | null;
}

/** The messages of the validations that deny the request (empty: admitted). */
export function deniedBy(policy: GuardPolicy, request: AdmissionRequest): string[] {
    const bindings: Record<string, CelInput> = {
        object: toCel(request.object),
        oldObject: toCel(request.oldObject ?? null),
        request: toCel({
            operation: request.operation,
            resource: { group: "", version: "v1", resource: request.resource },
            userInfo: { username: request.username },
        }),
    };
    const variables = new Map<string, CelInput>();
    for (const variable of policy.spec.variables) {
        variables.set(variable.name, run(variable.expression, { ...bindings, variables }) as CelInput);
    }
    const denied: string[] = [];
    for (const validation of policy.spec.validations) {
        let result: unknown;
        try {
            result = run(validation.expression, { ...bindings, variables });
        } catch (err) {
            denied.push(`${validation.message} (evaluation failed: ${(err as Error).message})`);
            continue;
        }
        if (typeof result !== "boolean") throw new Error(`validation returned ${String(result)}, not a bool: ${validation.expression}`);
        if (!result) denied.push(validation.message);
    }
    return denied;
}

/** JSON-like data as CEL values: objects become maps (the evaluator reads plain objects as messages). */
function toCel(value: unknown): CelInput {
    if (Array.isArray(value)) return value.map(toCel);
    if (typeof value === "object" && value !== null) return new Map(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
    return value as CelInput;
}

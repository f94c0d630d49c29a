import { Plan, PlanResource, refOf } from "../../tools/plan/plan-model";
import { planStack as planStackInProcess } from "../../tools/plan/plan-stack";
import { isKubernetesObject, manifestOf } from "../../tools/plan/render";
import { PROJECT_ROOT } from "./plan-cli";

/**
 * Plans a stack in this process, the way `npm run plan -- --stack NAME [--config k=v]...` does
 * (tools/plan/cli.ts): the stack file's config (plus overrides) handed to the Pulumi mock runtime,
 * the project's program run under it, and the registrations turned into the plan model. Stacks can
 * be planned one after another in one process: each run starts a fresh mock runtime with its own
 * config. Not concurrently: the runtime is process-global.
 */

/**
 * The plan of a shipped stack (`stacks/Pulumi.<stack>.yaml`), with optional `key=value` overrides.
 * @param freshModules called before the program loads, e.g. `vi.resetModules` for a fresh copy of
 *   the program's modules per plan
 */
export async function planStack(stack: string, overrides: string[] = [], freshModules?: () => void): Promise<Plan> {
    const loadProgram = (programPath: string) => {
        freshModules?.();
        return import(programPath);
    };
    const { plan } = await planStackInProcess({ projectRoot: PROJECT_ROOT, stack, overrides, loadProgram });
    return plan;
}

/** A Kubernetes object of a plan: the resource and its manifest as `manifests/` would hold it. */
export interface PlannedObject {
    /** `type::name` of the Pulumi resource. */
    ref: string;
    resource: PlanResource;
    manifest: Record<string, any>;
}

/** The Kubernetes objects `writePlan` would write (same filter, same manifest derivation). */
export function kubernetesObjectsOf(plan: Plan): PlannedObject[] {
    return plan.resources
        .filter(isKubernetesObject)
        .map((resource) => ({ ref: refOf(resource), resource, manifest: manifestOf(resource) as Record<string, any> }));
}

/** `<kind> <namespace>/<name>` of a manifest, for messages. */
export function describeObject(manifest: Record<string, any>): string {
    const { namespace, name } = (manifest.metadata ?? {}) as { namespace?: string; name?: string };
    return `${manifest.kind} ${namespace ? `${namespace}/` : ""}${name ?? "(unnamed)"}`;
}

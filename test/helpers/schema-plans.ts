import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { runProgram, startMockRuntime } from "../../tools/plan/mock-runtime";
import { Plan, PlanResource, buildPlan, refOf } from "../../tools/plan/plan-model";
import { isKubernetesObject, manifestOf } from "../../tools/plan/render";
import { applyOverride, readStackFile, stackFileFor, toEngineConfig } from "../../tools/plan/stack-config";
import { PROJECT_ROOT } from "./plan-cli";

/**
 * Plans a stack in this process, the way `npm run plan -- --stack NAME [--config k=v]...` does
 * (tools/plan/cli.ts): the stack file's config (plus overrides) handed to the Pulumi mock runtime,
 * the project's program run under it, and the registrations turned into the plan model. Stacks can
 * be planned one after another in one process: each run starts a fresh mock runtime with its own
 * config. Not concurrently: the runtime is process-global.
 */

let cloudOutputs: Promise<string[]> | undefined;

/**
 * Loads every cloud's placeholder outputs (`tools/plan/mock-outputs-<cloud>.ts`, side-effect modules),
 * so a stack of any cloud, including one added later, gets realistic ids and ARNs.
 */
export function loadCloudMockOutputs(): Promise<string[]> {
    cloudOutputs ??= (async () => {
        const dir = path.join(PROJECT_ROOT, "tools", "plan");
        const files = fs.readdirSync(dir).filter((f) => /^mock-outputs-.+\.ts$/.test(f)).sort();
        for (const file of files) {
            await import(path.join(dir, file));
        }
        return files;
    })();
    return cloudOutputs;
}

function readProjectFile(): { name: string; main: string } {
    const doc = parseYaml(fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), "utf8")) as { name: string; main?: string };
    return { name: doc.name, main: doc.main ?? "index.ts" };
}

/** The plan of a shipped stack (`stacks/Pulumi.<stack>.yaml`), with optional `key=value` overrides. */
export async function planStack(stack: string, overrides: string[] = []): Promise<Plan> {
    await loadCloudMockOutputs();
    const project = readProjectFile();
    const config = readStackFile(stackFileFor(PROJECT_ROOT, stack), "--stack");
    for (const assignment of overrides) {
        applyOverride(config, assignment, project.name);
    }
    const runtime = await startMockRuntime({ project: project.name, stack, config: toEngineConfig(config) });
    const programPath = path.resolve(PROJECT_ROOT, project.main);
    await runProgram(runtime, () => import(programPath));
    return buildPlan(runtime.registrations, runtime.componentOutputs);
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
    return plan.resources.filter(isKubernetesObject).map((resource) => ({ ref: refOf(resource), resource, manifest: manifestOf(resource) as Record<string, any> }));
}

/** `<kind> <namespace>/<name>` of a manifest, for messages. */
export function describeObject(manifest: Record<string, any>): string {
    const { namespace, name } = (manifest.metadata ?? {}) as { namespace?: string; name?: string };
    return `${manifest.kind} ${namespace ? `${namespace}/` : ""}${name ?? "(unnamed)"}`;
}

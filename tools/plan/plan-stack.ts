// Placeholder outputs for cloud resource types (ids, ARNs, endpoints, the ACK kubeconfig lookup);
// they load no cloud SDK. Every plan gets all of them, so a stack of any cloud renders completely.
import "./mock-outputs-aws";
import "./mock-outputs-alicloud";
import "./mock-outputs-alicloud-storage";

import * as path from "path";

import { Registration, runProgram, startMockRuntime } from "./mock-runtime";
import { buildPlan, Plan } from "./plan-model";
import { programEntry, ProjectFile, readProjectFile, stackFileFor } from "./project";
import { applyConfigEdit, assignedTopLevelKey, ConfigEdit, readStackFile, secretKeysOf, toEngineConfig } from "./stack-config";

export type { ProjectFile } from "./project";
export { readProjectFile } from "./project";

/** Which stack to plan, and how. */
export interface StackPlanRequest {
    projectRoot: string;
    /** A stack of the project (`<stackConfigDir>/Pulumi.<stack>.yaml`); or give `stackFile`. */
    stack?: string;
    /** A stack file from anywhere; the stack name comes from its file name. */
    stackFile?: string;
    /** `key=value` overrides, as `--config` takes them. @default [] */
    overrides?: string[];
    /** Overrides and removals in command-line order (`--config`, `--unset`), applied after `overrides`. @default [] */
    edits?: ConfigEdit[];
    /** Loads the program module. @default a dynamic `import` (under tsx and under vitest alike) */
    loadProgram?: (programPath: string) => unknown;
}

/** A stack's config, read and overridden, ready to run: config errors surface here, before any run. */
export interface PreparedStack {
    project: ProjectFile;
    /** The program file to load (from Pulumi.yaml's `main`). */
    programPath: string;
    stack: string;
    engineConfig: Record<string, string>;
    /**
     * Keys the engine would mark secret: those whose value is encrypted (`secure:`) in the stack file,
     * wholly or under `--path`. Their encrypted parts are planned as a placeholder.
     */
    secretKeys: string[];
    /** Keys whose value the stack file encrypts (`secure:`): planned as a placeholder. */
    encryptedKeys: string[];
}

/** Reads the stack file and applies the overrides (one InputError naming the file or key on a mistake). */
export function prepareStack(request: StackPlanRequest): PreparedStack {
    const project = readProjectFile(request.projectRoot);
    const stackFile = request.stackFile ?? stackFileFor(request.projectRoot, request.stack!);
    const stack = request.stack ?? /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(stackFile))?.[1] ?? "dev";
    const config = readStackFile(stackFile, request.stackFile ? "--stack-file" : "--stack");
    const edits: ConfigEdit[] = [...(request.overrides ?? []).map((text) => ({ kind: "set" as const, text })), ...(request.edits ?? [])];
    const setAsSecret = new Set<string>();
    for (const edit of edits) {
        applyConfigEdit(config, edit, project.name);
        if (edit.kind === "set" && edit.secret) setAsSecret.add(assignedTopLevelKey(edit.text, project.name));
    }
    return {
        project,
        programPath: programEntry(request.projectRoot, project),
        stack,
        engineConfig: toEngineConfig(config, project.name),
        secretKeys: [...new Set([...secretKeysOf(config), ...[...setAsSecret].filter((key) => key in config)])].sort(),
        encryptedKeys: secretKeysOf(config),
    };
}

/**
 * Runs the project's program under the Pulumi SDK's mock runtime with the stack's config, the way
 * the engine would hand it over, and returns the plan model and how long the program took. The
 * runtime is process-global: plan stacks one after another, never concurrently.
 */
export async function runStackPlan(
    prepared: PreparedStack,
    request: Pick<StackPlanRequest, "projectRoot" | "loadProgram">,
): Promise<{ plan: Plan; elapsedMs: number; registrations: Registration[] }> {
    const load = request.loadProgram ?? ((programPath: string) => import(programPath));
    const started = process.hrtime.bigint();
    const runtime = await startMockRuntime({
        project: prepared.project.name,
        stack: prepared.stack,
        config: prepared.engineConfig,
        secretKeys: prepared.secretKeys,
    });
    await runProgram(runtime, () => load(prepared.programPath));
    const plan = buildPlan(runtime.registrations, runtime.componentOutputs);
    return { plan, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6, registrations: runtime.registrations };
}

/** {@link prepareStack} then {@link runStackPlan}. */
export async function planStack(
    request: StackPlanRequest,
): Promise<{ plan: Plan; elapsedMs: number; registrations: Registration[]; stack: string; project: ProjectFile }> {
    const prepared = prepareStack(request);
    const { plan, elapsedMs, registrations } = await runStackPlan(prepared, request);
    return { plan, elapsedMs, registrations, stack: prepared.stack, project: prepared.project };
}

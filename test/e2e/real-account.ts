import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { PROJECT_ROOT } from "../helpers/plan-cli";

/**
 * What the real-account suites (test/e2e/*.e2e.test.ts) share: finding the tools they need, deploying
 * the stack and keeping its kubeconfig, and following WordCount to completion with kubectl.
 */

/** The namespace the shipped stacks run their samples in. */
export const E2E_NAMESPACE = "spark-jobs";

/** One step (a deploy or a destroy with its waits) of a suite. */
export const E2E_STEP_MS = 45 * 60_000;

/** True when `command args` runs and exits 0 (a tool is installed and, for cloud CLIs, has credentials). */
export function commandWorks(command: string, args: string[]): boolean {
    return spawnSync(command, args, { encoding: "utf8" }).status === 0;
}

/** The tools every suite needs, as the names a skipped suite lists. */
export function missingCommonTools(): string[] {
    return [...(commandWorks("pulumi", ["version"]) ? [] : ["a Pulumi CLI"]), ...(commandWorks("kubectl", ["version", "--client"]) ? [] : ["kubectl"])];
}

/** A fresh stack of this project: its name (`e2e-<time>`) and the stack file the suite writes. */
export interface E2eStack {
    stackName: string;
    stackFile: string;
}

/** A new stack's name and stack file path (nothing is written or created yet). */
export function freshStack(): E2eStack {
    const stackName = `e2e-${Date.now().toString(36)}`;
    return { stackName, stackFile: path.join(PROJECT_ROOT, "stacks", `Pulumi.${stackName}.yaml`) };
}

/** Creates (or selects) the stack in the project; its stack file must be written first. */
export function openStack(e2e: E2eStack): Promise<Stack> {
    return LocalWorkspace.createOrSelectStack({ stackName: e2e.stackName, workDir: PROJECT_ROOT });
}

/** `pulumi destroy` with the output streamed. */
export async function destroyStack(stack: Stack): Promise<void> {
    await stack.destroy({ onOutput: (text) => process.stdout.write(text) });
}

/** After the suite, whatever happened: destroy (errors ignored), remove the stack and its file. */
export async function cleanUpStack(stack: Stack | undefined, e2e: E2eStack): Promise<void> {
    if (stack !== undefined) await destroyStack(stack).catch(() => undefined);
    await stack?.workspace.removeStack(e2e.stackName).catch(() => undefined);
    fs.rmSync(e2e.stackFile, { force: true });
}

/** A deployed stack: its outputs and a kubectl bound to its kubeconfig. */
export interface Deployed {
    outputs: Record<string, unknown>;
    kubectl: (...args: string[]) => string;
}

/** `pulumi up` with the output streamed, then the stack's kubeconfig written to a private file. */
export async function deployStack(stack: Stack): Promise<Deployed> {
    const result = await stack.up({ onOutput: (text) => process.stdout.write(text) });
    const outputs = Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value]));
    const kubeconfigFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-kube-")), "config");
    fs.writeFileSync(kubeconfigFile, String(outputs.kubeconfig), { mode: 0o600 });
    const kubectl = (...args: string[]) => execFileSync("kubectl", ["--kubeconfig", kubeconfigFile, ...args], { encoding: "utf8" });
    return { outputs, kubectl };
}

/** Waits (up to 20 minutes) for the WordCount application to complete; returns its driver pod's name. */
export async function waitForWordCount(kubectl: Deployed["kubectl"]): Promise<string> {
    const deadline = Date.now() + 20 * 60_000;
    const field = (path: string) => kubectl("get", "sparkapplication", "wordcount", "-n", E2E_NAMESPACE, "-o", `jsonpath={${path}}`);
    for (;;) {
        const state = field(".status.applicationState.state");
        if (state === "COMPLETED") return field(".status.driverInfo.podName");
        if (state === "FAILED" || Date.now() > deadline) throw new Error(`wordcount ended ${state || "without a state"}`);
        await new Promise((resolve) => setTimeout(resolve, 15_000));
    }
}

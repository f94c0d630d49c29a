import { MockRuntime, MockRuntimeOptions, runProgram, startMockRuntime } from "../../tools/plan/mock-runtime";
import { buildPlan, Plan, PlanResource } from "../../tools/plan/plan-model";

/**
 * Test harness: starts Pulumi's mock runtime (once per test file: vitest runs each file in its own
 * process) and turns what was registered into the same plan model the offline plan writes.
 */
export async function mockRuntime(options: Partial<MockRuntimeOptions> = {}): Promise<MockRuntime> {
    return startMockRuntime({ project: "serverless-spark", stack: "test", ...options });
}

/** What running `program` in the mock runtime rejects with; fails the test when it runs through. */
export async function programError(runtime: MockRuntime, program: () => void): Promise<unknown> {
    try {
        await runProgram(runtime, () => ({ default: program }));
    } catch (err) {
        return err;
    }
    throw new Error("expected the program to fail");
}

/** Waits for pending registrations and returns the plan of everything registered so far. */
export async function planOf(runtime: MockRuntime): Promise<Plan> {
    await runtime.settle();
    return buildPlan(runtime.registrations, runtime.componentOutputs);
}

/** The one resource of a type and name; fails the test when there is not exactly one. */
export function one(plan: Plan, type: string, name: string): PlanResource {
    const found = plan.resources.filter((r) => r.type === type && r.name === name);
    if (found.length !== 1) {
        throw new Error(`expected one ${type} named ${name}, found ${found.length}: ${plan.resources.map((r) => `${r.type}::${r.name}`).join(", ")}`);
    }
    return found[0]!;
}

/** `type::name`, the way the plan refers to a resource. */
export const ref = (type: string, name: string): string => `${type}::${name}`;

/** A parsed IAM or RAM policy statement (JSON policy documents in resource inputs). */
export interface Statement {
    Effect: string;
    Action: string | string[];
    Resource?: string | string[];
    Principal?: unknown;
    Condition?: Record<string, Record<string, string | string[]>>;
}

/** Children of a resource as sorted `type::name` strings. */
export function childrenOf(plan: Plan, parent: { type: string; name: string }): string[] {
    const ref = `${parent.type}::${parent.name}`;
    return plan.resources
        .filter((r) => r.parent === ref)
        .map((r) => `${r.type}::${r.name}`)
        .sort();
}

export const T = {
    namespace: "kubernetes:core/v1:Namespace",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
    roleBinding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
    release: "kubernetes:helm.sh/v3:Release",
    pdb: "kubernetes:policy/v1:PodDisruptionBudget",
    k8sProvider: "pulumi:providers:kubernetes",
    existingCluster: "serverless-spark:cluster:ExistingCluster",
    operator: "serverless-spark:operator:SparkOperator",
    sparkNamespace: "serverless-spark:rbac:SparkNamespace",
    platform: "serverless-spark:index:ServerlessSparkPlatform",
} as const;

import { InputError } from "../../components/errors";
import { readUserTextFile, showPath } from "../../components/files";
import { Rule, RULES, StackResource } from "../../policy/rules";
import { Plan, PlanResource, refOf } from "./plan-model";

/**
 * The policy pack's rules run over the offline plan (`npm run plan -- --policy`): the same functions
 * `pulumi preview --policy-pack policy` runs, over the same inputs, plus what only the plan can see
 * (`retainOnDelete`).
 */

/** Enforcement levels, as in a `--policy-pack-config` file. */
export type EnforcementLevel = "mandatory" | "advisory" | "disabled";

/**
 * Policy config in the format of `pulumi preview --policy-pack-config`: policy name -> a level, or an
 * object with an optional `enforcementLevel` and the policy's own settings.
 */
export type PolicyConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export interface PolicyViolation {
    policy: string;
    enforcementLevel: Exclude<EnforcementLevel, "disabled">;
    /** `type::name` of the resource. */
    resource: string;
    message: string;
}

export interface PolicyRun {
    /** Policies that ran (not disabled). */
    policies: number;
    resources: number;
    violations: PolicyViolation[];
}

/** Runs every rule over the plan. Pure: no I/O. */
export function runPolicies(plan: Plan, config: PolicyConfig = {}, rules: readonly Rule[] = RULES): PolicyRun {
    const violations: PolicyViolation[] = [];
    let ran = 0;
    const stack = plan.resources.map(toStackResource);
    for (const rule of rules) {
        const { level, settings } = settingsOf(config[rule.name]);
        if (level === "disabled") continue;
        ran++;
        const add = (resource: string, message: string) => violations.push({ policy: rule.name, enforcementLevel: level, resource, message });
        if (rule.kind === "resource") {
            for (const r of plan.resources) {
                for (const message of rule.check(r.type, r.inputs, settings)) add(refOf(r), message);
            }
        } else {
            for (const v of rule.check(stack, settings)) add(v.resource, v.message);
        }
    }
    return { policies: ran, resources: plan.resources.length, violations };
}

/** A plan resource as a stack rule sees it (ids are `type::name`, as in `dependsOn`). */
export function toStackResource(r: PlanResource): StackResource {
    return { id: refOf(r), type: r.type, name: r.name, props: r.inputs, dependsOn: r.dependsOn, protect: r.protect, retainOnDelete: r.retainOnDelete };
}

function settingsOf(entry: PolicyConfig[string] | undefined): { level: EnforcementLevel; settings: Record<string, unknown> } {
    if (entry === undefined) return { level: "mandatory", settings: {} };
    if (typeof entry === "string") return { level: entry, settings: {} };
    const { enforcementLevel, ...settings } = entry;
    return { level: enforcementLevel ?? "mandatory", settings };
}

/** Whether the run fails: any violation of a mandatory policy. */
export function policyRunFailed(run: PolicyRun): boolean {
    return run.violations.some((v) => v.enforcementLevel === "mandatory");
}

/** One line per violation: `[mandatory] policy-name type::name: message`. */
export function formatViolations(run: PolicyRun): string[] {
    return run.violations.map((v) => `[${v.enforcementLevel}] ${v.policy} ${v.resource}: ${v.message}`);
}

/** The one-line summary of a run without mandatory violations. */
export function formatPass(run: PolicyRun): string {
    const advisory = run.violations.length > 0 ? ` (${run.violations.length} advisory violation${run.violations.length === 1 ? "" : "s"})` : "";
    return `${run.policies} policies passed on ${run.resources} resources${advisory}.`;
}

const LEVELS: readonly string[] = ["mandatory", "advisory", "disabled"];

/** Reads and checks a policy config file (JSON, the `--policy-pack-config` format). */
export function readPolicyConfig(file: string, rules: readonly Rule[] = RULES): PolicyConfig {
    const expected = 'a JSON file such as {"ack-api-server-private": {"allowPublicApiServer": true}}';
    // A policy config is a few lines; 1 MiB refuses a device or runaway file before it is read.
    const text = readUserTextFile(file, { key: "--policy-config", what: "a policy config JSON file", maxBytes: 1024 * 1024 });
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new InputError("--policy-config", `${showPath(file)} is not valid JSON`, expected);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new InputError("--policy-config", `${file} is not a JSON object`, expected);
    }
    const names = rules.map((r) => r.name);
    for (const [name, entry] of Object.entries(parsed)) {
        if (!names.includes(name)) {
            throw new InputError("--policy-config", `unknown policy ${JSON.stringify(name)}`, `one of ${names.join(", ")}`);
        }
        const isObject = typeof entry === "object" && entry !== null && !Array.isArray(entry);
        const { enforcementLevel: level, ...settings } = isObject ? (entry as Record<string, unknown>) : { enforcementLevel: entry };
        if ((!isObject || level !== undefined) && !LEVELS.includes(level as string)) {
            throw new InputError("--policy-config", `${name}: enforcement level ${JSON.stringify(level)}`, `one of ${LEVELS.join(", ")}`);
        }
        const schema = rules.find((r) => r.name === name)!.configSchema?.properties ?? {};
        for (const [key, value] of Object.entries(settings)) {
            const type = schema[key]?.type;
            if (type === undefined) {
                throw new InputError(
                    "--policy-config",
                    `${name}: unknown setting ${JSON.stringify(key)}`,
                    Object.keys(schema).length > 0 ? `one of enforcementLevel, ${Object.keys(schema).join(", ")}` : "only enforcementLevel",
                );
            }
            const ok = type === "array" ? Array.isArray(value) && value.every((v) => typeof v === "string") : typeof value === type;
            if (!ok) {
                throw new InputError("--policy-config", `${name}.${key}: got ${JSON.stringify(value)}`, type === "array" ? "a list of strings" : `a ${type}`);
            }
        }
    }
    return parsed as PolicyConfig;
}

import * as pulumi from "@pulumi/pulumi";

import type { PlatformCost } from "../../components/sizing";
import { Registration } from "./mock-runtime";
import { CostBasis, planPlatformCost } from "./platform-inventory";

/** Markers the Pulumi SDK puts in serialized values, as the SDK exports them. */
const {
    specialSigKey: SIG_KEY,
    specialSecretSig: SECRET_SIG,
    specialResourceSig: RESOURCE_SIG,
    specialOutputValueSig: OUTPUT_SIG,
    unknownValue: UNKNOWN,
} = pulumi.runtime;

/** What a secret value is shown as, everywhere the plan writes or prints. */
export const SECRET_PLACEHOLDER = "[secret]";
/** What a value unknown at plan time is shown as (a complete plan has none in its manifests). */
export const UNKNOWN_PLACEHOLDER = "[unknown]";

/** One resource of the plan, as written to `resources.json`. */
export interface PlanResource {
    type: string;
    name: string;
    /** `type::name` of the parent, or null for a root resource. */
    parent: string | null;
    custom: boolean;
    inputs: Record<string, unknown>;
    protect: boolean;
    retainOnDelete: boolean;
    /** The id of an existing resource this one adopts (`import` option), when set. */
    importId?: string;
    /** `type::name` of every resource this one waits for, sorted. */
    dependsOn: string[];
    /** `type::name` of the explicit provider of a custom resource, or null for the default one. */
    provider: string | null;
    /** Input paths whose change replaces the resource, when set. */
    replaceOnChanges?: string[];
    /** Input paths whose changes the engine ignores (`ignoreChanges`), when set. */
    ignoreChanges?: string[];
    /** Deleted before its replacement is created (same name), when set. */
    deleteBeforeReplace?: boolean;
    /** How long `pulumi up` waits for it, when set (e.g. `{ create: "45m" }`). */
    customTimeouts?: { create?: string; update?: string; delete?: string };
}

/** `type::name` of the resource a URN names (`urn:pulumi:stack::project::parent$type::name`). */
export function refFromUrn(urn: string): string {
    const parts = urn.split("::");
    const qualifiedType = parts[2] ?? "";
    const type = qualifiedType.split("$").pop()!;
    return `${type}::${parts.slice(3).join("::")}`;
}

/** Replaces the SDK's markers: secrets -> `[secret]`, resource references -> `type::name`. */
export function cleanValue(value: unknown, found: { unknowns: number }): unknown {
    if (value === UNKNOWN) {
        found.unknowns++;
        return UNKNOWN_PLACEHOLDER;
    }
    if (Array.isArray(value)) {
        return value.map((v) => cleanValue(v, found));
    }
    if (typeof value === "object" && value !== null) {
        const record = value as Record<string, unknown>;
        switch (record[SIG_KEY]) {
            case SECRET_SIG:
                return SECRET_PLACEHOLDER;
            case RESOURCE_SIG:
                return refFromUrn(String(record.urn));
            case OUTPUT_SIG:
                if (record.secret === true) return SECRET_PLACEHOLDER;
                return "value" in record ? cleanValue(record.value, found) : (found.unknowns++, UNKNOWN_PLACEHOLDER);
        }
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(record)) {
            out[key] = cleanValue(record[key], found);
        }
        return out;
    }
    return value;
}

/** The plan: resources in a stable tree order (parents first, siblings by type then name). */
export interface Plan {
    resources: PlanResource[];
    /** Sizing and cost of every SparkJob (their `report` outputs), by namespace then name. */
    jobs: Record<string, any>[];
    /** The always-on monthly cost of the platform (null when the plan declares no platform). */
    platform?: PlatformCost | null;
    /** Values still unknown after the program ran (should be 0: mocks resolve everything). */
    unknowns: number;
}

/** The component type whose `report` output the plan shows as a job. */
export const SPARK_JOB_TYPE = "serverless-spark:jobs:SparkJob";
/** The component type whose `costBasis` output names the grid and prices of the always-on pods. */
export const PLATFORM_TYPE = "serverless-spark:index:ServerlessSparkPlatform";

export function buildPlan(registrations: Registration[], componentOutputs: Map<string, Record<string, unknown>> = new Map()): Plan {
    const found = { unknowns: 0 };
    const jobs = [...componentOutputs.entries()]
        .filter(([urn]) => refFromUrn(urn).startsWith(`${SPARK_JOB_TYPE}::`))
        .map(([, outputs]) => cleanValue(outputs.report, found) as Record<string, any>)
        .filter((report) => report !== undefined)
        .sort((a, b) => compare(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
    const resources = registrations.map<PlanResource>((r) => ({
        type: r.type,
        name: r.name,
        parent: r.parentUrn ? refFromUrn(r.parentUrn) : null,
        custom: r.custom,
        inputs: cleanValue(r.inputs, found) as Record<string, unknown>,
        protect: r.protect,
        retainOnDelete: r.retainOnDelete,
        ...(r.importId ? { importId: r.importId } : {}),
        dependsOn: [...new Set(r.dependencies.map(refFromUrn))].sort(),
        // A provider reference is `<urn>::<id>`; the URN part names the provider resource.
        provider: r.provider ? refFromUrn(r.provider.slice(0, r.provider.lastIndexOf("::"))) : null,
        ...(r.replaceOnChanges ? { replaceOnChanges: r.replaceOnChanges } : {}),
        ...(r.ignoreChanges ? { ignoreChanges: r.ignoreChanges } : {}),
        ...(r.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
        ...(r.customTimeouts ? { customTimeouts: r.customTimeouts } : {}),
    }));
    // One platform per program is the shipped case; with several, the first one's grid prices every pod.
    const basis = [...componentOutputs.entries()]
        .filter(([urn]) => refFromUrn(urn).startsWith(`${PLATFORM_TYPE}::`))
        .map(([, outputs]) => cleanValue(outputs.costBasis, found) as CostBasis | undefined)
        .find((b) => b !== undefined);
    const ordered = treeOrder(resources);
    return { resources: ordered, jobs, platform: planPlatformCost(ordered, basis), unknowns: found.unknowns };
}

/** `type::name` of a plan resource. */
export function refOf(resource: { type: string; name: string }): string {
    return `${resource.type}::${resource.name}`;
}

function treeOrder(resources: PlanResource[]): PlanResource[] {
    const byParent = new Map<string | null, PlanResource[]>();
    for (const r of resources) {
        const siblings = byParent.get(r.parent) ?? [];
        siblings.push(r);
        byParent.set(r.parent, siblings);
    }
    const ordered: PlanResource[] = [];
    const visit = (parent: string | null) => {
        const children = (byParent.get(parent) ?? []).sort((a, b) => compare(a.type, b.type) || compare(a.name, b.name));
        for (const child of children) {
            ordered.push(child);
            visit(refOf(child));
        }
    };
    visit(null);
    return ordered;
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

import * as fs from "fs";
import microdiff from "microdiff";
import * as path from "path";

import { InputError } from "../../components/errors";
import { readUserTextFile } from "../../components/files";
import { GrantChange, grantChanges, riskEntries, RiskEntry } from "./diff-risk";
import { PlanResource, refOf, SECRET_PLACEHOLDER } from "./plan-model";

/**
 * Compares two offline plans (the base's, written earlier with `--out`, and this run's).
 *
 * `diffPlans` is pure: two plans in, a diff model out (no I/O, no clock, stable order), so the
 * same two plans always give the same report. `readPlanDir` is the one function here that reads
 * files: it loads a directory written by `npm run plan -- --out DIR`.
 *
 * Identity is `type::name`, as in `resources.json`. Secret values are `[secret]` on both sides, so
 * a changed secret is invisible here: two `[secret]` values compare equal.
 */

/** A job's sizing and cost report, as in `jobs.json`. */
export type JobReport = Record<string, any>;

/** A plan as read back from disk (or this run's, made JSON-equal to what `--out` writes). */
export interface PlanSnapshot {
    resources: PlanResource[];
    /** Null when the plan has no `jobs.json` (then sizing and cost are not compared). */
    jobs: JobReport[] | null;
}

/** One changed field: a dotted/bracketed path (`values.webhook.replicas`, `metadata.labels["app.kubernetes.io/name"]`). */
export interface FieldChange {
    path: string;
    kind: "added" | "removed" | "changed";
    /** Absent when the field is added. */
    before?: unknown;
    /** Absent when the field is removed. */
    after?: unknown;
    /** Set when one side is a secret and the other is not (the values themselves cannot be compared). */
    secret?: "now secret" | "no longer secret";
}

export interface Change<T> {
    before: T;
    after: T;
}

/** A resource present in both plans whose inputs or options differ. */
export interface ResourceChange {
    ref: string;
    type: string;
    name: string;
    custom: boolean;
    inputs: FieldChange[];
    /** The parent changed ("re-parented"). */
    parent?: Change<string | null>;
    /**
     * The chain of types the URN holds (`ancestorType$...$parentType$type`) changed, because this
     * resource or an ancestor was re-parented under another type: Pulumi sees a new resource unless
     * an alias links the two URNs (aliases are not in the plan).
     */
    urnTypes?: Change<string>;
    /** The explicit provider changed (what that does is the engine's call at `pulumi preview`). */
    provider?: Change<string | null>;
    protect?: Change<boolean>;
    retainOnDelete?: Change<boolean>;
    dependsOn?: { added: string[]; removed: string[] };
    /** For a provider resource: how many resources of the new plan use it. */
    usedBy?: number;
}

/** A resource only one of the plans has. */
export interface ResourceEntry {
    ref: string;
    type: string;
    name: string;
    parent: string | null;
    custom: boolean;
    protect: boolean;
    retainOnDelete: boolean;
    /** A resource of the other side with the same name and parent but another type (a type change). */
    sameNameAs?: string;
}

export interface JobChange {
    /** `namespace/name`. */
    key: string;
    kind: "added" | "removed" | "changed";
    before?: JobReport;
    after?: JobReport;
    /** Field changes of a changed job (empty for added and removed jobs). */
    fields: FieldChange[];
}

export interface JobsDiff {
    /** False when either plan has no `jobs.json`. */
    compared: boolean;
    /** Which side lacks `jobs.json` when not compared. */
    missing: ("base" | "head")[];
    changes: JobChange[];
    /** Sum of every job's full-scale cost per hour (jobs with an unknown cost excluded), per side. */
    cost?: { before: number; after: number; currency: string | null; unknownBefore: number; unknownAfter: number };
}

export interface PlanDiff {
    counts: { before: number; after: number; unchanged: number };
    added: ResourceEntry[];
    removed: ResourceEntry[];
    changed: ResourceChange[];
    /** Policy documents and RBAC rules that changed, statement by statement (added resources' too). */
    grants: GrantChange[];
    /** Deleted and likely replaced resources, with what that does. */
    risks: RiskEntry[];
    jobs: JobsDiff;
}

/** True when the diff has nothing to report. */
export function isEmptyDiff(diff: PlanDiff): boolean {
    return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0 && diff.jobs.changes.length === 0;
}

/** Compares the base plan with the head plan. Pure. */
export function diffPlans(base: PlanSnapshot, head: PlanSnapshot): PlanDiff {
    const before = indexByRef(base.resources);
    const after = indexByRef(head.resources);

    const removedOnly = base.resources.filter((r) => !after.has(refOf(r)));
    const addedOnly = head.resources.filter((r) => !before.has(refOf(r)));
    const added = addedOnly.map((r) => entryOf(r, removedOnly));
    const removed = removedOnly.map((r) => entryOf(r, addedOnly));

    const chainsBefore = typeChains(base.resources);
    const chainsAfter = typeChains(head.resources);
    const changed: ResourceChange[] = [];
    const grants: GrantChange[] = [];
    const replaceable: { before: PlanResource; after: PlanResource; paths: string[] }[] = [];
    for (const r of head.resources) {
        const old = before.get(refOf(r));
        grants.push(...grantChanges(old, r));
        if (old === undefined) continue;
        const change = compareResource(old, r, chainsBefore.get(refOf(r))!, chainsAfter.get(refOf(r))!, head.resources);
        if (change !== undefined) {
            changed.push(change);
            replaceable.push({ before: old, after: r, paths: change.inputs.map((f) => f.path) });
        }
    }
    return {
        counts: { before: base.resources.length, after: head.resources.length, unchanged: head.resources.length - added.length - changed.length },
        added,
        removed,
        changed,
        grants,
        risks: riskEntries(removedOnly, replaceable),
        jobs: diffJobs(base.jobs, head.jobs),
    };
}

function indexByRef(resources: PlanResource[]): Map<string, PlanResource> {
    return new Map(resources.map((r) => [refOf(r), r]));
}

function entryOf(r: PlanResource, otherSide: PlanResource[]): ResourceEntry {
    const twins = otherSide.filter((o) => o.name === r.name && o.parent === r.parent && o.type !== r.type);
    return {
        ref: refOf(r),
        type: r.type,
        name: r.name,
        parent: r.parent,
        custom: r.custom,
        protect: r.protect,
        retainOnDelete: r.retainOnDelete,
        ...(twins.length === 1 ? { sameNameAs: refOf(twins[0]!) } : {}),
    };
}

function compareResource(old: PlanResource, r: PlanResource, chainBefore: string, chainAfter: string, headAll: PlanResource[]): ResourceChange | undefined {
    const change: ResourceChange = { ref: refOf(r), type: r.type, name: r.name, custom: r.custom, inputs: fieldChanges(old.inputs, r.inputs) };
    if (old.parent !== r.parent) change.parent = { before: old.parent, after: r.parent };
    if (chainBefore !== chainAfter) change.urnTypes = { before: chainBefore, after: chainAfter };
    if (old.provider !== r.provider) change.provider = { before: old.provider, after: r.provider };
    if (old.protect !== r.protect) change.protect = { before: old.protect, after: r.protect };
    if (old.retainOnDelete !== r.retainOnDelete) change.retainOnDelete = { before: old.retainOnDelete, after: r.retainOnDelete };
    const oldDeps = new Set(old.dependsOn);
    const newDeps = new Set(r.dependsOn);
    const depsAdded = [...newDeps].filter((d) => !oldDeps.has(d)).sort();
    const depsRemoved = [...oldDeps].filter((d) => !newDeps.has(d)).sort();
    if (depsAdded.length > 0 || depsRemoved.length > 0) change.dependsOn = { added: depsAdded, removed: depsRemoved };

    const optionsChanged = change.parent || change.urnTypes || change.provider || change.protect || change.retainOnDelete || change.dependsOn;
    if (change.inputs.length === 0 && !optionsChanged) return undefined;
    if (r.type.startsWith("pulumi:providers:")) {
        change.usedBy = headAll.filter((o) => o.provider === change.ref).length;
    }
    return change;
}

/**
 * For every resource, the chain of types its URN embeds (`ancestorType$...$parentType$type`): its
 * own type after those of its ancestors. Resources without a parent are children of the stack.
 */
function typeChains(all: PlanResource[]): Map<string, string> {
    const byRef = indexByRef(all);
    const chains = new Map<string, string>();
    for (const r of all) {
        const types = [r.type];
        const seen = new Set<string>();
        let parent = r.parent;
        while (parent !== null && !seen.has(parent)) {
            seen.add(parent);
            const p = byRef.get(parent);
            // A parent outside the plan: the type named in its reference.
            types.unshift(p?.type ?? parent.slice(0, parent.indexOf("::")));
            parent = p?.parent ?? null;
        }
        chains.set(refOf(r), types.join("$"));
    }
    return chains;
}

/**
 * Field-level changes between two values (microdiff), with two readability rules: a list of plain
 * values (strings, numbers) that grew or shrank is one change of the whole list, not one per index;
 * and changes are sorted by path.
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
    if (!isContainer(before) || !isContainer(after) || Array.isArray(before) !== Array.isArray(after)) {
        return deepEqualJson(before, after) ? [] : [toFieldChange([], "changed", before, after)];
    }
    const collapsed = new Map<string, FieldChange>();
    const out: { path: (string | number)[]; change: FieldChange }[] = [];
    for (const d of microdiff(before as Record<string, any>, after as Record<string, any>)) {
        const listPath = plainListPrefix(before, after, d.path);
        if (listPath !== undefined) {
            const key = renderPath(listPath);
            if (!collapsed.has(key)) {
                const change = toFieldChange(listPath, "changed", getAt(before, listPath), getAt(after, listPath));
                collapsed.set(key, change);
                out.push({ path: listPath, change });
            }
            continue;
        }
        const kind = d.type === "CREATE" ? "added" : d.type === "REMOVE" ? "removed" : "changed";
        out.push({
            path: d.path,
            change: toFieldChange(
                d.path,
                kind,
                d.type === "CREATE" ? undefined : (d as { oldValue: unknown }).oldValue,
                d.type === "REMOVE" ? undefined : (d as { value: unknown }).value,
            ),
        });
    }
    return out.sort((a, b) => comparePaths(a.path, b.path)).map((o) => o.change);
}

function toFieldChange(at: (string | number)[], kind: FieldChange["kind"], before: unknown, after: unknown): FieldChange {
    const change: FieldChange = { path: renderPath(at), kind };
    if (kind !== "added") change.before = before;
    if (kind !== "removed") change.after = after;
    if (kind === "changed") {
        // Only when the other side holds no secret at all: `[secret]` -> `{key: [secret]}` is neither.
        if (before === SECRET_PLACEHOLDER && !holdsSecret(after)) change.secret = "no longer secret";
        if (after === SECRET_PLACEHOLDER && !holdsSecret(before)) change.secret = "now secret";
    }
    return change;
}

/**
 * The shortest prefix of `at` naming a list of plain values on both sides whose length changed, if
 * any (an insertion shifts every later index, so per-index changes would mislead; lists of the same
 * length keep per-index changes, which are exact).
 */
function plainListPrefix(before: unknown, after: unknown, at: (string | number)[]): (string | number)[] | undefined {
    for (let i = 0; i < at.length; i++) {
        const prefix = at.slice(0, i);
        const a = getAt(before, prefix);
        const b = getAt(after, prefix);
        if (isPlainList(a) && isPlainList(b) && a.length !== b.length) return prefix;
        if (!isContainer(a) || !isContainer(b)) return undefined;
    }
    return undefined;
}

function holdsSecret(value: unknown): boolean {
    if (value === SECRET_PLACEHOLDER) return true;
    return isContainer(value) && Object.values(value).some(holdsSecret);
}

function isPlainList(value: unknown): value is unknown[] {
    return Array.isArray(value) && value.every((v) => v === null || typeof v !== "object");
}

function isContainer(value: unknown): value is object {
    return typeof value === "object" && value !== null;
}

function getAt(value: unknown, at: (string | number)[]): unknown {
    let node = value;
    for (const key of at) {
        if (!isContainer(node)) return undefined;
        node = (node as Record<string | number, unknown>)[key];
    }
    return node;
}

function deepEqualJson(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `["values", "webhook", "replicas"]` -> `values.webhook.replicas`; odd keys in brackets. */
export function renderPath(at: (string | number)[]): string {
    let out = "";
    for (const key of at) {
        if (typeof key === "number") out += `[${key}]`;
        else if (IDENTIFIER.test(key)) out += out === "" ? key : `.${key}`;
        else out += `[${JSON.stringify(key)}]`;
    }
    return out === "" ? "(whole value)" : out;
}

function comparePaths(a: (string | number)[], b: (string | number)[]): number {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const [x, y] = [a[i]!, b[i]!];
        if (x === y) continue;
        if (typeof x === "number" && typeof y === "number") return x - y;
        return String(x) < String(y) ? -1 : 1;
    }
    return a.length - b.length;
}

function jobKey(job: JobReport): string {
    return `${job.namespace}/${job.name}`;
}

function diffJobs(base: JobReport[] | null, head: JobReport[] | null): JobsDiff {
    if (base === null || head === null) {
        return { compared: false, missing: [...(base === null ? ["base" as const] : []), ...(head === null ? ["head" as const] : [])], changes: [] };
    }
    const before = new Map(base.map((j) => [jobKey(j), j]));
    const after = new Map(head.map((j) => [jobKey(j), j]));
    const changes: JobChange[] = [];
    for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
        const [b, a] = [before.get(key), after.get(key)];
        if (b === undefined) changes.push({ key, kind: "added", after: a, fields: [] });
        else if (a === undefined) changes.push({ key, kind: "removed", before: b, fields: [] });
        else {
            const fields = fieldChanges(b, a);
            if (fields.length > 0) changes.push({ key, kind: "changed", before: b, after: a, fields });
        }
    }
    const total = (jobs: JobReport[]) => ({
        sum: jobs.reduce((s, j) => s + (typeof j.costPerHour === "number" ? j.costPerHour : 0), 0),
        unknown: jobs.filter((j) => typeof j.costPerHour !== "number").length,
    });
    const currencies = new Set([...base, ...head].map((j) => j.currency).filter((c) => typeof c === "string"));
    const [tb, ta] = [total(base), total(head)];
    return {
        compared: true,
        missing: [],
        changes,
        cost: {
            before: tb.sum,
            after: ta.sum,
            currency: currencies.size === 1 ? ([...currencies][0] as string) : null,
            unknownBefore: tb.unknown,
            unknownAfter: ta.unknown,
        },
    };
}

/** Makes this run's plan equal to what reading `--out` files back gives (undefined fields dropped). */
export function snapshotOf(plan: { resources: PlanResource[]; jobs: JobReport[] }): PlanSnapshot {
    return JSON.parse(JSON.stringify({ resources: plan.resources, jobs: plan.jobs })) as PlanSnapshot;
}

const EXPECTED_DIR = "a directory written by `npm run plan -- --out DIR` (with resources.json)";

/**
 * Reads a plan directory written by `--out`. `jobs.json` is optional (older plans lack it).
 * Every problem is an {@link InputError} naming `option` and the value.
 */
export function readPlanDir(dir: string, option: string): PlanSnapshot {
    const shown = JSON.stringify(dir);
    if (dir.trim() === "") throw new InputError(option, "got an empty path", EXPECTED_DIR);
    let stat: fs.Stats;
    try {
        stat = fs.statSync(dir);
    } catch {
        throw new InputError(option, `${shown} does not exist`, EXPECTED_DIR);
    }
    if (!stat.isDirectory()) throw new InputError(option, `${shown} is not a directory`, EXPECTED_DIR);
    const resourcesFile = path.join(dir, "resources.json");
    if (!fs.existsSync(resourcesFile)) throw new InputError(option, `${shown} has no resources.json`, EXPECTED_DIR);

    const resources = readJson(resourcesFile, option);
    if (!Array.isArray(resources) || !resources.every(isPlanResource)) {
        throw new InputError(option, `${JSON.stringify(resourcesFile)} is not a plan's resource list`, EXPECTED_DIR);
    }
    const jobsFile = path.join(dir, "jobs.json");
    let jobs: JobReport[] | null = null;
    if (fs.existsSync(jobsFile)) {
        const parsed = readJson(jobsFile, option);
        if (!Array.isArray(parsed) || !parsed.every((j) => isContainer(j) && !Array.isArray(j))) {
            throw new InputError(option, `${JSON.stringify(jobsFile)} is not a plan's job list`, EXPECTED_DIR);
        }
        jobs = parsed as JobReport[];
    }
    // Plans written before `provider` was recorded lack it: the default provider.
    return { resources: (resources as PlanResource[]).map((r) => ({ ...r, provider: r.provider ?? null })), jobs };
}

/** A plan's resources.json is a few MB at most; the cap refuses a device or runaway file before it is read. */
const PLAN_FILE_MAX_BYTES = 256 * 1024 * 1024;

function readJson(file: string, option: string): unknown {
    const text = readUserTextFile(file, { key: option, what: "a plan file written by --out", maxBytes: PLAN_FILE_MAX_BYTES });
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new InputError(option, `${JSON.stringify(file)} is not valid JSON`, EXPECTED_DIR);
    }
    // The comparison and the report walk values recursively: a hand-made file nested thousands deep
    // would overflow the stack there, so it is refused here, before anything is compared.
    if (nestingExceeds(parsed, PLAN_MAX_NESTING)) {
        throw new InputError(option, `${JSON.stringify(file)} nests objects or lists more than ${PLAN_MAX_NESTING} deep`, EXPECTED_DIR);
    }
    return parsed;
}

/**
 * A plan's values are Kubernetes objects and cloud resource inputs, a few dozen levels deep at most
 * (a SparkApplication's pod template is about 15); 1000 leaves room for any real one.
 */
export const PLAN_MAX_NESTING = 1000;

/** True when `value` holds objects or lists more than `limit` levels deep (iterative: no recursion to overflow). */
export function nestingExceeds(value: unknown, limit: number): boolean {
    const stack: [unknown, number][] = [[value, 0]];
    while (stack.length > 0) {
        const [current, depth] = stack.pop() as [unknown, number];
        if (!isContainer(current)) continue;
        if (depth >= limit) return true;
        for (const child of Object.values(current as object)) stack.push([child, depth + 1]);
    }
    return false;
}

function isPlanResource(value: unknown): value is PlanResource {
    if (!isContainer(value) || Array.isArray(value)) return false;
    const r = value as Record<string, unknown>;
    return (
        typeof r.type === "string" &&
        typeof r.name === "string" &&
        (r.parent === null || typeof r.parent === "string") &&
        typeof r.custom === "boolean" &&
        isContainer(r.inputs) &&
        typeof r.protect === "boolean" &&
        typeof r.retainOnDelete === "boolean" &&
        Array.isArray(r.dependsOn) &&
        r.dependsOn.every((d) => typeof d === "string") &&
        (r.provider === null || r.provider === undefined || typeof r.provider === "string")
    );
}

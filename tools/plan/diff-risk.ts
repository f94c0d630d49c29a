import { PlanResource, refOf } from "./plan-model";

/**
 * What a reviewer must not miss in a plan diff: grants (IAM and RAM policy documents, Kubernetes RBAC
 * rules) statement by statement, with new grants flagged, and resources a change replaces or
 * deletes, with what that does to running jobs and data.
 */

/** One changed grant document or rule list, statement by statement. */
export interface GrantChange {
    ref: string;
    /** The input holding it, e.g. `policy` or `rules`. */
    field: string;
    removed: string[];
    added: string[];
    /** Grants (Allow action on resource, or RBAC verb on resource) that no statement gave before. */
    widened: string[];
}

/** A resource a change deletes or (likely) replaces, and what that does. */
export interface RiskEntry {
    ref: string;
    kind: "deleted" | "replaced";
    /** For replacements: the inputs whose change makes the provider replace it. */
    because?: string[];
    consequence: string;
}

const POLICY_FIELDS: Record<string, string[]> = {
    "aws:iam/policy:Policy": ["policy"],
    "aws:iam/rolePolicy:RolePolicy": ["policy"],
    "aws:iam/userPolicy:UserPolicy": ["policy"],
    "aws:iam/groupPolicy:GroupPolicy": ["policy"],
    "aws:iam/role:Role": ["assumeRolePolicy"],
    "aws:s3/bucketPolicy:BucketPolicy": ["policy"],
    "alicloud:ram/policy:Policy": ["policyDocument", "document"],
    "alicloud:ram/role:Role": ["assumeRolePolicyDocument", "document"],
    "alicloud:oss/bucketPolicy:BucketPolicy": ["policy"],
};
const RBAC_TYPE = /^kubernetes:rbac\.authorization\.k8s\.io\/[^:]+:(Role|ClusterRole)$/;

/** Keys sorted, so two statements that differ only in key order compare equal. */
function canonical(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
    if (value !== null && typeof value === "object") {
        return `{${Object.keys(value)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
            .join(",")}}`;
    }
    return JSON.stringify(value) ?? "null";
}

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const strings = (v: unknown): string[] => asList(v).map((x) => String(x));

/** The statements of a policy document given as JSON text or an object; a placeholder or bad JSON gives one opaque entry. */
function statementsOf(document: unknown): unknown[] {
    if (document === undefined) return [];
    let doc = document;
    if (typeof document === "string") {
        try {
            doc = JSON.parse(document);
        } catch {
            return [document];
        }
    }
    if (doc !== null && typeof doc === "object" && "Statement" in doc) return asList((doc as { Statement: unknown }).Statement);
    return [doc];
}

/** Allow grants of policy statements, as `action on resource[ if condition]`. */
function policyGrants(statements: unknown[]): Set<string> {
    const out = new Set<string>();
    for (const s of statements) {
        if (s === null || typeof s !== "object") continue;
        const st = s as Record<string, unknown>;
        if (st.Effect !== "Allow") continue;
        const condition = st.Condition === undefined ? "" : ` if ${canonical(st.Condition)}`;
        const principal = st.Principal === undefined ? "" : ` to ${canonical(st.Principal)}`;
        const actions = st.NotAction !== undefined ? strings(st.NotAction).map((a) => `everything but ${a}`) : strings(st.Action);
        const resources = st.NotResource !== undefined ? strings(st.NotResource).map((r) => `everything but ${r}`) : strings(st.Resource);
        for (const a of actions) for (const r of resources.length ? resources : ["(any)"]) out.add(`Allow ${a} on ${r}${principal}${condition}`);
    }
    return out;
}

/** RBAC grants of Role rules, as `verb group/resource[/name]`. */
function rbacGrants(rules: unknown[]): Set<string> {
    const out = new Set<string>();
    for (const rule of rules) {
        if (rule === null || typeof rule !== "object") continue;
        const r = rule as Record<string, unknown>;
        const names = strings(r.resourceNames);
        for (const verb of strings(r.verbs))
            for (const group of strings(r.apiGroups).length ? strings(r.apiGroups) : [""])
                for (const res of [...strings(r.resources), ...strings(r.nonResourceURLs)])
                    for (const name of names.length ? names : [""]) out.add(`${verb} ${group === "" ? "core" : group}/${res}${name ? `/${name}` : ""}`);
    }
    return out;
}

function statementDiff(ref: string, field: string, before: unknown[], after: unknown[], grants: (s: unknown[]) => Set<string>): GrantChange | undefined {
    const b = before.map(canonical);
    const a = after.map(canonical);
    const removed = b.filter((s) => !a.includes(s));
    const added = a.filter((s) => !b.includes(s));
    if (removed.length === 0 && added.length === 0) return undefined;
    const had = grants(before);
    const widened = [...grants(after)].filter((g) => !had.has(g)).sort();
    return { ref, field, removed, added, widened };
}

/**
 * Grant changes between two versions of a resource (`before` undefined: an added resource, whose
 * every grant is new). Only the types above carry grants.
 */
export function grantChanges(before: PlanResource | undefined, after: PlanResource): GrantChange[] {
    const ref = refOf(after);
    const out: GrantChange[] = [];
    for (const field of POLICY_FIELDS[after.type] ?? []) {
        const change = statementDiff(ref, field, statementsOf(before?.inputs[field]), statementsOf(after.inputs[field]), policyGrants);
        if (change) out.push(change);
    }
    if (after.type === "aws:iam/role:Role") {
        const inline = (r: PlanResource | undefined) => asList(r?.inputs.inlinePolicies).flatMap((p) => statementsOf((p as { policy?: unknown })?.policy));
        const change = statementDiff(ref, "inlinePolicies", inline(before), inline(after), policyGrants);
        if (change) out.push(change);
    }
    if (RBAC_TYPE.test(after.type)) {
        const change = statementDiff(ref, "rules", asList(before?.inputs.rules), asList(after.inputs.rules), rbacGrants);
        if (change) out.push(change);
    }
    return out;
}

/**
 * Inputs whose change makes the provider replace the resource, by type: a Kubernetes object's name
 * and namespace (its identity in the API), a bucket's or role's name, and every input of an EKS
 * Fargate profile (the EKS API has no call to update one: CreateFargateProfile and
 * DeleteFargateProfile only, docs.aws.amazon.com/eks/latest/APIReference/API_Operations.html, read
 * 2026-11-29). Only what the plan can see: `pulumi preview` shows every replacement.
 */
const REPLACED_BY: { type: RegExp; paths: RegExp }[] = [
    { type: /^kubernetes:/, paths: /^metadata\.(name|namespace)$/ },
    { type: /^aws:s3\/bucket(V2)?:Bucket(V2)?$/, paths: /^(bucket|bucketPrefix)$/ },
    { type: /^alicloud:oss\/bucket:Bucket$/, paths: /^bucket$/ },
    { type: /^aws:iam\/role:Role$/, paths: /^(name|namePrefix|path)$/ },
    { type: /^alicloud:ram\/role:Role$/, paths: /^(roleName|name)$/ },
    { type: /^aws:eks\/fargateProfile:FargateProfile$/, paths: /^(?!tags)/ },
];

/**
 * What deleting (or replacing: delete and create) a resource of this type does. Fargate: deleting a
 * profile deletes every pod it scheduled (docs.aws.amazon.com/eks/latest/userguide/delete-fargate-profile.html,
 * read 2026-11-29).
 */
function consequence(type: string, kind: RiskEntry["kind"], r: PlanResource): string {
    if (type === "kubernetes:core/v1:Namespace") {
        return r.retainOnDelete
            ? "leaves the stack; the namespace and everything in it stay in the cluster (retainOnDelete) until deleted by hand"
            : "deletes the namespace and everything in it: its Spark applications and their pods, Secrets, ConfigMaps and objects Pulumi does not manage";
    }
    if (type === "aws:eks/fargateProfile:FargateProfile")
        return "deletes every running pod the profile scheduled (Spark drivers and executors are killed and rescheduled)";
    if (/:(SparkApplication|ScheduledSparkApplication)$/.test(type))
        return kind === "deleted" ? "deletes the application and its running pods" : "deletes the application and its running pods, then runs it again";
    if (/^(aws:s3\/bucket|alicloud:oss\/bucket):/.test(type)) {
        const retained = r.retainOnDelete ? "the old bucket and its data are kept but leave the stack" : "the old bucket is deleted (it must be empty)";
        return kind === "replaced" ? `jobs switch to a new, empty bucket; ${retained}` : retained;
    }
    if (/^(aws:iam\/role|alicloud:ram\/role):/.test(type)) return "pods using the role lose its access until the new role is in place";
    return kind === "deleted" ? "deleted" : "deleted and created anew";
}

/** Resources the diff deletes or, judging by the inputs that changed, replaces; deletions first. */
export function riskEntries(removed: PlanResource[], changed: { before: PlanResource; after: PlanResource; paths: string[] }[]): RiskEntry[] {
    const out: RiskEntry[] = removed
        .filter((r) => r.custom)
        .map((r) => ({ ref: refOf(r), kind: "deleted" as const, consequence: consequence(r.type, "deleted", r) }));
    for (const { before, after, paths } of changed) {
        if (!after.custom) continue;
        const rule = REPLACED_BY.find((x) => x.type.test(after.type));
        // Named by the input itself (`selectors`, not `selectors[1]`).
        // Inputs the engine ignores (a derived bucket name, fixed at creation) replace nothing.
        const ignored = new Set(after.ignoreChanges ?? []);
        const because = rule ? [...new Set(paths.filter((p) => rule.paths.test(p) && !ignored.has(p)).map((p) => p.replace(/\[.*$/, "")))] : [];
        if (because.length > 0) out.push({ ref: refOf(after), kind: "replaced", because, consequence: consequence(after.type, "replaced", before) });
    }
    return out;
}

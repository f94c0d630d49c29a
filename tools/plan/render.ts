import * as fs from "fs";
import * as path from "path";
import { stringify as toYaml } from "yaml";

import { InputError } from "../../components/errors";
import { showPath } from "../../components/files";
import { Plan, PlanResource, refOf, UNKNOWN_PLACEHOLDER } from "./plan-model";
import { renderJobs } from "./render-jobs";
import { renderPlatform } from "./render-platform";

/** Kubernetes objects the program declares directly (not the provider, not Helm releases). */
export function isKubernetesObject(resource: PlanResource): boolean {
    return resource.custom && resource.type.startsWith("kubernetes:") && !resource.type.startsWith("kubernetes:helm.sh/");
}

/** A manifest as `kubectl apply` would take it: the object's own inputs, in the usual field order. */
export function manifestOf(resource: PlanResource): Record<string, unknown> {
    const { apiVersion, kind, metadata, ...rest } = resource.inputs as Record<string, unknown>;
    return { apiVersion, kind, metadata, ...rest };
}

/**
 * File of a manifest under `manifests/`: `<kind>/<namespace>/<name>.yaml` (`<kind>/<name>.yaml` for a
 * cluster-wide object), kind lower-case. One directory level per part, so two objects get one file
 * only when Kubernetes would take them for one object (a flat `<kind>-<namespace>-<name>` made job
 * `x-y` in namespace `a` and job `y` in namespace `a-x` collide).
 */
export function manifestFileName(manifest: Record<string, unknown>): string {
    const metadata = (manifest.metadata ?? {}) as { name?: string; namespace?: string };
    const safe = (part: string) => part.replace(/[^A-Za-z0-9.-]/g, "_").replace(/^\.+/, "_");
    const parts = [String(manifest.kind).toLowerCase(), metadata.namespace, metadata.name].filter((p): p is string => typeof p === "string" && p !== "");
    return `${parts.map(safe).join("/")}.yaml`;
}

/** Checks a manifest is complete: no unknowns, no undefined fields. Returns the problems found. */
export function incompleteFields(value: unknown, at = ""): string[] {
    if (value === undefined) return [at || "(root)"];
    if (value === UNKNOWN_PLACEHOLDER) return [at];
    if (Array.isArray(value)) return value.flatMap((v, i) => incompleteFields(v, `${at}[${i}]`));
    if (typeof value === "object" && value !== null) {
        return Object.entries(value).flatMap(([k, v]) => incompleteFields(v, at ? `${at}.${k}` : k));
    }
    return [];
}

/** The readable stdout summary: the resource tree, then counts by type. */
export function renderSummary(plan: Plan, stack: string, project: string): string {
    const lines: string[] = [];
    lines.push(`Plan of ${project}/${stack}: ${plan.resources.length} resources (offline, mock runtime)`);
    lines.push("");
    const depth = new Map<string, number>();
    for (const r of plan.resources) {
        const d = r.parent === null ? 0 : (depth.get(r.parent) ?? 0) + 1;
        depth.set(refOf(r), d);
        const flags = [r.protect ? "protect" : "", r.retainOnDelete ? "retainOnDelete" : "", r.importId ? `import ${r.importId}` : ""].filter(Boolean);
        lines.push(`${"  ".repeat(d)}${r.custom ? "" : "+ "}${r.name}  (${r.type})${flags.length ? `  [${flags.join(", ")}]` : ""}`);
    }
    lines.push("");
    lines.push("Resources by type:");
    const counts = new Map<string, number>();
    for (const r of plan.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    const width = Math.max(...[...counts.keys()].map((t) => t.length));
    for (const [type, count] of [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        lines.push(`  ${type.padEnd(width)}  ${count}`);
    }
    const platform = renderPlatform(plan.platform);
    if (platform !== "") {
        lines.push("", platform);
    }
    const jobs = renderJobs(plan.jobs);
    if (jobs !== "") {
        lines.push("", jobs);
    }
    return lines.join("\n");
}

/**
 * Writes `resources.json` and `manifests/` into `dir`, replacing any earlier plan there (only the
 * plan's own files are removed).
 */
export function writePlan(plan: Plan, dir: string): { manifests: number } {
    const manifests = plan.resources.filter(isKubernetesObject).map(manifestOf);
    const files = new Map<string, string>();
    for (const manifest of manifests) {
        const missing = incompleteFields(manifest);
        if (missing.length > 0) {
            throw new Error(`manifest ${manifestFileName(manifest)} is incomplete at ${missing.join(", ")}`);
        }
        const file = manifestFileName(manifest);
        if (files.has(file)) {
            // Two objects of one kind, namespace and name: Kubernetes would keep one, so deploying would fail or overwrite.
            throw new InputError(
                "manifests",
                `two Kubernetes objects are both ${String(manifest.kind)} ${file.slice(file.indexOf("/") + 1, -".yaml".length)}`,
                "one object per kind, namespace and name",
            );
        }
        files.set(file, toYaml(manifest, { sortMapEntries: false, lineWidth: 0 }));
    }
    try {
        fs.mkdirSync(dir, { recursive: true });
        fs.rmSync(path.join(dir, "manifests"), { recursive: true, force: true });
        fs.mkdirSync(path.join(dir, "manifests"));
        fs.writeFileSync(path.join(dir, "resources.json"), `${JSON.stringify(plan.resources, null, 2)}\n`);
        fs.writeFileSync(path.join(dir, "jobs.json"), `${JSON.stringify(plan.jobs, null, 2)}\n`);
        fs.rmSync(path.join(dir, "platform-cost.json"), { force: true });
        if (plan.platform) fs.writeFileSync(path.join(dir, "platform-cost.json"), `${JSON.stringify(plan.platform, null, 2)}\n`);
        for (const [file, text] of [...files.entries()].sort()) {
            fs.mkdirSync(path.dirname(path.join(dir, "manifests", file)), { recursive: true });
            fs.writeFileSync(path.join(dir, "manifests", file), text);
        }
    } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (typeof code !== "string") throw err;
        throw new InputError("--out", `cannot write the plan to ${showPath(dir)} (${code})`, "a directory (or a path to create one) you can write to");
    }
    return { manifests: files.size };
}

/**
 * Refuses an `--out` that cannot be a directory before the program runs: an existing file, or a path
 * below one.
 */
export function checkOutDir(dir: string): void {
    let current = path.resolve(dir);
    for (;;) {
        let stat: fs.Stats | undefined;
        try {
            stat = fs.statSync(current);
        } catch {
            stat = undefined;
        }
        if (stat !== undefined) {
            if (stat.isDirectory()) return;
            const where = current === path.resolve(dir) ? showPath(dir) : `${showPath(dir)}: ${showPath(current)}`;
            throw new InputError("--out", `${where} is a file, not a directory`, "a directory to write the plan to");
        }
        const parent = path.dirname(current);
        if (parent === current) return;
        current = parent;
    }
}

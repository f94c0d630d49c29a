import * as os from "os";
import * as path from "path";
import { parse as parseYaml } from "yaml";

import { describeValue, InputError } from "../errors";
import { readUserTextFile, showSecretPath } from "../files";

/**
 * The largest kubeconfig file read: real ones are kilobytes (a few hundred clusters fit in 1 MiB);
 * the cap exists so that a device or a runaway file is refused instead of read into memory.
 */
export const KUBECONFIG_MAX_BYTES = 4 * 1024 * 1024;

/** Where a kubeconfig comes from. */
export type KubeconfigSource = { kind: "ambient" } | { kind: "path"; path: string } | { kind: "content"; content: string };

/**
 * Tells a kubeconfig path from kubeconfig content. Content is YAML or JSON, so it spans several lines
 * or starts like a document (`{`, `apiVersion:`, or any `key: ` as flow YAML on one line has); a path
 * is a single line.
 */
export function classifyKubeconfig(value: string | undefined): KubeconfigSource {
    if (value === undefined || value.trim() === "") {
        return { kind: "ambient" };
    }
    const trimmed = value.trim();
    if (trimmed.includes("\n") || trimmed.startsWith("{") || /^[A-Za-z][\w-]*:(\s|$)/.test(trimmed)) {
        return { kind: "content", content: value };
    }
    return { kind: "path", path: expandHome(trimmed) };
}

function expandHome(p: string): string {
    return p === "~" || p.startsWith("~/") ? path.join(os.homedir(), p.slice(1)) : p;
}

/** The parts of a kubeconfig the platform relies on, after validation. */
export interface KubeconfigSummary {
    clusters: string[];
    contexts: string[];
    currentContext?: string;
}

/**
 * Parses kubeconfig content and checks it names at least one cluster and context (and `context`,
 * when given, is one of them). Returns only names: the content carries credentials.
 */
export function resolveKubeconfigContent(content: string, key: string, context?: string): KubeconfigSummary {
    let doc: unknown;
    try {
        doc = parseYaml(content);
    } catch {
        throw new InputError(key, "the kubeconfig is not valid YAML", "a kubeconfig file's content or path");
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
        throw new InputError(key, "the kubeconfig is not a YAML mapping", "a kubeconfig file's content or path");
    }
    const record = doc as Record<string, unknown>;
    const clusters = namesOf(record.clusters);
    const contexts = namesOf(record.contexts);
    if (clusters.length === 0 || contexts.length === 0) {
        throw new InputError(key, "the kubeconfig has no clusters or no contexts", "a kubeconfig with at least one cluster and one context");
    }
    const currentContext = typeof record["current-context"] === "string" ? record["current-context"] : undefined;
    if (context !== undefined && !contexts.includes(context)) {
        // About the context argument, which sits beside the kubeconfig (`context`, in args and config alike).
        throw new InputError("context", `got ${describeValue(context)}, which is not in the kubeconfig`, `one of ${contexts.join(", ")}`);
    }
    if (context === undefined && currentContext !== undefined && !contexts.includes(currentContext)) {
        throw new InputError(key, `current-context ${describeValue(currentContext)} is not among its contexts`, `one of ${contexts.join(", ")}`);
    }
    return { clusters, contexts, currentContext };
}

function namesOf(list: unknown): string[] {
    if (!Array.isArray(list)) {
        return [];
    }
    return list
        .map((entry) => (typeof entry === "object" && entry !== null ? (entry as { name?: unknown }).name : undefined))
        .filter((name): name is string => typeof name === "string" && name !== "");
}

/**
 * Validates a kubeconfig given as a path or as content. A path must name a readable file whose
 * content is a kubeconfig; the path itself (not the content) is what the provider is given.
 */
export function checkKubeconfig(source: KubeconfigSource, key: string, context?: string): void {
    switch (source.kind) {
        case "ambient":
            return;
        case "content":
            resolveKubeconfigContent(source.content, key, context);
            return;
        case "path": {
            // The key takes content too, so a "path" may be a kubeconfig (and its token) given on one
            // line or as base64: it is shown only when it plainly is a path.
            const content = readUserTextFile(source.path, {
                key,
                what: "a kubeconfig file, or the kubeconfig content",
                maxBytes: KUBECONFIG_MAX_BYTES,
                shownAs: showSecretPath(source.path),
            });
            resolveKubeconfigContent(content, key, context);
        }
    }
}

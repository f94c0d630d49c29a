import { SECRET, UNKNOWN } from "./types";

export type Obj = Record<string, any>;

export function isObj(value: unknown): value is Obj {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` as a list: arrays as they are, a single value as a one-item list, nothing as `[]`. */
export function asList(value: unknown): unknown[] {
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value : [value];
}

/** A value that cannot be checked here: unknown until deployment, or a secret the plan hides. */
export function isOpaque(value: unknown): boolean {
    return value === UNKNOWN || value === SECRET;
}

/** The last part of a Pulumi type token (`kubernetes:apps/v1:Deployment` -> `Deployment`). */
export function kindOf(type: string): string {
    return type.slice(type.lastIndexOf(":") + 1);
}

export interface PolicyStatement {
    Effect?: unknown;
    Action?: unknown;
    NotAction?: unknown;
    Resource?: unknown;
    NotResource?: unknown;
    Principal?: unknown;
    NotPrincipal?: unknown;
    Condition?: unknown;
}

/**
 * The statements of an IAM/RAM policy document given as a JSON string or an object.
 * `opaque`: unknown or secret (cannot be checked); `invalid`: not a policy document.
 */
export type ParsedDocument = { kind: "ok"; statements: PolicyStatement[] } | { kind: "opaque" } | { kind: "invalid"; reason: string };

export function parsePolicyDocument(document: unknown): ParsedDocument {
    if (isOpaque(document)) return { kind: "opaque" };
    let doc: unknown = document;
    if (typeof document === "string") {
        try {
            doc = JSON.parse(document);
        } catch {
            return { kind: "invalid", reason: "is not valid JSON" };
        }
    }
    if (!isObj(doc)) return { kind: "invalid", reason: "is not a JSON object" };
    const statements = asList(doc.Statement);
    if (statements.some((s) => !isObj(s))) return { kind: "invalid", reason: "has a Statement that is not an object" };
    return { kind: "ok", statements: statements as PolicyStatement[] };
}

/** A statement's label for messages: its Sid, else its position. */
export function statementLabel(statement: PolicyStatement, index: number): string {
    const sid = (statement as Obj).Sid;
    return typeof sid === "string" && sid !== "" ? `statement ${JSON.stringify(sid)}` : `statement ${index + 1}`;
}

/** Strings of a field that may be a string or a list of strings (other values are dropped). */
export function strings(value: unknown): string[] {
    return asList(value).filter((v): v is string => typeof v === "string");
}

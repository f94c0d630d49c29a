import { describeValue, InputError } from "./errors";

/**
 * Kubernetes object-name rules, checked before any resource is declared so that a bad name fails
 * with one line instead of an API-server rejection halfway through `pulumi up`.
 */

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Checks a DNS-1123 label (namespace and most object names): lower-case alphanumerics and '-', <= 63. */
export function requireDns1123Label(value: unknown, key: string, maxLength = 63): string {
    if (typeof value !== "string" || !DNS_1123_LABEL.test(value) || value.length > maxLength) {
        throw new InputError(
            key,
            `got ${describeValue(value)}`,
            `a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most ${maxLength} characters`,
        );
    }
    return value;
}

/** Checks a DNS-1035 label (SparkApplication names, Services): like DNS-1123 but starting with a letter. */
export function requireDns1035Label(value: unknown, key: string, maxLength = 63): string {
    if (typeof value !== "string" || !DNS_1035_LABEL.test(value) || value.length > maxLength) {
        throw new InputError(
            key,
            `got ${describeValue(value)}`,
            `a DNS-1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit, at most ${maxLength} characters`,
        );
    }
    return value;
}

/** Whether a namespace is one every cluster already has (`default`, `kube-*`): declaring it again fails with AlreadyExists. */
export function isSystemNamespace(name: string): boolean {
    return name === "default" || name.startsWith("kube-");
}

/** Checks that a list has no repeated entries (e.g. two job namespaces with the same name). */
export function requireUnique(values: readonly string[], key: string): void {
    const seen = new Set<string>();
    for (const value of values) {
        if (seen.has(value)) {
            throw new InputError(key, `${describeValue(value)} is listed twice`, "each entry once");
        }
        seen.add(value);
    }
}

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_RULE =
    "[prefix/]name: a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, with an optional DNS subdomain prefix such as example.com/";
const LABEL_VALUE_RULE = "a label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, or empty";

/** Whether `value` is a Kubernetes qualified name (label and annotation keys): `[prefix/]name`. */
export function isQualifiedName(value: string): boolean {
    const slash = value.lastIndexOf("/");
    const prefix = slash < 0 ? undefined : value.slice(0, slash);
    const name = slash < 0 ? value : value.slice(slash + 1);
    if (prefix !== undefined && (prefix.length > 253 || !DNS_1123_SUBDOMAIN.test(prefix))) {
        return false;
    }
    return name.length <= 63 && LABEL_NAME.test(name);
}

/** Whether `value` is a Kubernetes label value: empty, or at most 63 characters of the label-name form. */
export function isLabelValue(value: string): boolean {
    return value === "" || (value.length <= 63 && LABEL_NAME.test(value));
}

/**
 * Checks a map of Kubernetes labels (or a node selector): qualified-name keys, label values. The API
 * server refuses anything else when the object or pod is created, long after `pulumi up` started.
 * Errors name the map (`labels`) for a bad key and the entry (`labels.team`) for a bad value.
 */
export function requireLabels(labels: Record<string, unknown>, key: string): void {
    for (const [name, value] of Object.entries(labels)) {
        if (!isQualifiedName(name)) {
            throw new InputError(key, `got the key ${describeValue(name)}`, `label keys of the form ${QUALIFIED_NAME_RULE}`);
        }
        if (typeof value !== "string" || !isLabelValue(value)) {
            throw new InputError(`${key}.${name}`, `got ${describeValue(value)}`, LABEL_VALUE_RULE);
        }
    }
}

/** Checks the keys of a map of Kubernetes annotations (values are free text). */
export function requireAnnotationKeys(annotations: Record<string, unknown>, key: string): void {
    for (const name of Object.keys(annotations)) {
        if (!isQualifiedName(name)) {
            throw new InputError(key, `got the key ${describeValue(name)}`, `annotation keys of the form ${QUALIFIED_NAME_RULE}`);
        }
    }
}

/** Job namespaces: at least one, each a DNS-1123 label, no duplicates. */
export function checkJobNamespaces(jobNamespaces: unknown, key = "jobNamespaces"): void {
    if (!Array.isArray(jobNamespaces) || jobNamespaces.length === 0) {
        throw new InputError(key, `got ${describeValue(jobNamespaces)}`, "at least one namespace name");
    }
    jobNamespaces.forEach((ns, i) => requireDns1123Label(ns, `${key}[${i}]`));
    requireUnique(jobNamespaces as string[], key);
}

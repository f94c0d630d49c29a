import { InputError, describeValue } from "./errors";

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

import { createHash } from "crypto";

/**
 * RAM role names: 1-64 letters, digits, '.' and '-' (Alibaba Cloud RAM API reference, CreateRole
 * `RoleName`, last updated 2025-12-15).
 */
export const RAM_ROLE_NAME_MAX = 64;
const SUFFIX_LENGTH = 7;

/**
 * The RAM role of a job namespace: `<component name>-<namespace>-<7 hex>`, lower-case letters,
 * digits and '-' (valid as a RAM role and as a RAM policy name), cut to fit 64 characters. RAM
 * names are per account, so the hex (a digest of the Pulumi project, stack, component name and
 * namespace) keeps two stacks in one account apart and keeps cut names distinct.
 *
 * The name is fixed before deployment, not taken from the created role, because the ECI pod
 * annotation that names it is plain text in the job's spec.
 */
export function eciRoleName(componentName: string, namespace: string, scope: { project: string; stack: string }): string {
    const digest = createHash("sha256").update([scope.project, scope.stack, componentName, namespace].join("\u0000")).digest("hex");
    const base = `${componentName}-${namespace}`
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .slice(0, RAM_ROLE_NAME_MAX - SUFFIX_LENGTH - 1)
        .replace(/^-+|-+$/g, "");
    return `${base}-${digest.slice(0, SUFFIX_LENGTH)}`;
}

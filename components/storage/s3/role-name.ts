import { createHash } from "node:crypto";

/**
 * IAM role names hold at most 64 characters (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html,
 * read 2026-11-29), and Pulumi names a role after its resource name plus `-` and 7 random
 * characters. A namespace may be 63 characters, so `<component>-<namespace>` is shortened, only when
 * it would not fit, to a prefix of the namespace and a hash of the whole: names that fit keep the
 * resource name (and so the role) they always had.
 */
const MAX_ROLE_NAME = 64;
const AUTONAME_SUFFIX = 8;

/** The resource name of a namespace's IRSA role. */
export function irsaRoleResourceName(component: string, namespace: string): string {
    const plain = `${component}-${namespace}`;
    if (plain.length + AUTONAME_SUFFIX <= MAX_ROLE_NAME) return plain;
    const hash = createHash("sha256").update(namespace).digest("hex").slice(0, 8);
    const room = MAX_ROLE_NAME - AUTONAME_SUFFIX - component.length - 1 - hash.length - 1;
    return `${component}-${namespace.slice(0, Math.max(0, room)).replace(/-+$/, "")}-${hash}`;
}

import { createHash } from "crypto";

/**
 * The ACK cluster's name when none is given. Up to 0.1 it was the component's name (the stacks'
 * `serverless-spark`), the same in every stack, so a second stack of the same program in one account
 * got a second cluster of the same name (the project's Alibaba Cloud findings, 4.7). Now it is
 * `<base>-<stack>-<6 hex>`, the hex a digest of the Pulumi organization, project, stack and component
 * name (two projects can both have a `dev` stack).
 *
 * An existing cluster keeps the name it was created with: the cluster ignores later changes of a
 * defaulted name (`ignoreChanges: ["name"]`, as the OSS bucket does with its derived name), so a
 * stack deployed under the old default sees no change, and the names derived from the cluster's
 * (the SLS log project, the image cache) keep starting with `<base>`, as before. ACK can rename a
 * cluster in place (`ModifyCluster`, terraform-provider-alicloud `modifyCluster`, read 2026-11-29),
 * which is what an explicit `name` change does.
 */

/** ACK names: 1-63 letters, digits and '-', starting with a letter or digit (validate.ts). */
const MAX_LENGTH = 63;
const HEX = 6;

/** The default ACK cluster name of a stack (pure; the scope comes from the Pulumi runtime). */
export function derivedClusterName(base: string, componentName: string, scope: { organization: string; project: string; stack: string }): string {
    const digest = createHash("sha256").update([scope.organization, scope.project, scope.stack, componentName].join("\u0000")).digest("hex").slice(0, HEX);
    const stack = scope.stack
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/^-+|-+$/g, "");
    const head = [base, stack].filter((part) => part !== "").join("-");
    // Room for "-<hex>"; a trimmed head must not end with '-'.
    const trimmed = head.slice(0, MAX_LENGTH - HEX - 1).replace(/-+$/, "");
    return `${trimmed}-${digest}`;
}

/**
 * The serverless-spark guardrails as plain functions (no Pulumi import). `policy/policies.ts` wraps
 * them for the Pulumi policy pack; `tools/plan/policy.ts` runs them over the offline plan.
 */
import { bucketSafety } from "./bucket-safety";
import { ackApiServerPrivate, eksPrivateEncrypted, eksPublicEndpointAllowList } from "./cluster-endpoints";
import { noWildcardPolicies } from "./no-wildcard-policies";
import { podSecurityRestricted } from "./pod-security";
import { sparkConfNoWidening } from "./spark-conf";
import { sparkRbacNamespaced } from "./spark-rbac";
import type { Rule } from "./types";

export { bucketSafety } from "./bucket-safety";
export { ackApiServerPrivate, eksPrivateEncrypted, eksPublicEndpointAllowList } from "./cluster-endpoints";
export { isWildcardAction, isWildcardResource, noWildcardPolicies } from "./no-wildcard-policies";
export { podSecurityRestricted, restrictedViolations, sparkConfVolumes, sparkPod } from "./pod-security";
export { sparkConfNoWidening, sparkConfViolations } from "./spark-conf";
export { sparkRbacNamespaced } from "./spark-rbac";
export * from "./types";

/** Every rule, in the order violations are reported. */
export const RULES: readonly Rule[] = [
    podSecurityRestricted,
    sparkConfNoWidening,
    noWildcardPolicies,
    bucketSafety,
    eksPrivateEncrypted,
    eksPublicEndpointAllowList,
    ackApiServerPrivate,
    sparkRbacNamespaced,
];

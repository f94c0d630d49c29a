import { createHash } from "crypto";

import { InputError } from "../../errors";

/** Selectors one Fargate profile may hold (EKS quota "Selectors per Fargate profile"). */
export const SELECTORS_PER_PROFILE = 5;
/** Profiles one cluster may hold by default (EKS quota "Fargate profiles per cluster", adjustable). */
export const DEFAULT_MAX_FARGATE_PROFILES = 10;

/** One Fargate profile to declare: its name and the namespaces it selects. */
export interface FargateProfilePlan {
    /** Profile name: `spark-<index>-<hash of its namespaces>`, never starting with `eks-`. */
    name: string;
    namespaces: string[];
}

/**
 * The namespaces whose pods must run on Fargate, in a stable order: `kube-system` (CoreDNS), the
 * operator's namespace, then the job namespaces. Duplicates are dropped.
 */
export function fargateNamespaces(operatorNamespace: string, jobNamespaces: readonly string[]): string[] {
    return [...new Set(["kube-system", operatorNamespace, ...jobNamespaces])];
}

/**
 * Splits the Fargate namespaces ({@link fargateNamespaces}) into profiles of at most five selectors
 * (one selector per namespace, no labels, so every pod of the namespace matches).
 *
 * A profile's name carries a hash of its namespaces. Profiles are immutable, so a changed profile is
 * replaced; with a new name the replacement is created before the old one is deleted, and pods of
 * the old profile are rescheduled onto the new one instead of waiting for a gap to close.
 *
 * @param maxProfiles refuse more profiles than this (the account's quota)
 * @param key the key errors name (the job namespaces)
 */
export function planFargateProfiles(operatorNamespace: string, jobNamespaces: readonly string[], maxProfiles: number, key: string): FargateProfilePlan[] {
    const namespaces = fargateNamespaces(operatorNamespace, jobNamespaces);
    const system = fargateNamespaces(operatorNamespace, []).length;
    const count = Math.ceil(namespaces.length / SELECTORS_PER_PROFILE);
    if (count > maxProfiles) {
        throw new InputError(
            key,
            `got ${namespaces.length - system} job namespaces, which with kube-system and the operator namespace need ${count} Fargate profiles`,
            `at most ${maxProfiles * SELECTORS_PER_PROFILE - system} job namespaces (${maxProfiles} profiles of ${SELECTORS_PER_PROFILE} selectors; raise the EKS quota and maxFargateProfiles for more)`,
        );
    }
    const plans: FargateProfilePlan[] = [];
    for (let i = 0; i < count; i++) {
        const chunk = namespaces.slice(i * SELECTORS_PER_PROFILE, (i + 1) * SELECTORS_PER_PROFILE);
        const hash = createHash("sha256").update(chunk.join(",")).digest("hex").slice(0, 8);
        plans.push({ name: `spark-${i}-${hash}`, namespaces: chunk });
    }
    return plans;
}

/**
 * The Fargate profile of other platform services' namespaces (Airflow): one profile of its own,
 * `services-<hash of its namespaces>`, so turning a service on or off adds or removes this profile
 * and never replaces a Spark one (a replaced profile deletes the pods it scheduled).
 */
export function planServiceFargateProfile(namespaces: readonly string[]): FargateProfilePlan {
    if (namespaces.length > SELECTORS_PER_PROFILE) {
        throw new InputError("serviceNamespaces", `got ${namespaces.length} namespaces`, `at most ${SELECTORS_PER_PROFILE} (one Fargate profile)`);
    }
    const hash = createHash("sha256").update(namespaces.join(",")).digest("hex").slice(0, 8);
    return { name: `services-${hash}`, namespaces: [...namespaces] };
}

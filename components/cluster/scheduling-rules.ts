import { describeValue, InputError } from "../errors";
import { isLabelValue, isQualifiedName, requireAnnotationKeys, requireLabels } from "../names";
import type { SchedulingProfile } from "./types";

/**
 * Checks a scheduling profile the way the API server checks a pod spec (labels, annotation keys,
 * tolerations: k8s.io/kubernetes pkg/apis/core/validation ValidateTolerations), so a bad profile
 * fails before anything is declared instead of when the operator's or Spark's pods are created.
 * @param key the key the profile sits under, e.g. `scheduling`
 */
export function checkSchedulingProfile(profile: SchedulingProfile, key: string): void {
    requireLabels(profile.nodeSelector, `${key}.nodeSelector`);
    requireLabels(profile.podLabels, `${key}.podLabels`);
    requireAnnotationKeys(profile.podAnnotations, `${key}.podAnnotations`);
    profile.tolerations.forEach((toleration, i) => {
        const at = `${key}.tolerations[${i}]`;
        const operator = toleration.operator ?? "Equal";
        if (toleration.key !== undefined && toleration.key !== "" && !isQualifiedName(toleration.key)) {
            throw new InputError(
                `${at}.key`,
                `got ${describeValue(toleration.key)}`,
                "a taint key of the form [prefix/]name, such as virtual-kubelet.io/provider",
            );
        }
        if ((toleration.key ?? "") === "" && operator !== "Exists") {
            throw new InputError(`${at}.operator`, `got ${describeValue(operator)} with no key`, "Exists when key is empty (tolerate every taint), or a key");
        }
        if (operator === "Exists" && (toleration.value ?? "") !== "") {
            throw new InputError(
                `${at}.value`,
                `got ${describeValue(toleration.value)} with operator Exists`,
                "no value with operator Exists, or operator Equal",
            );
        }
        if (operator === "Equal" && !isLabelValue(toleration.value ?? "")) {
            throw new InputError(
                `${at}.value`,
                `got ${describeValue(toleration.value)}`,
                "a taint value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
            );
        }
        if (toleration.tolerationSeconds !== undefined && toleration.effect !== "NoExecute") {
            throw new InputError(
                `${at}.tolerationSeconds`,
                `got ${describeValue(toleration.tolerationSeconds)} with effect ${describeValue(toleration.effect)}`,
                "tolerationSeconds only with effect NoExecute",
            );
        }
    });
}

import { z } from "zod";

import { describeValue, InputError } from "../errors";
import { isLabelValue, isQualifiedName, requireAnnotationKeys, requireLabels } from "../names";
import type { SchedulingProfile, SchedulingSettings } from "./types";

const stringMap = (what: string) => z.record(z.string(), z.string({ error: `${what} values as strings` }), { error: `a map of ${what}` });

const tolerationSchema = z.strictObject(
    {
        key: z.string({ error: "a string" }).optional(),
        operator: z.enum(["Exists", "Equal"], { error: "Exists or Equal" }).optional(),
        value: z.string({ error: "a string" }).optional(),
        effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"], { error: "NoSchedule, PreferNoSchedule or NoExecute" }).optional(),
        tolerationSeconds: z.int({ error: "an integer" }).optional(),
    },
    { error: "a toleration object {key, operator, value, effect}" },
);

/** The shape of {@link SchedulingSettings}; each message is the "expected" half of an error. */
export const schedulingSchema = z.strictObject(
    {
        nodeSelector: stringMap("node labels").optional(),
        tolerations: z.array(tolerationSchema, { error: "a list of tolerations" }).optional(),
        podAnnotations: stringMap("pod annotations").optional(),
        podLabels: stringMap("pod labels").optional(),
    },
    { error: "an object with nodeSelector, tolerations, podAnnotations, podLabels" },
) satisfies z.ZodType<SchedulingSettings>;

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

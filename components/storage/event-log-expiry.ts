import { requireInteger } from "../checks";
import { InputError } from "../errors";
import { eventLogExpiryPrefix } from "./event-log";
import type { EventLogExpiry } from "./types";

/** Days event logs are kept unless told otherwise (the History Server's `historyServer.maxAgeDays` default). */
export const DEFAULT_EVENT_LOG_MAX_AGE_DAYS = 30;
/** At most ten years: a larger age is a typo. */
export const MAX_EVENT_LOG_MAX_AGE_DAYS = 3650;

/**
 * Checks a bucket storage's `eventLogMaxAgeDays` and applies its default: 30 days for a bucket the
 * storage creates; none for an existing bucket, whose lifecycle configuration is its owner's (setting
 * it there is refused, like the other created-bucket settings).
 * @returns the days, or undefined for an existing bucket
 */
export function resolveEventLogMaxAgeDays(value: unknown, existingBucket: boolean): number | undefined {
    if (existingBucket) {
        if (value !== undefined) {
            throw new InputError(
                "eventLogMaxAgeDays",
                "is set for an existing bucket",
                "it only for a bucket this package creates (an existing bucket keeps its own lifecycle configuration: add the rule there)",
            );
        }
        return undefined;
    }
    return requireInteger(value ?? DEFAULT_EVENT_LOG_MAX_AGE_DAYS, "eventLogMaxAgeDays", 1, MAX_EVENT_LOG_MAX_AGE_DAYS, "a whole number of days");
}

/** Who expires a bucket storage's event logs: its lifecycle rules, or (an existing bucket) its owner. */
export function bucketEventLogExpiry(maxAgeDays: number | undefined): EventLogExpiry {
    return maxAgeDays === undefined ? { by: "owner" } : { by: "lifecycle", maxAgeDays };
}

/** One job namespace's event-log expiry rule, as both clouds' lifecycle rules are built from it. */
export interface EventLogExpiryRule {
    /** The rule's ID, e.g. `expire-spark-events-etl` (at most 255 characters on both clouds). */
    id: string;
    /** The keys it expires (see {@link eventLogExpiryPrefix}). */
    prefix: string;
    /** Days after an object was written. */
    days: number;
}

/**
 * The expiry rules of a bucket: one per job namespace, on its rolling event logs only. Prefixes of
 * different namespaces never overlap (a namespace name ends at its `/`), which OSS requires of rules
 * with the same action.
 */
export function eventLogExpiryRules(jobNamespaces: readonly string[], days: number): EventLogExpiryRule[] {
    return [...jobNamespaces].sort().map((namespace) => ({ id: `expire-spark-events-${namespace}`, prefix: eventLogExpiryPrefix(namespace), days }));
}

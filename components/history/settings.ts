import { z } from "zod";

import { underKey } from "../errors";
import { parseShape } from "../shape";
import { DEFAULT_EVENT_LOG_MAX_AGE_DAYS, MAX_EVENT_LOG_MAX_AGE_DAYS } from "../storage/event-log-expiry";

/** Settings of the Spark History Server the platform runs in each job namespace. */
export interface HistoryServerSettings {
    /**
     * Run a History Server in every job namespace whose jobs keep event logs: in a bucket (S3, OSS),
     * or on an HDFS with `storage.hdfs.eventLogDir`. It is reached with `kubectl port-forward` only:
     * nothing is exposed outside the cluster.
     * @default true
     */
    enabled?: boolean;
    /**
     * Days an event log is kept. On a bucket the package creates, the bucket's lifecycle rules delete
     * older rolling logs (the server only reads; the stacks pass this value to the storage, and a
     * storage component's `eventLogMaxAgeDays` must equal it); an existing bucket's rules are its
     * owner's. On HDFS the server's cleaner (`spark.history.fs.cleaner.maxAge`) deletes older logs
     * once a day.
     * @default 30
     */
    maxAgeDays?: number;
}

/** The settings with defaults applied. */
export interface ResolvedHistoryServerSettings {
    enabled: boolean;
    maxAgeDays: number;
}

export const HISTORY_SERVER_DEFAULTS: ResolvedHistoryServerSettings = Object.freeze({ enabled: true, maxAgeDays: DEFAULT_EVENT_LOG_MAX_AGE_DAYS });

/** At most ten years: a larger age is a typo. */
const MAX_AGE_DAYS = MAX_EVENT_LOG_MAX_AGE_DAYS;

export const historyServerSettingsSchema = z.strictObject(
    {
        enabled: z.boolean({ error: "true or false" }).optional(),
        maxAgeDays: z
            .number({ error: `a whole number of days, 1-${MAX_AGE_DAYS}` })
            .int({ error: `a whole number of days, 1-${MAX_AGE_DAYS}` })
            .min(1, { error: `a whole number of days, 1-${MAX_AGE_DAYS}` })
            .max(MAX_AGE_DAYS, { error: `a whole number of days, 1-${MAX_AGE_DAYS}` })
            .optional(),
    },
    { error: "an object {enabled, maxAgeDays}" },
);

/**
 * Checks History Server settings and applies the defaults. Throws one `InputError` naming the key.
 * @param key where the settings came from, for errors
 */
export function resolveHistoryServerSettings(settings: HistoryServerSettings | undefined, key = "historyServer"): ResolvedHistoryServerSettings {
    const given = underKey(key, () => parseShape(historyServerSettingsSchema, settings ?? {}));
    return { enabled: given.enabled ?? HISTORY_SERVER_DEFAULTS.enabled, maxAgeDays: given.maxAgeDays ?? HISTORY_SERVER_DEFAULTS.maxAgeDays };
}

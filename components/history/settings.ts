import { z } from "zod";

import { underKey } from "../errors";
import { parseShape } from "../shape";

/** Settings of the Spark History Server the platform runs in each job namespace. */
export interface HistoryServerSettings {
    /**
     * Run a History Server in every job namespace whose jobs keep event logs in a bucket (S3, OSS).
     * It is reached with `kubectl port-forward` only: nothing is exposed outside the cluster.
     * @default true
     */
    enabled?: boolean;
    /**
     * Days an event log is kept: the History Server's cleaner (`spark.history.fs.cleaner.maxAge`)
     * deletes older ones once a day.
     * @default 30
     */
    maxAgeDays?: number;
}

/** The settings with defaults applied. */
export interface ResolvedHistoryServerSettings {
    enabled: boolean;
    maxAgeDays: number;
}

export const HISTORY_SERVER_DEFAULTS: ResolvedHistoryServerSettings = Object.freeze({ enabled: true, maxAgeDays: 30 });

/** At most ten years: the cleaner's age is a Spark time string and a larger one is a typo. */
const MAX_AGE_DAYS = 3650;

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

import { CronExpressionParser } from "cron-parser";

import { describeValue, InputError } from "../errors";

/**
 * Schedules as the Spark operator accepts them: it parses `schedule` with robfig/cron v3's
 * standard parser (kubeflow/spark-operator v2.5.2, internal/controller/scheduledsparkapplication),
 * which takes five fields (minute hour day-of-month month day-of-week), the descriptors below, and
 * `@every <Go duration>`. Seconds fields are not accepted there, so they are refused here.
 */
const DESCRIPTORS = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

const EXPECTED =
    "a five-field cron expression (minute hour day-of-month month day-of-week), @hourly/@daily/@weekly/@monthly/@yearly, or @every <duration> such as @every 30m";

/** Checks a ScheduledSparkApplication schedule; returns it trimmed. */
export function requireSchedule(value: unknown, key: string): string {
    if (typeof value !== "string" || value.trim() === "") {
        throw new InputError(key, `got ${describeValue(value)}`, EXPECTED);
    }
    const schedule = value.trim();
    if (schedule.startsWith("@every ")) {
        const duration = schedule.slice("@every ".length).trim();
        if (!GO_DURATION.test(duration) || !/[1-9]/.test(duration)) {
            throw new InputError(key, `got ${describeValue(value)}`, EXPECTED);
        }
        return schedule;
    }
    if (schedule.startsWith("@")) {
        if (!DESCRIPTORS.includes(schedule)) {
            throw new InputError(key, `got ${describeValue(value)}`, EXPECTED);
        }
        return schedule;
    }
    if (schedule.split(/\s+/).length !== 5) {
        throw new InputError(key, `got ${describeValue(value)} (${schedule.split(/\s+/).length} fields)`, EXPECTED);
    }
    try {
        CronExpressionParser.parse(schedule);
    } catch (err) {
        throw new InputError(key, `got ${describeValue(value)} (${String((err as Error).message).split("\n")[0]})`, EXPECTED);
    }
    return schedule;
}

/** Checks an IANA time zone name (the operator's `timeZone`), e.g. `Asia/Shanghai`. */
export function requireTimeZone(value: unknown, key: string): string {
    if (typeof value === "string" && value !== "") {
        try {
            new Intl.DateTimeFormat("en-US", { timeZone: value });
            return value;
        } catch {
            // fall through to the error below
        }
    }
    throw new InputError(key, `got ${describeValue(value)}`, "an IANA time zone such as UTC or Asia/Shanghai");
}

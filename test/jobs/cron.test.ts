/**
 * `requireSchedule` in process: what robfig/cron v3's standard parser (the Spark operator's) takes,
 * and the reasons it gives. The same rules against the real Go parser: ./cron-robfig.integration.test.ts.
 */
import { describe, expect, it } from "vitest";

import { describeValue, InputError } from "../../components/errors";
import { requireSchedule, requireTimeZone } from "../../components/jobs/cron";

const EXPECTED =
    "expected a five-field cron expression (minute hour day-of-month month day-of-week), @hourly/@daily/@weekly/@monthly/@yearly, or @every <duration>";

function refusal(value: unknown): InputError {
    try {
        requireSchedule(value, "jobs[0].schedule");
    } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        return err as InputError;
    }
    throw new Error(`${JSON.stringify(value)} was accepted`);
}

const ACCEPTED: readonly string[] = [
    "* * * * *",
    "0 2 * * *",
    "*/15 * * * *",
    "5/15 * * * *",
    "0-59/59 * * * *",
    "0,30 9-17 * * 1-5",
    "1,,2 * * * *",
    "0 0 1 JAN-MAR mon-fri",
    "0 0 * jan/3 SUN",
    "0 0 * Dec sun-sat",
    "? ? ? ? ?",
    "0 0 ? * *",
    "*-5 * * * *",
    "+5 007 * * *",
    "0 0 * * fr\u0130", // Go's ToLower turns İ into i
    "*\t*  *\u00a0* *",
    "  0 2 * * *  ",
    "@yearly",
    "@annually",
    "@monthly",
    "@weekly",
    "@daily",
    "@midnight",
    "@hourly",
    " @daily ",
    "@every 1h30m",
    "@every 30m",
    "@every 1.5h",
    "@every .5h",
    "@every +90s",
    "@every 1m",
    "@every 2562047h47m16.854775807s",
];

it.each(ACCEPTED)("GIVEN %j THEN requireSchedule accepts it", (schedule) => {
    expect(requireSchedule(schedule, "schedule")).toBe(schedule.trim());
});

/** Schedule, and the reason in parentheses the error must give. */
const REFUSED: readonly (readonly [string, string])[] = [
    ["", "empty"],
    ["   ", "empty"],
    ["0 2 * *", "4 fields"],
    ["0 0 2 * * *", "6 fields"],
    ["*", "1 fields"],
    ["0 0 * * 5#3", 'day-of-week "5#3" is neither a number nor a weekday name SUN-SAT'],
    ["0 0 * * 5L", 'day-of-week "5L" is neither a number nor a weekday name SUN-SAT'],
    ["0 0 L * *", 'day-of-month "L" is not a number'],
    ["0 0 15W * *", 'day-of-month "15W" is not a number'],
    ["0 0 W * *", 'day-of-month "W" is not a number'],
    ["H * * * *", 'minute "H" is not a number'],
    ["H/15 * * * *", 'minute "H" in "H/15" is not a number'],
    ["0 0 * * 7", "day-of-week 7 is above the maximum 6"],
    ["0 0 * * 0-7", "day-of-week 7 is above the maximum 6"],
    ["0 0 * * sun-7", "day-of-week 7 is above the maximum 6"],
    ["60 * * * *", "minute 60 is above the maximum 59"],
    ["61 2 * * *", "minute 61 is above the maximum 59"],
    ["0 24 * * *", "hour 24 is above the maximum 23"],
    ["0 0 32 * *", "day-of-month 32 is above the maximum 31"],
    ["0 0 0 * *", "day-of-month 0 is below the minimum 1"],
    ["0 0 * 0 *", "month 0 is below the minimum 1"],
    ["0 0 * 13 *", "month 13 is above the maximum 12"],
    ["70/5 * * * *", "minute 70 is above the maximum 59"],
    ["99999999999999999999 * * * *", 'minute "99999999999999999999" is above the maximum 59'],
    ["-1 * * * *", 'minute "" in "-1" is not a number'],
    ["*/0 * * * *", 'minute step 0 in "*/0" never advances; a step is at least 1'],
    ["5-10/0 * * * *", 'minute step 0 in "5-10/0" never advances; a step is at least 1'],
    ["*/-5 * * * *", "minute step -5 is negative"],
    ["*/x * * * *", 'minute step "x" in "*/x" is not a number'],
    ["5/ * * * *", 'minute step "" in "5/" is not a number'],
    ["/5 * * * *", 'minute "" in "/5" is not a number'],
    ["*/9223372036854775808 * * * *", "minute step 9223372036854775808 does not fit a 64-bit integer"],
    ["1-2-3 * * * *", 'minute "1-2-3" has more than one "-"'],
    ["1/2/3 * * * *", 'minute "1/2/3" has more than one "/"'],
    ["5-1 * * * *", "minute range 5-1 starts after it ends"],
    ["0 0 * dec-jan *", "month range dec-jan starts after it ends"],
    ["0 0 * january *", 'month "january" is neither a number nor a month name JAN-DEC'],
    ["0 0 * * monday", 'day-of-week "monday" is neither a number nor a weekday name SUN-SAT'],
    ["0 0 * * 1.5", 'day-of-week "1.5" is neither a number nor a weekday name SUN-SAT'],
    ["jan * * * *", 'minute "jan" is not a number'],
    ["*\ufeff* * * *", "4 fields"],
    ["@fortnightly", "unknown descriptor"],
    ["@Daily", "unknown descriptor"],
    ["@reboot", "unknown descriptor"],
    ["@every", "unknown descriptor"],
    ["@daily 0", "unknown descriptor"],
    ["@every  1h", 'the @every duration " 1h" is not a Go duration such as 30m or 1h30m'],
    ["@every 1\u00b5s", 'the @every duration "1\u00b5s" is shorter than a minute (each run starts a new Spark application)'],
    ["@every 59.999s", 'the @every duration "59.999s" is shorter than a minute (each run starts a new Spark application)'],
    ["@every 1h 30m", 'the @every duration "1h 30m" has the unknown unit "h "; Go durations use ns, us, ms, s, m or h'],
    ["@every 1d", 'the @every duration "1d" has the unknown unit "d"; Go durations use ns, us, ms, s, m or h'],
    ["@every 1H", 'the @every duration "1H" has the unknown unit "H"; Go durations use ns, us, ms, s, m or h'],
    ["@every 30", 'the @every duration "30" has a number without a unit; Go durations use ns, us, ms, s, m or h'],
    ["@every .h", 'the @every duration ".h" is not a Go duration such as 30m or 1h30m'],
    ["@every -", 'the @every duration "-" is not a Go duration such as 30m or 1h30m'],
    ["@every 2562048h", 'the @every duration "2562048h" is longer than a Go duration can be, about 292 years'],
    ["@every 9223372036.854775808s", 'the @every duration "9223372036.854775808s" is longer than a Go duration can be, about 292 years'],
    // Stricter than robfig, which runs these every second:
    ["@every 0s", 'the @every duration "0s" is not positive'],
    ["@every 0", 'the @every duration "0" is not positive'],
    ["@every -1h", 'the @every duration "-1h" is not positive'],
    ["@every 0.5ns", 'the @every duration "0.5ns" is not positive'],
];

it.each(REFUSED)("GIVEN %j THEN requireSchedule refuses it (%s)", (schedule, reason) => {
    const err = refusal(schedule);
    expect(err.key).toBe("jobs[0].schedule");
    expect(err.message).toBe(`jobs[0].schedule: got ${describeValue(schedule)} (${reason}), expected ${err.expected}`);
    expect(err.message).toContain(EXPECTED);
    expect(err.message).not.toContain("\n");
});

describe("requireSchedule", () => {
    it("GIVEN a CRON_TZ= or TZ= prefix (which robfig takes) THEN it is refused, pointing to timeZone", () => {
        expect(refusal("CRON_TZ=Asia/Shanghai 0 2 * * *").message).toBe(
            'jobs[0].schedule: got "CRON_TZ=Asia/Shanghai 0 2 * * *" (a CRON_TZ= time zone prefix, which makes the operator ignore timeZone), ' +
                'expected the schedule without the prefix and the zone in the job\'s timeZone key (timeZone: "Asia/Shanghai")',
        );
        expect(refusal("TZ=UTC @daily").message).toContain("(a TZ= time zone prefix, which makes the operator ignore timeZone)");
        expect(refusal("TZ=UTC").expected).toContain('timeZone: "UTC"');
    });

    it("GIVEN a value that is not a string THEN it is refused without a reason", () => {
        expect(refusal(5).message).toBe(`jobs[0].schedule: got 5, ${EXPECTED} such as @every 30m`);
        expect(refusal(undefined).message).toContain("got nothing,");
    });

    it("GIVEN a long bad value THEN the message stays one line", () => {
        const err = refusal(`0 0 * * ${"x".repeat(300)}`);
        expect(err.message).not.toContain("\n");
        expect(err.message.length).toBeLessThan(500);
    });
});

describe("requireTimeZone", () => {
    it("GIVEN IANA names THEN they are accepted; GIVEN anything else THEN refused", () => {
        expect(requireTimeZone("Asia/Shanghai", "timeZone")).toBe("Asia/Shanghai");
        expect(requireTimeZone("UTC", "timeZone")).toBe("UTC");
        expect(() => requireTimeZone("Mars/Olympus_Mons", "timeZone")).toThrow('timeZone: got "Mars/Olympus_Mons", expected an IANA time zone');
        expect(() => requireTimeZone("", "timeZone")).toThrow(InputError);
    });
});

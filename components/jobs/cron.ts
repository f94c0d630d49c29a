import { describeValue, InputError } from "../errors";

/**
 * Schedules as the Spark operator takes them.
 *
 * Source (public, read 2026-11-29): kubeflow/spark-operator v2.5.2
 * (internal/controller/scheduledsparkapplication/controller.go) parses a ScheduledSparkApplication's
 * `schedule` with `cron.ParseStandard` from github.com/robfig/cron/v3 v3.0.1 (parser.go, spec.go),
 * after putting `CRON_TZ=<spec.timeZone> ` in front of it unless it already starts with `CRON_TZ=`
 * or `TZ=`. This module is written from those rules, not from robfig's code:
 *
 * - five fields split on (Unicode) white space: minute 0-59, hour 0-23, day-of-month 1-31,
 *   month 1-12 or JAN-DEC, day-of-week 0-6 or SUN-SAT (names in any case);
 * - a field is a comma list (empty items are skipped); an item is `*`, `?`, `N` or `A-B`, optionally
 *   with `/STEP`; `N/STEP` means N to the field's maximum; anything after a leading `*` or `?` up to
 *   the `/` is ignored; numbers are Go `strconv.Atoi` numbers (an optional sign, ASCII digits);
 * - or exactly one of @yearly @annually @monthly @weekly @daily @midnight @hourly (case-sensitive),
 *   or `@every <Go duration>` (time.ParseDuration: `1h30m`, `1.5h`, `90s`; units ns us µs ms s m h).
 *
 * So Quartz's `5#3`, `L` and `W`, Jenkins' `H` and day-of-week 7 are refused, as the operator
 * refuses them (it marks the application FailedValidation and never runs it).
 * This checks syntax only, as robfig does: a schedule that never fires (`0 0 31 2 *`, or a field of
 * bare commas such as `0 , * * *`, which robfig reads as no hours at all) is accepted.
 *
 * Deliberate differences from bare `ParseStandard`:
 * - The value is trimmed. Bare robfig refuses ` @daily`; the operator does not (robfig trims what
 *   follows its `CRON_TZ=` prefix), and the component emits the trimmed value anyway.
 * - `@every` with a zero or negative duration is refused: robfig quietly runs it every second.
 * - `@every` shorter than a minute is refused: each run is a new SparkApplication with its own
 *   driver pod (billed per pod on Fargate and ECI), and a five-field schedule cannot ask for more
 *   than one run a minute either, so both forms share one floor.
 * - A `CRON_TZ=`/`TZ=` prefix is refused: the operator then skips its own prefix, so the job's
 *   `timeZone` would be silently ignored (and robfig crashes on `TZ=UTC` with nothing after it).
 */

const EXPECTED =
    "a five-field cron expression (minute hour day-of-month month day-of-week), @hourly/@daily/@weekly/@monthly/@yearly, or @every <duration> such as @every 30m";

const DESCRIPTORS = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
const EVERY = "@every ";
/** The shortest `@every`: one minute, in nanoseconds (Go durations count nanoseconds). */
const MIN_EVERY_NANOSECONDS = 60_000_000_000n;

/** Go's `unicode.IsSpace`, which `strings.Fields` splits on and `strings.TrimSpace` trims. */
const GO_SPACE = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const GO_SPACES = new RegExp(`[${GO_SPACE}]+`);
const GO_EDGE_SPACES = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, "g");

interface Field {
    readonly name: string;
    readonly min: number;
    readonly max: number;
    /** Lower-case names and their values (months and weekdays). */
    readonly names?: ReadonlyMap<string, number>;
    /** How the names are described in an error, e.g. `a month name JAN-DEC`. */
    readonly nameKind?: string;
}

const FIELDS: readonly Field[] = [
    { name: "minute", min: 0, max: 59 },
    { name: "hour", min: 0, max: 23 },
    { name: "day-of-month", min: 1, max: 31 },
    {
        name: "month",
        min: 1,
        max: 12,
        names: numbered(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1),
        nameKind: "a month name JAN-DEC",
    },
    { name: "day-of-week", min: 0, max: 6, names: numbered(["sun", "mon", "tue", "wed", "thu", "fri", "sat"], 0), nameKind: "a weekday name SUN-SAT" },
];

function numbered(names: readonly string[], first: number): ReadonlyMap<string, number> {
    return new Map(names.map((name, i) => [name, first + i]));
}

const INT64_MAX = (1n << 63n) - 1n;

/** Checks a ScheduledSparkApplication schedule; returns it trimmed. */
export function requireSchedule(value: unknown, key: string): string {
    if (typeof value !== "string") {
        throw new InputError(key, `got ${describeValue(value)}`, EXPECTED);
    }
    // JavaScript's trim (what the component emits), then Go's (what robfig applies after the
    // operator's prefix): they differ only in U+FEFF and U+0085.
    const schedule = value.trim().replace(GO_EDGE_SPACES, "");
    const refuse = (reason: string, expected = EXPECTED): never => {
        throw new InputError(key, `got ${describeValue(value)} (${reason})`, expected);
    };
    if (schedule === "") {
        refuse("empty");
    }
    if (schedule.startsWith("CRON_TZ=") || schedule.startsWith("TZ=")) {
        const zone = schedule.slice(schedule.indexOf("=") + 1).split(GO_SPACES)[0];
        refuse(
            `a ${schedule.slice(0, schedule.indexOf("=") + 1)} time zone prefix, which makes the operator ignore timeZone`,
            `the schedule without the prefix and the zone in the job's timeZone key (timeZone: ${describeValue(zone)})`,
        );
    }
    if (schedule.startsWith("@")) {
        const reason = descriptorProblem(schedule);
        if (reason !== undefined) {
            refuse(reason);
        }
        return schedule;
    }
    const fields = schedule.split(GO_SPACES);
    if (fields.length !== FIELDS.length) {
        refuse(`${fields.length} fields`);
    }
    for (const [i, field] of FIELDS.entries()) {
        const reason = fieldProblem(fields[i], field);
        if (reason !== undefined) {
            refuse(reason);
        }
    }
    return schedule;
}

/** Why a `@...` schedule is refused, or undefined. */
function descriptorProblem(schedule: string): string | undefined {
    if (DESCRIPTORS.includes(schedule)) {
        return undefined;
    }
    if (!schedule.startsWith(EVERY)) {
        return "unknown descriptor";
    }
    const text = schedule.slice(EVERY.length);
    const duration = parseGoDuration(text);
    if (typeof duration === "string") {
        return `the @every duration ${describeValue(text)} ${duration}`;
    }
    if (duration <= 0n) {
        // Stricter than robfig, which turns anything under a second into every second.
        return `the @every duration ${describeValue(text)} is not positive`;
    }
    if (duration < MIN_EVERY_NANOSECONDS) {
        return `the @every duration ${describeValue(text)} is shorter than a minute (each run starts a new Spark application)`;
    }
    return undefined;
}

/** Why one field is refused, or undefined. Items are checked in order; the first problem counts. */
function fieldProblem(text: string, field: Field): string | undefined {
    // Go's strings.FieldsFunc on ',': empty items vanish, so `1,,2` is `1,2` and `,` is no value.
    for (const item of text.split(",").filter((part) => part !== "")) {
        const reason = itemProblem(item, field);
        if (reason !== undefined) {
            return reason;
        }
    }
    return undefined;
}

function itemProblem(item: string, field: Field): string | undefined {
    const slashParts = item.split("/");
    const rangeParts = slashParts[0].split("-");
    const where = (part: string): string => (part === item ? "" : ` in ${describeValue(item)}`);
    let start: bigint;
    let end: bigint;
    let single = false;
    if (rangeParts[0] === "*" || rangeParts[0] === "?") {
        // Whatever follows a leading `*` or `?` before the `/` is not looked at.
        start = BigInt(field.min);
        end = BigInt(field.max);
    } else {
        const first = valueOf(rangeParts[0], field);
        if (typeof first === "string") {
            return `${field.name} ${describeValue(rangeParts[0])}${where(rangeParts[0])} ${first}`;
        }
        start = first;
        end = first;
        single = rangeParts.length === 1;
        if (rangeParts.length === 2) {
            const second = valueOf(rangeParts[1], field);
            if (typeof second === "string") {
                return `${field.name} ${describeValue(rangeParts[1])}${where(rangeParts[1])} ${second}`;
            }
            end = second;
        } else if (rangeParts.length > 2) {
            return `${field.name} ${describeValue(item)} has more than one "-"`;
        }
    }
    let step = 1n;
    if (slashParts.length === 2) {
        const parsed = goAtoi(slashParts[1]);
        if (parsed === undefined) {
            return `${field.name} step ${describeValue(slashParts[1])}${where(slashParts[1])} is not a number`;
        }
        if (parsed > INT64_MAX || parsed < -INT64_MAX - 1n) {
            return `${field.name} step ${slashParts[1]} does not fit a 64-bit integer`;
        }
        if (parsed < 0n) {
            return `${field.name} step ${slashParts[1]} is negative`;
        }
        step = parsed;
        if (single) {
            end = BigInt(field.max);
        }
    } else if (slashParts.length > 2) {
        return `${field.name} ${describeValue(item)} has more than one "/"`;
    }
    if (start < BigInt(field.min)) {
        return `${field.name} ${start} is below the minimum ${field.min}`;
    }
    if (end > BigInt(field.max)) {
        return `${field.name} ${end} is above the maximum ${field.max}`;
    }
    if (start > end) {
        // `N/STEP` runs from N to the maximum, so a start above the maximum lands here.
        return single ? `${field.name} ${start} is above the maximum ${field.max}` : `${field.name} range ${slashParts[0]} starts after it ends`;
    }
    if (step === 0n) {
        return `${field.name} step 0 in ${describeValue(item)} never advances; a step is at least 1`;
    }
    return undefined;
}

/** A field value: a name of the field (any case) or a non-negative number; else why not. */
function valueOf(text: string, field: Field): bigint | string {
    const named = field.names?.get(goLowerAscii(text));
    if (named !== undefined) {
        return BigInt(named);
    }
    const parsed = goAtoi(text);
    if (parsed === undefined) {
        return field.nameKind !== undefined ? `is neither a number nor ${field.nameKind}` : "is not a number";
    }
    if (parsed > INT64_MAX) {
        // Beyond Atoi's int64 (robfig: "failed to parse int"); refused either way.
        return `is above the maximum ${field.max}`;
    }
    // Never negative: the item was split on "-" already, so a value has no minus sign.
    return parsed;
}

/**
 * Go's `strings.ToLower`, as far as it can produce one of the ASCII names: A-Z, and the two
 * non-ASCII letters whose lower case is ASCII (U+0130 İ to `i`, U+212A Kelvin sign to `k`).
 */
function goLowerAscii(text: string): string {
    return text.replace(/[A-Z\u0130\u212a]/g, (c) => (c === "\u0130" ? "i" : c === "\u212a" ? "k" : c.toLowerCase()));
}

/** Go's `strconv.Atoi` syntax (optional sign, ASCII digits); the range check is the caller's. */
function goAtoi(text: string): bigint | undefined {
    return /^[+-]?[0-9]+$/.test(text) ? BigInt(text) : undefined;
}

const DURATION_UNITS: Record<string, bigint> = {
    ns: 1n,
    us: 1_000n,
    "\u00b5s": 1_000n, // micro sign
    "\u03bcs": 1_000n, // Greek mu
    ms: 1_000_000n,
    s: 1_000_000_000n,
    m: 60_000_000_000n,
    h: 3_600_000_000_000n,
};
const UNIT_LIST = "Go durations use ns, us, ms, s, m or h";
const NOT_A_DURATION = "is not a Go duration such as 30m or 1h30m";
const TOO_LONG = "is longer than a Go duration can be, about 292 years";
const TWO_63 = 1n << 63n;

/**
 * Go's `time.ParseDuration`: nanoseconds, or why the text is not a duration. Numbers are
 * `digits[.digits]` followed by a unit, repeated, with one optional leading sign; a bare `0` is
 * zero; the total must fit an int64 (the fraction is scaled in float64, as Go does).
 */
function parseGoDuration(text: string): bigint | string {
    let rest = text;
    let negative = false;
    if (rest.startsWith("-") || rest.startsWith("+")) {
        negative = rest.startsWith("-");
        rest = rest.slice(1);
    }
    if (rest === "0") {
        return 0n;
    }
    if (rest === "") {
        return NOT_A_DURATION;
    }
    let total = 0n;
    while (rest !== "") {
        const number = /^([0-9]*)(?:\.([0-9]*))?/.exec(rest)!;
        const [matched, whole, fraction] = number;
        if (whole === "" && (fraction === undefined || fraction === "")) {
            return NOT_A_DURATION;
        }
        rest = rest.slice(matched.length);
        const unitText = /^[^.0-9]*/.exec(rest)![0];
        if (unitText === "") {
            return `has a number without a unit; ${UNIT_LIST}`;
        }
        rest = rest.slice(unitText.length);
        const unit = DURATION_UNITS[unitText];
        if (unit === undefined) {
            return `has the unknown unit ${describeValue(unitText)}; ${UNIT_LIST}`;
        }
        // Go accumulates the integer part in a uint64 and gives up beyond 2^63.
        const wholeValue = whole === "" ? 0n : BigInt(whole);
        if (wholeValue > TWO_63 || wholeValue > TWO_63 / unit) {
            return TOO_LONG;
        }
        let value = wholeValue * unit;
        const [digits, scale] = fractionDigits(fraction ?? "");
        if (digits > 0n) {
            value += BigInt(Math.trunc(Number(digits) * (Number(unit) / scale)));
            if (value > TWO_63) {
                return TOO_LONG;
            }
        }
        total += value;
        if (total > TWO_63) {
            return TOO_LONG;
        }
    }
    if (negative) {
        return -total;
    }
    return total > TWO_63 - 1n ? TOO_LONG : total;
}

/** The fraction's digits as Go keeps them (it stops once 2^63 would overflow) and their scale. */
function fractionDigits(fraction: string): [bigint, number] {
    let digits = 0n;
    let scale = 1;
    for (const c of fraction) {
        const next = digits * 10n + BigInt(c);
        if (digits > (TWO_63 - 1n) / 10n || next > TWO_63) {
            break;
        }
        digits = next;
        scale *= 10;
    }
    return [digits, scale];
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

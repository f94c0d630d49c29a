/**
 * Checks `requireSchedule` against the parser the Spark operator runs: robfig/cron v3's
 * `cron.ParseStandard` (kubeflow/spark-operator v2.5.2 uses github.com/robfig/cron/v3 v3.0.1), built
 * here into a tiny Go program from the Debian packages golang-go and golang-github-robfig-cron-dev.
 *
 * Each schedule of a corpus (hand-picked edge cases plus every field position times a list of odd
 * values) goes through robfig twice: bare, and the way the operator calls it (`CRON_TZ=<timeZone> `
 * in front unless the schedule has its own prefix), given the trimmed value the component emits.
 * Accept/refuse must agree on every schedule except the deliberate differences listed below, which
 * must go the documented way.
 *
 * Skipped where go or the robfig sources are missing, except under CI, where that fails the run.
 * `GO_TOOLS_DIRS` (a PATH-like list) replaces the search for `go`, `ROBFIG_CRON_DIR` the sources.
 */
import { execFileSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import { requireSchedule } from "../../components/jobs/cron";
import { ciIsSet } from "../kerberos/kdc-tools";

const INSTALL = "apt-get install -y --no-install-recommends golang-go golang-github-robfig-cron-dev";

/** The `go` binary on PATH or where Debian and the upstream tarball put it. */
function findGo(): string | undefined {
    const override = process.env.GO_TOOLS_DIRS;
    const dirs = override !== undefined ? override.split(delimiter) : [...(process.env.PATH ?? "").split(delimiter), "/usr/lib/go/bin", "/usr/local/go/bin"];
    return dirs
        .filter((d) => d !== "")
        .map((d) => join(d, "go"))
        .find((path) => {
            try {
                accessSync(path, constants.X_OK);
                return true;
            } catch {
                return false;
            }
        });
}

/** The robfig/cron v3 source dir (Debian ships it without the `/v3` directory). */
function findRobfig(): string | undefined {
    const candidates =
        process.env.ROBFIG_CRON_DIR !== undefined
            ? [process.env.ROBFIG_CRON_DIR]
            : ["/usr/share/gocode/src/github.com/robfig/cron/v3", "/usr/share/gocode/src/github.com/robfig/cron"];
    return candidates.find((dir) => {
        try {
            return existsSync(join(dir, "parser.go")) && /^module github\.com\/robfig\/cron\/v3\s*$/m.test(readFileSync(join(dir, "go.mod"), "utf8"));
        } catch {
            return false;
        }
    });
}

const go = findGo();
const robfig = findRobfig();
const missing = [...(go ? [] : ["go"]), ...(robfig ? [] : ["the robfig/cron v3 sources"])];

if (missing.length > 0 && ciIsSet()) {
    describe("robfig/cron toolchain", () => {
        it("is installed", () => {
            throw new Error(`${missing.join(" and ")} missing but CI is set (${INSTALL})`);
        });
    });
}

const PROGRAM = `package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	_ "time/tzdata" // as the operator does, so CRON_TZ= zones load without the system's tzdata

	"github.com/robfig/cron/v3"
)

// parse returns nil when cron.ParseStandard accepts spec, else its error (a panic counts as one).
func parse(spec string) (problem *string) {
	defer func() {
		if r := recover(); r != nil {
			text := fmt.Sprintf("panic: %v", r)
			problem = &text
		}
	}()
	if _, err := cron.ParseStandard(spec); err != nil {
		text := err.Error()
		return &text
	}
	return nil
}

// Reads one JSON string per line; writes {"bare": error|null, "operator": error|null} per line.
func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var spec string
		if err := json.Unmarshal(in.Bytes(), &spec); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		operator := spec
		if !strings.HasPrefix(spec, "CRON_TZ=") && !strings.HasPrefix(spec, "TZ=") {
			operator = "CRON_TZ=UTC " + spec
		}
		if err := enc.Encode(map[string]*string{"bare": parse(spec), "operator": parse(operator)}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
}
`;

/** Deliberate difference: robfig accepts `@every` with a zero or negative duration (as every second). */
const EVERY_NOT_POSITIVE = [
    "@every 0",
    "@every 0s",
    "@every -0",
    "@every +0s",
    "@every 0h0m0s",
    "@every -1h",
    "@every -1.5h",
    "@every 0.0000000001s",
    "@every 0.5ns",
    "@every 0.00000000000000000000000000001h",
    "@every -9223372036854775808ns",
    "@every -9223372036.854775808s",
];
/** Deliberate difference: the operator takes a CRON_TZ=/TZ= prefix and then ignores timeZone. */
const TIME_ZONE_PREFIXED = ["TZ=UTC * * * * *", "CRON_TZ=UTC 0 2 * * *", "CRON_TZ=Asia/Shanghai @daily", "TZ=Europe/Berlin @every 1h", " TZ=UTC 0 2 * * 1-5"];
/**
 * Deliberate difference from bare ParseStandard only: the value is trimmed. The operator agrees
 * (robfig trims what follows the operator's CRON_TZ= prefix), and so does the component's output.
 */
const PADDED = [" @daily", "@daily ", "\t@hourly\n", "@every 1h ", "\u00a0@weekly", "@monthly\u0085", "\ufeff@yearly", "  @every 90s  "];

const HAND_PICKED = [
    "",
    " ",
    "* * * * *",
    "0 2 * * *",
    "  0 2 * * *  ",
    "*\t*\t*\t*\t*",
    "*\u00a0*\u2003*\u3000*\u0085*",
    "*\ufeff* * * *",
    "0 2 * *",
    "0 0 2 * * *",
    "* * * * * *",
    "*",
    "0 2 * * 1-5",
    "*/15 * * * *",
    "0 0 1 JAN-MAR mon-fri",
    "0 0 ? * ?",
    "? ? ? ? ?",
    "0 0 L * *",
    "0 0 15W * *",
    "0 0 * * 5#3",
    "0 0 * * 5L",
    "H * * * *",
    "H/15 * * * *",
    "0 0 * * 7",
    "0 0 * * 0-7",
    "0 0 * * sun-sat",
    "0 0 * * SAT-SUN",
    "0 0 * * fr\u0130",
    "0 0 * \u212aan *",
    "0 0 1 1 *",
    "0 0 31 2 *",
    "0 0 0 * *",
    "0 0 * 0 *",
    "0 0 * 13 *",
    "0 24 * * *",
    "60 * * * *",
    "0 , * * *",
    ", , , , ,",
    "0,30 * * * *",
    "0-59/59 * * * *",
    "5-1/2 * * * *",
    "5-10/0 * * * *",
    "*-3-4/5 * * * *",
    "0 0 * JAN/3 *",
    "0 0 * * MON/2",
    "@yearly",
    "@annually",
    "@monthly",
    "@weekly",
    "@daily",
    "@midnight",
    "@hourly",
    "@Daily",
    "@DAILY",
    "@fortnightly",
    "@reboot",
    "@",
    "@every",
    "@every ",
    "@every  1h",
    "@every\t1h",
    "@every 1h30m",
    "@every 1.5h",
    "@every .5h",
    "@every 1.h",
    "@every .h",
    "@every 30",
    "@every 1d",
    "@every 1H",
    "@every 1h 30m",
    "@every 1h-30m",
    "@every +1h",
    "@every 1ns",
    "@every 999ms",
    "@every 1us",
    "@every 1\u00b5s",
    "@every 1\u03bcs",
    "@every 1e3s",
    "@every 0x10s",
    "@every 2562047h",
    "@every 2562048h",
    "@every 9223372036854775807ns",
    "@every 9223372036854775808ns",
    "@every 99999999999999999999ns",
    "@every 1.99999999999999999999999s",
    "@every 1.5ns",
    "@every 2562047h47m16.854775807s",
    "@every 2562047h47m16.854775808s",
    "@every 9223372036.854775807s",
    "@every 9223372036.854775808s",
    "@every 2562047.788015215h",
    "@every 2562047.788015216h",
    "@every 1h1h1h",
    "@every 1..5h",
    "@every 1.5.5h",
    "@every -",
    "@every +",
    "@every --1h",
    "@daily 0",
    "@every 1h @daily",
    "TZ=UTC",
    "TZ=Nowhere/Bad * * * * *",
    "tz=UTC * * * * *",
    "cron_tz=UTC * * * * *",
];

/** Odd values for any field position. */
const FIELD_VALUES = [
    "-1",
    "0",
    "1",
    "6",
    "7",
    "12",
    "13",
    "23",
    "24",
    "31",
    "32",
    "59",
    "60",
    "*",
    "?",
    "*/0",
    "*/1",
    "*/5",
    "*/60",
    "*/+2",
    "*/-1",
    "*/x",
    "?/2",
    "1-2-3",
    "5-1",
    "1-5",
    "0-0",
    "*-5",
    "?-x-y",
    "1/2/3",
    "5/15",
    "5/",
    "/5",
    "5-",
    "-5",
    "a",
    "jan",
    "JAN",
    "Jan",
    "jan-mar",
    "dec-jan",
    "JAN/2",
    "sun",
    "SUN",
    "Sun",
    "mon-fri",
    "MON-FRI",
    "sat-sun",
    "sun/2",
    "fr\u0130",
    "L",
    "W",
    "15W",
    "LW",
    "3L",
    "#",
    "5#3",
    "H",
    "H/5",
    ",",
    "1,,2",
    ",5",
    "5,",
    "+5",
    "-0",
    "007",
    "1-+3",
    "1.5",
    "0x1",
    "99999999999999999999",
    "*/9223372036854775807",
    "*/9223372036854775808",
];

function generated(): string[] {
    const out: string[] = [];
    for (let position = 0; position < 5; position++) {
        for (const value of FIELD_VALUES) {
            const fields = ["*", "*", "*", "*", "*"];
            fields[position] = value;
            out.push(fields.join(" "));
        }
    }
    return out;
}

/** Deliberate difference: robfig runs a positive `@every` under a minute (a new application that often); requireSchedule refuses it. */
const underAMinute = (schedule: string): boolean => /is shorter than a minute/.test(ours(schedule) ?? "");

const CORPUS = [...new Set([...HAND_PICKED, ...generated(), ...EVERY_NOT_POSITIVE, ...TIME_ZONE_PREFIXED, ...PADDED])];

interface Verdict {
    /** robfig's error for the schedule as given, or null when accepted. */
    bare: string | null;
    /** robfig's error for the operator's call on the value the component emits (trimmed), or null. */
    operator: string | null;
}

/** Our verdict: undefined when accepted, else the error message. */
function ours(schedule: string): string | undefined {
    try {
        requireSchedule(schedule, "schedule");
        return undefined;
    } catch (err) {
        if (err instanceof InputError) {
            return err.message;
        }
        throw err;
    }
}

const title =
    missing.length === 0
        ? "requireSchedule against robfig/cron v3 ParseStandard"
        : `requireSchedule against robfig/cron v3 (skipped: ${missing.join(" and ")} not installed; ${INSTALL})`;

describe.skipIf(missing.length > 0)(title, () => {
    let dir: string;
    const verdicts = new Map<string, Verdict>();

    beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), "ss-robfig-"));
        writeFileSync(join(dir, "main.go"), PROGRAM);
        writeFileSync(
            join(dir, "go.mod"),
            `module robfigcheck\n\ngo 1.15\n\nrequire github.com/robfig/cron/v3 v3.0.1\n\nreplace github.com/robfig/cron/v3 => ${robfig}\n`,
        );
        const env: NodeJS.ProcessEnv = {
            ...process.env,
            GO111MODULE: "on",
            GOFLAGS: "-mod=mod",
            GOPROXY: "off",
            GOTOOLCHAIN: "local",
            GOWORK: "off",
            CGO_ENABLED: "0",
        };
        if (env.GOCACHE === undefined && env.HOME === undefined && env.XDG_CACHE_HOME === undefined) {
            env.GOCACHE = join(dir, "cache");
        }
        const bin = join(dir, "robfig-check");
        execFileSync(go!, ["build", "-o", bin, "."], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });

        // Each schedule as given, and the trimmed value the component emits (for the operator's call).
        const inputs = [...new Set(CORPUS.flatMap((s) => [s, s.trim()]))];
        const output = execFileSync(bin, [], { input: inputs.map((s) => JSON.stringify(s)).join("\n") + "\n", encoding: "utf8", timeout: 30_000 });
        const lines = output.trimEnd().split("\n");
        expect(lines).toHaveLength(inputs.length);
        const raw = new Map(inputs.map((s, i) => [s, JSON.parse(lines[i]) as Verdict]));
        for (const schedule of CORPUS) {
            verdicts.set(schedule, { bare: raw.get(schedule)!.bare, operator: raw.get(schedule.trim())!.operator });
        }
    });

    afterAll(() => {
        if (dir) {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("GIVEN the corpus THEN it has at least 150 schedules, many accepted and many refused by robfig", () => {
        expect(CORPUS.length).toBeGreaterThanOrEqual(150);
        const accepted = CORPUS.filter((s) => verdicts.get(s)!.bare === null).length;
        expect(accepted).toBeGreaterThanOrEqual(50);
        expect(CORPUS.length - accepted).toBeGreaterThanOrEqual(50);
    });

    it("GIVEN every schedule but the deliberate differences THEN requireSchedule accepts exactly what bare ParseStandard accepts", () => {
        const deliberate = new Set([...EVERY_NOT_POSITIVE, ...TIME_ZONE_PREFIXED, ...PADDED, ...CORPUS.filter(underAMinute)]);
        const disagreements = CORPUS.filter((s) => !deliberate.has(s))
            .filter((s) => (verdicts.get(s)!.bare === null) !== (ours(s) === undefined))
            .map((s) => ({ schedule: s, robfig: verdicts.get(s)!.bare ?? "accepted", ours: ours(s) ?? "accepted" }));
        expect(disagreements).toEqual([]);
    });

    it("GIVEN every schedule but the deliberate differences THEN requireSchedule accepts exactly what the operator's call accepts", () => {
        const deliberate = new Set([...EVERY_NOT_POSITIVE, ...TIME_ZONE_PREFIXED, ...CORPUS.filter(underAMinute)]);
        const disagreements = CORPUS.filter((s) => !deliberate.has(s))
            .filter((s) => (verdicts.get(s)!.operator === null) !== (ours(s) === undefined))
            .map((s) => ({ schedule: s, robfig: verdicts.get(s)!.operator ?? "accepted", ours: ours(s) ?? "accepted" }));
        expect(disagreements).toEqual([]);
    });

    it.each(EVERY_NOT_POSITIVE)("GIVEN %j THEN robfig accepts it (as every second) AND requireSchedule refuses it as not positive", (schedule) => {
        expect(verdicts.get(schedule)).toEqual({ bare: null, operator: null });
        expect(ours(schedule)).toMatch(/\(the @every duration ".*" is not positive\)/);
    });

    it.each(TIME_ZONE_PREFIXED)("GIVEN %j THEN the operator takes its prefix AND requireSchedule refuses it, pointing to timeZone", (schedule) => {
        expect(verdicts.get(schedule)!.operator).toBeNull();
        expect(ours(schedule)).toMatch(/time zone prefix, which makes the operator ignore timeZone\), expected .*timeZone key/);
    });

    it.each(PADDED)("GIVEN %j THEN bare robfig refuses it, the operator's call accepts it AND requireSchedule accepts it", (schedule) => {
        expect(verdicts.get(schedule)!.bare).not.toBeNull();
        expect(verdicts.get(schedule)!.operator).toBeNull();
        expect(ours(schedule)).toBeUndefined();
    });
});

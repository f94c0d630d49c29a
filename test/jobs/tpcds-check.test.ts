import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";

import { EMPTY_SCHEDULING_PROFILE } from "../../components/cluster/types";
import { planJobs } from "../../components/jobs/platform-jobs";
import { TPCDS_QUERY_NAMES } from "../../components/jobs/samples/tpcds";

const context = (storage?: { namespaceDataRoot?: (ns: string) => pulumi.Output<string> }) => ({
    placement: { scheduling: EMPTY_SCHEDULING_PROFILE, capacityGrid: "fargate" as const },
    jobNamespaces: ["spark-jobs"],
    storage,
});

describe("TPC-DS checked before its storage exists", () => {
    it("GIVEN a storage not declared yet WHEN planned THEN both jobs are checked and sized like the real ones, without data paths", () => {
        const pending = planJobs([], { tpcds: { executorCores: 2 } }, context({}));
        const real = planJobs([], { tpcds: { executorCores: 2 } }, context({ namespaceDataRoot: (ns) => pulumi.output(`s3a://bucket/namespaces/${ns}`) }));
        expect(pending.map((j) => j.args.applicationName)).toEqual(["tpcds-datagen", "tpcds-queries"]);
        for (const [i, job] of pending.entries()) {
            expect(job.args.arguments).toBeUndefined();
            const { arguments: args, ...rest } = real[i]!.args;
            expect(args!.length).toBeGreaterThan(0);
            expect(job.args).toEqual(rest);
        }
    });

    it("GIVEN TPC-DS WHEN planned THEN data generation is awaited, the query run comes after it, and runQueries false suspends only the queries", () => {
        const plan = (tpcds: Record<string, unknown>) =>
            Object.fromEntries(
                planJobs([], { tpcds }, context({ namespaceDataRoot: (ns) => pulumi.output(`s3a://bucket/namespaces/${ns}`) })).map((j) => [
                    j.args.applicationName,
                    j,
                ]),
            );
        const byDefault = plan({});
        expect(byDefault["tpcds-datagen"]!.args.awaitCompletion).toEqual({ timeoutMinutes: 30 + Math.ceil(30 / 8) });
        expect(byDefault["tpcds-datagen"]!.after).toBeUndefined();
        expect(byDefault["tpcds-queries"]!.after).toEqual(["tpcds-datagen"]);
        expect(byDefault["tpcds-queries"]!.args.awaitCompletion).toBeUndefined();
        expect(byDefault["tpcds-queries"]!.args.suspend).toBe(false);
        expect(plan({ runQueries: false })["tpcds-queries"]!.args.suspend).toBe(true);
        expect(plan({ runQueries: false })["tpcds-datagen"]!.args.suspend).toBeUndefined();
        // The allowance grows with the scale factor and shrinks with the cores; an explicit value wins.
        expect(plan({ scaleFactor: 100, executorInstances: 4, executorCores: 4 })["tpcds-datagen"]!.args.awaitCompletion).toEqual({ timeoutMinutes: 30 + 188 });
        expect(plan({ dataGenerationTimeoutMinutes: 600 })["tpcds-datagen"]!.args.awaitCompletion).toEqual({ timeoutMinutes: 600 });
        expect(() => plan({ runQueries: "yes" })).toThrow('tpcds.runQueries: got "yes", expected true or false');
        expect(() => plan({ dataGenerationTimeoutMinutes: 0 })).toThrow("tpcds.dataGenerationTimeoutMinutes: got 0, expected whole minutes from 1 to 10080");
    });

    it("GIVEN bad TPC-DS settings and a storage not declared yet WHEN planned THEN they are refused all the same", () => {
        expect(() => planJobs([], { tpcds: { scaleFactor: 0 } }, context({}))).toThrow(/^tpcds\.scaleFactor: got 0/);
        expect(() => planJobs([], { tpcds: {} }, context())).toThrow(/^tpcds\.dataRoot: is not set and the platform has no storage/);
    });
});

describe("TPC-DS query filter", () => {
    const plan = (queries: unknown[]) => planJobs([], { tpcds: { dataRoot: "s3a://bucket/tpcds", queries: queries as string[] } }, context());

    it("GIVEN the benchmark's names WHEN listed THEN exactly q1..q99 (a and b for q14, q23, q24, q39) and ss_max, each with -v2.4", () => {
        const split = new Set([14, 23, 24, 39]);
        const expected = [];
        for (let n = 1; n <= 99; n++) {
            expected.push(...(split.has(n) ? [`q${n}a`, `q${n}b`] : [`q${n}`]));
        }
        expected.push("ss_max");
        expect(TPCDS_QUERY_NAMES).toEqual(expected.map((name) => `${name}-v2.4`));
        expect(TPCDS_QUERY_NAMES).toHaveLength(104);
    });

    it("GIVEN every benchmark name WHEN planned THEN accepted and passed to the query run as one comma-separated filter", () => {
        const queries = plan([...TPCDS_QUERY_NAMES]).find((job) => job.args.applicationName === "tpcds-queries")!;
        expect(queries.args.arguments![7]).toBe(TPCDS_QUERY_NAMES.join(","));
    });

    it.each([
        ["q1", "the benchmark's exact name q1-v2.4"],
        ["q64", "the benchmark's exact name q64-v2.4"],
        ["q14a", "the benchmark's exact name q14a-v2.4"],
        ["ss_max", "the benchmark's exact name ss_max-v2.4"],
        ["q14", "the benchmark's exact name q14a-v2.4 or q14b-v2.4"],
        ["q14-v2.4", "the benchmark's exact name q14a-v2.4 or q14b-v2.4"],
        ["Q1-V2.4", "the benchmark's exact name q1-v2.4"],
    ])("GIVEN the short or misspelt name %s WHEN planned THEN refused with the exact name to use (the benchmark would run nothing)", (name, expected) => {
        expect(() => plan(["q2-v2.4", name])).toThrow(`tpcds.queries[1]: got "${name}", expected ${expected}`);
    });

    it.each(["q0-v2.4", "q100-v2.4", "q1a-v2.4", "q1-v2.13", "q01-v2.4", ""])(
        "GIVEN %j, no benchmark query WHEN planned THEN refused with what names look like",
        (name) => {
            expect(() => plan([name])).toThrow(`tpcds.queries[0]: got ${JSON.stringify(name)}, expected a TPC-DS v2.4 query name: q1-v2.4 to q99-v2.4`);
        },
    );
});

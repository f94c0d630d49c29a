import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";

import { EMPTY_SCHEDULING_PROFILE } from "../../components/cluster/types";
import { planJobs } from "../../components/jobs/platform-jobs";

const context = (storage?: { dataRoot?: pulumi.Output<string> }) => ({
    placement: { scheduling: EMPTY_SCHEDULING_PROFILE, capacityGrid: "fargate" as const },
    jobNamespaces: ["spark-jobs"],
    storage,
});

describe("TPC-DS checked before its storage exists", () => {
    it("GIVEN a storage not declared yet WHEN planned THEN both jobs are checked and sized like the real ones, without data paths", () => {
        const pending = planJobs([], { tpcds: { executorCores: 2 } }, context({}));
        const real = planJobs([], { tpcds: { executorCores: 2 } }, context({ dataRoot: pulumi.output("s3a://bucket") }));
        expect(pending.map((j) => j.args.applicationName)).toEqual(["tpcds-datagen", "tpcds-queries"]);
        for (const [i, job] of pending.entries()) {
            expect(job.args.arguments).toBeUndefined();
            const { arguments: args, ...rest } = real[i]!.args;
            expect(args!.length).toBeGreaterThan(0);
            expect(job.args).toEqual(rest);
        }
    });

    it("GIVEN bad TPC-DS settings and a storage not declared yet WHEN planned THEN they are refused all the same", () => {
        expect(() => planJobs([], { tpcds: { scaleFactor: 0 } }, context({}))).toThrow(/^tpcds\.scaleFactor: got 0/);
        expect(() => planJobs([], { tpcds: {} }, context())).toThrow(/^tpcds\.dataRoot: is not set and the platform has no storage/);
    });
});

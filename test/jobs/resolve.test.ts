import { describe, expect, it } from "vitest";

import { resolveJob } from "../../components/jobs/resolve";
import type { SparkJobArgs } from "../../components/jobs/types";
import { scalaJob } from "../helpers/jobs";

const fargate = { capacityGrid: "fargate" as const, scheduling: { nodeSelector: {}, tolerations: [], podAnnotations: {}, podLabels: {} } };

function job(overrides: Partial<SparkJobArgs> = {}): SparkJobArgs {
    return scalaJob(fargate, overrides);
}

describe("resolveJob", () => {
    it("GIVEN defaults on Fargate WHEN resolved THEN both pods fill their billed shape and cost is priced", () => {
        const resolved = resolveJob("etl", job());
        expect(resolved.kind).toBe("SparkApplication");
        expect(resolved.sparkVersion).toBe("3.5.3");
        for (const pod of [resolved.driver, resolved.executor]) {
            expect(pod.report.memoryShare!).toBeGreaterThanOrEqual(0.95);
            expect(pod.report.cpuShare).toBe(1);
        }
        expect(resolved.instances).toBe(2);
        expect(resolved.timeToLiveSeconds).toBe(600);
        expect(resolved.cost.perHour).toBeGreaterThan(0);
        expect(resolved.restartPolicy).toEqual({
            type: "OnFailure",
            onFailureRetries: 3,
            onFailureRetryInterval: 60,
            onSubmissionFailureRetries: 3,
            onSubmissionFailureRetryInterval: 60,
        });
    });

    it("GIVEN Fargate WHEN resolved THEN each pod leaves 128 MiB for the log router, unless the job sets memoryHeadroomMiB", () => {
        const usable = 4096 - 256;
        expect(resolveJob("etl", job()).executor.requests.memoryMiB).toBe(usable - 128);
        expect(resolveJob("etl", job({ memoryHeadroomMiB: 512 })).executor.requests.memoryMiB).toBeLessThanOrEqual(usable - 512);
        expect(resolveJob("etl", job({ memoryHeadroomMiB: 0 })).driver.requests.memoryMiB).toBe(usable);
        expect(() => resolveJob("etl", job({ memoryHeadroomMiB: 1.5 }))).toThrow("memoryHeadroomMiB: got 1.5, expected a whole number from 0 to 4096");
    });

    it("GIVEN integrations with native memory WHEN resolved THEN fit sizing adds their sum to each pod's overhead", () => {
        const native = (mib: number) => ({ source: "storage", nativeMemoryMiB: mib });
        const plain = resolveJob("etl", job());
        const withNative = resolveJob("etl", job({ integrations: [native(768), native(256)] }));
        for (const role of ["driver", "executor"] as const) {
            expect(withNative[role].report.billed).toEqual(plain[role].report.billed);
            expect(withNative[role].requests.overheadMiB).toBeGreaterThanOrEqual(384 + 1024);
            expect(withNative[role].requests.memoryMiB).toBe(plain[role].requests.memoryMiB);
        }
    });

    it("GIVEN awaitCompletion WHEN resolved THEN it is kept for a one-off run, and refused with a schedule, with suspend or without whole minutes", () => {
        expect(resolveJob("etl", job({ awaitCompletion: { timeoutMinutes: 45 } })).awaitCompletion).toEqual({ timeoutMinutes: 45 });
        expect(resolveJob("etl", job()).awaitCompletion).toBeUndefined();
        expect(() => resolveJob("etl", job({ awaitCompletion: { timeoutMinutes: 45 }, schedule: "@daily" }))).toThrow(
            "awaitCompletion: is set together with schedule, expected awaitCompletion only on an application that runs once, now",
        );
        expect(() => resolveJob("etl", job({ awaitCompletion: { timeoutMinutes: 45 }, suspend: true }))).toThrow(
            "awaitCompletion: is set together with suspend",
        );
        expect(resolveJob("etl", job({ awaitCompletion: { timeoutMinutes: 45 }, suspend: false })).awaitCompletion).toEqual({ timeoutMinutes: 45 });
        expect(() => resolveJob("etl", job({ awaitCompletion: { timeoutMinutes: 0.5 } }))).toThrow(
            "awaitCompletion.timeoutMinutes: got 0.5, expected whole minutes from 1 to 10080",
        );
    });

    it("GIVEN grid none WHEN resolved THEN settings are kept, no shape, no TTL", () => {
        const resolved = resolveJob("etl", job({ placement: { ...fargate, capacityGrid: "none" }, executor: { cores: 2, memory: "3g" } }));
        expect(resolved.executor.settings).toMatchObject({ cores: 2, memory: "3g" });
        expect(resolved.executor.report.billed).toBeNull();
        expect(resolved.timeToLiveSeconds).toBeUndefined();
        expect(resolved.cost.perHour).toBeNull();
    });

    it("GIVEN dynamic allocation WHEN resolved THEN idle executors holding shuffle data are released after 300 s unless told otherwise", () => {
        expect(resolveJob("da", job({ dynamicAllocation: { enabled: true, maxExecutors: 10 } })).dynamicAllocation).toEqual({
            enabled: true,
            minExecutors: 0,
            maxExecutors: 10,
            initialExecutors: 0,
            shuffleTrackingTimeoutSeconds: 300,
        });
        const custom = resolveJob("da", job({ dynamicAllocation: { enabled: true, maxExecutors: 10, shuffleTrackingTimeoutSeconds: 60 } }));
        expect(custom.dynamicAllocation?.shuffleTrackingTimeoutSeconds).toBe(60);
    });

    it("GIVEN executor.instances with dynamic allocation WHEN resolved THEN it is the start count (Spark starts with max(min, initial, instances))", () => {
        const da = { enabled: true, minExecutors: 1, maxExecutors: 10 };
        expect(resolveJob("da", job({ executor: { instances: 3 }, dynamicAllocation: da })).dynamicAllocation?.initialExecutors).toBe(3);
        // The same count in both places is one intent, not a conflict.
        expect(
            resolveJob("da", job({ executor: { instances: 3 }, dynamicAllocation: { ...da, initialExecutors: 3 } })).dynamicAllocation?.initialExecutors,
        ).toBe(3);
        expect(resolveJob("da", job({ dynamicAllocation: da })).dynamicAllocation?.initialExecutors).toBe(1);
    });

    it("GIVEN a schedule WHEN resolved THEN it becomes a ScheduledSparkApplication", () => {
        expect(resolveJob("nightly", job({ schedule: "0 3 * * *" })).kind).toBe("ScheduledSparkApplication");
        expect(resolveJob("often", job({ schedule: "@every 30m", timeZone: "Asia/Shanghai" })).kind).toBe("ScheduledSparkApplication");
    });

    it.each<[Partial<SparkJobArgs> & { name?: string }, string]>([
        [{ executor: { memory: "lots" } }, "executor.memory:"],
        [{ driver: { memory: "1.5g" } }, "driver.memory:"],
        [{ executor: { instances: 0 } }, "executor.instances: got 0, expected a whole number from 1 to 1000"],
        [{ executor: { instances: 100000 } }, "executor.instances: got 100000, expected a whole number from 1 to 1000"],
        [{ executor: { cores: 17 } }, "executor."],
        [{ executor: { cores: 1.5 } }, "executor."],
        [{ schedule: "61 * * * *" }, 'schedule: got "61 * * * *"'],
        [{ schedule: "* * * *" }, 'schedule: got "* * * *" (4 fields)'],
        [{ schedule: "0 0 * * * *" }, 'schedule: got "0 0 * * * *" (6 fields)'],
        [{ schedule: "@every never" }, 'schedule: got "@every never"'],
        [{ schedule: "0 3 * * *", timeZone: "Mars/Olympus" }, 'timeZone: got "Mars/Olympus", expected an IANA time zone'],
        [{ timeZone: "UTC" }, "timeZone: is set without a schedule"],
        [{ name: "1st-job" }, 'applicationName: got "1st-job", expected a DNS-1035 label'],
        [{ name: "Upper" }, 'applicationName: got "Upper"'],
        [{ name: "a".repeat(41) }, "at most 40 characters"],
        [{ namespace: "Bad NS" }, 'namespace: got "Bad NS"'],
        [{ sparkConf: { "spark.master": "local[*]" } }, "sparkConf.spark.master: is refused by the Spark operator's webhook"],
        [
            { sparkConf: { "spark.kubernetes.container.image": "x" } },
            "sparkConf.spark.kubernetes.container.image: is refused by the Spark operator's webhook, expected the image argument",
        ],
        [{ sparkConf: { "spark.kubernetes.authenticate.driver.serviceAccountName": "x" } }, "is refused by the Spark operator's webhook"],
        [{ sparkConf: { "spark.kubernetes.namespace": "other" } }, 'sparkConf.spark.kubernetes.namespace: got "other"'],
        [
            { sparkConf: { "spark.executor.memory": "4g" } },
            "sparkConf.spark.executor.memory: is set by SparkJob from its arguments, expected executor.memory instead",
        ],
        [{ mainClass: undefined }, "mainClass: is required for Scala applications"],
        [{ image: "" }, 'image: got ""'],
        [{ image: "my/spark:latest" }, "sparkVersion: got nothing and the image tag names no version"],
        [{ sparkVersion: "2.4.8" }, 'sparkVersion: got "2.4.8", expected Spark 3.0.0 or later'],
        [{ type: "Go" as any }, 'type: got "Go", expected one of Scala, Java, Python, R'],
        [{ dynamicAllocation: { enabled: true } }, "dynamicAllocation.maxExecutors: got nothing"],
        [
            { dynamicAllocation: { enabled: true, maxExecutors: 4, minExecutors: 5 } },
            "dynamicAllocation.minExecutors: got 5, expected a whole number from 0 to 4",
        ],
        [
            { executor: { instances: 12 }, dynamicAllocation: { enabled: true, maxExecutors: 10 } },
            "executor.instances: got 12 with dynamic allocation from 0 to 10 executors, expected a start count from 0 to 10",
        ],
        [
            { executor: { instances: 1 }, dynamicAllocation: { enabled: true, minExecutors: 2, maxExecutors: 10 } },
            "executor.instances: got 1 with dynamic allocation from 2 to 10 executors",
        ],
        [
            { executor: { instances: 3 }, dynamicAllocation: { enabled: true, maxExecutors: 10, initialExecutors: 4 } },
            "executor.instances: got 3 beside dynamicAllocation.initialExecutors 4, expected only one of them",
        ],
        [
            { dynamicAllocation: { enabled: true, maxExecutors: 10, shuffleTrackingTimeoutSeconds: 1.5 } },
            "dynamicAllocation.shuffleTrackingTimeoutSeconds: got 1.5, expected a whole number from 0 to 2592000",
        ],
        [
            { dynamicAllocation: { enabled: true, maxExecutors: 10, timeout: 5 } as any },
            "dynamicAllocation.timeout: unknown config key, expected one of enabled, minExecutors, maxExecutors, initialExecutors, shuffleTrackingTimeoutSeconds",
        ],
        [{ restartPolicy: { type: "OnFailure", onFailureRetries: -1 } }, "restartPolicy.onFailureRetries: got -1"],
        [{ timeToLiveSeconds: 0 }, "timeToLiveSeconds: got 0"],
        [{ executor: { ephemeralStorage: "500Gi" } }, 'executor.ephemeralStorage: got "500Gi", expected at most 150Gi on Fargate'],
        [{ sizing: "max" as any }, 'sizing: got "max", expected fit or exact'],
    ])("GIVEN %j WHEN resolved THEN one clear line", (overrides, message) => {
        const { name, ...rest } = overrides;
        let error: Error | undefined;
        try {
            resolveJob(name ?? "job", job(rest));
        } catch (err) {
            error = err as Error;
        }
        expect(error?.name).toBe("InputError");
        expect(error?.message).toContain(message);
        expect(error?.message).not.toContain("\n");
    });

    it("GIVEN cores beyond the ECI grid's largest shape WHEN resolved THEN refused with the key", () => {
        expect(() => resolveJob("big", job({ placement: { ...fargate, capacityGrid: "eci" }, executor: { cores: 65 } }))).toThrow(
            /^executor\.cores: 65 is above the largest eci shape \(64 vCPU\), expected at most 64$/,
        );
    });

    it("GIVEN a heap beyond the ECI grid's roomiest shape (64 vCPU / 512 GiB) WHEN resolved THEN refused naming the memory key the user wrote", () => {
        expect(() => resolveJob("big", job({ placement: { ...fargate, capacityGrid: "eci" }, executor: { cores: 8, memory: "600g" } }))).toThrow(
            /^executor\.memory: a 614400 MiB heap plus overhead does not fit any eci shape with 8 or more vCPU, expected .*64 vCPU \/ 512 GiB/,
        );
    });
});

describe("ephemeral storage on Fargate", () => {
    const eci = { ...fargate, capacityGrid: "eci" as const };

    it.each(["driver", "executor"] as const)(
        "GIVEN a %s asking for 151Gi on the Fargate grid WHEN resolved THEN refused naming the key, the value and 150Gi",
        (role) => {
            expect(() => resolveJob("big-disk", job({ [role]: { ephemeralStorage: "151Gi" } }))).toThrow(
                new RegExp(`^${role}\\.ephemeralStorage: got "151Gi", expected at most 150Gi on Fargate \\(`),
            );
        },
    );

    it("GIVEN 150Gi, or the same in Mi, on the Fargate grid WHEN resolved THEN accepted as written", () => {
        const resolved = resolveJob("big-disk", job({ driver: { ephemeralStorage: "153600Mi" }, executor: { ephemeralStorage: "150Gi" } }));
        expect(resolved.ephemeralStorage).toEqual({ driver: "153600Mi", executor: "150Gi" });
    });

    it("GIVEN 153601Mi (just over 150Gi) on the Fargate grid WHEN resolved THEN refused", () => {
        expect(() => resolveJob("big-disk", job({ executor: { ephemeralStorage: "153601Mi" } }))).toThrow(/^executor\.ephemeralStorage: got "153601Mi"/);
    });

    it("GIVEN 200Gi on the ECI grid WHEN resolved THEN accepted (the Fargate cap does not apply to ECI)", () => {
        expect(resolveJob("big-disk", job({ placement: eci, executor: { ephemeralStorage: "200Gi" } })).ephemeralStorage.executor).toBe("200Gi");
    });
});

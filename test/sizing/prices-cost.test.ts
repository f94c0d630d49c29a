import { describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import {
    defaultPriceTable,
    ECI_CHINA_PRICES,
    ECI_INTERNATIONAL_PRICES,
    FARGATE_US_EAST_1_PRICES,
    fullScaleExecutors,
    jobCostPerHour,
    reportPod,
    rightSize,
    shapePricePerHour,
    sparkPodRequests,
    withPriceOverrides,
} from "../../components/sizing";

describe("price tables", () => {
    it("hold the published figures, per hour, with currency, source and date", () => {
        expect(FARGATE_US_EAST_1_PRICES).toMatchObject({ grid: "fargate", currency: "USD", vcpuHour: 0.04048, gibHour: 0.004445 });
        expect(ECI_CHINA_PRICES.currency).toBe("CNY");
        expect(ECI_CHINA_PRICES.vcpuHour).toBeCloseTo(0.1764, 12);
        expect(ECI_CHINA_PRICES.gibHour).toBeCloseTo(0.022068, 12);
        expect(ECI_INTERNATIONAL_PRICES.currency).toBe("USD");
        expect(ECI_INTERNATIONAL_PRICES.vcpuHour).toBeCloseTo(0.02772, 12);
        expect(ECI_INTERNATIONAL_PRICES.gibHour).toBeCloseTo(0.003456, 12);
        for (const table of [FARGATE_US_EAST_1_PRICES, ECI_CHINA_PRICES, ECI_INTERNATIONAL_PRICES]) {
            expect(table.source).toMatch(/^https:\/\//);
            expect(table.asOf).toBe("2026-11");
            expect(Object.isFrozen(table)).toBe(true);
        }
    });

    it("defaults per grid", () => {
        expect(defaultPriceTable("fargate")).toBe(FARGATE_US_EAST_1_PRICES);
        expect(defaultPriceTable("eci")).toBe(ECI_INTERNATIONAL_PRICES);
    });

    it("prices a shape", () => {
        expect(shapePricePerHour({ vcpu: 1, memoryGiB: 2 }, FARGATE_US_EAST_1_PRICES)).toBeCloseTo(0.04937, 12);
        expect(shapePricePerHour({ vcpu: 2, memoryGiB: 8 }, ECI_CHINA_PRICES)).toBeCloseTo(2 * 0.1764 + 8 * 0.022068, 12);
    });
});

describe("withPriceOverrides", () => {
    it("merges given figures and keeps the rest", () => {
        const merged = withPriceOverrides(FARGATE_US_EAST_1_PRICES, { vcpuHour: 0.05 });
        expect(merged).toMatchObject({ vcpuHour: 0.05, gibHour: 0.004445, currency: "USD", grid: "fargate" });
        expect(merged.source).toContain("overrides");
        expect(FARGATE_US_EAST_1_PRICES.vcpuHour).toBe(0.04048);
        expect(withPriceOverrides(ECI_CHINA_PRICES, { gibHour: 0 }).gibHour).toBe(0);
        expect(withPriceOverrides(ECI_CHINA_PRICES, undefined)).toBe(ECI_CHINA_PRICES);
    });

    it.each([
        [{ vcpuHour: -1 }, /^prices\.vcpuHour: -1 is not a price, expected a number from 0 to 1000, in USD per hour$/],
        [{ gibHour: Number.NaN }, /^prices\.gibHour: /],
        [{ gibHour: "0.1" }, /^prices\.gibHour: "0.1" is not a price/],
        [{ vcpuhour: 0.1 }, /^prices\.vcpuhour: is not a price setting/],
        [null, /^prices: null is not an object/],
        [[1], /^prices: /],
    ])("refuses %j", (overrides, message) => {
        expect(() => withPriceOverrides(FARGATE_US_EAST_1_PRICES, overrides as never)).toThrow(InputError);
        expect(() => withPriceOverrides(FARGATE_US_EAST_1_PRICES, overrides as never)).toThrow(message);
    });

    it("changes which shape fill picks when memory becomes dear", () => {
        const dearMemory = withPriceOverrides(ECI_INTERNATIONAL_PRICES, { gibHour: 10 });
        expect(rightSize({ grid: "eci", cores: 1, minHeapMiB: 600 }).report.billed).toEqual({ vcpu: 1, memoryGiB: 2 });
        // 600 MiB heap + 384 MiB overhead fits 1 GiB, which only the 2 vCPU spec offers.
        const sized = rightSize({ grid: "eci", cores: 1, minHeapMiB: 600, prices: dearMemory });
        expect(sized.report.billed).toEqual({ vcpu: 2, memoryGiB: 1 });
        expect(sized.report.pricePerHour).toBeCloseTo(2 * 0.02772 + 10, 10);
    });
});

describe("reportPod with a pinned shape", () => {
    it("uses the pinned shape if it holds the pod, and refuses it otherwise", () => {
        const pod = sparkPodRequests("executor", {});
        expect(reportPod("eci", pod, { pinned: { vcpu: 2, memoryGiB: 4 } }).billed).toEqual({ vcpu: 2, memoryGiB: 4 });
        expect(() => reportPod("eci", pod, { pinned: { vcpu: 1, memoryGiB: 1 } })).toThrow(/^executor\.pinned: /);
        expect(() => reportPod("eci", pod, { pinned: { vcpu: 3, memoryGiB: 4 } })).toThrow(/^executor\.pinned: /);
    });
});

describe("fullScaleExecutors", () => {
    it("uses instances (Spark's default 2), or maxExecutors under dynamic allocation", () => {
        expect(fullScaleExecutors()).toBe(2);
        expect(fullScaleExecutors({ instances: 22 })).toBe(22);
        expect(fullScaleExecutors({ instances: 22, dynamicAllocation: { enabled: true, maxExecutors: 40 } })).toBe(40);
        expect(fullScaleExecutors({ instances: 5, dynamicAllocation: { enabled: false, maxExecutors: 40 } })).toBe(5);
        expect(fullScaleExecutors({ dynamicAllocation: { enabled: true } })).toBeNull();
    });

    it("refuses counts that are not whole and non-negative", () => {
        expect(() => fullScaleExecutors({ instances: -1 })).toThrow(/^executor\.instances: /);
        expect(() => fullScaleExecutors({ instances: 2.5 })).toThrow(/^executor\.instances: /);
        expect(() => fullScaleExecutors({ dynamicAllocation: { enabled: true, maxExecutors: Number.NaN } })).toThrow(
            /^executor\.dynamicAllocation\.maxExecutors: /,
        );
    });
});

describe("jobCostPerHour", () => {
    const small = { vcpu: 1, memoryGiB: 2 };
    const big = { vcpu: 16, memoryGiB: 32 };

    it("adds the driver and every executor at full scale", () => {
        const cost = jobCostPerHour({ grid: "fargate", driver: small, executor: big, scale: { instances: 22 } });
        const executor = 16 * 0.04048 + 32 * 0.004445;
        expect(cost.executors).toBe(22);
        expect(cost.executorPerHour).toBeCloseTo(executor, 12);
        expect(cost.perHour).toBeCloseTo(0.04937 + 22 * executor, 10);
        expect(cost.currency).toBe("USD");
        expect(cost.unknownBecause).toBeNull();
    });

    it("uses dynamic allocation's maximum and the given prices", () => {
        const cost = jobCostPerHour({
            grid: "eci",
            driver: small,
            executor: small,
            scale: { dynamicAllocation: { enabled: true, maxExecutors: 10 } },
            prices: ECI_CHINA_PRICES,
        });
        expect(cost.perHour).toBeCloseTo(11 * (0.1764 + 2 * 0.022068), 10);
        expect(cost.currency).toBe("CNY");
    });

    it("is unknown on grid none and when dynamic allocation is unbounded", () => {
        expect(jobCostPerHour({ grid: "none", driver: null, executor: null })).toMatchObject({ perHour: null, currency: null, executors: 2 });
        const unbounded = jobCostPerHour({ grid: "fargate", driver: small, executor: small, scale: { dynamicAllocation: { enabled: true } } });
        expect(unbounded.perHour).toBeNull();
        expect(unbounded.driverPerHour).toBeCloseTo(0.04937, 12);
        expect(unbounded.unknownBecause).toMatch(/maxExecutors/);
    });

    it("works from sized pods", () => {
        const driver = rightSize({ grid: "eci", role: "driver", cores: 1 });
        const executor = rightSize({ grid: "eci", cores: 4 });
        const cost = jobCostPerHour({ grid: "eci", driver: driver.report.billed, executor: executor.report.billed, scale: { instances: 3 } });
        expect(cost.perHour).toBeCloseTo((driver.report.pricePerHour as number) + 3 * (executor.report.pricePerHour as number), 12);
    });

    it("refuses missing shapes on a billing grid and prices of another grid", () => {
        expect(() => jobCostPerHour({ grid: "eci", driver: null, executor: small })).toThrow(/^driver: /);
        expect(() => jobCostPerHour({ grid: "eci", driver: small, executor: small, prices: FARGATE_US_EAST_1_PRICES })).toThrow(/^prices: /);
    });
});

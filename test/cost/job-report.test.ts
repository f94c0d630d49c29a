import { describe, expect, it } from "vitest";

import { jobReport } from "../../components/jobs/report";
import { resolveJob } from "../../components/jobs/resolve";
import type { SparkJobArgs } from "../../components/jobs/types";
import { ECI_INTERNATIONAL_PRICES } from "../../components/sizing";
import { NO_SCHEDULING, scalaJob } from "../helpers/jobs";

function job(overrides: Partial<SparkJobArgs>): SparkJobArgs {
    return scalaJob({ capacityGrid: "fargate", scheduling: NO_SCHEDULING }, overrides);
}

describe("job report shares and warnings", () => {
    it("GIVEN 4 cores and 28g on Fargate WHEN reported THEN the pod is billed 8 vCPU, Spark uses half of it, and a warning says so", () => {
        const report = jobReport(resolveJob("big", job({ sizing: "exact", executor: { cores: 4, memory: "28g" } })));
        // 28g heap + 10% overhead = 31539 MiB + 256 MiB reserved: above 4 vCPU's 30 GB, so 8 vCPU.
        expect(report.executor.billed!.vcpu).toBe(8);
        expect(report.executor.vcpuShare).toBe(4 / 8);
        expect(report.executor.cpuRequestShare).toBe(report.executor.requested.cpu / 8);
        expect(report.executor.warnings.join("\n")).toContain("4 task slots on 8 billed vCPU (50%)");
    });

    it("GIVEN a job that fills its shape WHEN reported THEN no fill warning", () => {
        const report = jobReport(resolveJob("fit", job({ executor: { cores: 2 } })));
        expect(report.executor.vcpuShare).toBe(1);
        expect(report.executor.warnings.filter((w) => w.includes("billed"))).toEqual([]);
    });
});

describe("spot executors", () => {
    const eci = (annotations: Record<string, string>) =>
        job({ placement: { capacityGrid: "eci", scheduling: NO_SCHEDULING, executorPodAnnotations: annotations }, executor: { cores: 1, instances: 3 } });

    it("GIVEN SpotAsPriceGo WHEN reported THEN executors are marked spot, priced from 10% to 100% of on-demand, drivers stay on-demand", () => {
        const report = jobReport(resolveJob("spotty", eci({ "k8s.aliyun.com/eci-spot-strategy": "SpotAsPriceGo" })));
        // 1 vCPU / 4 GiB on ECI international: 0.02772 + 4 x 0.003456
        const onDemand = 1 * 0.0000077 * 3600 + 4 * 0.00000096 * 3600;
        expect(report.executor.billed).toEqual({ vcpu: 1, memoryGiB: 4 });
        expect(report.executor.spot).toMatchObject({ strategy: "SpotAsPriceGo" });
        expect(report.executor.spot!.ceilingPerHour).toBeCloseTo(onDemand, 10);
        expect(report.executor.spot!.floorPerHour).toBeCloseTo(onDemand * 0.1, 10);
        expect(report.executor.spot!.source).toMatch(/^https:\/\//);
        expect(report.driver.spot).toBeUndefined();
        expect(report.costPerHour).toBeCloseTo(report.driver.pricePerHour! + 3 * onDemand, 10);
        expect(report.costPerHourSpotFloor).toBeCloseTo(report.driver.pricePerHour! + 3 * onDemand * 0.1, 10);
        expect(report.currency).toBe(ECI_INTERNATIONAL_PRICES.currency);
    });

    it("GIVEN SpotWithPriceLimit below on-demand WHEN reported THEN the limit is the ceiling", () => {
        const report = jobReport(
            resolveJob("capped", eci({ "k8s.aliyun.com/eci-spot-strategy": "SpotWithPriceLimit", "k8s.aliyun.com/eci-spot-price-limit": "0.01" })),
        );
        expect(report.executor.pricePerHour).toBe(0.01);
        expect(report.costPerHour).toBeCloseTo(report.driver.pricePerHour! + 3 * 0.01, 10);
    });
});

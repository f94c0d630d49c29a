import { describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import { defaultOverheadMiB, overheadFactorFor, reportPod, sparkPodRequests } from "../../components/sizing";

describe("sparkPodRequests: Spark's defaults", () => {
    it("gives a 1 core / 1g executor a 1408 MiB pod (1024 + 384 minimum overhead) and no CPU limit", () => {
        const pod = sparkPodRequests("executor", {});
        expect(pod).toMatchObject({ cores: 1, cpu: 1, cpuLimit: null, memoryMiB: 1408, heapMiB: 1024, overheadMiB: 384, overheadFactor: 0.1 });
    });

    it("bills that 1408 MiB pod as Fargate 1 vCPU / 2 GB and reports the shares", () => {
        const report = reportPod("fargate", sparkPodRequests("executor", {}));
        expect(report.billed).toEqual({ vcpu: 1, memoryGiB: 2 });
        expect(report.usableMemoryMiB).toBe(2048 - 256);
        expect(report.memoryShare).toBeCloseTo(1408 / 1792, 10);
        expect(report.cpuShare).toBe(1);
        expect(report.idleMemoryMiB).toBe(384);
        expect(report.pricePerHour).toBeCloseTo(0.04048 + 2 * 0.004445, 10);
        expect(report.warnings.join(" ")).toMatch(/no CPU limit/);
    });

    it("computes the driver the same way", () => {
        expect(sparkPodRequests("driver", {}).memoryMiB).toBe(1408);
    });
});

describe("sparkPodRequests: overhead", () => {
    it("truncates factor x heap before taking the max, as Spark's .toInt does", () => {
        // 0.1 x 4096 = 409.6 -> 409
        expect(sparkPodRequests("executor", { memory: "4g" }).memoryMiB).toBe(4096 + 409);
        expect(defaultOverheadMiB(4096, 0.1)).toBe(409);
        expect(defaultOverheadMiB(3839, 0.1)).toBe(384);
        expect(defaultOverheadMiB(3850, 0.1)).toBe(385);
    });

    it("uses 0.40 for Python and R applications", () => {
        expect(sparkPodRequests("executor", { memory: "4g" }, { language: "python" }).memoryMiB).toBe(4096 + 1638);
        expect(sparkPodRequests("driver", { memory: "4g" }, { language: "r" }).overheadMiB).toBe(1638);
        // 0.4 x 1024 = 409.6 -> 409, above the 384 minimum
        expect(sparkPodRequests("executor", {}, { language: "python" }).memoryMiB).toBe(1024 + 409);
    });

    it("lets spark.kubernetes.memoryOverheadFactor replace the default, also for Python", () => {
        expect(overheadFactorFor("executor", {}, { kubernetesMemoryOverheadFactor: 0.2 })).toBe(0.2);
        expect(overheadFactorFor("driver", {}, { language: "python", kubernetesMemoryOverheadFactor: 0.1 })).toBe(0.1);
        expect(sparkPodRequests("executor", { memory: "10g" }, { kubernetesMemoryOverheadFactor: 0.2 }).overheadMiB).toBe(2048);
    });

    it("prefers the role's own memoryOverheadFactor", () => {
        const app = { language: "python" as const, kubernetesMemoryOverheadFactor: 0.3 };
        expect(sparkPodRequests("executor", { memory: "10g", memoryOverheadFactor: 0.15 }, app).overheadMiB).toBe(1536);
        expect(sparkPodRequests("driver", { memory: "10g" }, app).overheadMiB).toBe(3072);
    });

    it("takes an explicit memoryOverhead as is (MiB without unit), ignoring factor and minimum", () => {
        expect(sparkPodRequests("executor", { memory: "15g", memoryOverhead: "4g" }).memoryMiB).toBe(19456);
        expect(sparkPodRequests("executor", { memory: "1g", memoryOverhead: "100" }).memoryMiB).toBe(1124);
        expect(sparkPodRequests("executor", { memory: "1g", memoryOverhead: "100m", minMemoryOverhead: "1g" }).memoryMiB).toBe(1124);
    });

    it("honours minMemoryOverhead (Spark 4.0) on the default path only", () => {
        expect(sparkPodRequests("executor", { memory: "512m", minMemoryOverhead: "1g" }).memoryMiB).toBe(512 + 1024);
        expect(sparkPodRequests("driver", { memory: "512m", minMemoryOverhead: "100m" }).memoryMiB).toBe(512 + 100);
    });
});

describe("sparkPodRequests: off-heap and PySpark memory", () => {
    it("adds enabled off-heap memory to executors (size in bytes without a unit)", () => {
        expect(sparkPodRequests("executor", {}, { offHeapEnabled: true, offHeapSize: "2g" })).toMatchObject({ offHeapMiB: 2048, memoryMiB: 1408 + 2048 });
        expect(sparkPodRequests("executor", {}, { offHeapEnabled: true, offHeapSize: "3221225472" }).offHeapMiB).toBe(3072);
    });

    it("ignores off-heap when disabled, and on drivers (Spark's driver step does not add it)", () => {
        expect(sparkPodRequests("executor", {}, { offHeapEnabled: false, offHeapSize: "2g" }).memoryMiB).toBe(1408);
        expect(sparkPodRequests("driver", {}, { offHeapEnabled: true, offHeapSize: "2g" }).memoryMiB).toBe(1408);
    });

    it("refuses off-heap enabled without a size, as Spark does", () => {
        expect(() => sparkPodRequests("executor", {}, { offHeapEnabled: true })).toThrow(/^offHeapSize: .*offHeapEnabled/);
        expect(() => sparkPodRequests("executor", {}, { offHeapEnabled: true, offHeapSize: "1000" })).toThrow(InputError);
    });

    it("adds spark.executor.pyspark.memory to executors of Python applications only", () => {
        expect(sparkPodRequests("executor", { pysparkMemory: "512m" }, { language: "python" })).toMatchObject({ pysparkMiB: 512, memoryMiB: 1433 + 512 });
        expect(sparkPodRequests("executor", { pysparkMemory: "512" }, { language: "r" }).pysparkMiB).toBe(0);
        expect(sparkPodRequests("executor", { pysparkMemory: "512m" }).pysparkMiB).toBe(0);
        expect(sparkPodRequests("driver", { pysparkMemory: "512m" }, { language: "python" }).memoryMiB).toBe(1433);
    });

    it("adds everything together", () => {
        const pod = sparkPodRequests("executor", { memory: "4g", pysparkMemory: "1g" }, { language: "python", offHeapEnabled: true, offHeapSize: "1g" });
        expect(pod.memoryMiB).toBe(4096 + 1638 + 1024 + 1024);
    });
});

describe("sparkPodRequests: CPU", () => {
    it("requests cores unless coreRequest is set, and sets a limit only with coreLimit", () => {
        expect(sparkPodRequests("executor", { cores: 4 })).toMatchObject({ cpu: 4, cpuLimit: null });
        expect(sparkPodRequests("executor", { cores: 4, coreRequest: "3500m" })).toMatchObject({ cores: 4, cpu: 3.5, cpuLimit: null });
        expect(sparkPodRequests("driver", { coreRequest: "500m", coreLimit: "1" })).toMatchObject({ cores: 1, cpu: 0.5, cpuLimit: 1 });
        expect(sparkPodRequests("executor", { cores: 2, coreLimit: "2" })).toMatchObject({ cpu: 2, cpuLimit: 2 });
    });

    it("refuses a limit below the request", () => {
        expect(() => sparkPodRequests("executor", { cores: 2, coreLimit: "1" })).toThrow(/^executor\.coreLimit: .*below the CPU request/);
    });
});

describe("sparkPodRequests: refusals", () => {
    it.each([0, -1, 1.5, Number.NaN, "2"])("refuses executor cores %j", (cores) => {
        expect(() => sparkPodRequests("executor", { cores: cores as number })).toThrow(/^executor\.cores: /);
    });

    it("refuses bad or too small memory strings with the role's key", () => {
        expect(() => sparkPodRequests("executor", { memory: "2x" })).toThrow(/^executor\.memory: "2x" has an unknown unit/);
        expect(() => sparkPodRequests("driver", { memory: "1.5g" })).toThrow(/^driver\.memory: .*fraction/);
        expect(() => sparkPodRequests("executor", { memory: "300m" })).toThrow(/^executor\.memory: .*450 MiB/);
        expect(sparkPodRequests("executor", { memory: "450m" }).heapMiB).toBe(450);
        expect(() => sparkPodRequests("executor", { memoryOverhead: "lots" })).toThrow(/^executor\.memoryOverhead: /);
    });

    it("refuses factors that are not positive, and unknown languages", () => {
        expect(() => sparkPodRequests("executor", { memoryOverheadFactor: 0 })).toThrow(/^executor\.memoryOverheadFactor: /);
        expect(() => sparkPodRequests("executor", {}, { kubernetesMemoryOverheadFactor: -0.1 })).toThrow(/^kubernetesMemoryOverheadFactor: /);
        expect(() => sparkPodRequests("executor", {}, { language: "scala" as never })).toThrow(/^language: /);
    });
});

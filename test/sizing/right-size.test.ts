import { describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import {
    billedShape,
    capacityGrid,
    CapacityShape,
    DEFAULT_MEMORY_PER_CORE_GIB,
    defaultOverheadMiB,
    ECI_CHINA_PRICES,
    ECI_USE_SPECS_ANNOTATION,
    FARGATE_US_EAST_1_PRICES,
    maxHeapForBudget,
    MIN_RIGHT_SIZED_HEAP_MIB,
    parseSizeMiB,
    rightSize,
    shapePricePerHour,
    sparkPodRequests,
    usableMemoryMiB,
} from "../../components/sizing";

describe("maxHeapForBudget", () => {
    it("finds the largest heap whose pod fits, exactly, for every budget", () => {
        for (const factor of [0.1, 0.4, 0.25]) {
            for (let budget = 0; budget < 140_000; budget += 97) {
                const heap = maxHeapForBudget(budget, factor);
                if (budget < 384) {
                    expect(heap).toBe(-1);
                    continue;
                }
                expect(heap + defaultOverheadMiB(heap, factor)).toBeLessThanOrEqual(budget);
                expect(heap + 1 + defaultOverheadMiB(heap + 1, factor)).toBeGreaterThan(budget);
            }
        }
    });

    it("matches hand-computed values", () => {
        expect(maxHeapForBudget(1792, 0.1)).toBe(1408);
        expect(maxHeapForBudget(3840, 0.1)).toBe(3456);
        expect(maxHeapForBudget(8192, 0.1)).toBe(7448);
        expect(maxHeapForBudget(8192, 0.1, 1024)).toBe(7168);
    });
});

const largestCores = { fargate: 16, eci: 64 } as const;

describe.each(["fargate", "eci"] as const)("fill on %s", (grid) => {
    const allCores = Array.from({ length: largestCores[grid] }, (_, i) => i + 1);

    it.each(["jvm", "python"] as const)(
        "%s: fills at least 95 percent of usable memory less the sidecar headroom, and all vCPU, for every core count",
        (language) => {
            const headroom = capacityGrid(grid).sidecarHeadroomMiB;
            for (const cores of allCores) {
                const sized = rightSize({ grid, cores, app: { language } });
                const { report, settings, requests } = sized;
                const shape = report.billed as CapacityShape;
                const budget = usableMemoryMiB(grid, shape) - headroom;
                expect(requests.memoryMiB, `cores ${cores}`).toBeGreaterThanOrEqual(0.95 * budget);
                expect(requests.memoryMiB, `cores ${cores}`).toBeLessThanOrEqual(budget);
                expect(report.cpuShare, `cores ${cores}`).toBe(1);
                expect(shape.vcpu).toBeGreaterThanOrEqual(cores);
                expect(shape.memoryGiB).toBeGreaterThanOrEqual(DEFAULT_MEMORY_PER_CORE_GIB * cores);
                // Spark's own arithmetic on the emitted settings lands on the same shape.
                const again = sparkPodRequests("executor", settings, { language });
                expect(again).toEqual(requests);
                expect(billedShape(grid, { cpu: again.cpuLimit ?? again.cpu, memoryMiB: again.memoryMiB })).toEqual(shape);
                expect(settings.cores).toBe(cores);
                expect(settings.coreRequest).toBe(String(shape.vcpu));
                expect(settings.coreLimit).toBe(settings.coreRequest);
                expect(settings.memory).toMatch(/^\d+m$/);
                expect(settings.memoryOverhead).toMatch(/^\d+m$/);
                // The overhead is Spark's default rule for that heap, so the heap is as large as it may be.
                const heap = parseSizeMiB(settings.memory, "m", "memory");
                const factor = language === "jvm" ? 0.1 : 0.4;
                expect(parseSizeMiB(settings.memoryOverhead, "m", "memoryOverhead")).toBe(defaultOverheadMiB(heap, factor));
                expect(heap).toBe(maxHeapForBudget(budget, factor));
            }
        },
    );

    it("picks the cheapest shape with enough vCPU and memory", () => {
        const prices = grid === "fargate" ? FARGATE_US_EAST_1_PRICES : ECI_CHINA_PRICES;
        for (const cores of allCores) {
            const shape = rightSize({ grid, cores, prices }).report.billed as CapacityShape;
            const candidates = capacityGrid(grid).shapes.filter((s) => s.vcpu >= cores && s.memoryGiB >= 4 * cores);
            const cheapest = Math.min(...candidates.map((s) => shapePricePerHour(s, prices)));
            expect(shapePricePerHour(shape, prices), `cores ${cores}`).toBeCloseTo(cheapest, 12);
        }
    });

    it("satisfies a minimum heap with the cheapest shape that holds it", () => {
        const prices = grid === "fargate" ? FARGATE_US_EAST_1_PRICES : ECI_CHINA_PRICES;
        for (const [cores, minHeapMiB] of [
            [1, 20480],
            [2, 3000],
            [4, 50_000],
            [8, 15360],
            [3, 600],
        ] as const) {
            const sized = rightSize({ grid, cores, minHeapMiB, prices });
            expect(parseSizeMiB(sized.settings.memory, "m", "memory")).toBeGreaterThanOrEqual(minHeapMiB);
            const shape = sized.report.billed as CapacityShape;
            expect(shape.vcpu).toBeGreaterThanOrEqual(cores);
            const headroom = capacityGrid(grid).sidecarHeadroomMiB;
            const holding = capacityGrid(grid).shapes.filter(
                (s) => s.vcpu >= cores && maxHeapForBudget(usableMemoryMiB(grid, s) - headroom, 0.1) >= minHeapMiB,
            );
            const cheapest = Math.min(...holding.map((s) => shapePricePerHour(s, prices)));
            expect(shapePricePerHour(shape, prices), `cores ${cores}, heap ${minHeapMiB}`).toBeCloseTo(cheapest, 12);
            expect(sized.requests.memoryMiB).toBeLessThanOrEqual(usableMemoryMiB(grid, shape) - headroom);
        }
        expect(rightSize({ grid: "fargate", cores: 1, minHeapMiB: 20480 }).report.billed).toEqual({ vcpu: 4, memoryGiB: 23 });
    });

    it("subtracts off-heap and PySpark memory from the heap budget", () => {
        const sized = rightSize({ grid, cores: 4, settings: { pysparkMemory: "1g" }, app: { language: "python", offHeapEnabled: true, offHeapSize: "2g" } });
        const { requests, report } = sized;
        expect(requests.offHeapMiB).toBe(2048);
        expect(requests.pysparkMiB).toBe(1024);
        expect(requests.memoryMiB).toBeLessThanOrEqual(report.usableMemoryMiB as number);
        expect(report.memoryShare).toBeGreaterThanOrEqual(0.95);
        expect(sized.settings.pysparkMemory).toBe("1g");
    });

    it("sizes fractional drivers on fractional shapes with cores 1 and a millicore request", () => {
        const sized = rightSize({ grid, role: "driver", cores: 0.5 });
        expect(sized.report.billed).toEqual({ vcpu: 0.5, memoryGiB: 2 });
        expect(sized.settings).toMatchObject({ cores: 1, coreRequest: "500m", coreLimit: "500m" });
        expect(sized.requests.cpu).toBe(0.5);
        expect(parseSizeMiB(sized.settings.memory, "m", "m")).toBeGreaterThanOrEqual(MIN_RIGHT_SIZED_HEAP_MIB);
    });

    it("refuses executor core counts that are not whole, or beyond the grid", () => {
        for (const cores of [0, -1, 1.5, 0.5, Number.POSITIVE_INFINITY]) {
            expect(() => rightSize({ grid, cores })).toThrow(/^executor\.cores: /);
        }
        expect(() => rightSize({ grid, cores: largestCores[grid] + 1 })).toThrow(/^executor\.cores: .*above the largest/);
        expect(() => rightSize({ grid, role: "driver", cores: 1.5 })).toThrow(/^driver\.cores: /);
    });

    it("refuses memory beyond the largest shape", () => {
        const tooMuch = (grid === "fargate" ? 120 : 512) * 1024;
        expect(() => rightSize({ grid, cores: 2, minHeapMiB: tooMuch })).toThrow(/^executor\.minHeapMiB: .*does not fit any/);
        expect(() => rightSize({ grid, cores: 2, memoryPerCoreGiB: tooMuch })).toThrow(/^executor\.memoryPerCoreGiB: /);
        expect(() => rightSize({ grid, cores: 2, minHeapMiB: -5 })).toThrow(/^executor\.minHeapMiB: /);
    });

    it("refuses settings that fill mode computes", () => {
        expect(() => rightSize({ grid, settings: { memory: "4g" } })).toThrow(/^executor\.memory: is set, but fill mode computes it/);
        expect(() => rightSize({ grid, role: "driver", settings: { coreLimit: "1" } })).toThrow(/^driver\.coreLimit: /);
    });
});

describe("ECI annotation", () => {
    it("pins the shape chosen by fill", () => {
        expect(rightSize({ grid: "eci", cores: 2 }).annotations).toEqual({ [ECI_USE_SPECS_ANNOTATION]: "2-8Gi" });
        expect(rightSize({ grid: "eci", role: "driver", cores: 0.5 }).annotations).toEqual({ [ECI_USE_SPECS_ANNOTATION]: "0.5-2Gi" });
        expect(rightSize({ grid: "eci", cores: 11 }).annotations[ECI_USE_SPECS_ANNOTATION]).toBe("12-48Gi");
    });

    it("pins the billed shape in exact mode, and never on Fargate", () => {
        expect(rightSize({ grid: "eci", mode: "exact" }).annotations).toEqual({ [ECI_USE_SPECS_ANNOTATION]: "1-2Gi" });
        expect(rightSize({ grid: "fargate", cores: 2 }).annotations).toEqual({});
        expect(rightSize({ grid: "fargate", mode: "exact" }).annotations).toEqual({});
    });

    it("pins the cheapest shape in exact mode where ECI's own rounding could pick a dearer one", () => {
        const sized = rightSize({ grid: "eci", mode: "exact", settings: { cores: 40, memory: "180g", memoryOverhead: "20g" } });
        expect(billedShape("eci", { cpu: 40, memoryMiB: sized.requests.memoryMiB })).toEqual({ vcpu: 52, memoryGiB: 384 });
        expect(sized.report.billed).toEqual({ vcpu: 64, memoryGiB: 256 });
        expect(sized.annotations).toEqual({ [ECI_USE_SPECS_ANNOTATION]: "64-256Gi" });
    });
});

describe("fill examples", () => {
    it("fills Fargate 1 vCPU / 4 GB for one core, less 256 MiB Fargate's and 128 MiB for its log router: 3328m heap + 384m overhead", () => {
        const sized = rightSize({ grid: "fargate" });
        expect(sized.settings).toEqual({ cores: 1, coreRequest: "1", coreLimit: "1", memory: "3328m", memoryOverhead: "384m" });
        expect(sized.requests.memoryMiB).toBe(4096 - 256 - 128);
        expect(sized.report.billed).toEqual({ vcpu: 1, memoryGiB: 4 });
    });

    it("puts a connector's native memory in the overhead: the heap shrinks, the pod stays on its shape", () => {
        const plain = rightSize({ grid: "eci", cores: 4 });
        const jindo = rightSize({ grid: "eci", cores: 4, nativeMemoryMiB: 1024 });
        expect(jindo.report.billed).toEqual(plain.report.billed);
        const heap = parseSizeMiB(jindo.settings.memory, "m", "memory");
        expect(parseSizeMiB(jindo.settings.memoryOverhead, "m", "memoryOverhead")).toBe(defaultOverheadMiB(heap, 0.1) + 1024);
        expect(jindo.requests.memoryMiB).toBeLessThanOrEqual(usableMemoryMiB("eci", jindo.report.billed as CapacityShape));
        expect(heap).toBe(maxHeapForBudget(usableMemoryMiB("eci", jindo.report.billed as CapacityShape) - 1024, 0.1));
        expect(() => rightSize({ grid: "eci", nativeMemoryMiB: -5 })).toThrow("executor.nativeMemoryMiB: -5 is not a size in MiB");
    });

    it("takes the headroom from the caller: 0 fills the shape to its last MiB, a bad value is refused with one line", () => {
        expect(rightSize({ grid: "fargate", headroomMiB: 0 }).settings.memory).toBe("3456m");
        expect(rightSize({ grid: "eci" }).requests.memoryMiB).toBe(rightSize({ grid: "eci", headroomMiB: 0 }).requests.memoryMiB);
        expect(() => rightSize({ grid: "fargate", headroomMiB: -1 })).toThrow(
            "executor.headroomMiB: -1 is not a headroom in MiB, expected a whole number of MiB from 0 to 4096",
        );
    });

    it("gives an 11-core executor the 16 vCPU Fargate shape and reports the idle task slots", () => {
        const { report, settings } = rightSize({ grid: "fargate", cores: 11 });
        expect(report.billed).toEqual({ vcpu: 16, memoryGiB: 48 });
        expect(settings.cores).toBe(11);
        expect(report.coresShare).toBeCloseTo(11 / 16, 12);
    });
});

describe("exact mode and grid none", () => {
    it("keeps Spark's defaults and reports the waste", () => {
        const sized = rightSize({ grid: "fargate", mode: "exact" });
        expect(sized.mode).toBe("exact");
        expect(sized.settings).toEqual({ cores: 1, memory: "1g" });
        expect(sized.report.billed).toEqual({ vcpu: 1, memoryGiB: 2 });
        expect(sized.report.idleMemoryMiB).toBe(384);
    });

    it("reports the data-on-eks 1 TB datagen executor as is", () => {
        const settings = { cores: 11, memory: "15g", memoryOverhead: "4g" };
        const fargate = rightSize({ grid: "fargate", mode: "exact", settings }).report;
        expect(fargate.billed).toEqual({ vcpu: 16, memoryGiB: 32 });
        expect(fargate.memoryShare).toBeCloseTo(19456 / (32768 - 256), 12);
        expect(fargate.cpuShare).toBeCloseTo(11 / 16, 12);
        const eci = rightSize({ grid: "eci", mode: "exact", settings }).report;
        expect(eci.billed).toEqual({ vcpu: 12, memoryGiB: 24 });
    });

    it("refuses bad settings in exact mode", () => {
        expect(() => rightSize({ grid: "eci", mode: "exact", settings: { memory: "lots" } })).toThrow(/^executor\.memory: /);
        expect(() => rightSize({ grid: "fargate", mode: "exact", settings: { cores: 32, memory: "4g" } })).toThrow(/^executor\.cpu: .*16 vCPU/);
        expect(() => rightSize({ grid: "eci", mode: "exact", settings: { memory: "600g" } })).toThrow(/^executor\.memoryMiB: .*512 GiB/);
    });

    it("returns the settings unchanged on grid none and reports requests only", () => {
        const sized = rightSize({ grid: "none", cores: 3 });
        expect(sized.mode).toBe("requests-only");
        expect(sized.settings).toEqual({ cores: 3, memory: "1g" });
        expect(sized.requests.memoryMiB).toBe(1408);
        expect(sized.report).toMatchObject({ billed: null, memoryShare: null, cpuShare: null, pricePerHour: null, currency: null });
        expect(sized.annotations).toEqual({});
        const kept = rightSize({ grid: "none", settings: { cores: 4, memory: "8g", coreLimit: "4" } });
        expect(kept.settings).toEqual({ cores: 4, memory: "8g", coreLimit: "4" });
        expect(kept.requests).toMatchObject({ cpu: 4, cpuLimit: 4, memoryMiB: 8192 + 819 });
        expect(rightSize({ grid: "none", role: "driver", cores: 0.5 }).settings).toEqual({ cores: 1, coreRequest: "500m", memory: "1g" });
    });
});

describe("argument checks", () => {
    it("refuses unknown grids, roles, modes and price tables of another grid", () => {
        expect(() => rightSize({ grid: "gke" as never })).toThrow(/^grid: /);
        expect(() => rightSize({ grid: "eci", role: "master" as never })).toThrow(/^role: /);
        expect(() => rightSize({ grid: "eci", mode: "tight" as never })).toThrow(/^mode: /);
        expect(() => rightSize({ grid: "eci", prices: FARGATE_US_EAST_1_PRICES })).toThrow(/^prices: .*fargate, not eci/);
        expect(() => rightSize({ grid: "eci", prices: FARGATE_US_EAST_1_PRICES })).toThrow(InputError);
    });
});

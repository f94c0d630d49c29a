import { describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import {
    billedShape,
    billingCpu,
    capacityGrid,
    CapacityShape,
    checkGridName,
    ECI_CHINA_PRICES,
    ECI_GRID,
    ECI_INTERNATIONAL_PRICES,
    eciUseSpecsValue,
    FARGATE_GRID,
    FARGATE_US_EAST_1_PRICES,
    fittingShapes,
    formatShape,
    largestShape,
    platformReservationMiB,
    PriceTable,
    shapeMemoryMiB,
    shapePricePerHour,
    usableMemoryMiB,
} from "../../components/sizing";

const shape = (vcpu: number, memoryGiB: number): CapacityShape => ({ vcpu, memoryGiB });
const GiB = 1024;

describe("grid data", () => {
    it("lists every Fargate combination", () => {
        const perVcpu = new Map<number, number[]>();
        for (const s of FARGATE_GRID.shapes) {
            perVcpu.set(s.vcpu, [...(perVcpu.get(s.vcpu) ?? []), s.memoryGiB]);
        }
        expect(perVcpu.get(0.25)).toEqual([0.5, 1, 2]);
        expect(perVcpu.get(0.5)).toEqual([1, 2, 3, 4]);
        expect(perVcpu.get(1)).toEqual([2, 3, 4, 5, 6, 7, 8]);
        expect(perVcpu.get(2)).toHaveLength(13);
        expect(perVcpu.get(4)).toEqual(Array.from({ length: 23 }, (_, i) => 8 + i));
        expect(perVcpu.get(8)).toEqual([16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60]);
        expect(perVcpu.get(16)).toEqual([32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120]);
        expect(FARGATE_GRID.shapes).toHaveLength(74);
    });

    it("lists the ECI specs offered in every region", () => {
        expect(ECI_GRID.shapes).toHaveLength(44);
        expect(ECI_GRID.shapes.filter((s) => s.vcpu === 2).map((s) => s.memoryGiB)).toEqual([1, 2, 4, 8, 16]);
        expect(ECI_GRID.shapes.filter((s) => s.vcpu === 52).map((s) => s.memoryGiB)).toEqual([96, 192, 384]);
        expect(largestShape("eci")).toEqual(shape(64, 512));
        expect(largestShape("fargate")).toEqual(shape(16, 120));
    });

    it("keeps shapes sorted by vCPU then memory, and carries a source and date", () => {
        for (const grid of [FARGATE_GRID, ECI_GRID]) {
            const sorted = [...grid.shapes].sort((a, b) => a.vcpu - b.vcpu || a.memoryGiB - b.memoryGiB);
            expect(grid.shapes).toEqual(sorted);
            expect(grid.source).toMatch(/^https:\/\//);
            expect(grid.asOf).toBe("2026-11");
        }
    });

    it("exposes the platform's reservation and usable memory", () => {
        expect(platformReservationMiB("fargate")).toBe(256);
        expect(platformReservationMiB("eci")).toBe(0);
        expect(platformReservationMiB("none")).toBe(0);
        expect(usableMemoryMiB("fargate", shape(1, 2))).toBe(1792);
        expect(usableMemoryMiB("eci", shape(1, 2))).toBe(2048);
        expect(shapeMemoryMiB(shape(0.25, 0.5))).toBe(512);
    });

    it("checks grid names", () => {
        expect(checkGridName("none")).toBe("none");
        expect(() => checkGridName("gke")).toThrow(/^grid: "gke" is not a capacity grid/);
        expect(() => capacityGrid("none" as never)).toThrow(InputError);
    });
});

describe("billedShape on Fargate (+256 MiB, then round up)", () => {
    it.each([
        [0, 0, shape(0.25, 0.5)],
        [0.25, 256, shape(0.25, 0.5)],
        [0.25, 257, shape(0.25, 1)],
        [0.25, 1792, shape(0.25, 2)],
        [0.25, 1793, shape(0.5, 3)],
        [1, 1408, shape(1, 2)],
        [1, 1792, shape(1, 2)],
        [1, 1793, shape(1, 3)],
        [1.5, 1024, shape(2, 4)],
        [1, 8 * GiB - 256, shape(1, 8)],
        [1, 8 * GiB - 255, shape(2, 9)],
        [4, 30 * GiB - 256, shape(4, 30)],
        [4, 30 * GiB - 255, shape(8, 32)],
        [8, 17 * GiB, shape(8, 20)],
        [16, 0, shape(16, 32)],
        [11, 19456, shape(16, 32)],
        [5, 26624, shape(8, 28)],
        [16, 120 * GiB - 256, shape(16, 120)],
    ])("cpu %d, %d MiB -> %o", (cpu, memoryMiB, expected) => {
        expect(billedShape("fargate", { cpu, memoryMiB })).toEqual(expected);
    });

    it("refuses pods beyond the largest shape, naming the dimension", () => {
        expect(() => billedShape("fargate", { cpu: 16, memoryMiB: 120 * GiB - 255 }, "executor")).toThrow(
            /^executor\.memoryMiB: .*256 MiB.*16 vCPU \/ 120 GiB/,
        );
        expect(() => billedShape("fargate", { cpu: 16.001, memoryMiB: 1024 }, "executor")).toThrow(/^executor\.cpu: .*largest fargate shape \(16 vCPU\)/);
        expect(() => billedShape("fargate", { cpu: -1, memoryMiB: 1 })).toThrow(/^pod\.cpu: /);
        expect(() => billedShape("fargate", { cpu: 1, memoryMiB: 1.5 })).toThrow(/^pod\.memoryMiB: /);
    });
});

describe("billedShape on ECI (no reservation, nearest spec up)", () => {
    it.each([
        [1, 1408, shape(1, 2)],
        [1, 2048, shape(1, 2)],
        [1, 2049, shape(1, 4)],
        [2, 1024, shape(2, 1)],
        [0.25, 1024, shape(0.25, 1)],
        [0.3, 512, shape(0.5, 1)],
        [7, 13 * GiB, shape(8, 16)],
        [11, 19456, shape(12, 24)],
        [5, 26624, shape(8, 32)],
        [33, 1, shape(52, 96)],
        [52, 400 * GiB, shape(64, 512)],
        [64, 512 * GiB, shape(64, 512)],
    ])("cpu %d, %d MiB -> %o", (cpu, memoryMiB, expected) => {
        expect(billedShape("eci", { cpu, memoryMiB })).toEqual(expected);
    });

    it("refuses pods beyond 64 vCPU or 512 GiB", () => {
        expect(() => billedShape("eci", { cpu: 64, memoryMiB: 512 * GiB + 1 })).toThrow(/^pod\.memoryMiB: .*64 vCPU \/ 512 GiB/);
        expect(() => billedShape("eci", { cpu: 65, memoryMiB: 1 })).toThrow(/^pod\.cpu: .*64 vCPU/);
    });

    it("bills limits when set (limits decide), requests otherwise", () => {
        expect(billingCpu("eci", { cpu: 1, cpuLimit: 4 })).toBe(4);
        expect(billingCpu("eci", { cpu: 1, cpuLimit: null })).toBe(1);
        expect(billingCpu("fargate", { cpu: 1, cpuLimit: 4 })).toBe(1);
    });

    it("renders the eci-use-specs value", () => {
        expect(eciUseSpecsValue(shape(2, 8))).toBe("2-8Gi");
        expect(eciUseSpecsValue(shape(0.5, 1))).toBe("0.5-1Gi");
        expect(formatShape(shape(0.25, 0.5))).toBe("0.25 vCPU / 0.5 GiB");
    });
});

describe("billedShape on grid none", () => {
    it("has no shape", () => {
        expect(billedShape("none", { cpu: 100, memoryMiB: 10 ** 7 })).toBeNull();
    });
});

describe("the rounding order and the cheapest fitting shape", () => {
    /**
     * Shapes where the billed shape is not the cheapest fitting one. Also checks, for every request,
     * that the billed shape is the first fitting shape in grid order (collected and asserted once:
     * an `expect` per case costs seconds over ~50,000 cases).
     */
    function mismatches(grid: "fargate" | "eci", prices: PriceTable): string[] {
        const data = capacityGrid(grid);
        const maxMiB = shapeMemoryMiB(largestShape(grid)) - data.reservationMiB;
        const found = new Set<string>();
        const notFirstFit: string[] = [];
        for (const cpu of [0, 0.25, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 16, 20, 33, 40, 52, 64]) {
            if (cpu > largestShape(grid).vcpu) {
                continue;
            }
            for (let memoryMiB = 0; memoryMiB <= maxMiB; memoryMiB += 128) {
                const fitting = fittingShapes(grid, { cpu, memoryMiB });
                if (fitting.length === 0) {
                    continue;
                }
                const cheapest = Math.min(...fitting.map((s) => shapePricePerHour(s, prices)));
                const billed = billedShape(grid, { cpu, memoryMiB });
                if (billed !== fitting[0]) notFirstFit.push(`${cpu} vCPU, ${memoryMiB} MiB`);
                if (shapePricePerHour(billed, prices) > cheapest + 1e-12) {
                    found.add(formatShape(billed));
                }
            }
        }
        expect(notFirstFit).toEqual([]);
        return [...found];
    }

    it("coincide on Fargate, so its rounding is unambiguous", () => {
        expect(mismatches("fargate", FARGATE_US_EAST_1_PRICES)).toEqual([]);
    });

    it("differ on ECI only in a few gaps (the vCPU-first reading is an assumption there)", () => {
        expect(mismatches("eci", ECI_INTERNATIONAL_PRICES)).toEqual(["52 vCPU / 384 GiB"]);
        expect(mismatches("eci", ECI_CHINA_PRICES).sort()).toEqual(["12 vCPU / 96 GiB", "24 vCPU / 192 GiB", "52 vCPU / 384 GiB"]);
        expect(billedShape("eci", { cpu: 40, memoryMiB: 200 * GiB })).toEqual(shape(52, 384));
    });
});

import { describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import { coresToMilli, formatCpuMilli, formatMiB, parseCpuMilli, parseSizeMiB } from "../../components/sizing";

describe("parseSizeMiB (Spark size strings)", () => {
    it.each([
        ["512m", 512],
        ["2g", 2048],
        ["1536M", 1536],
        ["4096", 4096],
        ["1t", 1024 * 1024],
        [" 2G ", 2048],
        ["2gb", 2048],
        ["3MB", 3],
        ["1p", 1024 ** 3],
        ["0", 0],
    ])("%s is %i MiB when no unit means MiB", (text, mib) => {
        expect(parseSizeMiB(text, "m", "executor.memory")).toBe(mib);
    });

    it("truncates units below a MiB, as Spark's ByteUnit conversion does", () => {
        expect(parseSizeMiB("1536k", "m", "k")).toBe(1);
        expect(parseSizeMiB("1048575b", "m", "k")).toBe(0);
        expect(parseSizeMiB("1048576", "b", "k")).toBe(1);
    });

    it("reads a bare number in the key's default unit", () => {
        expect(parseSizeMiB("2147483648", "b", "offHeapSize")).toBe(2048);
        expect(parseSizeMiB("2", "g", "k")).toBe(2048);
        expect(parseSizeMiB(4096, "m", "k")).toBe(4096);
    });

    it.each([
        ["1.5g", /fraction/],
        ["2x", /unknown unit "x"/],
        ["abc", /is not a size/],
        ["", /is not a size/],
        ["-1g", /is not a size/],
        ["1 g", /is not a size/],
        ["99999999999999p", /too large/],
    ])("refuses %j", (text, problem) => {
        expect(() => parseSizeMiB(text, "m", "executor.memory")).toThrow(InputError);
        expect(() => parseSizeMiB(text, "m", "executor.memory")).toThrow(problem);
    });

    it("refuses non-strings and fractional numbers with a one-line keyed message", () => {
        for (const bad of [2.5, -1, null, {}, true]) {
            let message = "";
            try {
                parseSizeMiB(bad, "m", "executor.memory");
            } catch (err) {
                expect(err).toBeInstanceOf(InputError);
                message = (err as Error).message;
            }
            expect(message).toMatch(/^executor\.memory: .*, expected a Spark size/);
            expect(message).not.toContain("\n");
        }
    });

    it("formats MiB like Spark settings", () => {
        expect(formatMiB(5734)).toBe("5734m");
    });
});

describe("parseCpuMilli (Kubernetes CPU quantities)", () => {
    it.each([
        ["2", 2000],
        ["0.5", 500],
        ["500m", 500],
        ["0.1", 100],
        [".5", 500],
        ["1.0005", 1001],
        ["1.5m", 2],
        ["250m", 250],
        [" 4 ", 4000],
    ])("%s is %i millicores", (text, milli) => {
        expect(parseCpuMilli(text, "executor.coreRequest")).toBe(milli);
    });

    it("takes numbers of cores", () => {
        expect(parseCpuMilli(0.25, "k")).toBe(250);
        expect(parseCpuMilli(3, "k")).toBe(3000);
    });

    it.each(["0", "0m", "-1", "1e3", "m", "", "two", "1.5 m", "."])("refuses %j", (text) => {
        expect(() => parseCpuMilli(text, "executor.coreRequest")).toThrow(/^executor\.coreRequest: /);
    });

    it("formats whole cores plainly and fractions in millicores", () => {
        expect(formatCpuMilli(2000)).toBe("2");
        expect(formatCpuMilli(500)).toBe("500m");
        expect(formatCpuMilli(250)).toBe("250m");
        expect(coresToMilli(0.3)).toBe(300);
        expect(coresToMilli(0.1 + 0.2)).toBe(300);
        expect(coresToMilli(0.3001)).toBe(301);
    });
});

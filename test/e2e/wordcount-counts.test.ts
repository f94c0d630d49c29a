import { describe, expect, it } from "vitest";

import { WORDCOUNT_TEXT } from "../../components/jobs/samples/wordcount";
import { countsInLog, expectedWordCounts } from "./wordcount-counts";

describe("the e2e suite's WordCount check", () => {
    it("GIVEN the uploaded text WHEN counted THEN repeated words add up and every word is there", () => {
        const counts = expectedWordCounts(WORDCOUNT_TEXT);
        expect(counts.get("the")).toBe(7); // counted by hand: 1 + 4 + 2 over lines 2-4
        expect(counts.get("counts")).toBe(3);
        expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(WORDCOUNT_TEXT.trim().split(/\s+/).length);
    });

    it("GIVEN a driver log with Spark's own lines WHEN parsed THEN only `word: count` lines are read", () => {
        const log =
            "26/11/29 14:00:01 INFO SparkContext: Running Spark version 3.5.3\nthe: 5\nwords: 2\n26/11/29 14:00:09 INFO SparkContext: Successfully stopped SparkContext\n";
        expect(countsInLog(log)).toEqual(
            new Map([
                ["the", 5],
                ["words", 2],
            ]),
        );
    });
});

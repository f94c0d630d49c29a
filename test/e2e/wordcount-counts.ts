/**
 * What JavaWordCount prints for a text, and the counts read back from a driver log: the e2e suite's
 * check that the job ran on the text the storage uploaded. JavaWordCount splits on single spaces
 * and prints `word: count` per distinct word (apache/spark
 * examples/src/main/java/org/apache/spark/examples/JavaWordCount.java).
 */
export function expectedWordCounts(text: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const line of text.split("\n")) {
        if (line === "") continue;
        for (const word of line.split(" ")) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    return counts;
}

/** The `word: count` lines of a driver log (other lines ignored). */
export function countsInLog(log: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const match of log.matchAll(/^([^\s:]+): (\d+)$/gm)) counts.set(match[1]!, Number(match[2]));
    return counts;
}

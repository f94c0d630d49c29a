// Prints `N passed, N failed` from vitest's JSON report. A test file that failed to load counts as one
// failure; skipped and todo tests count as neither.
const fs = require("fs");

const file = process.argv[2];
let report;
try {
    report = JSON.parse(fs.readFileSync(file, "utf8"));
} catch {
    console.log("0 passed, 1 failed");
    process.exit(1);
}
let passed = 0;
let failed = 0;
for (const suite of report.testResults ?? []) {
    const tests = suite.assertionResults ?? [];
    for (const t of tests) {
        if (t.status === "passed") passed++;
        else if (t.status === "failed") failed++;
    }
    if (suite.status === "failed" && !tests.some((t) => t.status === "failed")) failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

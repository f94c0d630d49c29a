import { availableParallelism } from "node:os";
import { resolve } from "node:path";

import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` (in process, fast: no KDC, no child process) for the edit loop, `npm run test:unit`;
 * `integration` (`*.integration.test.ts`: real tools and evaluators, a MIT KDC, Go's robfig/cron,
 * Pulumi's schema analyzer, and the plan CLI or Node as child processes); `e2e` (`*.e2e.test.ts`:
 * real cloud accounts, skipped unless asked for).
 * `npm test` runs both.
 */
export default defineConfig({
    resolve: {
        // The fixture of a user's program (test/fixtures/user-program) imports the package by name,
        // as users do; in tests that name is this checkout's sources (tsconfig.json maps it too).
        // Relative to the working directory, like the test globs: vitest runs from the repository root.
        alias: [{ find: /^serverless-spark(\/.*)?$/, replacement: `${resolve("components")}$1` }],
    },
    test: {
        // Test files share a worker's module cache instead of each loading the Pulumi SDKs again:
        // the suite's main cost. Files stay independent: each one that uses Pulumi's process-global
        // mock runtime starts its own (`setMocks` and `setAllConfig` replace the previous state).
        isolate: false,
        pool: "forks",
        // Vitest's default leaves one core idle; the suite is CPU-bound, so use them all.
        maxWorkers: availableParallelism(),
        testTimeout: 60_000,
        hookTimeout: 60_000,
        projects: [
            { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/**/*.integration.test.ts", "test/**/*.e2e.test.ts"] } },
            { extends: true, test: { name: "integration", include: ["test/**/*.integration.test.ts"] } },
            // Real accounts, opt-in (`npm run test:e2e:aws`): skipped unless E2E_AWS=1 and the tools are there.
            { extends: true, test: { name: "e2e", include: ["test/**/*.e2e.test.ts"] } },
        ],
    },
});

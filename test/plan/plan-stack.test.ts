import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { PROJECT_ROOT } from "../helpers/plan-cli";

describe("planStack", () => {
    it("GIVEN every cloud's mock-output module in tools/plan WHEN plan-stack.ts is read THEN it imports each, so no stack plans with missing placeholders", () => {
        const dir = path.join(PROJECT_ROOT, "tools", "plan");
        const modules = fs
            .readdirSync(dir)
            .filter((f) => /^mock-outputs-.+\.ts$/.test(f))
            .map((f) => f.replace(/\.ts$/, ""));
        expect(modules.length).toBeGreaterThanOrEqual(3);
        const source = fs.readFileSync(path.join(dir, "plan-stack.ts"), "utf8");
        for (const module of modules) {
            expect(source).toContain(`import "./${module}";`);
        }
    });
});

import { describe, expect, it } from "vitest";

import { planStack } from "../../tools/plan/plan-stack";
import { PROJECT_ROOT, userSettings } from "../helpers/plan-cli";

/** Reordering jobNamespaces is no change: the namespaces are a set (issue 17 item 7). */
describe.each(["aws", "alicloud", "existing"])("the %s stack with reordered job namespaces", (stack) => {
    it("GIVEN two orders of the same namespaces WHEN planned THEN the resources are identical", async () => {
        const plan = async (order: string) =>
            (
                await planStack({
                    projectRoot: PROJECT_ROOT,
                    stack,
                    overrides: [...userSettings(stack), `jobNamespaces=${order}`],
                    loadProgram: (p) => import(p),
                })
            ).plan.resources;
        const ab = await plan('["team-a","team-b"]');
        const ba = await plan('["team-b","team-a"]');
        expect(ab.length).toBeGreaterThan(0);
        expect(ba).toEqual(ab);
        // The sample lands in the first namespace in sorted order, whichever was written first.
        const app = ab.find((r) => r.type.endsWith(":SparkApplication"))!;
        expect((app.inputs.metadata as { namespace: string }).namespace).toBe("team-a");
    });
});

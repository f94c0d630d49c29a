import { describe, expect, it } from "vitest";

import { refOf } from "../../tools/plan/plan-model";
import { planStack } from "../../tools/plan/plan-stack";
import { PROJECT_ROOT, shippedStacks, userSettings } from "../helpers/plan-cli";

/**
 * TPC-DS in order, as each shipped stack's plan declares it: `pulumi up` waits for data generation
 * to complete, and declares the query run only after it.
 */
describe.each(shippedStacks())("the %s stack's TPC-DS jobs", (stack) => {
    it("GIVEN the shipped stack WHEN planned THEN tpcds-datagen is awaited to COMPLETED and replaced on change, and tpcds-queries waits for it", async () => {
        const { plan } = await planStack({
            projectRoot: PROJECT_ROOT,
            stack,
            overrides: userSettings(stack),
            loadProgram: (p) => import(p),
        });
        const app = (name: string) => {
            const found = plan.resources.filter(
                (r) => r.type === "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication" && (r.inputs.metadata as any)?.name === name,
            );
            expect(found, name).toHaveLength(1);
            return found[0]!;
        };
        const datagen = app("tpcds-datagen");
        const queries = app("tpcds-queries");
        expect((datagen.inputs.metadata as any).annotations).toEqual({ "pulumi.com/waitFor": "jsonpath={.status.applicationState.state}=COMPLETED" });
        expect(datagen.replaceOnChanges).toEqual(["spec"]);
        expect(datagen.deleteBeforeReplace).toBe(true);
        expect(datagen.customTimeouts).toEqual({ create: expect.stringMatching(/^\d+m$/), update: expect.stringMatching(/^\d+m$/) });
        expect(queries.dependsOn).toContain(refOf(datagen));
        expect((queries.inputs.spec as any).suspend).toBeUndefined();
        // The query run itself is not awaited: pulumi up returns once it is submitted.
        expect((queries.inputs.metadata as any).annotations).toBeUndefined();
        expect(queries.customTimeouts).toBeUndefined();
    });
});

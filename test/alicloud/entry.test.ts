import { describe, expect, it } from "vitest";
import { pulumiPackagesLoadedBy } from "../helpers/loaded-packages";

/**
 * The Alibaba Cloud entry points load `@pulumi/alicloud` and nothing of AWS; the pure parts (the
 * stack config layer and the plan's placeholder outputs) load no cloud SDK at all, so an `existing`
 * or `aws` stack never needs `@pulumi/alicloud` installed. The main entry point (components/index.ts)
 * and the program (stacks/index.ts) are checked in test/library-entry.test.ts.
 */
describe("Alibaba Cloud entry points", () => {
    it("GIVEN components/alicloud.ts WHEN loaded THEN @pulumi/alicloud is loaded and @pulumi/aws is not", () => {
        const loaded = pulumiPackagesLoadedBy("./components/alicloud.ts");
        expect(loaded).toContain("@pulumi/alicloud");
        expect(loaded).toContain("@pulumi/kubernetes");
        expect(loaded).not.toContain("@pulumi/aws");
    });

    it("GIVEN the stack's Alibaba wiring (stacks/clouds/alicloud.ts) WHEN loaded THEN it loads @pulumi/alicloud and not @pulumi/aws", () => {
        const loaded = pulumiPackagesLoadedBy("./stacks/clouds/alicloud.ts");
        expect(loaded).toContain("@pulumi/alicloud");
        expect(loaded).not.toContain("@pulumi/aws");
    });

    it.each(["./stacks/clouds/alicloud-config.ts", "./tools/plan/mock-outputs-alicloud.ts", "./tools/plan/mock-outputs-alicloud-storage.ts"])(
        "GIVEN %s WHEN loaded THEN no cloud SDK is loaded",
        (file) => {
            const loaded = pulumiPackagesLoadedBy(file);
            expect(loaded).not.toContain("@pulumi/alicloud");
            expect(loaded).not.toContain("@pulumi/aws");
        },
    );
});

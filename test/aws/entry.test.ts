import { describe, expect, it } from "vitest";
import { pulumiPackagesLoadedBy } from "../helpers/loaded-packages";

describe("AWS entry points", () => {
    it("GIVEN components/aws.ts WHEN loaded THEN @pulumi/aws is loaded and @pulumi/alicloud is not", () => {
        const loaded = pulumiPackagesLoadedBy("./components/aws.ts");
        expect(loaded).toContain("@pulumi/aws");
        expect(loaded).toContain("@pulumi/kubernetes");
        expect(loaded).not.toContain("@pulumi/alicloud");
    });

    it("GIVEN the AWS config resolver and the AWS mock outputs WHEN loaded THEN no cloud SDK is loaded", () => {
        for (const file of ["./stacks/clouds/aws-config.ts", "./tools/plan/mock-outputs-aws.ts"]) {
            const loaded = pulumiPackagesLoadedBy(file);
            expect(loaded).not.toContain("@pulumi/aws");
            expect(loaded).not.toContain("@pulumi/alicloud");
        }
    });
});

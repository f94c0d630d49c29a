import { describe, expect, it } from "vitest";
import { pulumiPackagesLoadedBy } from "./helpers/loaded-packages";

describe("library entry point", () => {
    it("GIVEN components/index.ts WHEN loaded THEN neither @pulumi/aws nor @pulumi/alicloud is loaded", () => {
        const loaded = pulumiPackagesLoadedBy("./components/index.ts");
        expect(loaded).toContain("@pulumi/kubernetes");
        expect(loaded).not.toContain("@pulumi/aws");
        expect(loaded).not.toContain("@pulumi/alicloud");
    });

    it("GIVEN the program for an existing cluster WHEN loaded THEN no cloud SDK is loaded either", () => {
        const loaded = pulumiPackagesLoadedBy("./stacks/index.ts");
        expect(loaded).not.toContain("@pulumi/aws");
        expect(loaded).not.toContain("@pulumi/alicloud");
    });

    it("GIVEN package.json WHEN read THEN cloud SDKs are optional peers and the entry point is the built library", async () => {
        const pkg = (await import("../package.json")).default as any;
        expect(pkg.peerDependenciesMeta["@pulumi/aws"].optional).toBe(true);
        expect(pkg.peerDependenciesMeta["@pulumi/alicloud"].optional).toBe(true);
        expect(pkg.dependencies["@pulumi/aws"]).toBeUndefined();
        expect(pkg.dependencies["@pulumi/alicloud"]).toBeUndefined();
        expect(pkg.main).toBe("dist/components/index.js");
        expect(pkg.types).toBe("dist/components/index.d.ts");
    });
});

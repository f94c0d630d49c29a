import { beforeAll, describe, expect, it } from "vitest";

import { pulumiPackagesLoadedByEach } from "./helpers/loaded-packages";

/**
 * Which cloud SDKs each entry point loads. The main entry (components/index.ts) and the program for
 * an existing cluster load none, so an `existing` stack never needs a cloud SDK installed; each
 * cloud's entry loads its own SDK and not the other's; the pure parts (the stack config layer and the
 * plan's placeholder outputs) load no cloud SDK at all.
 */
const PURE = [
    "./components/platforms/config/aws.ts",
    "./tools/plan/mock-outputs-aws.ts",
    "./components/platforms/config/alicloud.ts",
    "./tools/plan/mock-outputs-alicloud.ts",
    "./tools/plan/mock-outputs-alicloud-storage.ts",
];
const ENTRIES = [
    "./components/index.ts",
    "./stacks/index.ts",
    "./components/aws.ts",
    "./components/alicloud.ts",
    "./components/platforms/alicloud.ts",
    ...PURE,
];

let loaded: Map<string, string[]>;
beforeAll(() => {
    loaded = pulumiPackagesLoadedByEach(ENTRIES);
});

describe("library entry point", () => {
    it("GIVEN components/index.ts WHEN loaded THEN neither @pulumi/aws nor @pulumi/alicloud is loaded", () => {
        const packages = loaded.get("./components/index.ts");
        expect(packages).toContain("@pulumi/kubernetes");
        expect(packages).not.toContain("@pulumi/aws");
        expect(packages).not.toContain("@pulumi/alicloud");
    });

    it("GIVEN the program for an existing cluster WHEN loaded THEN no cloud SDK is loaded either", () => {
        const packages = loaded.get("./stacks/index.ts");
        expect(packages).toContain("@pulumi/pulumi");
        expect(packages).not.toContain("@pulumi/aws");
        expect(packages).not.toContain("@pulumi/alicloud");
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

describe("AWS entry points", () => {
    it("GIVEN components/aws.ts WHEN loaded THEN @pulumi/aws is loaded and @pulumi/alicloud is not", () => {
        const packages = loaded.get("./components/aws.ts");
        expect(packages).toContain("@pulumi/aws");
        expect(packages).toContain("@pulumi/kubernetes");
        expect(packages).not.toContain("@pulumi/alicloud");
    });
});

describe("Alibaba Cloud entry points", () => {
    it("GIVEN components/alicloud.ts WHEN loaded THEN @pulumi/alicloud is loaded and @pulumi/aws is not", () => {
        const packages = loaded.get("./components/alicloud.ts");
        expect(packages).toContain("@pulumi/alicloud");
        expect(packages).toContain("@pulumi/kubernetes");
        expect(packages).not.toContain("@pulumi/aws");
    });

    it("GIVEN the Alibaba top-level component (components/platforms/alicloud.ts) WHEN loaded THEN it loads @pulumi/alicloud and not @pulumi/aws", () => {
        const packages = loaded.get("./components/platforms/alicloud.ts");
        expect(packages).toContain("@pulumi/alicloud");
        expect(packages).not.toContain("@pulumi/aws");
    });
});

describe("pure modules", () => {
    it.each(PURE)("GIVEN %s WHEN loaded THEN no cloud SDK is loaded", (file) => {
        const packages = loaded.get(file);
        expect(packages).toBeDefined();
        expect(packages).not.toContain("@pulumi/alicloud");
        expect(packages).not.toContain("@pulumi/aws");
    });
});

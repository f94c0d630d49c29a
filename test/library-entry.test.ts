import { spawnSync } from "child_process";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "./helpers/plan-cli";

/** Loads a module in a fresh Node process and lists the @pulumi packages it pulled in. */
function pulumiPackagesLoadedBy(modulePath: string): string[] {
    const script = `
        require(${JSON.stringify(modulePath)});
        const names = new Set();
        for (const file of Object.keys(require.cache)) {
            const m = /node_modules\\/(@pulumi\\/[^/]+)\\//.exec(file);
            if (m) names.add(m[1]);
        }
        process.stdout.write(JSON.stringify([...names].sort()));
    `;
    const result = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" });
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout);
}

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

import { spawnSync } from "child_process";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/plan-cli";

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

import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { diffPlans, snapshotOf } from "../../tools/plan/diff";
import { planStack } from "../../tools/plan/plan-stack";
import { PROJECT_ROOT, tempDir, userSettings } from "../helpers/plan-cli";

/** No data-bearing resource is replaced by a change that does not concern it (issue 17 item 7). */
describe("renaming the alicloud stack", () => {
    it("GIVEN the same config under another stack name WHEN diffed THEN the OSS bucket keeps its name and nothing that holds data is replaced", async () => {
        const dir = tempDir("stack-rename-");
        const source = fs.readFileSync(path.join(PROJECT_ROOT, "stacks", "Pulumi.alicloud.yaml"), "utf8");
        const plan = async (stack: string) => {
            const file = path.join(dir, `Pulumi.${stack}.yaml`);
            fs.writeFileSync(file, source);
            return (await planStack({ projectRoot: PROJECT_ROOT, stackFile: file, overrides: userSettings("alicloud"), loadProgram: (p) => import(p) })).plan;
        };
        const before = await plan("alicloud");
        const after = await plan("alicloud-prod");
        const bucket = (p: typeof before) => p.resources.find((r) => r.type === "alicloud:oss/bucket:Bucket")!;
        // The derived name changes with the stack, but the engine ignores that change: the bucket
        // keeps the name it was created with.
        expect(bucket(after).inputs.bucket).not.toBe(bucket(before).inputs.bucket);
        expect(bucket(after).ignoreChanges).toEqual(["bucket"]);
        const diff = diffPlans(snapshotOf(before), snapshotOf(after));
        const risky = diff.risks.map((r) => r.ref);
        expect(risky.filter((ref) => /oss\/bucket:Bucket|core\/v1:Namespace/.test(ref))).toEqual([]);
        // The RAM policies name the bucket through its actual name, an output of the bucket.
        const policy = after.resources.find((r) => r.type === "alicloud:ram/policy:Policy")!;
        expect(String(policy.inputs.policyDocument)).toContain(String(bucket(after).inputs.bucket));
    });

    it("GIVEN a bucket name the user sets WHEN planned THEN its changes are not ignored", async () => {
        const { plan } = await planStack({
            projectRoot: PROJECT_ROOT,
            stack: "alicloud",
            overrides: [...userSettings("alicloud"), "storage.bucket=my-spark-data-bucket"],
            loadProgram: (p) => import(p),
        });
        const bucket = plan.resources.find((r) => r.type === "alicloud:oss/bucket:Bucket")!;
        expect(bucket.inputs.bucket).toBe("my-spark-data-bucket");
        expect(bucket.ignoreChanges).toBeUndefined();
    });
});

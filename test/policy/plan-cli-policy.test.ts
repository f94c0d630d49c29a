import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { RULES } from "../../policy/rules";
import { planCli, stackArgs, tempDir } from "../helpers/plan-cli";

const PASS_LINE = new RegExp(`^${RULES.length} policies passed on \\d+ resources\\.$`, "m");
const FORCE_DESTROY =
    "[mandatory] bucket-private-encrypted-tls-retained aws:s3/bucket:Bucket::storage-bucket: forceDestroy is true: pulumi destroy would delete the bucket with its data";
const NOT_RETAINED =
    "[mandatory] bucket-private-encrypted-tls-retained aws:s3/bucket:Bucket::storage-bucket: is not retained on destroy: set retainOnDelete (or protect) on the bucket";

function configFile(config: unknown): string {
    const file = path.join(tempDir("plan-policy-"), "policy-config.json");
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
}

describe("npm run plan -- --policy", () => {
    it("GIVEN the shipped existing stack WHEN planned with --policy THEN it exits 0 with one pass line after the plan", async () => {
        const result = await planCli(["--stack", "existing", "--policy"]);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout).toContain("Resources by type:");
        expect(result.stdout.trimEnd().split("\n").pop()).toMatch(PASS_LINE);
    });

    it("GIVEN the aws stack with storage.retainOnDestroy=false WHEN planned with --policy THEN it exits 1 listing the violation", async () => {
        const result = await planCli([...stackArgs("aws"), "--policy", "--config", "storage.retainOnDestroy=false"]);
        expect(result.status).toBe(1);
        // retainOnDestroy: false also sets forceDestroy (so destroy can delete a written bucket): both are flagged.
        expect(result.stderr.trimEnd().split("\n")).toEqual([
            FORCE_DESTROY,
            NOT_RETAINED,
            expect.stringMatching(new RegExp(`^error: policy: 2 violations of mandatory policies \\(${RULES.length} policies on \\d+ resources\\)$`)),
        ]);
        // The plan itself is still printed.
        expect(result.stdout).toContain("aws:s3/bucket:Bucket");
        expect(result.stdout).not.toMatch(PASS_LINE);
    });

    it("GIVEN a --policy-config that makes the bucket policy advisory WHEN planned THEN the violation is listed but the run passes", async () => {
        const file = configFile({ "bucket-private-encrypted-tls-retained": "advisory" });
        const result = await planCli([...stackArgs("aws"), "--policy", "--policy-config", file, "--config", "storage.retainOnDestroy=false"]);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        const lines = result.stdout.trimEnd().split("\n");
        expect(lines.slice(-3)).toEqual([
            FORCE_DESTROY.replace("[mandatory]", "[advisory]"),
            NOT_RETAINED.replace("[mandatory]", "[advisory]"),
            expect.stringMatching(new RegExp(`^${RULES.length} policies passed on \\d+ resources \\(2 advisory violations\\)\\.$`)),
        ]);
    });

    it.each([
        [["--policy-config", "x.json"], "error: --policy-config: given without --policy, expected --policy --policy-config FILE"],
        [["--policy", "--policy-config", "/nonexistent/p.json"], 'error: --policy-config: no readable file at "/nonexistent/p.json" (ENOENT), expected'],
    ])("GIVEN %j WHEN planned THEN it exits 1 with one line before running the program", async (args, message) => {
        const result = await planCli(["--stack", "existing", ...args]);
        expect(result.status).toBe(1);
        expect(result.stdout).toBe("");
        expect(result.stderr.split("\n").filter((l) => l !== "")).toEqual([expect.stringContaining(message)]);
    });
});

import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { planCli, PROJECT_ROOT, stackArgs } from "../helpers/plan-cli";

/** The IAM action prefix of each `@pulumi/aws` module the stacks use. */
const IAM_PREFIX: Record<string, string> = { cloudwatch: "logs", ec2: "ec2", eks: "eks", iam: "iam", kms: "kms", s3: "s3" };

describe("docs/aws.md", () => {
    it("GIVEN the aws stack's plan WHEN its AWS resource types are listed THEN the deploying principal's permission table has a row for each service", async () => {
        const result = await planCli(stackArgs("aws"));
        expect(result.status).toBe(0);
        const modules = new Set([...result.stdout.matchAll(/^ {2}aws:(\w+)\//gm)].map((m) => m[1]));
        expect(modules.size).toBeGreaterThan(0);

        const doc = fs.readFileSync(path.join(PROJECT_ROOT, "docs", "aws.md"), "utf8");
        const rows = new Set([...doc.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]));
        for (const module of modules) {
            expect(IAM_PREFIX[module], `aws:${module} has no IAM prefix in this test's table`).toBeDefined();
            expect(rows, `docs/aws.md lists no permissions for ${IAM_PREFIX[module]} (aws:${module})`).toContain(IAM_PREFIX[module]);
        }
    });
});

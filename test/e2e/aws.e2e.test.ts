import type { Stack } from "@pulumi/pulumi/automation";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify as toYaml } from "yaml";

import { WORDCOUNT_TEXT } from "../../components/jobs/samples/wordcount";
import { readStackFile } from "../../tools/plan/stack-config";
import { PROJECT_ROOT } from "../helpers/plan-cli";
import {
    cleanUpStack,
    commandWorks,
    type Deployed,
    deployStack,
    destroyStack,
    E2E_NAMESPACE as NAMESPACE,
    E2E_STEP_MS as STEP,
    freshStack,
    missingCommonTools,
    openStack,
    waitForWordCount,
} from "./real-account";
import { countsInLog, expectedWordCounts } from "./wordcount-counts";

/**
 * The opt-in real-account suite (`npm run test:e2e:aws`): the shipped `aws` stack deployed into a
 * fresh stack, WordCount run to completion and its counts checked, destroyed, deployed again with
 * the same names (the retained control-plane log group adopted), destroyed again. It costs an EKS
 * control plane, one NAT gateway and a few Fargate pods for about an hour (see docs/aws.md).
 *
 * It runs only with E2E_AWS=1, an admin CIDR for the public endpoint (E2E_ADMIN_CIDR), a Pulumi CLI,
 * the AWS CLI, kubectl and AWS credentials; otherwise it reports itself skipped.
 */
const REGION = process.env.E2E_AWS_REGION ?? "us-east-1";
const ADMIN_CIDR = process.env.E2E_ADMIN_CIDR;

function missing(): string[] {
    const out: string[] = [];
    if (process.env.E2E_AWS !== "1") return ["E2E_AWS=1 (opt-in: it deploys real, billed resources)"];
    if (!ADMIN_CIDR) out.push("E2E_ADMIN_CIDR (your egress address, a.b.c.d/32)");
    out.push(...missingCommonTools());
    if (!commandWorks("aws", ["sts", "get-caller-identity"])) out.push("the AWS CLI with credentials");
    return out;
}

const absent = missing();
const title = absent.length === 0 ? `the aws stack on a real account (${REGION})` : `the aws stack on a real account (skipped: needs ${absent.join(", ")})`;

describe.skipIf(absent.length > 0)(title, () => {
    const e2e = freshStack();
    const clusterName = `ss-${e2e.stackName}`;
    let stack: Stack;

    /** The shipped stack file with what a user sets, WordCount only, and a bucket deleted with the stack. */
    function writeStackFile(adoptLogGroup: boolean): void {
        const config = readStackFile(path.join(PROJECT_ROOT, "stacks", "Pulumi.aws.yaml"), "--stack");
        config["aws:region"] = REGION;
        config["serverless-spark:samples"] = ["wordcount"];
        config["serverless-spark:cluster"] = {
            ...(config["serverless-spark:cluster"] as object),
            name: clusterName,
            publicAccessCidrs: [ADMIN_CIDR],
            adoptLogGroup,
        };
        config["serverless-spark:storage"] = { type: "s3", retainOnDestroy: false };
        fs.writeFileSync(e2e.stackFile, toYaml({ config }));
    }

    async function deploy(adoptLogGroup: boolean): Promise<Deployed> {
        writeStackFile(adoptLogGroup);
        return deployStack(stack);
    }

    beforeAll(async () => {
        writeStackFile(false);
        stack = await openStack(e2e);
    }, STEP);

    afterAll(async () => {
        await cleanUpStack(stack, e2e);
        // The retained control-plane log group is the one thing the suite leaves; remove it.
        spawnSync("aws", ["logs", "delete-log-group", "--region", REGION, "--log-group-name", `/aws/eks/${clusterName}/cluster`]);
    }, STEP);

    it(
        "GIVEN a fresh stack WHEN deployed THEN WordCount completes and prints the counts of the uploaded text, and its event log is in S3",
        async () => {
            const { outputs, kubectl } = await deploy(false);
            const driver = await waitForWordCount(kubectl);
            expect(countsInLog(kubectl("logs", driver, "-n", NAMESPACE))).toEqual(expectedWordCounts(WORDCOUNT_TEXT));
            const events = execFileSync("aws", ["s3", "ls", "--recursive", `s3://${outputs.bucket}/namespaces/spark-jobs/spark-events/`, "--region", REGION], {
                encoding: "utf8",
            });
            expect(events).toMatch(/eventlog/);
        },
        STEP,
    );

    it(
        "GIVEN the stack destroyed WHEN deployed again with the same names (log group adopted) and destroyed THEN both succeed",
        async () => {
            await destroyStack(stack);
            await waitForWordCount((await deploy(true)).kubectl);
            await destroyStack(stack);
        },
        2 * STEP,
    );
});

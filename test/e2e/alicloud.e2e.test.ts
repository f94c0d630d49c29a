import type { Stack } from "@pulumi/pulumi/automation";
import { execFileSync } from "child_process";
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
 * The opt-in real-account suite for Alibaba Cloud (`npm run test:e2e:alicloud`): the shipped
 * `alicloud` stack deployed into a fresh stack with the pre-flight check on, the API server's
 * allow-list bound with the command the stack prints, WordCount run to completion and its counts
 * checked, its event log found in OSS, destroyed, deployed again with the same names, destroyed
 * again. It costs an ACK Pro cluster, a NAT gateway with its EIP and a few ECI pods for about an hour
 * and a half (docs/alicloud.md, "The real-account suite").
 *
 * It runs only with E2E_ALICLOUD=1, an admin CIDR for the public API server (E2E_ADMIN_CIDR), a
 * Pulumi CLI, kubectl and the Alibaba Cloud CLI with credentials; otherwise it reports itself skipped.
 */
const REGION = process.env.E2E_ALICLOUD_REGION ?? "ap-southeast-1";
/** Zones of REGION where the account can buy ECI; the shipped stack's for ap-southeast-1. */
const ZONES = process.env.E2E_ALICLOUD_ZONES?.split(",").map((z) => z.trim());
const ADMIN_CIDR = process.env.E2E_ADMIN_CIDR;

function missing(): string[] {
    const out: string[] = [];
    if (process.env.E2E_ALICLOUD !== "1") return ["E2E_ALICLOUD=1 (opt-in: it deploys real, billed resources)"];
    if (!ADMIN_CIDR) out.push("E2E_ADMIN_CIDR (your egress address, a.b.c.d/32)");
    if (REGION !== "ap-southeast-1" && !ZONES) out.push(`E2E_ALICLOUD_ZONES (two or three zone ids of ${REGION})`);
    out.push(...missingCommonTools());
    if (!commandWorks("aliyun", ["sts", "GetCallerIdentity"])) out.push("the Alibaba Cloud CLI (aliyun) with credentials");
    return out;
}

const absent = missing();
const title =
    absent.length === 0 ? `the alicloud stack on a real account (${REGION})` : `the alicloud stack on a real account (skipped: needs ${absent.join(", ")})`;

describe.skipIf(absent.length > 0)(title, () => {
    const e2e = freshStack();
    let stack: Stack;

    /**
     * The shipped stack file with what a user sets: the admin network, WordCount only, the
     * pre-flight check, a cluster `pulumi destroy` may delete and a bucket deleted with the stack.
     */
    function writeStackFile(): void {
        const config = readStackFile(path.join(PROJECT_ROOT, "stacks", "Pulumi.alicloud.yaml"), "--stack");
        config["alicloud:region"] = REGION;
        config["serverless-spark:samples"] = ["wordcount"];
        config["serverless-spark:cluster"] = {
            ...(config["serverless-spark:cluster"] as object),
            publicAccessCidrs: [ADMIN_CIDR],
            deletionProtection: false,
            preflight: true,
        };
        if (ZONES) config["serverless-spark:network"] = { ...(config["serverless-spark:network"] as object), zoneIds: ZONES };
        config["serverless-spark:storage"] = { type: "oss", retainOnDestroy: false };
        fs.writeFileSync(e2e.stackFile, toYaml({ config }));
    }

    /**
     * Binds the API server's allow-list with the command the stack prints (the one manual step,
     * docs/alicloud.md): afterwards only the admin network, ACK and the VPC reach the API server.
     */
    function bindApiServerAcl(command: string): void {
        const [cli, ...args] = command.split(" ");
        expect(cli).toBe("aliyun");
        execFileSync("aliyun", [...args, "--region", REGION], { encoding: "utf8" });
    }

    async function deploy(): Promise<Deployed> {
        writeStackFile();
        const deployed = await deployStack(stack);
        bindApiServerAcl(String(deployed.outputs.apiServerAclBinding));
        return deployed;
    }

    beforeAll(async () => {
        writeStackFile();
        stack = await openStack(e2e);
    }, STEP);

    afterAll(async () => {
        await cleanUpStack(stack, e2e);
    }, STEP);

    it(
        "GIVEN a fresh stack WHEN deployed THEN WordCount completes and prints the counts of the uploaded text, and its event log is in OSS",
        async () => {
            const { outputs, kubectl } = await deploy();
            const driver = await waitForWordCount(kubectl);
            expect(countsInLog(kubectl("logs", driver, "-n", NAMESPACE))).toEqual(expectedWordCounts(WORDCOUNT_TEXT));
            const events = execFileSync(
                "aliyun",
                ["oss", "ls", `oss://${outputs.bucket}/namespaces/${NAMESPACE}/spark-events/`, "--endpoint", `oss-${REGION}.aliyuncs.com`],
                { encoding: "utf8" },
            );
            expect(events).toMatch(/spark-events\/\S*(spark-|eventlog)/);
        },
        STEP,
    );

    it(
        "GIVEN the stack destroyed WHEN deployed again with the same names and destroyed THEN both succeed",
        async () => {
            await destroyStack(stack);
            await waitForWordCount((await deploy()).kubectl);
            await destroyStack(stack);
        },
        2 * STEP,
    );
});

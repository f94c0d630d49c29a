import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify as toYaml } from "yaml";

import { WORDCOUNT_TEXT } from "../../components/jobs/samples/wordcount";
import { readStackFile } from "../../tools/plan/stack-config";
import { PROJECT_ROOT } from "../helpers/plan-cli";
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
const NAMESPACE = "spark-jobs";

function has(command: string, args: string[]): boolean {
    return spawnSync(command, args, { encoding: "utf8" }).status === 0;
}

function missing(): string[] {
    const out: string[] = [];
    if (process.env.E2E_ALICLOUD !== "1") return ["E2E_ALICLOUD=1 (opt-in: it deploys real, billed resources)"];
    if (!ADMIN_CIDR) out.push("E2E_ADMIN_CIDR (your egress address, a.b.c.d/32)");
    if (REGION !== "ap-southeast-1" && !ZONES) out.push(`E2E_ALICLOUD_ZONES (two or three zone ids of ${REGION})`);
    if (!has("pulumi", ["version"])) out.push("a Pulumi CLI");
    if (!has("kubectl", ["version", "--client"])) out.push("kubectl");
    if (!has("aliyun", ["sts", "GetCallerIdentity"])) out.push("the Alibaba Cloud CLI (aliyun) with credentials");
    return out;
}

const absent = missing();
const title =
    absent.length === 0 ? `the alicloud stack on a real account (${REGION})` : `the alicloud stack on a real account (skipped: needs ${absent.join(", ")})`;
/** ACK creates a cluster in 10-15 minutes; one step is a deploy or a destroy with its waits. */
const STEP = 45 * 60_000;

describe.skipIf(absent.length > 0)(title, () => {
    const stackName = `e2e-${Date.now().toString(36)}`;
    const stackFile = path.join(PROJECT_ROOT, "stacks", `Pulumi.${stackName}.yaml`);
    let stack: Stack;
    let kubeconfigFile: string;

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
        fs.writeFileSync(stackFile, toYaml({ config }));
    }

    function kubectl(...args: string[]): string {
        return execFileSync("kubectl", ["--kubeconfig", kubeconfigFile, ...args], { encoding: "utf8" });
    }

    async function waitForWordCount(): Promise<string> {
        const deadline = Date.now() + 20 * 60_000;
        for (;;) {
            const state = kubectl("get", "sparkapplication", "wordcount", "-n", NAMESPACE, "-o", "jsonpath={.status.applicationState.state}");
            if (state === "COMPLETED") return kubectl("get", "sparkapplication", "wordcount", "-n", NAMESPACE, "-o", "jsonpath={.status.driverInfo.podName}");
            if (state === "FAILED" || Date.now() > deadline) throw new Error(`wordcount ended ${state || "without a state"}`);
            await new Promise((resolve) => setTimeout(resolve, 15_000));
        }
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

    async function deploy(): Promise<Record<string, unknown>> {
        writeStackFile();
        const result = await stack.up({ onOutput: (text) => process.stdout.write(text) });
        const outputs = Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value]));
        kubeconfigFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-kube-")), "config");
        fs.writeFileSync(kubeconfigFile, String(outputs.kubeconfig), { mode: 0o600 });
        bindApiServerAcl(String(outputs.apiServerAclBinding));
        return outputs;
    }

    beforeAll(async () => {
        writeStackFile();
        stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir: PROJECT_ROOT });
    }, STEP);

    afterAll(async () => {
        await stack?.destroy({ onOutput: (text) => process.stdout.write(text) }).catch(() => undefined);
        await stack?.workspace.removeStack(stackName).catch(() => undefined);
        fs.rmSync(stackFile, { force: true });
    }, STEP);

    it(
        "GIVEN a fresh stack WHEN deployed THEN WordCount completes and prints the counts of the uploaded text, and its event log is in OSS",
        async () => {
            const outputs = await deploy();
            const driver = await waitForWordCount();
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
            await stack.destroy({ onOutput: (text) => process.stdout.write(text) });
            await deploy();
            await waitForWordCount();
            await stack.destroy({ onOutput: (text) => process.stdout.write(text) });
        },
        2 * STEP,
    );
});

import { describe, expect, it } from "vitest";

import { ECI_INTERNATIONAL_PRICES, FIXED_FEES, platformCost } from "../../components/sizing";
import type { PlanResource } from "../../tools/plan/plan-model";
import { alwaysOnFees, alwaysOnPods, helmPods } from "../../tools/plan/platform-inventory";
import { planCli, tempDir, userSettings } from "../helpers/plan-cli";

function resource(type: string, name: string, inputs: Record<string, unknown>): PlanResource {
    return { type, name, parent: null, custom: true, inputs, protect: false, retainOnDelete: false, dependsOn: [], provider: null };
}

describe("platformCost", () => {
    it("GIVEN pods and fees on Fargate WHEN priced THEN each pod is billed as its shape and the month is 730 hours", () => {
        const cost = platformCost({
            grid: "fargate",
            pods: [
                { name: "controller", from: "t", replicas: 1, cpu: 1, cpuLimit: 1, memoryMiB: 1792 },
                { name: "coredns", from: "t", replicas: 2, cpu: 0.1, cpuLimit: null, memoryMiB: 170 },
            ],
            fees: [
                { name: "eks", fee: FIXED_FEES.eksStandard },
                { name: "nat", fee: FIXED_FEES.awsNatGateway, count: 3 },
                { name: "eip", fee: FIXED_FEES.alicloudEip },
            ],
        });
        // 1792 + 256 MiB = 2 GiB -> 1 vCPU / 2 GB: 0.04048 + 2 x 0.004445
        expect(cost.lines[0]!.billed).toEqual({ vcpu: 1, memoryGiB: 2 });
        expect(cost.lines[0]!.perHour).toBeCloseTo(0.04937, 10);
        // 170 + 256 MiB fits 0.25 vCPU / 0.5 GB: 2 x (0.25 x 0.04048 + 0.5 x 0.004445)
        expect(cost.lines[1]!.billed).toEqual({ vcpu: 0.25, memoryGiB: 0.5 });
        expect(cost.lines[1]!.perHour).toBeCloseTo(0.024685, 10);
        expect(cost.lines[3]!.perHour).toBeCloseTo(0.135, 10);
        expect(cost.lines[4]!.perHour).toBeNull();
        expect(cost.unpriced).toBe(1);
        const hourly = 0.04937 + 0.024685 + 0.1 + 0.135;
        expect(cost.totals).toHaveLength(1);
        expect(cost.totals[0]!.currency).toBe("USD");
        expect(cost.totals[0]!.perHour).toBeCloseTo(hourly, 10);
        expect(cost.totals[0]!.perMonth).toBeCloseTo(hourly * 730, 8);
    });

    it("GIVEN ECI WHEN priced THEN the spec holding the pod is priced at the ECI table; on grid none pods stay unpriced", () => {
        const pods = [{ name: "controller", from: "t", replicas: 1, cpu: 1, cpuLimit: 1, memoryMiB: 1792 }];
        const eci = platformCost({ grid: "eci", pods });
        expect(eci.priceTable).toBe(ECI_INTERNATIONAL_PRICES.id);
        expect(eci.lines[0]!.perHour).toBeCloseTo(1 * 0.0000077 * 3600 + 2 * 0.00000096 * 3600, 10);
        const none = platformCost({ grid: "none", pods });
        expect(none.lines[0]!.perHour).toBeNull();
        expect(none.totals).toEqual([]);
    });

    it("GIVEN every fixed fee WHEN read THEN each has an https source and the date it was read", () => {
        for (const fee of Object.values(FIXED_FEES)) {
            expect(fee.source).toMatch(/^https:\/\//);
            expect(fee.asOf).toBe("2026-11-29");
        }
    });
});

describe("always-on inventory of a plan", () => {
    it("GIVEN Helm values WHEN read THEN every object with resources is a pod group of its replicas, unless it is disabled", () => {
        const resources = { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "250m", memory: "256Mi" } };
        expect(
            helmPods("op", { controller: { resources: { requests: { cpu: "1", memory: "1792Mi" } } }, webhook: { enable: true, replicas: 2, resources } }),
        ).toEqual([
            { name: "op controller", from: "helm values controller.resources", replicas: 1, cpu: 1, cpuLimit: null, memoryMiB: 1792 },
            { name: "op webhook", from: "helm values webhook.resources", replicas: 2, cpu: 0.25, cpuLimit: 0.25, memoryMiB: 256 },
        ]);
        expect(helmPods("op", { webhook: { enable: false, replicas: 2, resources } })).toEqual([]);
    });

    it("GIVEN a Deployment no list names (say, a History Server) WHEN read THEN its replicas and summed containers count", () => {
        const deployment = resource("kubernetes:apps/v1:Deployment", "history", {
            kind: "Deployment",
            metadata: { name: "spark-history", namespace: "spark-history" },
            spec: {
                replicas: 1,
                template: {
                    spec: {
                        containers: [
                            { resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "500m", memory: "1Gi" } } },
                            { resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } } },
                        ],
                    },
                },
            },
        });
        expect(alwaysOnPods([deployment])).toEqual([
            {
                name: "Deployment spark-history/spark-history",
                from: "kubernetes:apps/v1:Deployment::history",
                replicas: 1,
                cpu: 0.6,
                cpuLimit: null,
                memoryMiB: 1024 + 256,
            },
        ]);
    });

    it("GIVEN cluster resources WHEN read THEN each fee comes from its type, ACK's by edition", () => {
        const fees = alwaysOnFees([
            resource("alicloud:cs/managedKubernetes:ManagedKubernetes", "pro", { clusterSpec: "ack.pro.small" }),
            resource("alicloud:cs/managedKubernetes:ManagedKubernetes", "basic", { clusterSpec: "ack.standard" }),
            resource("alicloud:cs/serverlessKubernetes:ServerlessKubernetes", "ask", {}),
            resource("aws:ec2/eip:Eip", "ip", {}),
        ]);
        expect(fees.map((f) => f.fee.id)).toEqual(["ack-pro-cluster", "ack-basic-cluster", "ack-serverless-cluster", "aws-public-ipv4"]);
    });
});

describe("the plan's platform cost", () => {
    it("GIVEN the aws stack WHEN planned with --out THEN platform-cost.json and the summary hold control plane, NAT, address, key, operator and CoreDNS", async () => {
        const dir = tempDir("platform-cost-");
        const result = await planCli(["--stack", "aws", ...userSettings("aws").flatMap((c) => ["--config", c]), "--out", dir]);
        expect(result.stderr).toBe("");
        const fs = await import("fs");
        const cost = JSON.parse(fs.readFileSync(`${dir}/platform-cost.json`, "utf8"));
        const items = cost.lines.map((l: { item: string; count: number }) => `${l.item} x${l.count}`);
        expect(items).toEqual(
            expect.arrayContaining([
                "CoreDNS (EKS add-on on Fargate) x2",
                "spark-operator controller x1",
                "EKS control plane (standard support) x1",
                "NAT gateway x1",
                "public IPv4 address (Elastic IP) x1",
                "KMS customer-managed key x1",
            ]),
        );
        // Independent sum: 0.10 EKS + 0.045 NAT + 0.005 IPv4 + 1/730 KMS + operator 1 vCPU / 2 GB + 2 CoreDNS at 0.25 vCPU / 0.5 GB
        // + the History Server at 0.5 vCPU / 3 GB.
        const hourly = 0.1 + 0.045 + 0.005 + 1 / 730 + (0.04048 + 2 * 0.004445) + 2 * (0.25 * 0.04048 + 0.5 * 0.004445) + (0.5 * 0.04048 + 3 * 0.004445);
        expect(cost.totals[0].perMonth).toBeCloseTo(hourly * 730, 6);
        expect(result.stdout).toContain(`Platform (always on): ${(hourly * 730).toFixed(2)} USD a month`);
        expect(result.stdout).toMatch(/CloudWatch Logs: ingestion and storage by volume, unknown offline/);
    });

    it("GIVEN the alicloud stack WHEN planned THEN ACK Pro, the NAT gateway and the operator on ECI are priced, the EIP is listed unpriced, and spot executors are marked", async () => {
        const result = await planCli(["--stack", "alicloud", ...userSettings("alicloud").flatMap((c) => ["--config", c])]);
        expect(result.stderr).toBe("");
        // ACK Pro + NAT + the operator on ECI 1 vCPU / 2 GiB + the History Server on ECI 1 vCPU / 4 GiB (its pinned spec).
        const hourly = 0.09 + 0.043 + (0.0000077 * 3600 + 2 * 0.00000096 * 3600) + (0.0000077 * 3600 + 4 * 0.00000096 * 3600);
        expect(result.stdout).toMatch(
            new RegExp(`Platform \\(always on\\): ${(hourly * 730).toFixed(2).replace(".", "\\.")} USD a month .*plus \\d+ lines? not priced`),
        );
        expect(result.stdout).toMatch(/EIP \(pay-by-data-transfer\)\s+\| 1\s+\| -\s+\| unknown/);
        expect(result.stdout).toMatch(/executor \(spot\)/);
        expect(result.stdout).toContain("https://www.alibabacloud.com/help/doc-detail/178880.htm");
    });
});

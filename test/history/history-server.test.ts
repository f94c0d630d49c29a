import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { portForwardCommand } from "../../components/history/conf";
import { sizeHistoryServer } from "../../components/history/server";
import { planCli, stackArgs, tempDir } from "../helpers/plan-cli";

type Planned = { type: string; name: string; inputs: Record<string, any> };

async function plannedResources(stack: string, extra: string[] = []): Promise<Planned[]> {
    const dir = tempDir("history-plan-");
    const result = await planCli([...stackArgs(stack), ...extra, "--out", dir]);
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(fs.readFileSync(path.join(dir, "resources.json"), "utf8"));
}

const find = (resources: Planned[], type: string, name: string) => resources.find((r) => r.type === type && r.name === name)!;

describe("the Spark History Server in the shipped stacks' plans", () => {
    it.each(["aws", "alicloud"])(
        "GIVEN the %s stack WHEN planned THEN spark-jobs has a one-replica restricted server on the virtual nodes behind a ClusterIP Service, reading its event logs read-only while the bucket expires them",
        async (stack) => {
            const resources = await plannedResources(stack);
            const deployment = find(resources, "kubernetes:apps/v1:Deployment", "spark-spark-jobs-history-deployment");
            expect(deployment.inputs.metadata.namespace).toBe("spark-jobs");
            expect(deployment.inputs.spec.replicas).toBe(1);
            const pod = deployment.inputs.spec.template.spec;
            expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
            const container = pod.containers[0];
            expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
            expect(container.resources.requests.cpu).toBe(container.resources.limits.cpu);
            expect(container.resources.requests.memory).toBe(container.resources.limits.memory);
            const args: string[] = container.args;
            expect(args).toContain("org.apache.spark.deploy.history.HistoryServer");
            // The bucket's lifecycle rule expires the logs; the server may not delete, so its cleaner is off.
            expect(args).toContain("spark.history.fs.cleaner.enabled=false");
            expect(args.filter((a) => a.startsWith("spark.history.fs.cleaner.maxAge"))).toEqual([]);
            const rules =
                stack === "aws"
                    ? (find(resources, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "storage-lifecycle").inputs.rules as any[])
                    : (find(resources, "alicloud:oss/bucket:Bucket", "storage-bucket").inputs.lifecycleRules as any[]);
            const expiry = rules.find((r) => r.id === "expire-spark-events-spark-jobs");
            expect(expiry.filter?.prefix ?? expiry.prefix).toBe("namespaces/spark-jobs/spark-events/eventlog_v2_");
            expect(expiry.expiration?.days ?? expiry.expirations[0].days).toBe(30);
            const scheme = stack === "aws" ? "s3a" : "oss";
            expect(args.find((a) => a.startsWith("spark.history.fs.logDirectory="))).toMatch(
                new RegExp(`^spark\\.history\\.fs\\.logDirectory=${scheme}://[^/]+/namespaces/spark-jobs/spark-events/$`),
            );
            const service = find(resources, "kubernetes:core/v1:Service", "spark-spark-jobs-history-service");
            expect(service.inputs.spec.type).toBe("ClusterIP");
            expect(resources.some((r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress")).toBe(false);
            if (stack === "aws") {
                expect(pod.nodeSelector ?? {}).toEqual({});
                const sa = find(resources, "kubernetes:core/v1:ServiceAccount", "spark-spark-jobs-history-sa");
                expect(Object.keys(sa.inputs.metadata.annotations)).toContain("eks.amazonaws.com/role-arn");
                // Its own role, not the jobs' role.
                const trust = JSON.parse(find(resources, "aws:iam/role:Role", "storage-history-spark-jobs").inputs.assumeRolePolicy);
                expect(JSON.stringify(trust)).toContain("system:serviceaccount:spark-jobs:spark-history");
                expect(JSON.stringify(trust)).not.toContain("spark-driver");
                const policy = JSON.parse(find(resources, "aws:iam/rolePolicy:RolePolicy", "storage-history-spark-jobs").inputs.policy);
                const actions = policy.Statement.flatMap((st: { Action: string | string[] }) => [st.Action].flat());
                expect(actions.filter((a: string) => /Put|Delete|\*/.test(a))).toEqual([]);
            } else {
                expect(pod.nodeSelector).toEqual({ type: "virtual-kubelet" });
                const annotations = deployment.inputs.spec.template.metadata.annotations;
                expect(annotations["k8s.aliyun.com/eci-ram-role-name"]).toMatch(/^storage-history-spark-jobs-[0-9a-f]{7}$/);
                expect(annotations["k8s.aliyun.com/eci-use-specs"]).toBeDefined();
                const policy = JSON.parse(find(resources, "alicloud:ram/policy:Policy", "storage-history-spark-jobs").inputs.policyDocument);
                const actions = policy.Statement.flatMap((s: { Action: string[] }) => s.Action);
                expect(actions.filter((a: string) => /Put|Delete|\*/.test(a))).toEqual([]);
                expect(args.some((a) => a.startsWith("spark.jars.packages=") && a.includes("jindo"))).toBe(true);
            }
        },
    );

    it.each(["aws", "alicloud"])(
        "GIVEN historyServer.maxAgeDays 7 on the %s stack WHEN planned THEN the bucket's expiry rule keeps event logs 7 days",
        async (stack) => {
            const resources = await plannedResources(stack, ["--config", "historyServer.maxAgeDays=7"]);
            const rules =
                stack === "aws"
                    ? (find(resources, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "storage-lifecycle").inputs.rules as any[])
                    : (find(resources, "alicloud:oss/bucket:Bucket", "storage-bucket").inputs.lifecycleRules as any[]);
            const expiry = rules.find((r) => r.id === "expire-spark-events-spark-jobs");
            expect(expiry.expiration?.days ?? expiry.expirations[0].days).toBe(7);
        },
    );

    it("GIVEN historyServer.enabled false WHEN the aws stack is planned THEN no server and no role of its own are declared", async () => {
        const resources = await plannedResources("aws", ["--config", "historyServer.enabled=false"]);
        expect(resources.filter((r) => r.name.includes("history"))).toEqual([]);
    });

    it("GIVEN a bad maxAgeDays WHEN planned THEN one line names the key", async () => {
        const result = await planCli([...stackArgs("aws"), "--config", "historyServer.maxAgeDays=0"]);
        expect(result.status).toBe(1);
        expect(result.stderr.trim().split("\n")).toHaveLength(1);
        expect(result.stderr).toContain("historyServer.maxAgeDays: got 0, expected a whole number of days, 1-3650");
    });

    it("GIVEN the billing grids WHEN the server is sized THEN it fills a half-vCPU shape with at least 1.5 GiB of heap", () => {
        const fargate = sizeHistoryServer("fargate", undefined);
        expect(fargate.report.billed).toEqual({ vcpu: 0.5, memoryGiB: 3 });
        expect(fargate.requests.heapMiB).toBeGreaterThanOrEqual(1536);
        const eci = sizeHistoryServer("eci", undefined, 1024);
        expect(eci.requests.heapMiB).toBeGreaterThanOrEqual(1536);
        expect(eci.annotations["k8s.aliyun.com/eci-use-specs"]).toBeDefined();
        expect(sizeHistoryServer("none", undefined).requests.memoryMiB).toBe(1920);
    });

    it("GIVEN a namespace WHEN the port-forward command is built THEN it targets the namespace's service on 18080", () => {
        expect(portForwardCommand("etl")).toBe("kubectl port-forward -n etl service/spark-history 18080:18080");
    });
});

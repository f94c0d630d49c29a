import { beforeAll, describe, expect, it, vi } from "vitest";

import { RULES } from "../../policy/rules";
import { Plan, PlanResource, refOf } from "../../tools/plan/plan-model";
import { formatViolations, runPolicies } from "../../tools/plan/policy";
import { one } from "../helpers/mocks";
import { userSettings } from "../helpers/plan-cli";
import { planStack as planShippedStack } from "../helpers/schema-plans";
import { AL } from "./alicloud-types";
import { list, O, Statement } from "./oss-types";

/**
 * The shipped Alibaba Cloud stack (`stacks/Pulumi.alicloud.yaml`), planned in this process the way
 * `npm run plan -- --stack alicloud` plans it: the whole program (`stacks/index.ts`) under the mock
 * runtime with the stack file's config, once as shipped (managed mode) and once with
 * `cluster.mode=serverless`, each with a fresh runtime and fresh copies of the program's modules.
 */

const SPARK_APP = "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const REGION = "ap-southeast-1";
const API_ACL = "alicloud:slb/acl:Acl";
const API_ACL_ENTRY = "alicloud:slb/aclEntryAttachment:AclEntryAttachment";
const VIRTUAL_NODE_SELECTOR = { type: "virtual-kubelet" };
const VIRTUAL_NODE_TOLERATION = { key: "virtual-kubelet.io/provider", operator: "Equal", value: "alibabacloud", effect: "NoSchedule" };
const SPOT = "k8s.aliyun.com/eci-spot-strategy";
const USE_SPECS = "k8s.aliyun.com/eci-use-specs";
const RAM_ROLE = "k8s.aliyun.com/eci-ram-role-name";

/** Plans the shipped alicloud stack plus `--config`-style overrides, with fresh program modules. */
const planStack = (overrides: string[] = []): Promise<Plan> => planShippedStack("alicloud", [...userSettings("alicloud"), ...overrides], vi.resetModules);

let managed: Plan;
let serverless: Plan;

beforeAll(async () => {
    managed = await planStack();
    serverless = await planStack(["cluster.mode=serverless"]);
}, 120_000);

/** Number of resources per `alicloud:` type. */
function alicloudCounts(plan: Plan): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of plan.resources.filter((r) => r.type.startsWith("alicloud:"))) {
        counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    return counts;
}

const ofType = (plan: Plan, type: string) => plan.resources.filter((r) => r.type === type);

/** The created bucket's name (derived from the stack, so read from the plan). */
const bucketOf = (plan: Plan) => String(one(plan, O.bucket, "storage-bucket").inputs.bucket);

describe("the shipped alicloud stack (managed mode)", () => {
    it("GIVEN the plan WHEN counted THEN every Alibaba resource type appears as often as the stack declares it, and nothing is unknown", () => {
        expect(managed.unknowns).toBe(0);
        expect(alicloudCounts(managed)).toEqual({
            [AL.vpc]: 1,
            [AL.vswitch]: 3,
            [AL.natGateway]: 1,
            [AL.eip]: 1,
            [AL.eipAssociation]: 1,
            [AL.snatEntry]: 3,
            [AL.managedKubernetes]: 1,
            [AL.addon]: 1,
            [AL.logProject]: 1,
            [AL.logStore]: 1,
            [AL.logIndex]: 1,
            [API_ACL]: 1,
            [API_ACL_ENTRY]: 3,
            [O.bucket]: 1,
            [O.acl]: 1,
            [O.publicAccessBlock]: 1,
            [O.encryption]: 1,
            [O.bucketPolicy]: 1,
            [O.bucketObject]: 2,
            // The job namespace's role, and its History Server's.
            [O.role]: 2,
            [O.policy]: 2,
            [O.attachment]: 2,
        });
        // 58 resources (7 of them the History Server's: its component, RAM role, policy and
        // attachment, service account, Deployment and Service; 3 the SLS project, logstore and index
        // of ECI log collection; 4 the API server's allow-list ACL and its entries; 2 the job
        // namespace's admission guard), and the top-level AlicloudSparkPlatform component they sit in
        // (no webhook PodDisruptionBudget: the operator's webhook is off).
        // Plus the finished-driver reaper (its component, service account, Role, RoleBinding, CronJob).
        expect(managed.resources).toHaveLength(64);
    });

    it("GIVEN the ACK cluster WHEN inspected THEN RRSA is on, the API server is public behind an allow-list of the admin network, ACK's range and the VPC, deletion protection is on, and ECI comes from the ack-virtual-node add-on", () => {
        const cluster = one(managed, AL.managedKubernetes, "cluster");
        // The stack file sets no name: derived from the stack, fixed at creation (an old cluster keeps serverless-spark).
        expect(cluster.ignoreChanges).toEqual(["name"]);
        expect(cluster.inputs).toMatchObject({
            name: expect.stringMatching(/^serverless-spark-alicloud-[0-9a-f]{6}$/),
            clusterSpec: "ack.pro.small",
            enableRrsa: true,
            slbInternetEnabled: true,
            deletionProtection: true,
            serviceCidr: "192.168.0.0/16",
        });
        // No pinned patch: ACK's newest when the cluster is created.
        expect(cluster.inputs).not.toHaveProperty("version");
        expect(cluster.inputs.vswitchIds).toHaveLength(3);
        expect(ofType(managed, API_ACL_ENTRY).map((e) => e.inputs.entry)).toEqual(["1.2.3.4/32", "100.104.0.0/16", "10.0.0.0/16"]);
        const addon = one(managed, AL.addon, "cluster-virtual-node");
        expect(addon.inputs).toMatchObject({ name: "ack-virtual-node", cleanupCloudResources: true, clusterId: expect.stringMatching(/^c[0-9a-f]{32}$/) });
        expect(addon.dependsOn).toContain(refOf(cluster));
        // The k8s provider reaches the cluster with a kubeconfig that never shows in the plan.
        expect(one(managed, AL.k8sProvider, "cluster-k8s").inputs).toEqual({ kubeconfig: "[secret]", clusterIdentifier: addon.inputs.clusterId });
    });

    it("GIVEN the bucket WHEN inspected THEN it and its settings are retained on destroy, with a private ACL, public access blocked, encryption and a TLS-only policy", () => {
        const bucket = bucketOf(managed);
        expect(bucket).toMatch(/^storage-[0-9a-f]{10}$/);
        for (const [type, name] of [
            [O.bucket, "storage-bucket"],
            [O.acl, "storage-acl"],
            [O.publicAccessBlock, "storage-public-access"],
            [O.encryption, "storage-encryption"],
            [O.bucketPolicy, "storage-tls-only"],
        ] as const) {
            expect(one(managed, type, name).retainOnDelete, `${type}::${name}`).toBe(true);
        }
        expect(one(managed, O.bucket, "storage-bucket").inputs).toMatchObject({ bucket, forceDestroy: false });
        expect(one(managed, O.acl, "storage-acl").inputs).toEqual({ bucket, acl: "private" });
        expect(one(managed, O.publicAccessBlock, "storage-public-access").inputs).toEqual({ bucket, blockPublicAccess: true });
        expect(one(managed, O.encryption, "storage-encryption").inputs).toEqual({ bucket, sseAlgorithm: "AES256" });

        const policy = JSON.parse(String(one(managed, O.bucketPolicy, "storage-tls-only").inputs.policy));
        expect(policy.Statement).toEqual([
            {
                Effect: "Deny",
                Principal: ["*"],
                Action: ["oss:*"],
                Resource: [`acs:oss:*:*:${bucket}`, `acs:oss:*:*:${bucket}/*`],
                Condition: { Bool: { "acs:SecureTransport": ["false"] } },
            },
        ]);
    });

    it("GIVEN the job namespace's RAM role WHEN its policy is read THEN no action is a wildcard and every statement is scoped to the bucket and the namespace's prefix", () => {
        const bucket = bucketOf(managed);
        const role = one(managed, O.role, "storage-spark-jobs");
        const policy = one(managed, O.policy, "storage-spark-jobs");
        const attachment = one(managed, O.attachment, "storage-spark-jobs");
        expect(attachment!.inputs).toEqual({ roleName: role!.inputs.roleName, policyName: policy!.inputs.policyName, policyType: "Custom" });
        // ECI hands the role to pods: only the ECS service may assume it.
        expect(JSON.parse(String(role!.inputs.assumeRolePolicyDocument)).Statement).toEqual([
            { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: ["ecs.aliyuncs.com"] } },
        ]);

        const statements: Statement[] = JSON.parse(String(policy!.inputs.policyDocument)).Statement;
        expect(statements.length).toBeGreaterThan(0);
        for (const statement of statements) {
            expect(statement.Effect).toBe("Allow");
            for (const action of list(statement.Action)) {
                expect(action, "a wildcard action").not.toMatch(/\*/);
                expect(action).toMatch(/^oss:[A-Za-z]+$/);
            }
            // The bucket, the job namespace's own prefix, or the shared inputs: never every object.
            const allowed = [
                `acs:oss:*:*:${bucket}`,
                `acs:oss:*:*:${bucket}/namespaces/spark-jobs`,
                `acs:oss:*:*:${bucket}/namespaces/spark-jobs/*`,
                `acs:oss:*:*:${bucket}/samples/*`,
            ];
            for (const resource of list(statement.Resource)) {
                expect(allowed).toContain(resource);
            }
        }
        expect(statements.flatMap((s) => list(s.Resource))).toEqual(
            expect.arrayContaining([`acs:oss:*:*:${bucket}`, `acs:oss:*:*:${bucket}/namespaces/spark-jobs/*`, `acs:oss:*:*:${bucket}/samples/*`]),
        );
    });

    it("GIVEN the operator's Helm release WHEN its values are read THEN the controller runs on ECI virtual nodes and there is no webhook", () => {
        const values = one(managed, RELEASE, "spark-operator").inputs.values as any;
        expect(values.controller.nodeSelector).toEqual(VIRTUAL_NODE_SELECTOR);
        expect(values.controller.tolerations).toEqual([VIRTUAL_NODE_TOLERATION]);
        expect(values.controller.annotations).toEqual({ "k8s.aliyun.com/eci-auto-imc": "true" });
        expect(values.webhook).toEqual({ enable: false });
        expect(values.spark.jobNamespaces).toEqual(["spark-jobs"]);
        expect(one(managed, RELEASE, "spark-operator").dependsOn).toContain(`${AL.addon}::cluster-virtual-node`);
    });

    it("GIVEN every SparkApplication WHEN read THEN it uses OSS through JindoSDK and the ECI role, runs on virtual nodes, pins each pod to its billed ECI spec, and bids for spot on executors only", () => {
        const bucket = bucketOf(managed);
        const roleName = String(one(managed, O.role, "storage-spark-jobs").inputs.roleName);
        const apps = ofType(managed, SPARK_APP);
        expect(apps.map((a) => (a.inputs.metadata as any).name).sort()).toEqual(["tpcds-datagen", "tpcds-queries", "wordcount"]);
        expect(managed.jobs.map((j) => `${j.namespace}/${j.name}`)).toEqual(["spark-jobs/tpcds-datagen", "spark-jobs/tpcds-queries", "spark-jobs/wordcount"]);

        for (const app of apps) {
            const { name, namespace } = app.inputs.metadata as { name: string; namespace: string };
            const spec = app.inputs.spec as any;
            expect(spec.hadoopConf, name).toMatchObject({
                "fs.oss.impl": "com.aliyun.jindodata.oss.JindoOssFileSystem",
                "fs.oss.endpoint": `oss-${REGION}-internal.aliyuncs.com`,
            });
            expect(spec.sparkConf["spark.eventLog.dir"], name).toBe(`oss://${bucket}/namespaces/spark-jobs/spark-events/`);
            expect(spec.sparkConf["spark.decommission.enabled"], name).toBe("true");

            const report = managed.jobs.find((j) => j.name === name && j.namespace === namespace)!;
            expect(report.grid, name).toBe("eci");
            for (const role of ["driver", "executor"] as const) {
                const pod = spec[role];
                expect(pod.annotations[RAM_ROLE], `${name} ${role}`).toBe(roleName);
                expect(pod.template.spec.nodeSelector, `${name} ${role}`).toEqual(VIRTUAL_NODE_SELECTOR);
                expect(pod.template.spec.tolerations, `${name} ${role}`).toEqual([VIRTUAL_NODE_TOLERATION]);
                const billed = report[role].billed as { vcpu: number; memoryGiB: number };
                expect(pod.annotations[USE_SPECS], `${name} ${role}`).toBe(`${billed.vcpu}-${billed.memoryGiB}Gi`);
            }
            expect(spec.executor.annotations[SPOT], name).toBe("SpotAsPriceGo");
            expect(spec.driver.annotations[SPOT], name).toBeUndefined();
            expect(JSON.stringify(spec.driver), name).not.toContain("eci-spot");
        }
    });

    it("GIVEN the WordCount sample WHEN read THEN its argument is the object the storage uploads", () => {
        const bucket = bucketOf(managed);
        const input = one(managed, O.bucketObject, "storage-wordcount-input");
        expect(input.inputs).toMatchObject({ bucket, key: "samples/wordcount/input.txt" });
        const app = ofType(managed, SPARK_APP).find((a) => (a.inputs.metadata as any).name === "wordcount")!;
        expect((app.inputs.spec as any).arguments).toEqual([`oss://${bucket}/samples/wordcount/input.txt`]);
        expect(app.dependsOn).toContain(refOf(input));
    });
});

describe("the shipped alicloud stack with cluster.mode=serverless", () => {
    /** What the mode switch may change: the cluster itself and the managed cluster's add-on. */
    const CLUSTER_TYPES: string[] = [AL.managedKubernetes, AL.serverlessKubernetes, AL.addon];
    const rest = (plan: Plan) => plan.resources.filter((r) => !CLUSTER_TYPES.includes(r.type));
    /** A resource as compared, without `dependsOn` (see below). */
    const comparable = ({ dependsOn: _dependsOn, ...r }: PlanResource) => r;

    it("GIVEN the override WHEN planned THEN an ACK Serverless cluster replaces the ACK Pro cluster and its virtual-node add-on", () => {
        expect(serverless.unknowns).toBe(0);
        const counts = alicloudCounts(serverless);
        expect(counts[AL.serverlessKubernetes]).toBe(1);
        expect(counts[AL.managedKubernetes]).toBeUndefined();
        expect(counts[AL.addon]).toBeUndefined();
        const { [AL.managedKubernetes]: _m, [AL.addon]: _a, ...managedRest } = alicloudCounts(managed);
        const { [AL.serverlessKubernetes]: _s, ...serverlessRest } = counts;
        expect(serverlessRest).toEqual(managedRest);

        const cluster = one(serverless, AL.serverlessKubernetes, "cluster");
        expect(cluster.inputs).toMatchObject({
            name: expect.stringMatching(/^serverless-spark-alicloud-[0-9a-f]{6}$/),
            enableRrsa: true,
            deletionProtection: true,
            endpointPublicAccessEnabled: true,
        });
        // ACK Serverless takes the VPC explicitly: the id of the stack's own VPC.
        expect(cluster.inputs.vpcId).toMatch(/^vpc-[0-9a-f]{24}$/);
        expect(cluster.inputs.vswitchIds).toEqual(one(managed, AL.managedKubernetes, "cluster").inputs.vswitchIds);
    });

    it("GIVEN the serverless plan WHEN the policy pack runs THEN it passes too (the shipped stack's managed plan is checked in test/policy/shipped-stacks.test.ts)", () => {
        const run = runPolicies(serverless);
        expect(formatViolations(run)).toEqual([]);
        expect(run).toMatchObject({ policies: RULES.length, resources: serverless.resources.length });
    });

    it("GIVEN both plans WHEN every other resource is compared THEN its inputs, parent, provider and options are identical", () => {
        // 64 resources less the ACK Pro cluster and its add-on.
        expect(rest(managed)).toHaveLength(62);
        expect(rest(serverless).map(refOf)).toEqual(rest(managed).map(refOf));
        expect(rest(serverless).map(comparable)).toEqual(rest(managed).map(comparable));
    });

    it("GIVEN both plans WHEN dependsOn is compared THEN it differs only where the cluster's readyResources changed from the add-on to the cluster", () => {
        // `dependsOn` lists every resource a resource waits for. The platform makes the operator (its
        // component, namespace and release) and every job wait for the cluster's readyResources: the ack-virtual-node add-on in managed mode
        // (pods need ECI before they can be scheduled), the ACK Serverless cluster itself in
        // serverless mode (which has ECI built in). Resources fed from the cluster's id (the provider)
        // wait for whichever cluster resource exists. So managed-mode references to the add-on or the
        // ACK Pro cluster become references to the ACK Serverless cluster, and nothing else changes.
        const serverlessCluster = `${AL.serverlessKubernetes}::cluster`;
        const renamed = (refs: string[]) =>
            [
                ...new Set(
                    refs.map((ref) => (ref === `${AL.addon}::cluster-virtual-node` || ref === `${AL.managedKubernetes}::cluster` ? serverlessCluster : ref)),
                ),
            ].sort();
        const changed: string[] = [];
        for (const [i, r] of rest(managed).entries()) {
            const other = rest(serverless)[i]!;
            expect(other.dependsOn, refOf(r)).toEqual(renamed(r.dependsOn));
            if (JSON.stringify(other.dependsOn) !== JSON.stringify(r.dependsOn)) changed.push(refOf(r));
        }
        // The difference is real (the operator and the jobs wait for the add-on in managed mode) ...
        expect(changed).toEqual(expect.arrayContaining([`${RELEASE}::spark-operator`, `${SPARK_APP}::spark-job-wordcount`, `${AL.k8sProvider}::cluster-k8s`]));
        // The API server ACL comes after whichever cluster (destroy deletes the cluster's load balancer first).
        expect(
            changed.every((ref) =>
                /^(serverless-spark:(jobs|operator|history|rbac):|kubernetes:|pulumi:providers:kubernetes::|alicloud:slb\/acl:Acl::)/.test(ref),
            ),
        ).toBe(true);
        expect(changed).toContain(`${API_ACL}::cluster-api-server`);
        expect(one(managed, API_ACL, "cluster-api-server").dependsOn).toContain(`${AL.managedKubernetes}::cluster`);
        expect(one(managed, RELEASE, "spark-operator").dependsOn).toContain(`${AL.addon}::cluster-virtual-node`);
        // ... and in serverless mode the cluster itself is what pods wait for.
        expect(one(serverless, RELEASE, "spark-operator").dependsOn).toContain(serverlessCluster);
    });
});

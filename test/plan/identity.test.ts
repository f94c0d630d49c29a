import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { planStack } from "../../tools/plan/plan-stack";
import { identities } from "../helpers/identity";
import { PROJECT_ROOT, shippedStacks, userSettings } from "../helpers/plan-cli";

/**
 * Stable identity: each shipped stack, planned with its own config, declares the resources it
 * declared when the fixture was recorded (test/fixtures/identity/<stack>.txt, one `typeChain::name`
 * per line), under the same URNs or through aliases the engine honours, so an upgrade of the package
 * replaces nothing and deletes nothing but what REMOVED_SINCE_FIXTURE lists. Only new components (no
 * cloud object behind them) may appear.
 *
 * Re-record after an intended change with `UPDATE_IDENTITY_FIXTURES=1 npx vitest run test/plan/identity.test.ts`.
 */
const FIXTURES = path.join(PROJECT_ROOT, "test", "fixtures", "identity");

/**
 * Cloud resources added on purpose since the fixtures were recorded (before the top-level components,
 * 0.1), by stack, as `type::name`: each must be new, and nothing else may be.
 */
/**
 * Each job namespace's admission guard (issue 17 item 5): a ValidatingAdmissionPolicy and its binding
 * that keep Spark drivers off the platform's ConfigMaps and Secrets, the keytab in drivers and the
 * ECI RAM role the namespace's own.
 */
const GUARD = [
    "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy::spark-spark-jobs-guard",
    "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding::spark-spark-jobs-guard",
];
/**
 * Each job namespace's finished-driver reaper (issue 16 item 5): a service account that may list and
 * delete pods, its Role and binding, and the CronJob that deletes finished driver pods, so that jobs
 * keep their SparkApplication without paying for its pod.
 */
const REAPER = [
    "kubernetes:core/v1:ServiceAccount::spark-spark-jobs-reaper-sa",
    "kubernetes:rbac.authorization.k8s.io/v1:Role::spark-spark-jobs-reaper-role",
    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding::spark-spark-jobs-reaper-binding",
    "kubernetes:batch/v1:CronJob::spark-spark-jobs-reaper-cronjob",
];
/**
 * The Spark History Server of the job namespace (issue 16), with its service account, Deployment and
 * ClusterIP Service: on every shipped stack since the existing one declares an HDFS storage with an
 * event-log directory.
 */
const HISTORY_SERVER = [
    "kubernetes:core/v1:ServiceAccount::spark-spark-jobs-history-sa",
    "kubernetes:apps/v1:Deployment::spark-spark-jobs-history-deployment",
    "kubernetes:core/v1:Service::spark-spark-jobs-history-service",
];
const ADDED_SINCE_FIXTURE: Record<string, string[]> = {
    existing: [
        ...GUARD,
        ...REAPER,
        // The shipped existing stack declares its example HDFS (issue 16: the History Server on
        // `existing`): the Hadoop configuration ConfigMap in the job namespace, and the History
        // Server reading `<eventLogDir>/spark-jobs` with it.
        "kubernetes:core/v1:ConfigMap::storage-spark-jobs-hadoop-conf",
        ...HISTORY_SERVER,
    ],
    aws: [
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration::storage-lifecycle",
        // Fargate's log router (issue 13): its log group, the pod role's right to write it, its config.
        "aws:cloudwatch/logGroup:LogGroup::cluster-fargate-logs",
        "aws:iam/rolePolicy:RolePolicy::cluster-fargate-logs",
        "kubernetes:core/v1:Namespace::cluster-aws-observability",
        "kubernetes:core/v1:ConfigMap::cluster-aws-logging",
        // The Spark History Server of the job namespace (issue 16): its read-only IRSA role and
        // policy, and its service account, Deployment and ClusterIP Service.
        "aws:iam/role:Role::storage-history-spark-jobs",
        "aws:iam/rolePolicy:RolePolicy::storage-history-spark-jobs",
        ...HISTORY_SERVER,
        ...GUARD,
        ...REAPER,
    ],
    alicloud: [
        // The Spark History Server of the job namespace (issue 16): its read-only ECI RAM role,
        // policy and attachment, and its service account, Deployment and ClusterIP Service.
        "alicloud:ram/role:Role::storage-history-spark-jobs",
        "alicloud:ram/policy:Policy::storage-history-spark-jobs",
        "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment::storage-history-spark-jobs",
        ...HISTORY_SERVER,
        // ECI log collection into an SLS project the stack owns (issue 16 item 1).
        "alicloud:log/project:Project::cluster-logs",
        "alicloud:log/store:Store::cluster-logs-spark",
        "alicloud:log/storeIndex:StoreIndex::cluster-logs-spark-index",
        // The shipped stack's API server went public behind an allow-list (issue 14): the ACL and its
        // entries (the admin network the plan passes, ACK's control-plane range, the VPC).
        "alicloud:slb/acl:Acl::cluster-api-server",
        "alicloud:slb/aclEntryAttachment:AclEntryAttachment::cluster-api-server-1-2-3-4-32",
        "alicloud:slb/aclEntryAttachment:AclEntryAttachment::cluster-api-server-ack-control-plane",
        "alicloud:slb/aclEntryAttachment:AclEntryAttachment::cluster-api-server-vpc",
        ...GUARD,
        ...REAPER,
    ],
};

/**
 * Resources replaced on purpose since the fixtures were recorded, by stack, as text substitutions on
 * their identities (`from` -> `to`). Each is a new resource, not a renamed one, so no alias:
 * - the aws stack's subnets, route tables, NAT gateway and EIP are named after their zone, and its
 *   zones moved from names to IDs (EKS refuses use1-az3, and a name may map to it). A different zone
 *   may be meant, so these are new subnets. A deployed stack keeps its subnets with
 *   `network.availabilityZones: [us-east-1a, us-east-1b, us-east-1c]` (README, docs/aws.md).
 * - the event-log directory marker moved from `spark-events/` to each job namespace's own prefix
 *   (`namespaces/<namespace>/spark-events/`), where that namespace's role alone may write: its key
 *   changes, which replaces the object anyway. Event logs already written stay where they were.
 */
const REPLACED_SINCE_FIXTURE: Record<string, [string, string][]> = {
    aws: [
        ["us-east-1a", "use1-az1"],
        ["us-east-1b", "use1-az2"],
        ["us-east-1c", "use1-az4"],
        ["::storage-spark-events", "::storage-spark-jobs-spark-events"],
    ],
    alicloud: [["::storage-spark-events", "::storage-spark-jobs-spark-events"]],
};

/**
 * Resources deleted on purpose since the fixtures were recorded, by stack, as `type::name`: each must
 * be recorded and no longer declared; an upgrade deletes it.
 * - The operator's webhook PodDisruptionBudget: the admission webhook is off by default (issue 15
 *   item 5; `OPERATOR_DEFAULTS.webhook` gives the reasons), so there are no webhook pods to guard.
 *   The Helm upgrade removes the webhook's Deployment, Service and configurations with it.
 *   `operator.webhook: true` declares the budget again under the same name.
 */
const WEBHOOK_PDB = "kubernetes:policy/v1:PodDisruptionBudget::spark-operator-webhook-pdb";
const REMOVED_SINCE_FIXTURE: Record<string, string[]> = {
    existing: [WEBHOOK_PDB],
    aws: [WEBHOOK_PDB],
    alicloud: [WEBHOOK_PDB],
};

describe.each(shippedStacks())("the %s stack's resource identities", (stack) => {
    it("GIVEN the recorded identities WHEN the stack is planned THEN each is still declared, by URN or alias, and nothing else but components is new", async () => {
        const { registrations } = await planStack({ projectRoot: PROJECT_ROOT, stack, overrides: userSettings(stack), loadProgram: (p) => import(p) });
        const report = identities(registrations);
        const file = path.join(FIXTURES, `${stack}.txt`);
        if (process.env.UPDATE_IDENTITY_FIXTURES === "1") fs.writeFileSync(file, `${report.current.join("\n")}\n`);
        const recorded = fs.readFileSync(file, "utf8").trim().split("\n");

        const matched = new Map<string, string>();
        for (const [current, answers] of report.answersTo) {
            for (const old of recorded) if (answers.has(old)) matched.set(old, current);
        }
        const replaced = REPLACED_SINCE_FIXTURE[stack] ?? [];
        const renamed = (id: string) => replaced.reduce((text, [from, to]) => text.replaceAll(from, to), id);
        const typeAndName = (id: string) => `${id.slice(0, id.lastIndexOf("::")).split("$").pop()}::${id.slice(id.lastIndexOf("::") + 2)}`;
        const removed = REMOVED_SINCE_FIXTURE[stack] ?? [];
        // Each resource removed on purpose was recorded and is gone.
        for (const id of removed) {
            expect(recorded.map(typeAndName), id).toContain(id);
            expect(report.current.map(typeAndName), id).not.toContain(id);
        }
        const gone = recorded.filter((old) => !matched.has(old) && !removed.includes(typeAndName(old)));
        // Only resources replaced on purpose may be gone, and each must have its counterpart.
        expect(gone.filter((old) => renamed(old) === old)).toEqual([]);
        const currentByTypeAndName = new Set(report.current.map(typeAndName));
        const replacements = new Set(gone.map((old) => typeAndName(renamed(old))));
        expect([...replacements].filter((id) => !currentByTypeAndName.has(id))).toEqual([]);
        const custom = new Set(registrations.filter((r) => r.custom).map((r) => r.name + "\u0000" + r.type));
        const added = report.current.filter((id) => ![...matched.values()].includes(id) && !replacements.has(typeAndName(id)));
        const addedCustom = added.filter((id) => {
            const name = id.slice(id.lastIndexOf("::") + 2);
            const type = id.slice(0, id.lastIndexOf("::")).split("$").pop()!;
            return custom.has(name + "\u0000" + type);
        });
        expect(addedCustom.map(typeAndName).sort()).toEqual([...(ADDED_SINCE_FIXTURE[stack] ?? [])].sort());
        // The aliases in force, for the record (printed by the reporter on failure, and listed in the closing note).
        expect(report.aliases.every((line) => line.includes(" <- "))).toBe(true);
    });
});

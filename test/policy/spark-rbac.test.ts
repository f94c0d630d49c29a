import { describe, expect, it } from "vitest";

import { sparkRbacNamespaced, StackResource } from "../../policy/rules";

const RBAC = "kubernetes:rbac.authorization.k8s.io/v1";
const check = (resources: StackResource[], config: Record<string, unknown> = {}) => sparkRbacNamespaced.check(resources, config);

function res(type: string, name: string, props: Record<string, any>): StackResource {
    return { id: `${type}::${name}`, type, name, props, dependsOn: [], protect: false, retainOnDelete: false };
}

/** The job namespace's RBAC as the project declares it (components/rbac/namespace.ts). */
function projectRbac(ns = "spark-jobs"): StackResource[] {
    return [
        res("kubernetes:core/v1:ServiceAccount", `${ns}-driver`, { metadata: { name: "spark-driver", namespace: ns } }),
        res("kubernetes:core/v1:ServiceAccount", `${ns}-executor`, { metadata: { name: "spark-executor", namespace: ns } }),
        res(`${RBAC}:Role`, `${ns}-driver`, {
            metadata: { name: "spark-driver", namespace: ns },
            rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }],
        }),
        res(`${RBAC}:RoleBinding`, `${ns}-driver`, {
            metadata: { name: "spark-driver", namespace: ns },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "spark-driver" },
            subjects: [{ kind: "ServiceAccount", name: "spark-driver", namespace: ns }],
        }),
    ];
}

const operatorRelease = (jobNamespaces: string[]) =>
    res("kubernetes:helm.sh/v3:Release", "spark-operator", { chart: "spark-operator", name: "spark-operator", values: { spark: { jobNamespaces } } });

function clusterRoleBinding(name: string, subjects: Record<string, unknown>[]): StackResource {
    return res(`${RBAC}:ClusterRoleBinding`, name, {
        metadata: { name },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
        subjects,
    });
}

describe("spark-rbac-namespaced", () => {
    it("GIVEN the project's Role and RoleBinding WHEN checked THEN there is no violation", () => {
        expect(check([operatorRelease(["spark-jobs"]), ...projectRbac()])).toEqual([]);
    });

    it("GIVEN a ClusterRoleBinding of other service accounts WHEN checked THEN there is no violation", () => {
        const crb = clusterRoleBinding("monitoring", [
            { kind: "ServiceAccount", name: "prometheus", namespace: "monitoring" },
            { kind: "Group", name: "ops" },
        ]);
        expect(check([...projectRbac(), crb])).toEqual([]);
    });

    it("GIVEN a ClusterRoleBinding of spark-driver WHEN checked THEN it is reported", () => {
        const crb = clusterRoleBinding("spark-view", [{ kind: "ServiceAccount", name: "spark-driver", namespace: "spark-jobs" }]);
        expect(check([...projectRbac(), crb])).toEqual([
            {
                resource: crb.id,
                message:
                    "ClusterRoleBinding binds service account spark-jobs/spark-driver; bind Spark service accounts with a RoleBinding to a namespaced Role",
            },
        ]);
    });

    it("GIVEN a ClusterRoleBinding of spark-executor in a namespace the stack does not declare WHEN checked THEN the name alone is enough", () => {
        const crb = clusterRoleBinding("x", [{ kind: "ServiceAccount", name: "spark-executor", namespace: "elsewhere" }]);
        expect(check([crb])).toHaveLength(1);
    });

    it.each([
        [
            "any service account of a job namespace (from the operator's jobNamespaces)",
            [operatorRelease(["etl"])],
            { kind: "ServiceAccount", name: "default", namespace: "etl" },
            "service account etl/default (job namespace etl)",
        ],
        [
            "every service account of a job namespace",
            [operatorRelease(["etl"])],
            { kind: "Group", name: "system:serviceaccounts:etl" },
            "group system:serviceaccounts:etl",
        ],
        ["every service account of the cluster", [], { kind: "Group", name: "system:serviceaccounts" }, "group system:serviceaccounts (every service account)"],
        [
            "a job namespace's service account as a user name",
            projectRbac(),
            { kind: "User", name: "system:serviceaccount:spark-jobs:default" },
            "user system:serviceaccount:spark-jobs:default",
        ],
    ])("GIVEN a ClusterRoleBinding of %s WHEN checked THEN it is reported", (_, stack, subject, said) => {
        const crb = clusterRoleBinding("wide", [subject]);
        expect(check([...(stack as StackResource[]), crb])).toEqual([{ resource: crb.id, message: expect.stringContaining(said) }]);
    });

    it("GIVEN a namespace known only from a SparkApplication and its custom service account WHEN bound cluster-wide THEN it is reported", () => {
        const app = res("kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication", "job", {
            metadata: { name: "job", namespace: "adhoc" },
            spec: { driver: { serviceAccount: "my-spark" }, executor: { serviceAccount: "my-spark" } },
        });
        const byName = clusterRoleBinding("a", [{ kind: "ServiceAccount", name: "my-spark", namespace: "other" }]);
        const byNamespace = clusterRoleBinding("b", [{ kind: "ServiceAccount", name: "default", namespace: "adhoc" }]);
        expect(check([app, byName, byNamespace]).map((v) => v.resource)).toEqual([byName.id, byNamespace.id]);
    });

    it("GIVEN a job namespace given only in the policy's config WHEN a service account there is bound cluster-wide THEN it is reported", () => {
        const crb = clusterRoleBinding("c", [{ kind: "ServiceAccount", name: "default", namespace: "external-jobs" }]);
        expect(check([crb])).toEqual([]);
        expect(check([crb], { jobNamespaces: ["external-jobs"] })).toHaveLength(1);
    });

    it("GIVEN a RoleBinding of a Spark service account to a ClusterRole WHEN checked THEN it is reported", () => {
        const stack = projectRbac();
        const binding = structuredClone(stack[3]!);
        binding.props.roleRef.kind = "ClusterRole";
        expect(check([...stack.slice(0, 3), binding])).toEqual([
            {
                resource: binding.id,
                message: 'RoleBinding of service account spark-jobs/spark-driver references roleRef.kind "ClusterRole"; it must be a namespaced Role',
            },
        ]);
    });

    it("GIVEN a RoleBinding whose subject takes the binding's namespace WHEN it references a ClusterRole THEN it is reported", () => {
        const binding = res(`${RBAC}:RoleBinding`, "rb", {
            metadata: { name: "rb", namespace: "spark-jobs" },
            roleRef: { kind: "ClusterRole", name: "edit" },
            subjects: [{ kind: "ServiceAccount", name: "spark-executor" }],
        });
        expect(check([binding])).toEqual([{ resource: binding.id, message: expect.stringContaining("service account spark-jobs/spark-executor") }]);
    });
});

import type { StackResource, StackRule, StackViolation } from "./types";
import { asList, isObj, isOpaque, kindOf, Obj, strings } from "./util";

/**
 * Spark's service accounts are bound only by namespaced Roles: no ClusterRoleBinding names them
 * (or every service account of a job namespace), and their RoleBindings reference a Role, not a
 * ClusterRole. A stack rule, because "job namespace" is a fact of the whole stack: the namespaces in
 * the operator release's `spark.jobNamespaces`, those holding the Spark service accounts, those the
 * SparkApplications run in, and any the policy's config adds.
 */

/** The service accounts the project gives Spark drivers and executors. */
export const SPARK_SERVICE_ACCOUNTS = ["spark-driver", "spark-executor"];

const RBAC_TYPE = /^kubernetes:rbac\.authorization\.k8s\.io\/[^:]+:(ClusterRoleBinding|RoleBinding)$/;
const SPARK_APP_TYPE = /^kubernetes:sparkoperator\.k8s\.io\/[^:]+:(SparkApplication|ScheduledSparkApplication)$/;

/** Config of {@link sparkRbacNamespaced}. */
export interface SparkRbacConfig {
    /** Job namespaces the stack does not declare itself (e.g. SparkApplications from another stack). */
    jobNamespaces?: string[];
}

export const sparkRbacNamespaced: StackRule = {
    kind: "stack",
    name: "spark-rbac-namespaced",
    description: "Spark service accounts (and every service account of a job namespace) are bound only by RoleBindings to namespaced Roles.",
    configSchema: {
        properties: {
            jobNamespaces: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Further job namespaces, besides those the stack declares.",
            },
        },
    },
    check(resources, config) {
        const { namespaces, accounts } = sparkIdentities(resources, strings((config as SparkRbacConfig).jobNamespaces));
        const out: StackViolation[] = [];
        for (const r of resources) {
            const match = RBAC_TYPE.exec(r.type);
            if (!match) continue;
            const bindingNamespace = isObj(r.props.metadata) ? r.props.metadata.namespace : undefined;
            const spark = asList(r.props.subjects)
                .filter(isObj)
                .map((s) => sparkSubject(s, bindingNamespace, namespaces, accounts))
                .filter((s): s is string => s !== undefined);
            if (spark.length === 0) continue;
            if (match[1] === "ClusterRoleBinding") {
                out.push({
                    resource: r.id,
                    message: `ClusterRoleBinding binds ${spark.join(", ")}; bind Spark service accounts with a RoleBinding to a namespaced Role`,
                });
                continue;
            }
            const roleKind = isObj(r.props.roleRef) ? r.props.roleRef.kind : undefined;
            if (roleKind !== "Role" && !isOpaque(roleKind)) {
                out.push({
                    resource: r.id,
                    message: `RoleBinding of ${spark.join(", ")} references roleRef.kind ${JSON.stringify(roleKind)}; it must be a namespaced Role`,
                });
            }
        }
        return out;
    },
};

/** Job namespaces and Spark service account names the stack declares. */
export function sparkIdentities(resources: StackResource[], extraNamespaces: string[] = []): { namespaces: Set<string>; accounts: Set<string> } {
    const namespaces = new Set(extraNamespaces);
    const accounts = new Set(SPARK_SERVICE_ACCOUNTS);
    const addString = (set: Set<string>, value: unknown) => {
        if (typeof value === "string" && value !== "" && !isOpaque(value)) set.add(value);
    };
    for (const r of resources) {
        const metadata: Obj = isObj(r.props.metadata) ? r.props.metadata : {};
        if (r.type === "kubernetes:helm.sh/v3:Release" || r.type === "kubernetes:helm.sh/v4:Chart") {
            const chart = String(r.props.chart ?? "");
            const values = isObj(r.props.values) ? r.props.values : {};
            if (/spark-operator$/.test(chart) && isObj(values.spark)) strings(values.spark.jobNamespaces).forEach((ns) => addString(namespaces, ns));
        } else if (r.type === "kubernetes:core/v1:ServiceAccount" && SPARK_SERVICE_ACCOUNTS.includes(metadata.name)) {
            addString(namespaces, metadata.namespace);
        } else if (SPARK_APP_TYPE.test(r.type)) {
            addString(namespaces, metadata.namespace);
            const spec = kindOf(r.type) === "ScheduledSparkApplication" && isObj(r.props.spec) ? r.props.spec.template : r.props.spec;
            for (const role of ["driver", "executor"]) {
                if (isObj(spec) && isObj(spec[role])) addString(accounts, spec[role].serviceAccount);
            }
        }
    }
    return { namespaces, accounts };
}

/** How a binding subject reaches Spark (for the message), or undefined when it does not. */
function sparkSubject(subject: Obj, bindingNamespace: unknown, namespaces: Set<string>, accounts: Set<string>): string | undefined {
    const name = String(subject.name ?? "");
    switch (subject.kind) {
        case "ServiceAccount": {
            const ns = String(subject.namespace ?? bindingNamespace ?? "");
            if (accounts.has(name)) return `service account ${ns}/${name}`;
            if (namespaces.has(ns)) return `service account ${ns}/${name} (job namespace ${ns})`;
            return undefined;
        }
        case "Group":
            if (name === "system:serviceaccounts") return "group system:serviceaccounts (every service account)";
            if (name.startsWith("system:serviceaccounts:") && namespaces.has(name.slice("system:serviceaccounts:".length))) {
                return `group ${name} (every service account of a job namespace)`;
            }
            return undefined;
        case "User": {
            const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name);
            if (m && (namespaces.has(m[1]!) || accounts.has(m[2]!))) return `user ${name}`;
            return undefined;
        }
        default:
            return undefined;
    }
}

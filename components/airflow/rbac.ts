import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** The service account Airflow's task pods run as (the chart creates it in Airflow's namespace: `workers.kubernetes.serviceAccount`). */
export const AIRFLOW_TASK_SERVICE_ACCOUNT = "airflow-task";

/** The Role (and RoleBinding) name in each job namespace. */
export const AIRFLOW_TASK_ROLE = "airflow-spark-task";

/** A Role rule as plain data. */
export interface PolicyRule {
    apiGroups: string[];
    resources: string[];
    verbs: string[];
}

/**
 * What an Airflow task running `SparkKubernetesOperator` may do in a job namespace, and nothing else.
 * Read from apache-airflow-providers-cncf-kubernetes 10.14.0 (apache/airflow commit 92ffe9e6c4,
 * "Prepare providers release 2026-03-09"; 10.15.0 makes the same calls), read 2026-11-29:
 * - `operators/custom_object_launcher.py` `start_spark_job`: create the SparkApplication; poll it with
 *   `get_namespaced_custom_object_status` (the `status` subresource); `delete_spark_job` deletes it
 *   when the task ends (`delete_on_termination`, the default) or is killed.
 * - `operators/spark_kubernetes.py` `find_spark_job` lists pods by the task's labels (reattaching
 *   after a restart); `utils/pod_manager.py` reads the driver pod (`read_pod`), follows its log
 *   (`read_namespaced_pod_log`: `pods/log`) and lists its events while it starts
 *   (`read_pod_events`, awaited in `KubernetesPodOperator.await_pod_start`).
 * `list` and `watch` on SparkApplications let a DAG look for earlier runs. Left out on purpose: the
 * `patch` on pods that `patch_already_checked` makes after a failed driver (it only labels the pod
 * so a retry does not reattach to it; the retry creates a new application anyway), and every write
 * to pods, Secrets or ConfigMaps: a task pod cannot start or change a pod itself.
 */
export const AIRFLOW_TASK_RULES: readonly PolicyRule[] = Object.freeze([
    { apiGroups: ["sparkoperator.k8s.io"], resources: ["sparkapplications"], verbs: ["create", "get", "list", "watch", "delete"] },
    { apiGroups: ["sparkoperator.k8s.io"], resources: ["sparkapplications/status"], verbs: ["get"] },
    { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] },
    { apiGroups: [""], resources: ["pods/log"], verbs: ["get"] },
    { apiGroups: [""], resources: ["events"], verbs: ["list"] },
]);

/**
 * Declares, in each job namespace, a Role with {@link AIRFLOW_TASK_RULES} and a RoleBinding giving it
 * to Airflow's task service account (in Airflow's namespace).
 */
export function declareAirflowTaskRbac(
    name: string,
    airflowNamespace: string,
    jobNamespaces: readonly string[],
    opts: (namespace: string) => pulumi.CustomResourceOptions,
): { roles: k8s.rbac.v1.Role[]; bindings: k8s.rbac.v1.RoleBinding[] } {
    const labels = { "app.kubernetes.io/part-of": "serverless-spark", "app.kubernetes.io/component": "airflow" };
    const roles: k8s.rbac.v1.Role[] = [];
    const bindings: k8s.rbac.v1.RoleBinding[] = [];
    for (const namespace of jobNamespaces) {
        const role = new k8s.rbac.v1.Role(
            `${name}-${namespace}-role`,
            { metadata: { name: AIRFLOW_TASK_ROLE, namespace, labels }, rules: AIRFLOW_TASK_RULES.map((r) => ({ ...r })) },
            opts(namespace),
        );
        roles.push(role);
        bindings.push(
            new k8s.rbac.v1.RoleBinding(
                `${name}-${namespace}-binding`,
                {
                    metadata: { name: AIRFLOW_TASK_ROLE, namespace, labels },
                    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: AIRFLOW_TASK_ROLE },
                    subjects: [{ kind: "ServiceAccount", name: AIRFLOW_TASK_SERVICE_ACCOUNT, namespace: airflowNamespace }],
                },
                { ...opts(namespace), dependsOn: [role] },
            ),
        );
    }
    return { roles, bindings };
}

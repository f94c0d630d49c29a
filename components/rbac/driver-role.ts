/**
 * What a Spark driver does with the Kubernetes API: create and watch its executor pods, the
 * ConfigMap holding its conf, the headless Service executors reach it on, and PVCs for on-demand
 * volumes. These are the rules the spark-operator chart (v2.5.2, templates/spark/rbac.yaml) grants
 * its Spark service account, and nothing more: no cluster-wide role, no wildcards.
 */
export const SPARK_DRIVER_RULES = [
    {
        apiGroups: [""],
        resources: ["pods", "configmaps", "persistentvolumeclaims", "services"],
        verbs: ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"],
    },
] as const;

/** Deep-copies the rules into the mutable shape the Kubernetes SDK's input types want. */
export function sparkDriverRules(): { apiGroups: string[]; resources: string[]; verbs: string[] }[] {
    return SPARK_DRIVER_RULES.map((rule) => ({
        apiGroups: [...rule.apiGroups],
        resources: [...rule.resources],
        verbs: [...rule.verbs],
    }));
}

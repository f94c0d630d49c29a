/**
 * What a Spark driver does with the Kubernetes API: create and watch its executor pods, the
 * ConfigMap holding its conf, the headless Service executors reach it on, and PVCs for on-demand
 * volumes. These are the rules the spark-operator chart (v2.5.2, templates/spark/rbac.yaml) grants
 * its Spark service account, and nothing more: no cluster-wide role, no wildcards.
 *
 * `persistentvolumeclaims` stays although this package declares no PVC: Spark's driver calls the
 * PVC API on its own. With `spark.kubernetes.driver.ownPersistentVolumeClaim` and
 * `reusePersistentVolumeClaim` on (their defaults since Spark 3.4), it lists the application's PVCs
 * before each executor allocation batch (`ExecutorPodsAllocator.getReusablePVCs`) and deletes them
 * at shutdown (`KubernetesClusterSchedulerBackend.stop`) (apache/spark v3.5.3, tagged 2024-09; defaults
 * turned on by SPARK-39450, apache/spark#36849, 2022-06).
 * Without the verb both only log a refusal, but a job's own `persistentVolumeClaim` volumes with
 * `claimName=OnDemand` (ECI cloud disks, or an existing cluster's storage classes) would fail.
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

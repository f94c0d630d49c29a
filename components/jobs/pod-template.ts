import type { SchedulingProfile } from "../cluster/types";
import type { SparkRole } from "../sizing";

/** The container names Spark gives its pods (docs/running-on-kubernetes.md, pod templates). */
export const SPARK_CONTAINER_NAMES: Record<SparkRole, string> = {
    driver: "spark-kubernetes-driver",
    executor: "spark-kubernetes-executor",
};

/** uid/gid of the `spark` user in the apache/spark images. */
export const SPARK_IMAGE_UID = 185;

/** What a pod template is built from. */
export interface PodTemplateInput {
    role: SparkRole;
    scheduling: SchedulingProfile;
    /** Ephemeral storage to request (Kubernetes quantity). */
    ephemeralStorage: string;
    /** uid and gid the container runs as. */
    runAsUser: number;
    /** ConfigMaps to mount read-only: volume name -> ConfigMap name and mount path. @default {} */
    configMapMounts?: Record<string, { configMap: string; mountPath: string }>;
}

/**
 * The driver or executor pod template. Spark builds its pods on top of it (spark-submit reads it
 * through `spark.kubernetes.{driver,executor}.podTemplateFile`), so placement, the `restricted`
 * security context, `/tmp` and ephemeral storage apply without the operator's mutating webhook (off by
 * default). Spark overwrites CPU and memory, so the template only carries ephemeral storage.
 */
export function sparkPodTemplate(input: PodTemplateInput): Record<string, unknown> {
    const { scheduling } = input;
    const mounts = Object.entries(input.configMapMounts ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
    const spec: Record<string, unknown> = {};
    if (Object.keys(scheduling.nodeSelector).length > 0) {
        spec.nodeSelector = { ...scheduling.nodeSelector };
    }
    if (scheduling.tolerations.length > 0) {
        spec.tolerations = scheduling.tolerations.map((t) => ({ ...t }));
    }
    spec.securityContext = {
        runAsNonRoot: true,
        runAsUser: input.runAsUser,
        runAsGroup: input.runAsUser,
        fsGroup: input.runAsUser,
        seccompProfile: { type: "RuntimeDefault" },
    };
    spec.containers = [
        {
            name: SPARK_CONTAINER_NAMES[input.role],
            securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ["ALL"] },
                runAsNonRoot: true,
                seccompProfile: { type: "RuntimeDefault" },
            },
            // Spark's local dirs (shuffle, spill) are emptyDirs: they count against ephemeral storage.
            resources: { requests: { "ephemeral-storage": input.ephemeralStorage } },
            // The image's entrypoint and Ivy write under /tmp.
            volumeMounts: [{ name: "tmp", mountPath: "/tmp" }, ...mounts.map(([name, m]) => ({ name, mountPath: m.mountPath, readOnly: true }))],
        },
    ];
    spec.volumes = [{ name: "tmp", emptyDir: {} }, ...mounts.map(([name, m]) => ({ name, configMap: { name: m.configMap } }))];
    return { spec };
}

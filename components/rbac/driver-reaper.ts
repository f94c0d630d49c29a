import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { SchedulingProfile } from "../cluster/types";
import { mirroredImage } from "../images";
import { CapacityGridName, ECI_USE_SPECS_ANNOTATION, eciUseSpecsValue } from "../sizing";

/**
 * Finished jobs that cost nothing, keep their record and do not run again.
 *
 * On Fargate and ECI a pod is billed until it is deleted, completed or not (a completed Fargate pod
 * keeps its VM: docs.aws.amazon.com/eks/latest/userguide/fargate.html, read 2026-11-29), and the
 * Spark operator 2.5.2 leaves a finished application's driver pod in place; its only clean-up,
 * `timeToLiveSeconds`, deletes the whole SparkApplication, which `pulumi up --refresh` then finds
 * missing and declares again, so the job runs again. The operator does not react to the driver pod
 * of a COMPLETED or FAILED application going away: it only re-reads executors and status, and
 * deletes on TTL (kubeflow/spark-operator v2.5.2
 * `internal/controller/sparkapplication/controller.go`, `reconcileTerminatedSparkApplication`, read
 * 2026-11-29). So each job namespace gets this CronJob, which deletes finished driver pods (label
 * `spark-role=driver`, set by Spark on every driver, in phase Succeeded or Failed), and jobs keep
 * their SparkApplication (no TTL): a record with its final state, logs in the log service, history in
 * the History Server, and nothing billed.
 */
export const DRIVER_REAPER_NAME = "spark-driver-reaper";

/**
 * kubectl from the Kubernetes project's own registry (registry.k8s.io/kubectl, published since
 * v1.28: kubernetes/kubernetes#116672), a static binary with no shell: small to pull on every run,
 * no Docker Hub limit. v1.35 is within kubectl's one-minor skew of EKS 1.36 and ACK 1.34-1.36.
 */
export const DRIVER_REAPER_IMAGE = "registry.k8s.io/kubectl:v1.35.0";

/** Every 15 minutes: a finished driver is billed for 15 minutes at most, the reaper for 96 short runs a day. */
export const DRIVER_REAPER_SCHEDULE = "*/15 * * * *";

/** Arguments of {@link FinishedDriverReaper}. */
export interface FinishedDriverReaperArgs {
    /** The job namespace. */
    namespace: string;
    /** Where the reaper's pod runs: the cluster's virtual nodes, like the jobs. */
    scheduling: SchedulingProfile;
    /** The grid the pod is billed on (ECI pins the smallest spec). */
    capacityGrid: CapacityGridName;
    /** A registry holding a copy of the kubectl image (see components/images.ts). @default none: registry.k8s.io */
    imageRegistry?: string;
}

const LABELS = { "app.kubernetes.io/name": DRIVER_REAPER_NAME, "app.kubernetes.io/part-of": "serverless-spark" } as const;

/** kubectl's arguments: delete the namespace's driver pods in one finished phase. */
function deleteFinishedDrivers(namespace: string, phase: "Succeeded" | "Failed"): string[] {
    return [
        "delete",
        "pods",
        "--namespace",
        namespace,
        "--selector",
        "spark-role=driver",
        "--field-selector",
        `status.phase==${phase}`,
        "--ignore-not-found",
        "--wait=false",
    ];
}

/**
 * A service account allowed to list and delete pods in one namespace, and a CronJob running kubectl
 * with it on the virtual nodes under the `restricted` profile (see the module comment).
 */
export class FinishedDriverReaper extends pulumi.ComponentResource {
    readonly cronJob: k8s.batch.v1.CronJob;

    constructor(name: string, args: FinishedDriverReaperArgs, opts?: pulumi.ComponentResourceOptions) {
        super("serverless-spark:rbac:FinishedDriverReaper", name, {}, opts);
        const child = { parent: this };
        const { namespace, scheduling } = args;
        const metadata = { name: DRIVER_REAPER_NAME, namespace, labels: { ...LABELS } };
        const account = new k8s.core.v1.ServiceAccount(`${name}-sa`, { metadata }, child);
        const role = new k8s.rbac.v1.Role(
            `${name}-role`,
            // RBAC cannot narrow `delete` to drivers: the label and field selectors do, in the command.
            { metadata, rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["list", "delete"] }] },
            child,
        );
        const binding = new k8s.rbac.v1.RoleBinding(
            `${name}-binding`,
            {
                metadata,
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: DRIVER_REAPER_NAME },
                subjects: [{ kind: "ServiceAccount", name: DRIVER_REAPER_NAME, namespace }],
            },
            child,
        );
        const container = (suffix: string, phase: "Succeeded" | "Failed"): k8s.types.input.core.v1.Container => ({
            name: `delete-${suffix}`,
            image: mirroredImage(DRIVER_REAPER_IMAGE, args.imageRegistry),
            imagePullPolicy: "IfNotPresent",
            args: deleteFinishedDrivers(namespace, phase),
            // kubectl keeps a discovery cache under $HOME; the root file system is read-only.
            env: [{ name: "HOME", value: "/tmp" }],
            volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            // Fargate adds 256 MiB and bills 0.25 vCPU / 0.5 GB, its smallest shape; ECI is pinned below.
            resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "250m", memory: "256Mi" } },
            securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ["ALL"] },
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                seccompProfile: { type: "RuntimeDefault" },
            },
        });
        const eci: Record<string, string> = args.capacityGrid === "eci" ? { [ECI_USE_SPECS_ANNOTATION]: eciUseSpecsValue({ vcpu: 0.25, memoryGiB: 0.5 }) } : {};
        this.cronJob = new k8s.batch.v1.CronJob(
            `${name}-cronjob`,
            {
                metadata,
                spec: {
                    schedule: DRIVER_REAPER_SCHEDULE,
                    concurrencyPolicy: "Forbid",
                    startingDeadlineSeconds: 600,
                    successfulJobsHistoryLimit: 0,
                    failedJobsHistoryLimit: 1,
                    jobTemplate: {
                        spec: {
                            backoffLimit: 0,
                            activeDeadlineSeconds: 300,
                            // The reaper's own finished pods are billed too: gone a minute after each run.
                            ttlSecondsAfterFinished: 60,
                            template: {
                                metadata: { labels: { ...scheduling.podLabels, ...LABELS }, annotations: { ...scheduling.podAnnotations, ...eci } },
                                spec: {
                                    serviceAccountName: DRIVER_REAPER_NAME,
                                    restartPolicy: "Never",
                                    ...(Object.keys(scheduling.nodeSelector).length > 0 ? { nodeSelector: { ...scheduling.nodeSelector } } : {}),
                                    ...(scheduling.tolerations.length > 0 ? { tolerations: scheduling.tolerations.map((t) => ({ ...t })) } : {}),
                                    // A non-root uid of no image user: kubectl needs no file of its own.
                                    securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } },
                                    // One after the other: the pod's shape holds one kubectl at a time.
                                    initContainers: [container("succeeded", "Succeeded")],
                                    containers: [container("failed", "Failed")],
                                    volumes: [{ name: "tmp", emptyDir: {} }],
                                },
                            },
                        },
                    },
                },
            },
            { ...child, dependsOn: [account, role, binding] },
        );
        this.registerOutputs({ namespace, schedule: DRIVER_REAPER_SCHEDULE });
    }
}

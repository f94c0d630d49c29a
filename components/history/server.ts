import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { SchedulingProfile } from "../cluster/types";
import { mirroredImage } from "../images";
import { SPARK_IMAGE_UID } from "../jobs/pod-template";
import { type CapacityGridName, type PriceTable, rightSize, type SizedPod } from "../sizing";
import type { HistoryServerAccess } from "../storage/types";
import { HISTORY_SERVER_NAME, HISTORY_SERVER_PORT, historyServerArgs, historyServerSparkConf, STOCK_SPARK_IMAGE } from "./conf";

/** Arguments of {@link SparkHistoryServer}. */
export interface SparkHistoryServerArgs {
    /** The job namespace whose event logs it serves, and where it runs. */
    namespace: string;
    /** How pods reach the cluster's virtual nodes (the jobs' profile). */
    scheduling: SchedulingProfile;
    /** The billing grid the pod is sized to. */
    capacityGrid: CapacityGridName;
    /** Prices for its cost. @default the grid's table */
    prices?: PriceTable;
    /** The storage's event-log directory and the server's own identity. */
    access: HistoryServerAccess;
    /**
     * Days an event log is kept: the server's cleaner deletes older ones when the storage leaves
     * that to the server (`access.expiry.by` is `cleaner`, HDFS); unused otherwise (a bucket's
     * lifecycle rules expire them).
     */
    maxAgeDays: number;
    /** A registry holding a copy of the server's image when it is a public one (see components/images.ts). @default none */
    imageRegistry?: string;
}

/** Labels of the server's pod, which its Service selects. */
export const HISTORY_SERVER_LABELS = { "app.kubernetes.io/name": "spark-history-server", "app.kubernetes.io/part-of": "serverless-spark" } as const;

/**
 * The smallest heap the server gets. Spark's own default is 1g (`SPARK_DAEMON_MEMORY`); the listing
 * and a replayed application live on the heap, so 1.5 GiB leaves room for a TPC-DS run's log.
 */
export const HISTORY_SERVER_MIN_HEAP_MIB = 1536;

/**
 * The server's pod size: half a vCPU (it replays logs in the background, and idles otherwise) and
 * a JVM sized like a Spark driver to fill its billed shape (Fargate 0.5 vCPU / 3 GB, ECI
 * 0.5-2Gi, or requests only on a cluster without a billing grid).
 */
export function sizeHistoryServer(grid: CapacityGridName, prices: PriceTable | undefined, nativeMemoryMiB = 0): SizedPod {
    if (grid === "none") {
        return rightSize({ grid, role: "driver", settings: { cores: 1, coreRequest: "500m", coreLimit: "500m", memory: `${HISTORY_SERVER_MIN_HEAP_MIB}m` } });
    }
    return rightSize({ grid, role: "driver", cores: 0.5, minHeapMiB: HISTORY_SERVER_MIN_HEAP_MIB, nativeMemoryMiB, ...(prices ? { prices } : {}) });
}

/**
 * A Spark History Server for one job namespace: a service account, a one-replica Deployment on the
 * virtual nodes under the `restricted` profile, and a ClusterIP Service (reached with
 * `kubectl port-forward`; nothing is exposed outside the cluster). Spark 3.5's server reads one
 * log directory (`spark.history.fs.logDirectory`), and each namespace's jobs write under their
 * own prefix, which only that namespace's identities may read: so one server per namespace, each
 * with its own read-only identity. On HDFS it reads `<eventLogDir>/<namespace>` with the mounted
 * Hadoop configuration, as the jobs' Kerberos principal when HDFS uses Kerberos.
 */
export class SparkHistoryServer extends pulumi.ComponentResource {
    readonly serviceAccount: k8s.core.v1.ServiceAccount;
    readonly deployment: k8s.apps.v1.Deployment;
    readonly service: k8s.core.v1.Service;
    /** The pod's size and cost. */
    readonly sized: SizedPod;

    constructor(name: string, args: SparkHistoryServerArgs, opts?: pulumi.ComponentResourceOptions) {
        const sized = sizeHistoryServer(args.capacityGrid, args.prices, args.access.nativeMemoryMiB);
        super("serverless-spark:history:SparkHistoryServer", name, {}, opts);
        this.sized = sized;
        const { namespace, scheduling, access } = args;
        const child = { parent: this };
        this.serviceAccount = new k8s.core.v1.ServiceAccount(
            `${name}-sa`,
            {
                metadata: { name: HISTORY_SERVER_NAME, namespace, labels: { ...HISTORY_SERVER_LABELS }, annotations: access.serviceAccountAnnotations },
                // The server never calls the Kubernetes API (IRSA's token is projected on its own).
                automountServiceAccountToken: false,
            },
            child,
        );
        const conf = {
            ...historyServerSparkConf({
                logDirectory: access.logDirectory,
                ...(access.expiry.by === "cleaner" ? { cleanerMaxAgeDays: args.maxAgeDays } : {}),
                hadoopConf: access.hadoopConf,
                ...(access.sparkConf ? { sparkConf: access.sparkConf } : {}),
                packages: access.packages,
            }),
            // spark-submit in client mode gives the server's JVM this heap.
            "spark.driver.memory": sized.settings.memory!,
        };
        const requests = sized.requests;
        const resources = { cpu: `${Math.round(requests.cpu * 1000)}m`, memory: `${requests.memoryMiB}Mi` };
        const podSpec: k8s.types.input.core.v1.PodSpec = {
            serviceAccountName: HISTORY_SERVER_NAME,
            ...(Object.keys(scheduling.nodeSelector).length > 0 ? { nodeSelector: { ...scheduling.nodeSelector } } : {}),
            ...(scheduling.tolerations.length > 0 ? { tolerations: scheduling.tolerations.map((t) => ({ ...t })) } : {}),
            securityContext: {
                runAsNonRoot: true,
                runAsUser: SPARK_IMAGE_UID,
                runAsGroup: SPARK_IMAGE_UID,
                fsGroup: SPARK_IMAGE_UID,
                seccompProfile: { type: "RuntimeDefault" },
            },
            containers: [
                {
                    name: "history-server",
                    image: mirroredImage(access.image ?? STOCK_SPARK_IMAGE, args.imageRegistry),
                    imagePullPolicy: "IfNotPresent",
                    command: ["/opt/spark/bin/spark-submit"],
                    args: historyServerArgs(conf),
                    ...(access.env ? { env: Object.entries(access.env).map(([name, value]) => ({ name, value })) } : {}),
                    ports: [{ name: "http", containerPort: HISTORY_SERVER_PORT }],
                    readinessProbe: { httpGet: { path: "/", port: "http" }, periodSeconds: 10 },
                    // Fargate and ECI bill by limits: requests = limits fills the shape sizing picked.
                    resources: { requests: { ...resources, "ephemeral-storage": "4Gi" }, limits: { ...resources } },
                    securityContext: {
                        allowPrivilegeEscalation: false,
                        capabilities: { drop: ["ALL"] },
                        runAsNonRoot: true,
                        seccompProfile: { type: "RuntimeDefault" },
                    },
                    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }, ...(access.volumes ?? []).map((v) => v.mount)],
                },
            ],
            volumes: [{ name: "tmp", emptyDir: {} }, ...(access.volumes ?? []).map((v) => v.volume)],
        };
        this.deployment = new k8s.apps.v1.Deployment(
            `${name}-deployment`,
            {
                metadata: { name: HISTORY_SERVER_NAME, namespace, labels: { ...HISTORY_SERVER_LABELS } },
                spec: {
                    replicas: 1,
                    // One replica reading the bucket: a new pod replaces the old one, never beside it.
                    strategy: { type: "Recreate" },
                    selector: { matchLabels: { ...HISTORY_SERVER_LABELS } },
                    template: {
                        metadata: {
                            labels: { ...scheduling.podLabels, ...access.podLabels, ...HISTORY_SERVER_LABELS },
                            annotations: { ...scheduling.podAnnotations, ...access.podAnnotations, ...sized.annotations },
                        },
                        spec: podSpec,
                    },
                },
            },
            { ...child, dependsOn: [this.serviceAccount, ...access.dependsOn] },
        );
        this.service = new k8s.core.v1.Service(
            `${name}-service`,
            {
                metadata: { name: HISTORY_SERVER_NAME, namespace, labels: { ...HISTORY_SERVER_LABELS } },
                spec: {
                    type: "ClusterIP",
                    selector: { ...HISTORY_SERVER_LABELS },
                    ports: [{ name: "http", port: HISTORY_SERVER_PORT, targetPort: "http" }],
                },
            },
            child,
        );
        this.registerOutputs({ namespace, service: this.service.metadata.name });
    }
}

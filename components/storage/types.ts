import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { NamespaceIntegrator } from "../jobs/types";

/** The storage kinds the platform knows. */
export type StorageType = "s3" | "oss" | "hdfs";

/**
 * What a storage component (S3, OSS, HDFS) hands to the platform: workload identity for the job
 * namespaces' service accounts, the Spark/Hadoop settings jobs need (through `integrate`), and where
 * data lives.
 */
export interface SparkStorage extends NamespaceIntegrator {
    readonly type: StorageType;
    /** The storage's root URI, e.g. `s3a://my-bucket` or `hdfs://nameservice1`. */
    readonly dataRoot: pulumi.Output<string>;
    /**
     * Where a job namespace's jobs keep their data: for a bucket, `<dataRoot>/namespaces/<namespace>`,
     * the only prefix the namespace's identity may write; for HDFS, whose access is by Kerberos
     * user and not by namespace, the root itself.
     */
    namespaceDataRoot(namespace: string): pulumi.Output<string>;
    /** URI of the WordCount sample's input text, when the storage provides one. */
    readonly wordCountInput?: pulumi.Output<string>;
    /**
     * An image that carries this storage's connector, which the WordCount sample runs on.
     * @default the stock apache/spark image
     */
    readonly sampleImage?: string;
    /** Annotations for a job namespace's driver and executor service accounts (IRSA, RRSA). */
    serviceAccountAnnotations(namespace: string): pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Extra labels for a job namespace (e.g. RRSA's injection label). */
    namespaceLabels(namespace: string): Record<string, string>;
    /**
     * The job namespaces the storage grants access to (S3: an IRSA role each; OSS: an ECI RAM role
     * each). A platform refuses job namespaces outside this list, whose jobs could not reach the data.
     * @default undefined: any namespace (e.g. HDFS, whose access is not per namespace)
     */
    readonly jobNamespaces?: readonly string[];
}

/**
 * Who deletes a job namespace's old event logs, so that the History Server needs no more than it must:
 * - `lifecycle`: the bucket's own lifecycle rule, `maxAgeDays` after a log was written; the server
 *   only lists and reads, and forgets an application once its files are gone.
 * - `owner`: nothing this package declares. An existing bucket's lifecycle configuration is its
 *   owner's (one configuration per bucket: declaring one would replace theirs), so they add the rule.
 * - `cleaner`: the History Server's own cleaner (`spark.history.fs.cleaner.*`), for a file system
 *   without lifecycle rules (HDFS), where the server's identity is what HDFS permissions grant it.
 */
export type EventLogExpiry = { by: "lifecycle"; maxAgeDays: number } | { by: "owner" } | { by: "cleaner" };

/** A volume of the History Server's pod and where its container mounts it. */
export interface HistoryServerVolume {
    volume: k8s.types.input.core.v1.Volume;
    mount: k8s.types.input.core.v1.VolumeMount;
}

/**
 * What a Spark History Server needs from a storage in one job namespace: where the event logs are,
 * and an identity of its own that may read them and nothing else (on HDFS: what HDFS grants it).
 */
export interface HistoryServerAccess {
    /** The namespace's event-log directory as Hadoop names it, e.g. `s3a://bucket/namespaces/spark-jobs/spark-events/`. */
    logDirectory: pulumi.Output<string>;
    /** Who deletes old event logs; the server's cleaner runs only for `cleaner`. */
    expiry: EventLogExpiry;
    /** Annotations for the History Server's service account (IRSA). */
    serviceAccountAnnotations: Record<string, pulumi.Input<string>>;
    /** Annotations for its pod (the ECI RAM role). */
    podAnnotations: Record<string, string>;
    /** Labels for its pod (e.g. the role that lets it mount the keytab past the namespace's guard). @default none */
    podLabels?: Record<string, string>;
    /** Hadoop settings (without `spark.hadoop.`) the server's file system client needs. */
    hadoopConf: Record<string, pulumi.Input<string>>;
    /** Other Spark settings of the server (e.g. `spark.history.kerberos.*`). @default none */
    sparkConf?: Record<string, pulumi.Input<string>>;
    /** Files the server reads (the Hadoop configuration, krb5.conf, a keytab). @default none */
    volumes?: HistoryServerVolume[];
    /** Environment of its container (e.g. `HADOOP_CONF_DIR`). @default none */
    env?: Record<string, string>;
    /** Maven packages the server loads at start (a connector missing from the image). @default none */
    packages?: { packages: string[]; repositories?: string[] };
    /** MiB of native memory the connector uses outside the JVM heap. @default 0 */
    nativeMemoryMiB?: number;
    /** An image that carries the connector. @default the storage's sampleImage, else the stock apache/spark image */
    image?: string;
    /** Cloud resources the server waits for (its role and policy, the event-log directory). */
    dependsOn: pulumi.Resource[];
}

/** What a login (Kerberos) adds to a History Server's access: settings, files, a pod label, what to wait for. */
export type HistoryServerLogin = Required<Pick<HistoryServerAccess, "sparkConf" | "hadoopConf" | "volumes" | "podLabels" | "dependsOn">>;

/** A storage a History Server can read: it declares that server's identity for a namespace. */
export interface HistoryServerStorage {
    /**
     * Who deletes old event logs (the same for every namespace of the storage); undefined when the
     * storage keeps no event logs (an HDFS without `eventLogDir`), which then has no History Server.
     */
    readonly eventLogExpiry: EventLogExpiry | undefined;
    /**
     * Declares (once per namespace) the History Server's own identity and returns what the server
     * needs. Throws an InputError for a namespace the storage has no prefix for.
     * @param serviceAccount the History Server's service account name (IRSA trusts exactly it)
     */
    historyServerAccess(namespace: string, serviceAccount: string): HistoryServerAccess;
}

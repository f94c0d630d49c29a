import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

import { checkComponentArgs } from "../errors";
import { integrationChildOptions } from "../jobs/integration-options";
import type { JobIntegration, JobNamespaceHandle } from "../jobs/types";
import { requireDns1123Label } from "../names";
import { PLATFORM_OBJECT_LABELS } from "../rbac/guard";
import { parseShape } from "../shape";
import { eventLogSparkConfAt } from "./event-log";
import { hadoopConfFiles, HdfsClientConf, hdfsClientConf, HdfsConfArgs } from "./hdfs-conf";
import type { EventLogExpiry, HistoryServerAccess, HistoryServerStorage, SparkStorage } from "./types";

export type { HadoopProperty, HdfsClientConf, HdfsConfArgs, NamenodeAddress } from "./hdfs-conf";
export { CONFIGURED_FAILOVER_PROXY_PROVIDER, hadoopConfFiles, hadoopConfigurationXml, hdfsClientConf, parseNamenodeAddress } from "./hdfs-conf";
export { defaultNamenodePrincipal, NAMENODE_PRINCIPAL_KEY } from "./hdfs-kerberos";

/** Arguments of {@link HdfsStorage}. */
export interface HdfsStorageArgs extends HdfsConfArgs {
    /**
     * Name of the ConfigMap (keys `core-site.xml`, `hdfs-site.xml`) declared in every job namespace
     * and handed to Spark as `spark.kubernetes.hadoop.configMapName`.
     * @default "hadoop-conf"
     */
    configMapName?: string;
}

/** The default name of the Hadoop configuration ConfigMap in each job namespace. */
export const DEFAULT_HADOOP_CONFIG_MAP = "hadoop-conf";

/** Spark's conf key naming a ConfigMap with HADOOP_CONF_DIR files, mounted on driver and executors. */
export const SPARK_HADOOP_CONFIG_MAP_KEY = "spark.kubernetes.hadoop.configMapName";

/** Where the History Server's pod mounts the Hadoop configuration ConfigMap (its HADOOP_CONF_DIR). */
export const HISTORY_HADOOP_CONF_DIR = "/etc/hadoop/conf";

const propertyMap = (file: string) =>
    z.record(z.string(), z.string({ error: `${file} property values as strings (quote numbers and booleans)` }), {
        error: `a map of ${file} property names to string values`,
    });

/** The shape of {@link HdfsStorageArgs}; each message is the "expected" half of an error. */
export const hdfsStorageSchema = z.strictObject(
    {
        namenodes: z.array(z.string({ error: "a NameNode address host:port such as nn1.example.com:8020" }), {
            error: 'a list of NameNode addresses host:port, e.g. ["nn1.example.com:8020"]',
        }),
        nameservice: z.string({ error: "an HA nameservice ID such as prod-hdfs" }).optional(),
        coreSite: propertyMap("core-site.xml").optional(),
        hdfsSite: propertyMap("hdfs-site.xml").optional(),
        wordCountInput: z.string({ error: "an absolute HDFS path such as /user/spark/input/words.txt" }).optional(),
        eventLogDir: z.string({ error: "an absolute HDFS directory such as /spark-events" }).optional(),
        configMapName: z.string({ error: "a ConfigMap name" }).optional(),
        namenodePrincipal: z.string({ error: "a NameNode service principal such as nn/_HOST@EXAMPLE.COM" }).optional(),
    },
    { error: "an object with namenodes, nameservice, coreSite, hdfsSite, wordCountInput, eventLogDir" },
) satisfies z.ZodType<HdfsStorageArgs>;

/**
 * Parses the HDFS storage arguments (shape, values) and derives the client configuration; errors
 * name the argument relative to them (`namenodes[1]`).
 */
export function resolveHdfsStorageArgs(input: unknown): { args: HdfsStorageArgs; clientConf: HdfsClientConf } {
    const args: HdfsStorageArgs = parseShape(hdfsStorageSchema, input);
    const clientConf = hdfsClientConf(args);
    requireDns1123Label(args.configMapName ?? DEFAULT_HADOOP_CONFIG_MAP, "configMapName");
    return { args, clientConf };
}

/**
 * HDFS as a job's storage: one NameNode or an HA nameservice. Declares no cloud resources of its
 * own; in every job namespace it declares a ConfigMap with `core-site.xml` and `hdfs-site.xml`,
 * which Spark mounts on the driver and executors (HADOOP_CONF_DIR) through
 * `spark.kubernetes.hadoop.configMapName`, a spark-submit setting that needs no webhook (unlike the
 * operator's `hadoopConfigMap`). No workload identity is involved: a secured HDFS is reached
 * with Kerberos (see `KerberosSecrets`), for which `namenodePrincipal` puts the client keys into
 * both files. Executors get the same files since SPARK-43504 (Spark 3.5): HadoopConfDriverFeatureStep
 * passes the ConfigMap name on as `spark.kubernetes.executor.hadoopConfigMapName` and
 * HadoopConfExecutorFeatureStep mounts it at HADOOP_CONF_DIR (apache/spark
 * resource-managers/kubernetes/core/src/main/scala/org/apache/spark/deploy/k8s/features/, read
 * 2026-11-29 in stored 3.x versions, not at the v3.5.3 tag: the repository was too large to fetch).
 * Executors need no keytab: they reach HDFS with the delegation tokens the driver sends them.
 *
 * With `eventLogDir`, jobs keep event logs in `<eventLogDir>/<namespace>` (on the same file system,
 * so the driver's Kerberos login and delegation tokens cover it) and a History Server per namespace
 * reads them; its cleaner expires them, as HDFS has no lifecycle rules.
 */
export class HdfsStorage extends pulumi.ComponentResource implements SparkStorage, HistoryServerStorage {
    readonly type = "hdfs" as const;
    /** `hdfs://<nameservice>` or `hdfs://<host>:<port>`. */
    readonly dataRoot: pulumi.Output<string>;
    /** Full `hdfs://` URI of the WordCount input, when `wordCountInput` was given. */
    readonly wordCountInput?: pulumi.Output<string>;
    /** The validated client configuration (properties of both files). */
    readonly clientConf: HdfsClientConf;
    /** The NameNode principal when the HDFS uses Kerberos (`namenodePrincipal`), else undefined. */
    readonly namenodePrincipal?: string;
    /** The files the per-namespace ConfigMaps hold. */
    readonly files: { readonly "core-site.xml": string; readonly "hdfs-site.xml": string };
    /** Name of the ConfigMap in each job namespace. */
    readonly configMapName: string;
    /** The ConfigMaps declared so far, by namespace name. */
    readonly configMaps: Record<string, k8s.core.v1.ConfigMap> = {};
    /**
     * With `eventLogDir`: the History Server's cleaner expires event logs (HDFS has no lifecycle
     * rules); undefined without it (no event logs, no History Server).
     */
    readonly eventLogExpiry: EventLogExpiry | undefined;

    private readonly componentName: string;

    constructor(name: string, args: HdfsStorageArgs, opts?: pulumi.ComponentResourceOptions) {
        const { clientConf } = checkComponentArgs("HdfsStorage", name, () => resolveHdfsStorageArgs(args));
        super("serverless-spark:storage:HdfsStorage", name, {}, opts);
        this.componentName = name;
        this.clientConf = clientConf;
        this.namenodePrincipal = clientConf.namenodePrincipal;
        this.files = hadoopConfFiles(clientConf);
        this.configMapName = args.configMapName ?? DEFAULT_HADOOP_CONFIG_MAP;
        this.dataRoot = pulumi.output(clientConf.defaultFS);
        this.eventLogExpiry = clientConf.eventLogDir === undefined ? undefined : { by: "cleaner" };
        if (clientConf.wordCountInput !== undefined) {
            this.wordCountInput = pulumi.output(clientConf.wordCountInput);
        }
        this.registerOutputs({
            dataRoot: this.dataRoot,
            ...(this.wordCountInput === undefined ? {} : { wordCountInput: this.wordCountInput }),
            ...(clientConf.eventLogDir === undefined ? {} : { eventLogDir: clientConf.eventLogDir }),
            configMapName: this.configMapName,
        });
    }

    /** The file system's root: HDFS access is by Kerberos user and HDFS permissions, not by namespace. */
    namespaceDataRoot(_namespace: string): pulumi.Output<string> {
        return this.dataRoot;
    }

    /** A job namespace's event-log directory, `<eventLogDir>/<namespace>`, or undefined without `eventLogDir`. */
    namespaceEventLogDir(namespace: string): string | undefined {
        return this.clientConf.eventLogDir === undefined ? undefined : `${this.clientConf.eventLogDir}/${namespace}`;
    }

    /** HDFS needs no workload identity. */
    serviceAccountAnnotations(_namespace: string): Record<string, string> {
        return {};
    }

    /** HDFS needs no namespace labels. */
    namespaceLabels(_namespace: string): Record<string, string> {
        return {};
    }

    /**
     * Declares the Hadoop configuration ConfigMap in one job namespace and returns what jobs there
     * add: `spark.kubernetes.hadoop.configMapName`, `fs.defaultFS` (so relative paths resolve to
     * HDFS even where the mounted files are not read first) and, with `eventLogDir`, event logs in
     * the namespace's directory.
     * @param opts options for the ConfigMap (parent and Kubernetes provider); the parent defaults to this component
     */
    integrate(ns: JobNamespaceHandle, opts: pulumi.ComponentResourceOptions = {}): JobIntegration {
        if (this.configMaps[ns.name] !== undefined) {
            throw new Error(`HdfsStorage ${this.componentName}: namespace ${ns.name} is already integrated`);
        }
        const configMap = new k8s.core.v1.ConfigMap(
            `${this.componentName}-${ns.name}-hadoop-conf`,
            {
                metadata: { name: this.configMapName, namespace: ns.name, labels: PLATFORM_OBJECT_LABELS },
                data: { ...this.files },
            },
            integrationChildOptions(this, opts, [ns.namespace]),
        );
        this.configMaps[ns.name] = configMap;
        const eventLogDir = this.namespaceEventLogDir(ns.name);
        return {
            source: "storage",
            sparkConf: { [SPARK_HADOOP_CONFIG_MAP_KEY]: this.configMapName, ...(eventLogDir === undefined ? {} : eventLogSparkConfAt(eventLogDir)) },
            hadoopConf: { "fs.defaultFS": this.dataRoot },
            dependsOn: [configMap],
        };
    }

    /**
     * What a job namespace's History Server needs to read `<eventLogDir>/<namespace>`: the namespace's
     * Hadoop configuration ConfigMap mounted as its HADOOP_CONF_DIR (spark-submit's launcher puts that
     * directory on the class path, as for the jobs) and `fs.defaultFS`. No identity of its own: HDFS
     * grants by user, so the server reads as the image's user, or, on a Kerberized HDFS, as the jobs'
     * principal (the platform adds that login); its cleaner expires old logs. Declares nothing; call
     * it after {@link integrate} for the namespace.
     */
    historyServerAccess(namespace: string, _serviceAccount: string): HistoryServerAccess {
        const logDirectory = this.namespaceEventLogDir(namespace);
        const configMap = this.configMaps[namespace];
        if (logDirectory === undefined || configMap === undefined) {
            throw new Error(
                `HdfsStorage ${this.componentName}: no event-log directory for namespace ${namespace} (eventLogDir unset, or the namespace not integrated)`,
            );
        }
        return {
            logDirectory: pulumi.output(logDirectory),
            expiry: { by: "cleaner" },
            serviceAccountAnnotations: {},
            podAnnotations: {},
            hadoopConf: { "fs.defaultFS": this.dataRoot },
            env: { HADOOP_CONF_DIR: HISTORY_HADOOP_CONF_DIR },
            volumes: [
                {
                    volume: { name: "hadoop-conf", configMap: { name: this.configMapName } },
                    mount: { name: "hadoop-conf", mountPath: HISTORY_HADOOP_CONF_DIR, readOnly: true },
                },
            ],
            dependsOn: [configMap],
        };
    }
}

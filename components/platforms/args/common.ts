import type { AirflowSettings } from "../../airflow/settings";
import type { HistoryServerSettings } from "../../history/settings";
import type { SparkConnectSettings } from "../../jobs/connect";
import type { PlatformJobArgs } from "../../jobs/platform-jobs";
import type { TpcdsSettings } from "../../jobs/samples/tpcds";
import type { SparkOperatorSettings } from "../../operator/settings";

/**
 * Arguments every top-level component (`ExistingSparkPlatform`, `AwsSparkPlatform`,
 * `AlicloudSparkPlatform`) takes. The top-level components' arguments have the same keys, nesting
 * and defaults as the shipped stacks' config (`serverless-spark:<key>`), described once, in this
 * folder. Plain data only (named interfaces, `as const` enums, lists and string maps), so Pulumi can
 * offer the components to every language. The values are checked by ../config (shape, unknown
 * keys, types, values, defaults), which every constructor runs before it declares anything.
 */

/** Sample jobs the platform can declare. */
export const Sample = { WordCount: "wordcount", Tpcds: "tpcds" } as const;
export type Sample = (typeof Sample)[keyof typeof Sample];

/** Built-in price tables (see `sizing/prices.ts` for their sources and dates). */
export const PriceTableName = { FargateUsEast1: "fargate-us-east-1", EciInternational: "eci-international", EciChina: "eci-china" } as const;
export type PriceTableName = (typeof PriceTableName)[keyof typeof PriceTableName];

/** Prices jobs are costed with. */
export interface PricesConfig {
    /** A built-in table. @default the cluster grid's (Fargate us-east-1; ECI China in cn-* regions, else international) */
    table?: PriceTableName;
    /** Price per vCPU-hour, overriding the table. @default the table's */
    vcpuHour?: number;
    /** Price per GiB-hour, overriding the table. @default the table's */
    gibHour?: number;
}

/**
 * Kerberos credentials for every job namespace: a keytab (the driver logs in and renews delegation
 * tokens) or a delegation token, and a krb5.conf (a file, or generated from `kdcs`).
 */
export interface KerberosConfig {
    /** The principal, `primary[/instance]@REALM`. */
    principal: string;
    /** A keytab file, read when the program runs. @default none: give keytab or delegationTokenPath */
    keytabPath?: string;
    /** The keytab as base64 (set it as a secret). @default none */
    keytab?: string;
    /** A krb5.conf file. @default none: give kdcs */
    krb5ConfPath?: string;
    /** The realm; must equal the principal's. @default the principal's realm */
    realm?: string;
    /** KDC addresses `host[:port]`, to generate a krb5.conf. @default none */
    kdcs?: string[];
    /** The kadmin server, with kdcs. @default none */
    adminServer?: string;
    /** DNS domains of the realm, with kdcs. @default none */
    domains?: string[];
    /** A Hadoop delegation token file, instead of a keytab. @default none */
    delegationTokenPath?: string;
}

/** Settings every top-level component takes. */
export interface SparkPlatformConfig {
    /** Namespaces Spark jobs run in, each with least-privilege RBAC. @default ["spark-jobs"] */
    jobNamespaces?: string[];
    /** The Spark operator. @default chart 2.5.2 in `spark-operator`, no admission webhook */
    operator?: SparkOperatorSettings;
    /** Sample jobs to declare. @default [] */
    samples?: Sample[];
    /** The TPC-DS sample's settings (with `samples: [tpcds]`). @default see TpcdsConfig */
    tpcds?: TpcdsSettings;
    /** Your own jobs. @default [] */
    jobs?: PlatformJobArgs[];
    /** Prices for the cost report. @default the cluster grid's table */
    prices?: PricesConfig;
    /** Kerberos credentials for every job namespace. @default none */
    kerberos?: KerberosConfig;
    /**
     * A Spark History Server in each job namespace whose jobs keep event logs: in the bucket (S3,
     * OSS; read-only, the bucket's lifecycle rules expire the logs after `maxAgeDays`), or on an
     * HDFS with `storage.hdfs.eventLogDir` (its cleaner expires them).
     * @default { enabled: true, maxAgeDays: 30 }
     */
    historyServer?: HistoryServerSettings;
    /** Spark's Prometheus endpoints on in every job, drivers annotated for scraping. @default true */
    metrics?: boolean;
    /** A Spark Connect server in every job namespace (ClusterIP only: reach it by `kubectl port-forward`). @default { enabled: false } */
    sparkConnect?: SparkConnectSettings;
    /**
     * Apache Airflow (the official Helm chart, KubernetesExecutor) in its own namespace, running Spark
     * jobs as DAG tasks; the UI by `kubectl port-forward` only. Needs `airflowFernetKey`,
     * `airflowApiSecretKey` and `airflowDatabasePassword`.
     * @default { enabled: false }
     */
    airflow?: AirflowSettings;
    /**
     * Airflow's fernet key: URL-safe base64 of 32 random bytes. Set it with `pulumi config set --secret`;
     * it reaches the cluster only as a Kubernetes Secret.
     * @default none (required with airflow.enabled)
     */
    airflowFernetKey?: string;
    /** The Airflow API server's secret key: at least 32 characters; set it with `--secret`. @default none (required with airflow.enabled) */
    airflowApiSecretKey?: string;
    /**
     * The metadata database's password: 16 to 32 letters and digits with a lower-case letter, an
     * upper-case letter and a digit; set it with `--secret`.
     * @default none (required with airflow.enabled)
     */
    airflowDatabasePassword?: string;
}

/**
 * The arguments of the three top-level components (`ExistingSparkPlatform`, `AwsSparkPlatform`,
 * `AlicloudSparkPlatform`): the same keys, nesting and defaults as the shipped stacks' config
 * (`serverless-spark:<key>`), described once, here. Plain data only (named interfaces, `as const`
 * enums, lists and string maps), so Pulumi can offer the components to every language.
 *
 * The values are checked by ./config (one parser: shape, unknown keys, types, values, defaults),
 * which every constructor runs before it declares anything.
 */

/** Sample jobs the platform can declare. */
export const Sample = { WordCount: "wordcount", Tpcds: "tpcds" } as const;
export type Sample = (typeof Sample)[keyof typeof Sample];

/** Built-in price tables (see `sizing/prices.ts` for their sources and dates). */
export const PriceTableName = { FargateUsEast1: "fargate-us-east-1", EciInternational: "eci-international", EciChina: "eci-china" } as const;
export type PriceTableName = (typeof PriceTableName)[keyof typeof PriceTableName];

/** The billing grid of a cluster you bring. */
export const CapacityGrid = { Fargate: "fargate", Eci: "eci", None: "none" } as const;
export type CapacityGrid = (typeof CapacityGrid)[keyof typeof CapacityGrid];

/** The language of a Spark application. */
export const JobType = { Scala: "Scala", Java: "Java", Python: "Python", R: "R" } as const;
export type JobType = (typeof JobType)[keyof typeof JobType];

/** When the operator restarts an application. */
export const RestartPolicyType = { Never: "Never", OnFailure: "OnFailure", Always: "Always" } as const;
export type RestartPolicyType = (typeof RestartPolicyType)[keyof typeof RestartPolicyType];

/** What a scheduled job does when the previous run is still going. */
export const ConcurrencyPolicy = { Allow: "Allow", Forbid: "Forbid", Replace: "Replace" } as const;
export type ConcurrencyPolicy = (typeof ConcurrencyPolicy)[keyof typeof ConcurrencyPolicy];

/** How pods are sized: `fit` fills the billed shape, `exact` keeps what the job asks for. */
export const JobSizingMode = { Fit: "fit", Exact: "exact" } as const;
export type JobSizingMode = (typeof JobSizingMode)[keyof typeof JobSizingMode];

/** A Kubernetes toleration operator. */
export const TolerationOperator = { Exists: "Exists", Equal: "Equal" } as const;
export type TolerationOperator = (typeof TolerationOperator)[keyof typeof TolerationOperator];

/** A Kubernetes taint effect. */
export const TolerationEffect = { NoSchedule: "NoSchedule", PreferNoSchedule: "PreferNoSchedule", NoExecute: "NoExecute" } as const;
export type TolerationEffect = (typeof TolerationEffect)[keyof typeof TolerationEffect];

/** How many NAT gateways a new VPC gets. */
export const NatGatewayCount = { Single: "single", PerZone: "perZone" } as const;
export type NatGatewayCount = (typeof NatGatewayCount)[keyof typeof NatGatewayCount];

/** CPU and memory of an operator pod. */
export interface ResourcesConfig {
    /** A Kubernetes CPU quantity, e.g. `"500m"`. */
    cpu: string;
    /** A Kubernetes memory quantity, e.g. `"1792Mi"`. */
    memory: string;
}

/** The Kubeflow Spark operator (Helm chart `spark-operator`). */
export interface OperatorConfig {
    /** The chart version. @default "2.5.2" */
    chartVersion?: string;
    /** The Helm repository. @default "https://kubeflow.github.io/spark-operator" */
    repository?: string;
    /** The operator's namespace. @default "spark-operator" */
    namespace?: string;
    /** The Helm release name. @default "spark-operator" */
    releaseName?: string;
    /** Admission webhook replicas (2 to 10; a PodDisruptionBudget keeps one up). @default 2 */
    webhookReplicas?: number;
    /** The controller pod's requests (equal limits). @default sized to the cluster's billing grid */
    controllerResources?: ResourcesConfig;
    /** Each webhook pod's requests (equal limits). @default sized to the cluster's billing grid */
    webhookResources?: ResourcesConfig;
}

/** Driver pod settings. */
export interface DriverConfig {
    /** Cores. @default 1 */
    cores?: number;
    /** Spark memory, e.g. `"4g"`. @default the most the billed shape holds */
    memory?: string;
    /** Ephemeral storage, e.g. `"20Gi"`. @default none (the platform's free allowance) */
    ephemeralStorage?: string;
}

/** Executor pod settings. */
export interface ExecutorConfig {
    /** Cores per executor. @default 1 */
    cores?: number;
    /** Spark memory per executor, e.g. `"4g"`. @default the most the billed shape holds */
    memory?: string;
    /** Ephemeral storage per executor. @default none */
    ephemeralStorage?: string;
    /** Executors. @default 1 */
    instances?: number;
}

/** Dependencies Spark fetches before the job starts. */
export interface DepsConfig {
    /** Jar URIs. @default [] */
    jars?: string[];
    /** File URIs. @default [] */
    files?: string[];
    /** Python file URIs. @default [] */
    pyFiles?: string[];
    /** Maven coordinates. @default [] */
    packages?: string[];
    /** Maven coordinates to leave out. @default [] */
    excludePackages?: string[];
    /** Maven repository URLs. @default [] */
    repositories?: string[];
}

/** Spark dynamic allocation. */
export interface DynamicAllocationConfig {
    /** Turn it on. @default false */
    enabled?: boolean;
    /** The fewest executors. @default 0 */
    minExecutors?: number;
    /** The most executors. @default executor.instances */
    maxExecutors?: number;
    /** Executors at start. @default minExecutors */
    initialExecutors?: number;
}

/** When and how often the operator retries a job. */
export interface RestartPolicyConfig {
    /** When to restart. @default "Never" */
    type?: RestartPolicyType;
    /** Retries after a failure. @default none */
    onFailureRetries?: number;
    /** Seconds between those retries. @default none */
    onFailureRetryInterval?: number;
    /** Retries after a failed submission. @default none */
    onSubmissionFailureRetries?: number;
    /** Seconds between those retries. @default none */
    onSubmissionFailureRetryInterval?: number;
}

/** One Spark job (a SparkApplication, or a ScheduledSparkApplication with `schedule`). */
export interface JobConfig {
    /** The application name (a DNS-1035 label). */
    name: string;
    /** The job namespace it runs in. @default the first job namespace */
    namespace?: string;
    /** The application's language. */
    type: JobType;
    /** The container image. */
    image: string;
    /** The main class (Java and Scala). @default none */
    mainClass?: string;
    /** The application jar or script URI. */
    mainApplicationFile: string;
    /** Arguments to the application. @default [] */
    arguments?: string[];
    /** The image's Spark version. @default "3.5.3" */
    sparkVersion?: string;
    /** Spark settings. @default {} */
    sparkConf?: Record<string, string>;
    /** Hadoop settings. @default {} */
    hadoopConf?: Record<string, string>;
    /** Dependencies. @default none */
    deps?: DepsConfig;
    /** The driver. @default 1 core, the memory its billed shape holds */
    driver?: DriverConfig;
    /** The executors. @default 1 executor of 1 core */
    executor?: ExecutorConfig;
    /** Dynamic allocation. @default off */
    dynamicAllocation?: DynamicAllocationConfig;
    /** Retries. @default Never */
    restartPolicy?: RestartPolicyConfig;
    /** Seconds the operator keeps a finished application. @default 3600 on billed grids, none otherwise */
    timeToLiveSeconds?: number;
    /** Declare a scheduled job suspended. @default false */
    suspend?: boolean;
    /** A cron schedule (robfig/cron v3: five fields or a descriptor): makes the job scheduled. @default none */
    schedule?: string;
    /** The schedule's IANA time zone. @default the operator's (UTC) */
    timeZone?: string;
    /** For scheduled jobs. @default "Allow" */
    concurrencyPolicy?: ConcurrencyPolicy;
    /** Pod sizing. @default "fit" */
    sizing?: JobSizingMode;
    /** Labels on the application. @default {} */
    labels?: Record<string, string>;
}

/** The TPC-DS sample (data generation, then the queries). */
export interface TpcdsConfig {
    /** Where data and results go. @default `<storage data root>/tpcds` */
    dataRoot?: string;
    /** GB of raw data. @default 1 */
    scaleFactor?: number;
    /** Queries to run, by the benchmark's names. @default all */
    queries?: string[];
    /** The benchmark image. @default the data-on-eks TPC-DS image */
    image?: string;
    /** The benchmark jar in the image. @default the data-on-eks benchmark assembly */
    jar?: string;
    /** The image's Spark version. @default "3.5.3" */
    sparkVersion?: string;
    /** Executors per job. @default 2 */
    executorInstances?: number;
    /** Cores per executor. @default 4 */
    executorCores?: number;
    /** Query iterations. @default 1 */
    iterations?: number;
}

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

/** A Kubernetes toleration. */
export interface TolerationConfig {
    /** The taint key. @default none: any key */
    key?: string;
    /** How the value is matched. @default "Equal" */
    operator?: TolerationOperator;
    /** The taint value, with Equal. @default none */
    value?: string;
    /** The taint effect. @default none: any effect */
    effect?: TolerationEffect;
    /** Seconds a NoExecute taint is tolerated. @default none: for ever */
    tolerationSeconds?: number;
}

/** How pods reach the nodes of a cluster you bring (e.g. its virtual nodes). */
export interface SchedulingConfig {
    /** Node labels every pod selects. @default {} */
    nodeSelector?: Record<string, string>;
    /** Taints every pod tolerates. @default [] */
    tolerations?: TolerationConfig[];
    /** Annotations on every pod. @default {} */
    podAnnotations?: Record<string, string>;
    /** Labels on every pod. @default {} */
    podLabels?: Record<string, string>;
}

/** An existing HDFS the jobs use. */
export interface HdfsConfig {
    /** NameNode addresses `host:port` (two or more for HA). */
    namenodes: string[];
    /** The HA nameservice ID. @default none (one NameNode) */
    nameservice?: string;
    /** Extra core-site.xml properties. @default {} */
    coreSite?: Record<string, string>;
    /** Extra hdfs-site.xml properties. @default {} */
    hdfsSite?: Record<string, string>;
    /** The WordCount input, an absolute HDFS path. @default none */
    wordCountInput?: string;
    /** The ConfigMap holding the Hadoop conf. @default "hadoop-conf" */
    configMapName?: string;
}

/** Storage on a cluster you bring: an existing HDFS. */
export interface ExistingStorageConfig {
    /** `hdfs`. */
    type: string;
    /** The HDFS. */
    hdfs?: HdfsConfig;
}

/** Settings every top-level component takes. */
export interface SparkPlatformConfig {
    /** Namespaces Spark jobs run in, each with least-privilege RBAC. @default ["spark-jobs"] */
    jobNamespaces?: string[];
    /** The Spark operator. @default chart 2.5.2 in `spark-operator`, 2 webhook replicas */
    operator?: OperatorConfig;
    /** Sample jobs to declare. @default [] */
    samples?: Sample[];
    /** The TPC-DS sample's settings (with `samples: [tpcds]`). @default see TpcdsConfig */
    tpcds?: TpcdsConfig;
    /** Your own jobs. @default [] */
    jobs?: JobConfig[];
    /** Prices for the cost report. @default the cluster grid's table */
    prices?: PricesConfig;
    /** Kerberos credentials for every job namespace. @default none */
    kerberos?: KerberosConfig;
}

/** The AWS EKS cluster. */
export interface AwsClusterConfig {
    /** The EKS cluster name. @default "serverless-spark" */
    name?: string;
    /** The Kubernetes version. @default "1.35" */
    version?: string;
    /** Open the API server to `publicAccessCidrs`. @default false */
    publicEndpoint?: boolean;
    /** Who may reach the public endpoint (no implicit 0.0.0.0/0). @default none */
    publicAccessCidrs?: string[];
    /** An IAM role or user made cluster admin. @default none: only the creator */
    adminPrincipalArn?: string;
    /** Days to keep control-plane logs. @default 90 */
    logRetentionDays?: number;
}

/** The AWS network: a new VPC, or yours. */
export interface AwsNetworkConfig {
    /** Zones of a new VPC. @default the region's a, b and c */
    availabilityZones?: string[];
    /** NAT gateways of a new VPC. @default "single" */
    natGateways?: NatGatewayCount;
    /** A new VPC's CIDR. @default "10.0.0.0/16" */
    vpcCidr?: string;
    /** An S3 gateway endpoint in a new VPC. @default true */
    s3GatewayEndpoint?: boolean;
    /** Your VPC. @default none: a new VPC */
    vpcId?: string;
    /** Your private subnets (two or more), with vpcId. @default none */
    privateSubnetIds?: string[];
    /** Your public subnets, only checked. @default [] */
    publicSubnetIds?: string[];
}

/** The S3 data bucket. */
export interface S3StorageConfig {
    /** `s3`. @default "s3" */
    type?: string;
    /** A new bucket's name. @default `storage-bucket-<random>` */
    bucket?: string;
    /** Your bucket instead of a new one. @default none */
    existingBucket?: string;
    /** Keep the bucket on `pulumi destroy`. @default true */
    retainOnDestroy?: boolean;
    /** Bucket versioning. @default false */
    versioning?: boolean;
}

/** An ACK system node pool (only for add-ons that cannot run on ECI). */
export interface AlicloudNodePoolConfig {
    /** ECS instance types. */
    instanceTypes: string[];
    /** Nodes. @default 2 */
    size?: number;
}

/** ECI spot instances. */
export interface AlicloudSpotConfig {
    /** `SpotAsPriceGo` or `SpotWithPriceLimit`. */
    strategy: string;
    /** The price limit per hour, with SpotWithPriceLimit. @default none */
    priceLimit?: number;
    /** Pod roles on spot: `executor` (drivers stay on demand). @default ["executor"] */
    roles?: string[];
}

/** The Alibaba Cloud ACK cluster. */
export interface AlicloudClusterConfig {
    /** `managed` (ACK Pro with ECI virtual nodes) or `serverless` (ACK Serverless). @default "managed" */
    mode?: string;
    /** The ACK cluster name. @default "serverless-spark" */
    name?: string;
    /** The ACK Kubernetes version. @default "1.36.1-aliyun.1" */
    version?: string;
    /** A public API server endpoint. @default false */
    publicEndpoint?: boolean;
    /** Deletion protection. @default true */
    deletionProtection?: boolean;
    /** The service CIDR. @default "192.168.0.0/16" */
    serviceCidr?: string;
    /** A system node pool. @default none */
    systemNodePool?: AlicloudNodePoolConfig;
    /** ECI's automatic image cache. @default true */
    autoImageCache?: boolean;
    /** Extra ephemeral storage per pod, e.g. `"50Gi"`. @default none */
    extraEphemeralStorage?: string;
    /** Spot executors. @default none: all on demand */
    spot?: AlicloudSpotConfig;
    /** Images to cache ahead of time. @default [] */
    imageCaches?: string[];
    /** The ack-pod-identity-webhook add-on. @default false */
    podIdentityWebhook?: boolean;
    /** How long the kubeconfig is valid. @default ACK's default */
    kubeconfigValidityMinutes?: number;
}

/** The Alibaba Cloud network: a new VPC, or yours. */
export interface AlicloudNetworkConfig {
    /** Two or three zones of the region, for a new VPC. @default none: required for a new VPC */
    zoneIds?: string[];
    /** A new VPC's CIDR. @default "10.0.0.0/16" */
    vpcCidr?: string;
    /** The NAT gateway's EIP bandwidth. @default 100 */
    eipBandwidthMbps?: number;
    /** Your VPC. @default none: a new VPC */
    vpcId?: string;
    /** Your vSwitches (two or more), with vpcId. @default none */
    vswitchIds?: string[];
}

/** The OSS data bucket. */
export interface OssStorageConfig {
    /** `oss`. @default "oss" */
    type?: string;
    /** A new bucket's name. @default derived from the stack */
    bucket?: string;
    /** Your bucket instead of a new one. @default none */
    existingBucket?: string;
    /** Keep the bucket on `pulumi destroy`. @default true */
    retainOnDestroy?: boolean;
    /** Bucket versioning. @default false */
    versioning?: boolean;
    /** A KMS key for server-side encryption. @default none: OSS-managed keys */
    kmsKeyId?: string;
    /** The JindoSDK version. @default "6.8.0" */
    jindoVersion?: string;
}

/** Arguments of `ExistingSparkPlatform`: the `existing` stack's config. */
export interface ExistingSparkPlatformArgs extends SparkPlatformConfig {
    /** A kubeconfig path or its content. @default the ambient kubeconfig */
    kubeconfig?: string;
    /** The kubeconfig context. @default its current context */
    context?: string;
    /** The billing grid pods are sized to. @default "none" */
    capacityGrid?: CapacityGrid;
    /** How pods reach the cluster's nodes. @default nothing added */
    scheduling?: SchedulingConfig;
    /** An existing HDFS. @default none */
    storage?: ExistingStorageConfig;
}

/** Arguments of `AwsSparkPlatform`: the `aws` stack's config. */
export interface AwsSparkPlatformArgs extends SparkPlatformConfig {
    /** The AWS region. @default the `aws:region` config */
    region?: string;
    /** The EKS cluster. @default see AwsClusterConfig */
    cluster?: AwsClusterConfig;
    /** The network. @default a new VPC */
    network?: AwsNetworkConfig;
    /** The S3 bucket. @default a new, retained bucket */
    storage?: S3StorageConfig;
}

/** Arguments of `AlicloudSparkPlatform`: the `alicloud` stack's config. */
export interface AlicloudSparkPlatformArgs extends SparkPlatformConfig {
    /** The Alibaba Cloud region. @default the `alicloud:region` config */
    region?: string;
    /** The ACK cluster. @default see AlicloudClusterConfig */
    cluster?: AlicloudClusterConfig;
    /** The network. @default a new VPC in `network.zoneIds` */
    network?: AlicloudNetworkConfig;
    /** The OSS bucket. @default a new, retained bucket */
    storage?: OssStorageConfig;
}

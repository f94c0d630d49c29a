/**
 * serverless-spark: the library entry point.
 *
 * Loads no cloud SDK: the EKS and Alibaba cluster components live behind their own entry points
 * (`serverless-spark/aws`, `serverless-spark/alicloud`), so a user of one cloud installs only its SDK.
 */
export { InputError } from "./errors";
export { CAPACITY_GRIDS, EMPTY_SCHEDULING_PROFILE, schedulingProfile } from "./cluster/types";
export type { CapacityGridName, SchedulingProfile, ServerlessCluster, Toleration } from "./cluster/types";
export { ExistingCluster } from "./cluster/existing";
export type { ExistingClusterArgs } from "./cluster/existing";
export { SparkOperator, validateSparkOperatorArgs } from "./operator/operator";
export type { SparkOperatorArgs } from "./operator/operator";
export { OPERATOR_DEFAULTS } from "./operator/defaults";
export { operatorHelmValues } from "./operator/values";
export type { ContainerResources } from "./operator/values";
export { SparkNamespace } from "./rbac/namespace";
export type { SparkNamespaceArgs } from "./rbac/namespace";
export { SPARK_DRIVER_RULES } from "./rbac/driver-role";
export { restrictedNamespaceLabels } from "./pod-security";
export { DEFAULT_JOB_NAMESPACES, ServerlessSparkPlatform } from "./platform";
export type { PlatformOperatorArgs, ServerlessSparkPlatformArgs } from "./platform";
export { SparkJob } from "./jobs/job";
export type {
    DynamicAllocationArgs,
    JobIntegration,
    JobNamespaceHandle,
    JobPlacement,
    JobSizing,
    NamespaceIntegrator,
    RestartPolicyArgs,
    SparkApplicationType,
    SparkDepsArgs,
    SparkExecutorArgs,
    SparkJobArgs,
    SparkRoleArgs,
} from "./jobs/types";
export type { JobReport, RoleReport } from "./jobs/report";
export type { PlatformJobArgs, SampleArgs } from "./jobs/platform-jobs";
export { WORDCOUNT_TEXT, WordCountInput, wordCountJob } from "./jobs/samples/wordcount";
export { TPCDS_DEFAULTS, tpcdsDataGenJob, tpcdsQueryJob } from "./jobs/samples/tpcds";
export type { TpcdsOptions } from "./jobs/samples/tpcds";
export type { SparkStorage, StorageType } from "./storage/types";
export * as sizing from "./sizing";
export { HdfsStorage, validateHdfsStorageArgs } from "./storage/hdfs";
export type { HdfsStorageArgs } from "./storage/hdfs";
export { KerberosSecrets, SecretContent, validateKerberosSecretsArgs } from "./kerberos/secrets";
export type { KerberosSecretsArgs } from "./kerberos/secrets";

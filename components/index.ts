/**
 * serverless-spark: the library entry point.
 *
 * Loads no cloud SDK: the EKS and Alibaba cluster components live behind their own entry points
 * (`serverless-spark/aws`, `serverless-spark/alicloud`), so a user of one cloud installs only its SDK.
 */
export type { AirflowDeploymentArgs, AirflowExternalDatabase } from "./airflow/airflow";
export { AirflowDeployment, airflowPortForwardCommand } from "./airflow/airflow";
export { AIRFLOW_DAGS_CONFIGMAP, sampleDagFiles } from "./airflow/dags";
export type { PlatformAirflowArgs } from "./airflow/platform-airflow";
export { AIRFLOW_TASK_RULES, AIRFLOW_TASK_SERVICE_ACCOUNT } from "./airflow/rbac";
export type { AirflowDatabaseConnection, AirflowSecretValues } from "./airflow/secrets";
export { AIRFLOW_SECRET_COMMANDS, AIRFLOW_SECRET_KEYS, checkAirflowSecrets, isFernetKey } from "./airflow/secrets";
export type { AirflowDagsSettings, AirflowDatabaseSettings, AirflowSettings, ResolvedAirflowSettings } from "./airflow/settings";
export { AIRFLOW_DEFAULTS, AirflowDagSource, resolveAirflowSettings } from "./airflow/settings";
export { AIRFLOW_RESOURCES, airflowHelmValues } from "./airflow/values";
export type { ExistingClusterArgs, ExistingClusterSettings } from "./cluster/existing";
export { ExistingCluster, existingClusterSettingsSchema, resolveExistingClusterArgs } from "./cluster/existing";
export { checkSchedulingProfile, schedulingSchema } from "./cluster/scheduling-rules";
export type { SchedulingProfile, SchedulingSettings, ServerlessCluster, Toleration } from "./cluster/types";
export { CAPACITY_GRIDS, CapacityGridName, EMPTY_SCHEDULING_PROFILE, schedulingProfile, TolerationEffect, TolerationOperator } from "./cluster/types";
export { InputError } from "./errors";
export { mirroredImage, PUBLIC_REGISTRIES, requireImageRegistry } from "./images";
export { SparkJob } from "./jobs/job";
export type { PlatformJobArgs, SampleArgs } from "./jobs/platform-jobs";
export type { JobReport, RoleReport } from "./jobs/report";
export type { TpcdsOptions, TpcdsSettings } from "./jobs/samples/tpcds";
export { TPCDS_DEFAULTS, tpcdsDataGenJob, tpcdsQueryJob } from "./jobs/samples/tpcds";
export { WORDCOUNT_TEXT, WordCountInput, wordCountJob } from "./jobs/samples/wordcount";
export { platformJobSchema, sparkJobSettingsSchema, tpcdsSettingsSchema } from "./jobs/shape";
export type {
    DynamicAllocationArgs,
    JobIntegration,
    JobNamespaceHandle,
    JobPlacement,
    NamespaceIntegrator,
    RestartPolicyArgs,
    SparkDepsArgs,
    SparkExecutorArgs,
    SparkJobArgs,
    SparkJobSettings,
    SparkRoleArgs,
} from "./jobs/types";
export { ConcurrencyPolicy, ImagePullPolicy, JobSizing, RestartPolicyType, SparkApplicationType } from "./jobs/types";
export type { KerberosSecretsArgs } from "./kerberos/secrets";
export { KerberosSecrets, resolveKerberosSecretsArgs, SecretContent } from "./kerberos/secrets";
export { checkJobNamespaces } from "./names";
export { OPERATOR_DEFAULTS } from "./operator/defaults";
export type { SparkOperatorArgs } from "./operator/operator";
export { resolveSparkOperatorArgs, SparkOperator } from "./operator/operator";
export type { SparkOperatorSettings } from "./operator/settings";
export { resolveSparkOperatorSettings } from "./operator/settings";
export type { ContainerResources } from "./operator/values";
export { operatorHelmValues } from "./operator/values";
export type { PlatformOperatorArgs, ServerlessSparkPlatformArgs } from "./platform";
export { DEFAULT_JOB_NAMESPACES, ServerlessSparkPlatform } from "./platform";
export { resolvePlatformNamespaces } from "./platform";
export type * from "./platforms/args";
export { PriceTableName, Sample } from "./platforms/args";
export type { SparkPlatformOptions } from "./platforms/children";
export type { ProviderRegions, StackConfig } from "./platforms/config/resolve";
export { CONFIG_NAMESPACE, decodeStackConfig, parseStackConfig, resolveStackConfig } from "./platforms/config/resolve";
export { ExistingSparkPlatform, resolveExistingSparkPlatformArgs } from "./platforms/existing";
export { restrictedNamespaceLabels } from "./pod-security";
export type { FinishedDriverReaperArgs } from "./rbac/driver-reaper";
export { DRIVER_REAPER_IMAGE, DRIVER_REAPER_SCHEDULE, FinishedDriverReaper } from "./rbac/driver-reaper";
export { SPARK_DRIVER_RULES } from "./rbac/driver-role";
export type { SparkNamespaceArgs } from "./rbac/namespace";
export { SparkNamespace } from "./rbac/namespace";
export * as sizing from "./sizing";
export type { HdfsStorageArgs } from "./storage/hdfs";
export { HdfsStorage, resolveHdfsStorageArgs } from "./storage/hdfs";
export type { SparkStorage, StorageType } from "./storage/types";

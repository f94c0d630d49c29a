/**
 * serverless-spark/alicloud: the Alibaba Cloud entry point (ACK with ECI virtual nodes or ACK
 * Serverless, OSS). It loads `@pulumi/alicloud`, which is why it is separate from the main entry
 * point: users of other clouds never install it.
 */
export type { AirflowApsaraDatabaseArgs } from "./airflow/database/alicloud";
export { AirflowApsaraDatabase, APSARADB_DEFAULTS } from "./airflow/database/alicloud";
export type {
    AckClusterSettings,
    AlicloudNetworkArgs,
    AlicloudServerlessClusterArgs,
    AlicloudSpotArgs,
    AlicloudSystemNodePoolArgs,
} from "./cluster/alicloud/args";
export { ackClusterSettingsSchema, ALICLOUD_DEFAULTS, ClusterMode, ClusterModes, SpotRole, SpotStrategies, SpotStrategy } from "./cluster/alicloud/args";
export { AlicloudServerlessCluster } from "./cluster/alicloud/cluster";
export type { RrsaOidc } from "./cluster/alicloud/control-plane";
export { ACK_ADDONS } from "./cluster/alicloud/control-plane";
export { ackKubeconfig } from "./cluster/alicloud/kubeconfig";
export type { AlicloudNetworkPlan, VswitchLayout } from "./cluster/alicloud/network-plan";
export { alicloudNetworkSchema, planAlicloudNetwork } from "./cluster/alicloud/network-plan";
export { isZoneOf, requireAlicloudRegion } from "./cluster/alicloud/region";
export type { EciSchedulingInput, SpotPlan } from "./cluster/alicloud/scheduling";
export {
    ECI_ANNOTATIONS,
    eciSchedulingProfile,
    spotExecutorAnnotations,
    spotSparkConf,
    VIRTUAL_NODE_SELECTOR,
    VIRTUAL_NODE_TOLERATION,
} from "./cluster/alicloud/scheduling";
export type { ResolvedAckClusterSettings, ResolvedAlicloudArgs } from "./cluster/alicloud/validate";
export { checkServiceCidrOutsideVpc, resolveAckClusterSettings, resolveAlicloudClusterArgs } from "./cluster/alicloud/validate";
export type { AlicloudVpcArgs } from "./cluster/alicloud/vpc";
export { AlicloudVpc } from "./cluster/alicloud/vpc";
export { AlicloudSparkPlatform, resolveAlicloudSparkPlatformArgs } from "./platforms/alicloud";
export type { OssBucketSettings, OssStorageArgs, ResolvedOssArgs } from "./storage/oss/args";
export { OSS_WORDCOUNT_KEY, ossBucketSettingsSchema, resolveOssBucketSettings, resolveOssStorageArgs } from "./storage/oss/args";
export { canPrefixBucketName, derivedBucketName, requireOssBucketName } from "./storage/oss/bucket-name";
export { ossInternalEndpoint } from "./storage/oss/endpoint";
export type { RamPolicyDocument, RamStatement } from "./storage/oss/policies";
export { ECI_ROLE_PRINCIPAL, eciRoleTrustPolicy, sparkOssNamespacePolicy, tlsOnlyBucketPolicy } from "./storage/oss/policies";
export { eciRoleName } from "./storage/oss/role-name";
export { DEFAULT_JINDO_VERSION, JINDO_CREDENTIALS_PROVIDER, JINDO_MAVEN_REPOSITORY, jindoHadoopConf, jindoPackages } from "./storage/oss/spark-conf";
export type { OssNamespaceAccess } from "./storage/oss/storage";
export { ECI_RAM_ROLE_ANNOTATION, EVENT_LOG_MARKER_KEY, OssStorage } from "./storage/oss/storage";

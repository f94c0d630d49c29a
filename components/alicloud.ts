/**
 * serverless-spark/alicloud: the Alibaba Cloud entry point (ACK with ECI virtual nodes or ACK
 * Serverless, OSS). It loads `@pulumi/alicloud`, which is why it is separate from the main entry
 * point: users of other clouds never install it.
 */
export { AlicloudServerlessCluster } from "./cluster/alicloud/cluster";
export { ALICLOUD_DEFAULTS, ClusterModes, SpotStrategies } from "./cluster/alicloud/args";
export type {
    AlicloudServerlessClusterArgs,
    AlicloudNetworkArgs,
    AlicloudSpotArgs,
    AlicloudSystemNodePoolArgs,
    ClusterMode,
    SpotStrategy,
    SpotRole,
} from "./cluster/alicloud/args";
export { resolveAlicloudClusterArgs } from "./cluster/alicloud/validate";
export type { ResolvedAlicloudArgs } from "./cluster/alicloud/validate";
export { planAlicloudNetwork } from "./cluster/alicloud/network-plan";
export type { AlicloudNetworkPlan, VswitchLayout } from "./cluster/alicloud/network-plan";
export { AlicloudVpc } from "./cluster/alicloud/vpc";
export type { AlicloudVpcArgs } from "./cluster/alicloud/vpc";
export { ACK_ADDONS } from "./cluster/alicloud/control-plane";
export type { RrsaOidc } from "./cluster/alicloud/control-plane";
export { ackKubeconfig } from "./cluster/alicloud/kubeconfig";
export {
    ECI_ANNOTATIONS,
    VIRTUAL_NODE_SELECTOR,
    VIRTUAL_NODE_TOLERATION,
    eciSchedulingProfile,
    spotExecutorAnnotations,
    spotSparkConf,
} from "./cluster/alicloud/scheduling";
export type { EciSchedulingInput, SpotPlan } from "./cluster/alicloud/scheduling";
export { isZoneOf, requireAlicloudRegion } from "./cluster/alicloud/region";
export { ECI_RAM_ROLE_ANNOTATION, EVENT_LOG_MARKER_KEY, OssStorage } from "./storage/oss/storage";
export type { OssNamespaceAccess } from "./storage/oss/storage";
export { OSS_WORDCOUNT_KEY, resolveOssStorageArgs } from "./storage/oss/args";
export type { OssStorageArgs, ResolvedOssArgs } from "./storage/oss/args";
export { canPrefixBucketName, derivedBucketName, requireOssBucketName } from "./storage/oss/bucket-name";
export { ossInternalEndpoint } from "./storage/oss/endpoint";
export { eciRoleName } from "./storage/oss/role-name";
export { ECI_ROLE_PRINCIPAL, eciRoleTrustPolicy, sparkOssAccessPolicy, tlsOnlyBucketPolicy } from "./storage/oss/policies";
export type { RamPolicyDocument, RamStatement } from "./storage/oss/policies";
export { DEFAULT_JINDO_VERSION, JINDO_CREDENTIALS_PROVIDER, JINDO_MAVEN_REPOSITORY, jindoHadoopConf, jindoPackages } from "./storage/oss/spark-conf";

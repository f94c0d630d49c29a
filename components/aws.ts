/**
 * serverless-spark/aws: the AWS entry point (EKS on Fargate, S3). It loads `@pulumi/aws`, which is
 * why it is separate from the main entry point: users of other clouds never install it.
 */
export type { AirflowRdsDatabaseArgs } from "./airflow/database/aws";
export { AirflowRdsDatabase, RDS_DEFAULTS, rdsIdentifier } from "./airflow/database/aws";
export type { EksClusterSettings, EksFargateClusterArgs } from "./cluster/aws/args";
export { EKS_DEFAULTS, eksClusterSettingsSchema, EksLogType, EksSupportType } from "./cluster/aws/args";
export { EksFargateCluster } from "./cluster/aws/cluster";
export type { FargateProfilePlan } from "./cluster/aws/fargate-profiles";
export { DEFAULT_MAX_FARGATE_PROFILES, fargateNamespaces, planFargateProfiles, SELECTORS_PER_PROFILE } from "./cluster/aws/fargate-profiles";
export { eksKubeconfig } from "./cluster/aws/kubeconfig";
export type { EksNetworkArgs, NatGatewayMode, NetworkPlan, ZoneLayout } from "./cluster/aws/network-plan";
export { DEFAULT_VPC_CIDR, eksNetworkSchema, NatGateways, planNetwork, subnetLayout } from "./cluster/aws/network-plan";
export type { IrsaProvider, PolicyDocument, PolicyStatement } from "./cluster/aws/policies";
export { fargatePodTrustPolicy, irsaTrustPolicy } from "./cluster/aws/policies";
export { awsPartition, requireAwsRegion } from "./cluster/aws/region";
export type { ResolvedEksArgs, ResolvedEksClusterSettings } from "./cluster/aws/validate";
export { requireEksFargateRegion, resolveEksClusterSettings, resolveEksFargateClusterArgs } from "./cluster/aws/validate";
export type { FargateVpcArgs } from "./cluster/aws/vpc";
export { FargateVpc } from "./cluster/aws/vpc";
export { defaultAvailabilityZones, EKS_UNSUPPORTED_ZONE_IDS, zoneIdPrefix } from "./cluster/aws/zones";
export { AwsSparkPlatform, resolveAwsSparkPlatformArgs } from "./platforms/aws";
export type { ResolvedS3Args, S3BucketSettings, S3StorageArgs } from "./storage/s3/args";
export { resolveS3BucketSettings, resolveS3StorageArgs, s3BucketSettingsSchema, WORDCOUNT_KEY } from "./storage/s3/args";
export { requireBucketName } from "./storage/s3/bucket-name";
export { sparkNamespaceAccessPolicy, tlsOnlyBucketPolicy } from "./storage/s3/policies";
export { S3A_CREDENTIALS_PROVIDER, S3A_PACKAGES, s3aHadoopConf } from "./storage/s3/spark-conf";
export { IRSA_ROLE_ANNOTATION, S3Storage } from "./storage/s3/storage";

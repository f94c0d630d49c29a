/**
 * serverless-spark/aws: the AWS entry point (EKS on Fargate, S3). It loads `@pulumi/aws`, which is
 * why it is separate from the main entry point: users of other clouds never install it.
 */
export { EksFargateCluster } from "./cluster/aws/cluster";
export { EKS_DEFAULTS } from "./cluster/aws/args";
export type { EksFargateClusterArgs } from "./cluster/aws/args";
export { resolveEksFargateClusterArgs } from "./cluster/aws/validate";
export type { ResolvedEksArgs } from "./cluster/aws/validate";
export { DEFAULT_VPC_CIDR, NatGateways, planNetwork, subnetLayout } from "./cluster/aws/network-plan";
export type { EksNetworkArgs, NatGatewayMode, NetworkPlan, ZoneLayout } from "./cluster/aws/network-plan";
export { DEFAULT_MAX_FARGATE_PROFILES, SELECTORS_PER_PROFILE, fargateNamespaces, planFargateProfiles } from "./cluster/aws/fargate-profiles";
export type { FargateProfilePlan } from "./cluster/aws/fargate-profiles";
export { FargateVpc } from "./cluster/aws/vpc";
export type { FargateVpcArgs } from "./cluster/aws/vpc";
export { eksKubeconfig } from "./cluster/aws/kubeconfig";
export { fargatePodTrustPolicy, irsaTrustPolicy } from "./cluster/aws/policies";
export type { IrsaProvider, PolicyDocument, PolicyStatement } from "./cluster/aws/policies";
export { awsPartition, defaultAvailabilityZones, requireAwsRegion } from "./cluster/aws/region";
export { IRSA_ROLE_ANNOTATION, S3Storage } from "./storage/s3/storage";
export { WORDCOUNT_KEY, resolveS3StorageArgs } from "./storage/s3/args";
export type { ResolvedS3Args, S3StorageArgs } from "./storage/s3/args";
export { requireBucketName } from "./storage/s3/bucket-name";
export { sparkBucketAccessPolicy, tlsOnlyBucketPolicy } from "./storage/s3/policies";
export { S3A_CREDENTIALS_PROVIDER, S3A_PACKAGES, s3aHadoopConf } from "./storage/s3/spark-conf";

import type { Plan } from "../../tools/plan/plan-model";
import type { Statement } from "../helpers/mocks";

/** Resource types of the AWS components, for the AWS tests. */
export const A = {
    eksFargateCluster: "serverless-spark:cluster:EksFargateCluster",
    fargateVpc: "serverless-spark:cluster:FargateVpc",
    s3Storage: "serverless-spark:storage:S3Storage",
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    igw: "aws:ec2/internetGateway:InternetGateway",
    routeTable: "aws:ec2/routeTable:RouteTable",
    route: "aws:ec2/route:Route",
    routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    eip: "aws:ec2/eip:Eip",
    natGateway: "aws:ec2/natGateway:NatGateway",
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    oidcProvider: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    kmsKey: "aws:kms/key:Key",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    securityGroupIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    eksCluster: "aws:eks/cluster:Cluster",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
    accessPolicyAssociation: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    fargateProfile: "aws:eks/fargateProfile:FargateProfile",
    addon: "aws:eks/addon:Addon",
    bucket: "aws:s3/bucket:Bucket",
    publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownershipControls: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    bucketObject: "aws:s3/bucketObject:BucketObject",
    k8sProvider: "pulumi:providers:kubernetes",
} as const;

export type { Statement };

/** Every IAM policy document the plan declares (role trusts, inline policies, bucket policies), parsed. */
export function iamDocuments(plan: Plan): { ref: string; statements: Statement[] }[] {
    const docs: { ref: string; statements: Statement[] }[] = [];
    for (const r of plan.resources) {
        const text = r.type === A.role ? r.inputs.assumeRolePolicy : r.type === A.rolePolicy || r.type === A.bucketPolicy ? r.inputs.policy : undefined;
        if (typeof text === "string") {
            docs.push({ ref: `${r.type}::${r.name}`, statements: JSON.parse(text).Statement });
        }
    }
    return docs;
}

/** `x` or `[x, ...]` as a list. */
export function list<T>(value: T | T[] | undefined): T[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

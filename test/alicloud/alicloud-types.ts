/** Resource types of the Alibaba Cloud components, for the Alibaba tests. */
export const AL = {
    cluster: "serverless-spark:cluster:AlicloudServerlessCluster",
    vpcComponent: "serverless-spark:cluster:AlicloudVpc",
    vpc: "alicloud:vpc/network:Network",
    vswitch: "alicloud:vpc/switch:Switch",
    natGateway: "alicloud:vpc/natGateway:NatGateway",
    eip: "alicloud:ecs/eipAddress:EipAddress",
    eipAssociation: "alicloud:ecs/eipAssociation:EipAssociation",
    snatEntry: "alicloud:vpc/snatEntry:SnatEntry",
    managedKubernetes: "alicloud:cs/managedKubernetes:ManagedKubernetes",
    serverlessKubernetes: "alicloud:cs/serverlessKubernetes:ServerlessKubernetes",
    addon: "alicloud:cs/kubernetesAddon:KubernetesAddon",
    nodePool: "alicloud:cs/nodePool:NodePool",
    logProject: "alicloud:log/project:Project",
    logStore: "alicloud:log/store:Store",
    logIndex: "alicloud:log/storeIndex:StoreIndex",
    imageCache: "alicloud:eci/imageCache:ImageCache",
    k8sProvider: "pulumi:providers:kubernetes",
} as const;

/** The data source the kubeconfig comes from. */
export const CLUSTER_CREDENTIAL_TOKEN = "alicloud:cs/getClusterCredential:getClusterCredential";

/** `type::name`, as the plan writes references. */
export { ref } from "../helpers/mocks";

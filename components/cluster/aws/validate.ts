import { describeValue, InputError } from "../../errors";
import { requireDns1123Label, requireUnique } from "../../names";
import { OPERATOR_DEFAULTS } from "../../operator/defaults";
import { EKS_DEFAULTS, EksFargateClusterArgs } from "./args";
import { DEFAULT_MAX_FARGATE_PROFILES, FargateProfilePlan, planFargateProfiles } from "./fargate-profiles";
import { NetworkPlan, parseCidr, planNetwork } from "./network-plan";
import { awsPartition, requireAwsRegion } from "./region";

/** {@link EksFargateClusterArgs} after validation, with every default applied. */
export interface ResolvedEksArgs {
    region: string;
    partition: string;
    clusterName: string;
    version: string;
    publicEndpoint: boolean;
    publicAccessCidrs: string[];
    adminPrincipalArn?: string;
    logRetentionDays: number;
    network: NetworkPlan;
    operatorNamespace: string;
    jobNamespaces: string[];
    profiles: FargateProfilePlan[];
    coreDnsVersion?: string;
}

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const K8S_VERSION = /^1\.\d{1,2}$/;
const PRINCIPAL_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const MAX_PUBLIC_CIDRS = 40;

/**
 * Checks the cluster arguments without declaring anything (no AWS call either) and applies the
 * defaults. Errors are {@link InputError}s whose key `keyOf` maps from the argument name
 * (`publicAccessCidrs`, `network.vpcCidr`, ...) to what the user wrote.
 * @param region the region (`args.region`, else the provider's) resolved by the caller
 */
export function resolveEksFargateClusterArgs(
    args: EksFargateClusterArgs,
    region: string | undefined,
    componentName: string,
    keyOf: (arg: string) => string = (arg) => arg,
): ResolvedEksArgs {
    requireAwsRegion(region, keyOf("region"));
    const r = region as string;
    if (r.startsWith("us-gov-")) {
        throw new InputError(keyOf("region"), `got ${describeValue(r)} (EKS has no Fargate in AWS GovCloud)`, "a region where EKS runs Fargate pods");
    }
    const clusterName = args.clusterName ?? componentName;
    if (typeof clusterName !== "string" || !CLUSTER_NAME.test(clusterName)) {
        throw new InputError(keyOf("clusterName"), `got ${describeValue(clusterName)}`, "1-100 letters, digits, '-' and '_', starting with a letter or digit");
    }
    const version = args.version ?? EKS_DEFAULTS.version;
    if (typeof version !== "string" || !K8S_VERSION.test(version)) {
        throw new InputError(keyOf("version"), `got ${describeValue(version)}`, `a Kubernetes minor version such as ${EKS_DEFAULTS.version}`);
    }
    const publicEndpoint = args.publicEndpoint ?? EKS_DEFAULTS.publicEndpoint;
    if (typeof publicEndpoint !== "boolean") {
        throw new InputError(keyOf("publicEndpoint"), `got ${describeValue(publicEndpoint)}`, "true or false");
    }
    const publicAccessCidrs = checkPublicAccessCidrs(args.publicAccessCidrs, publicEndpoint, keyOf);
    if (args.adminPrincipalArn !== undefined && (typeof args.adminPrincipalArn !== "string" || !PRINCIPAL_ARN.test(args.adminPrincipalArn))) {
        throw new InputError(
            keyOf("adminPrincipalArn"),
            `got ${describeValue(args.adminPrincipalArn)}`,
            "an IAM role or user ARN such as arn:aws:iam::123456789012:role/Admin (not an sts assumed-role ARN)",
        );
    }
    const logRetentionDays = args.logRetentionDays ?? EKS_DEFAULTS.logRetentionDays;
    if (!RETENTION_DAYS.includes(logRetentionDays)) {
        throw new InputError(
            keyOf("logRetentionDays"),
            `got ${describeValue(logRetentionDays)}`,
            `a CloudWatch retention: one of ${RETENTION_DAYS.slice(0, 12).join(", ")}, ...`,
        );
    }
    const operatorNamespace = requireDns1123Label(args.operatorNamespace ?? OPERATOR_DEFAULTS.namespace, keyOf("operatorNamespace"));
    const jobNamespaces = args.jobNamespaces;
    if (!Array.isArray(jobNamespaces) || jobNamespaces.length === 0) {
        throw new InputError(keyOf("jobNamespaces"), `got ${describeValue(jobNamespaces)}`, "at least one namespace name");
    }
    jobNamespaces.forEach((ns, i) => requireDns1123Label(ns, `${keyOf("jobNamespaces")}[${i}]`));
    requireUnique(jobNamespaces, keyOf("jobNamespaces"));
    const maxProfiles = args.maxFargateProfiles ?? DEFAULT_MAX_FARGATE_PROFILES;
    if (!Number.isInteger(maxProfiles) || maxProfiles < 1) {
        throw new InputError(keyOf("maxFargateProfiles"), `got ${describeValue(maxProfiles)}`, "a positive integer");
    }
    if (args.coreDnsVersion !== undefined && !/^v\d+\.\d+\.\d+-eksbuild\.\d+$/.test(args.coreDnsVersion)) {
        throw new InputError(keyOf("coreDnsVersion"), `got ${describeValue(args.coreDnsVersion)}`, "an add-on version such as v1.11.4-eksbuild.2");
    }
    return {
        region: r,
        partition: awsPartition(r),
        clusterName,
        version,
        publicEndpoint,
        publicAccessCidrs,
        adminPrincipalArn: args.adminPrincipalArn,
        logRetentionDays,
        network: planNetwork(args.network ?? {}, r, keyOf),
        operatorNamespace,
        jobNamespaces: [...jobNamespaces],
        profiles: planFargateProfiles(operatorNamespace, jobNamespaces, maxProfiles, keyOf("jobNamespaces")),
        coreDnsVersion: args.coreDnsVersion,
    };
}

function checkPublicAccessCidrs(cidrs: unknown, publicEndpoint: boolean, keyOf: (arg: string) => string): string[] {
    const key = keyOf("publicAccessCidrs");
    if (!publicEndpoint) {
        if (cidrs !== undefined && !(Array.isArray(cidrs) && cidrs.length === 0)) {
            throw new InputError(key, `is set while ${keyOf("publicEndpoint")} is false`, `${keyOf("publicEndpoint")}: true, or no public CIDRs`);
        }
        return [];
    }
    if (!Array.isArray(cidrs) || cidrs.length === 0 || cidrs.length > MAX_PUBLIC_CIDRS) {
        throw new InputError(
            key,
            `got ${describeValue(cidrs)}`,
            `1 to ${MAX_PUBLIC_CIDRS} IPv4 CIDRs allowed to reach the public endpoint, e.g. your egress 203.0.113.7/32 (0.0.0.0/0 only if you mean it)`,
        );
    }
    cidrs.forEach((cidr, i) => {
        if (parseCidr(cidr) === undefined) {
            throw new InputError(`${key}[${i}]`, `got ${describeValue(cidr)}`, "an IPv4 CIDR with no host bits set, such as 203.0.113.0/24");
        }
    });
    requireUnique(cidrs as string[], key);
    return [...(cidrs as string[])];
}

import { describeValue, InputError, underKey } from "../../errors";
import { requireImageRegistry } from "../../images";
import { checkJobNamespaces, requireDns1123Label, requireUnique } from "../../names";
import { OPERATOR_DEFAULTS } from "../../operator/defaults";
import { parseShape, pickShape } from "../../shape";
import { checkPublicAccessCidrs } from "../public-access";
import { EKS_DEFAULTS, eksClusterSettingsSchema, EksFargateClusterArgs, EksLogType, EksSupportType } from "./args";
import { DEFAULT_MAX_FARGATE_PROFILES, FargateProfilePlan, planFargateProfiles, planServiceFargateProfile } from "./fargate-profiles";
import { NetworkPlan, parseCidr, planNetwork } from "./network-plan";
import { awsPartition, requireAwsRegion } from "./region";

/** {@link EksFargateClusterArgs} after validation, with every default applied. */
export interface ResolvedEksArgs extends Omit<ResolvedEksClusterSettings, "name"> {
    region: string;
    partition: string;
    clusterName: string;
    network: NetworkPlan;
    operatorNamespace: string;
    jobNamespaces: string[];
    profiles: FargateProfilePlan[];
    /** The profile of `serviceNamespaces` (Airflow), when there are any. */
    serviceProfile?: FargateProfilePlan;
    coreDnsVersion?: string;
}

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const K8S_VERSION = /^1\.\d{1,2}$/;
const AMP_WORKSPACE_ARN = /^arn:aws(-[a-z]+)*:aps:[a-z]{2}(-[a-z]+)+-\d:\d{12}:workspace\/ws-[0-9a-z-]+$/;
const PRINCIPAL_ARN = /^arn:aws(-[a-z]+(-[a-z])?)?:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const MAX_PUBLIC_CIDRS = 40;
const ANYWHERE = "0.0.0.0/0";

/** A region where EKS runs Fargate pods: any region code but AWS GovCloud's. */
export function requireEksFargateRegion(region: unknown, key: string): string {
    const r = requireAwsRegion(region, key);
    if (r.startsWith("us-gov-")) {
        throw new InputError(key, `got ${describeValue(r)} (EKS has no Fargate in AWS GovCloud)`, "a region where EKS runs Fargate pods");
    }
    return r;
}

/** {@link EksClusterSettings} parsed, with defaults applied. */
export interface ResolvedEksClusterSettings {
    name: string;
    version: string;
    publicEndpoint: boolean;
    publicAccessCidrs: string[];
    privateAccessCidrs: string[];
    adminPrincipalArn?: string;
    logRetentionDays: number;
    controlPlaneLogTypes: EksLogType[];
    upgradePolicy: EksSupportType;
    adoptLogGroup: boolean;
    prometheusScraper: boolean;
    prometheusWorkspaceArn?: string;
    imageRegistry?: string;
}

/**
 * Parses the cluster's own settings (shape, values, defaults); errors name the setting relative to
 * them (`publicAccessCidrs[0]`).
 * @param defaultName the cluster name when `name` is not given
 */
export function resolveEksClusterSettings(input: unknown, defaultName: string): ResolvedEksClusterSettings {
    const settings = parseShape(eksClusterSettingsSchema, input ?? {});
    const name = settings.name ?? defaultName;
    if (!CLUSTER_NAME.test(name)) {
        throw new InputError("name", `got ${describeValue(name)}`, "1-100 letters, digits, '-' and '_', starting with a letter or digit");
    }
    const version = settings.version ?? EKS_DEFAULTS.version;
    if (!K8S_VERSION.test(version)) {
        throw new InputError("version", `got ${describeValue(version)}`, `a Kubernetes minor version such as ${EKS_DEFAULTS.version}`);
    }
    const publicEndpoint = settings.publicEndpoint ?? EKS_DEFAULTS.publicEndpoint;
    const publicAccessCidrs = checkPublicAccessCidrs(settings.publicAccessCidrs, publicEndpoint, settings.allowPublicAccessFromAnywhere ?? false, {
        maxCidrs: MAX_PUBLIC_CIDRS,
        privateNetworkHint: "for access from a private network use {{privateAccessCidrs}}",
    });
    const privateAccessCidrs = checkPrivateAccessCidrs(settings.privateAccessCidrs);
    if (settings.adminPrincipalArn !== undefined && !PRINCIPAL_ARN.test(settings.adminPrincipalArn)) {
        throw new InputError(
            "adminPrincipalArn",
            `got ${describeValue(settings.adminPrincipalArn)}`,
            "an IAM role or user ARN such as arn:aws:iam::123456789012:role/Admin (not an sts assumed-role ARN)",
        );
    }
    const logRetentionDays = settings.logRetentionDays ?? EKS_DEFAULTS.logRetentionDays;
    if (!RETENTION_DAYS.includes(logRetentionDays)) {
        throw new InputError(
            "logRetentionDays",
            `got ${describeValue(logRetentionDays)}`,
            `a CloudWatch retention: one of ${RETENTION_DAYS.slice(0, 12).join(", ")}, ...`,
        );
    }
    const controlPlaneLogTypes = [...(settings.controlPlaneLogTypes ?? EKS_DEFAULTS.logTypes)];
    requireUnique(controlPlaneLogTypes, "controlPlaneLogTypes");
    const upgradePolicy = settings.upgradePolicy ?? EksSupportType.Standard;
    const adoptLogGroup = settings.adoptLogGroup ?? false;
    const prometheusScraper = settings.prometheusScraper ?? false;
    const workspaceArn = settings.prometheusWorkspaceArn;
    if (workspaceArn !== undefined && !prometheusScraper) {
        throw new InputError("prometheusWorkspaceArn", "is set but prometheusScraper is not true", "prometheusScraper: true with it, or no workspace");
    }
    if (workspaceArn !== undefined && !AMP_WORKSPACE_ARN.test(workspaceArn)) {
        throw new InputError(
            "prometheusWorkspaceArn",
            `got ${describeValue(workspaceArn)}`,
            "an AMP workspace ARN such as arn:aws:aps:us-east-1:123456789012:workspace/ws-0123abcd-4567-89ef-0123-456789abcdef",
        );
    }
    return {
        name,
        version,
        publicEndpoint,
        publicAccessCidrs,
        privateAccessCidrs,
        adminPrincipalArn: settings.adminPrincipalArn,
        logRetentionDays,
        controlPlaneLogTypes,
        upgradePolicy,
        adoptLogGroup,
        prometheusScraper,
        prometheusWorkspaceArn: workspaceArn,
        ...(settings.imageRegistry !== undefined
            ? { imageRegistry: requireImageRegistry(settings.imageRegistry, "imageRegistry", undefined, "<account>.dkr.ecr.<region>.amazonaws.com/<prefix>") }
            : {}),
    };
}

/**
 * Parses the cluster arguments without declaring anything (no AWS call either) and applies the
 * defaults. Errors name the argument (`publicAccessCidrs`, `network.vpcCidr`, ...).
 * @param region the region (`args.region`, else the provider's) resolved by the caller
 */
export function resolveEksFargateClusterArgs(args: EksFargateClusterArgs, region: string | undefined, componentName: string): ResolvedEksArgs {
    const r = requireEksFargateRegion(region, "region");
    const settings = resolveEksClusterSettings(pickShape(eksClusterSettingsSchema, args), componentName);
    const operatorNamespace = requireDns1123Label(args.operatorNamespace ?? OPERATOR_DEFAULTS.namespace, "operatorNamespace");
    checkJobNamespaces(args.jobNamespaces);
    const maxProfiles = args.maxFargateProfiles ?? DEFAULT_MAX_FARGATE_PROFILES;
    if (!Number.isInteger(maxProfiles) || maxProfiles < 1) {
        throw new InputError("maxFargateProfiles", `got ${describeValue(maxProfiles)}`, "a positive integer");
    }
    if (args.coreDnsVersion !== undefined && !/^v\d+\.\d+\.\d+-eksbuild\.\d+$/.test(args.coreDnsVersion)) {
        throw new InputError("coreDnsVersion", `got ${describeValue(args.coreDnsVersion)}`, "an add-on version such as v1.11.4-eksbuild.2");
    }
    const { name: clusterName, ...resolvedSettings } = settings;
    const services = [...(args.serviceNamespaces ?? [])];
    services.forEach((ns, i) => requireDns1123Label(ns, `serviceNamespaces[${i}]`));
    const serviceProfile = services.length > 0 ? planServiceFargateProfile(services) : undefined;
    return {
        ...resolvedSettings,
        region: r,
        partition: awsPartition(r),
        clusterName,
        network: underKey("network", () => planNetwork(args.network ?? {}, r)),
        operatorNamespace,
        jobNamespaces: [...args.jobNamespaces],
        profiles: planFargateProfiles(operatorNamespace, args.jobNamespaces, maxProfiles - (serviceProfile ? 1 : 0), "jobNamespaces"),
        ...(serviceProfile ? { serviceProfile } : {}),
        coreDnsVersion: args.coreDnsVersion,
    };
}

function checkPrivateAccessCidrs(cidrs: string[] = []): string[] {
    const key = "privateAccessCidrs";
    cidrs.forEach((cidr, i) => {
        if (parseCidr(cidr) === undefined) {
            throw new InputError(`${key}[${i}]`, `got ${describeValue(cidr)}`, "an IPv4 CIDR with no host bits set, such as 10.8.0.0/16");
        }
        if (cidr === ANYWHERE) {
            throw new InputError(`${key}[${i}]`, "got 0.0.0.0/0", "the CIDRs of the networks connected to the VPC, such as your VPN's 10.8.0.0/16");
        }
    });
    requireUnique(cidrs, key);
    return [...cidrs];
}

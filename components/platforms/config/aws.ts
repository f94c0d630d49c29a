import { z } from "zod";

import { EKS_DEFAULTS, EksFargateClusterArgs } from "../../cluster/aws/args";
import type { EksNetworkArgs } from "../../cluster/aws/network-plan";
import { requireAwsRegion } from "../../cluster/aws/region";
import { resolveEksFargateClusterArgs } from "../../cluster/aws/validate";
import { OPERATOR_DEFAULTS } from "../../operator/defaults";
import { parseConfigValue } from "../../shape";
import { resolveS3StorageArgs } from "../../storage/s3/args";

/**
 * The AWS part of the stack config, pure (no `@pulumi/aws`): shape-only zod schemas for the project
 * keys `cluster`, `network` and `storage`, and `resolveAwsConfig`, which applies the components' own
 * value rules (one rule, one place) with errors naming the config keys.
 *
 * Each schema message is the "expected" half of `key: got X, expected <message>`.
 *
 * Keys (defaults in brackets; each maps to the argument of the same name of `EksFargateCluster`,
 * `EksNetworkArgs` or `S3Storage`, documented there):
 * - `aws:region` (the AWS provider's own key): required, e.g. `us-east-1`.
 * - `cluster.name` ["serverless-spark"], `cluster.version` ["1.35"], `cluster.publicEndpoint`
 *   [false], `cluster.publicAccessCidrs` (required when publicEndpoint is true, no implicit
 *   0.0.0.0/0), `cluster.adminPrincipalArn` [none: only the creator is admin],
 *   `cluster.logRetentionDays` [90].
 * - `network.availabilityZones` [`<region>a,b,c`], `network.natGateways` ["single" | "perZone"],
 *   `network.vpcCidr` ["10.0.0.0/16"], `network.s3GatewayEndpoint` [true]; or an existing VPC:
 *   `network.vpcId` + `network.privateSubnetIds` (two or more, declared private by you; public-only
 *   input is refused), `network.publicSubnetIds` [[]] (only checked, never used for pods).
 * - `storage.type` ["s3"], `storage.bucket` [`storage-bucket-<random>`] or
 *   `storage.existingBucket`, `storage.retainOnDestroy` [true], `storage.versioning` [false].
 */

/** The EKS cluster name when `cluster.name` is not set: set it per stack when several share an account and region. */
export const DEFAULT_CLUSTER_NAME = "serverless-spark";

const stringList = (what: string) => z.array(z.string({ error: what }), { error: `a list of ${what}s` });

/** `serverless-spark:cluster`. */
export const awsClusterSchema = z.strictObject(
    {
        name: z.string({ error: "an EKS cluster name" }).optional(),
        version: z.string({ error: `a Kubernetes version string such as "${EKS_DEFAULTS.version}"` }).optional(),
        publicEndpoint: z.boolean({ error: "true or false" }).optional(),
        publicAccessCidrs: stringList("IPv4 CIDR").optional(),
        adminPrincipalArn: z.string({ error: "an IAM role or user ARN" }).optional(),
        logRetentionDays: z.int({ error: "a number of days such as 90" }).optional(),
    },
    { error: "an object with name, version, publicEndpoint, publicAccessCidrs, adminPrincipalArn, logRetentionDays" },
);

/** `serverless-spark:network`. */
export const awsNetworkSchema = z.strictObject(
    {
        availabilityZones: stringList("zone name").optional(),
        natGateways: z.enum(["single", "perZone"], { error: "single or perZone" }).optional(),
        vpcCidr: z.string({ error: "an IPv4 CIDR such as 10.0.0.0/16" }).optional(),
        s3GatewayEndpoint: z.boolean({ error: "true or false" }).optional(),
        vpcId: z.string({ error: "a VPC id such as vpc-0a1b2c3d4e5f67890" }).optional(),
        privateSubnetIds: stringList("subnet id").optional(),
        publicSubnetIds: stringList("subnet id").optional(),
    },
    { error: "an object with availabilityZones, natGateways, vpcCidr or vpcId, privateSubnetIds, publicSubnetIds" },
);

/** `serverless-spark:storage` for cloud aws. */
export const awsStorageSchema = z.strictObject(
    {
        type: z.literal("s3", { error: "s3 (the storage of cloud: aws)" }).optional(),
        bucket: z.string({ error: "an S3 bucket name" }).optional(),
        existingBucket: z.string({ error: "an S3 bucket name" }).optional(),
        retainOnDestroy: z.boolean({ error: "true or false" }).optional(),
        versioning: z.boolean({ error: "true or false" }).optional(),
    },
    { error: "an object with type, bucket or existingBucket, retainOnDestroy, versioning" },
);

/** The project keys this module reads, each structured (JSON-decoded), for the stack schema. */
export const AWS_CONFIG_KEYS = { cluster: awsClusterSchema, network: awsNetworkSchema, storage: awsStorageSchema } as const;

/** The validated AWS stack config (defaults applied where the components have none of their own). */
export interface AwsStackConfig {
    /** `aws:region`. */
    region: string;
    cluster: {
        name: string;
        version: string;
        publicEndpoint: boolean;
        /** Only with `publicEndpoint: true`. */
        publicAccessCidrs?: string[];
        adminPrincipalArn?: string;
        logRetentionDays: number;
    };
    network: EksNetworkArgs;
    storage: { type: "s3"; bucket?: string; existingBucket?: string; retainOnDestroy?: boolean; versioning?: boolean };
}

/** The namespaces the cluster must serve (they decide the Fargate profiles). */
export interface AwsNamespaces {
    jobNamespaces: string[];
    operatorNamespace: string;
}

/** Maps a component argument to the stack config key a user writes. */
export function awsConfigKey(arg: string): string {
    const cluster: Record<string, string> = {
        clusterName: "cluster.name",
        region: "aws:region",
        jobNamespaces: "jobNamespaces",
        operatorNamespace: "operator.namespace",
    };
    if (arg in cluster) return cluster[arg]!;
    return arg.startsWith("network.") ? arg : `cluster.${arg}`;
}

/** The AWS keys of the config, decoded (not yet checked). */
export interface AwsConfigInput {
    /** The region. */
    region: unknown;
    /** The key the region was given under, for errors. @default "aws:region" */
    regionKey?: string;
    cluster?: unknown;
    network?: unknown;
    storage?: unknown;
}

/**
 * The AWS config, or one InputError naming the key.
 * @param namespaces when given, the Fargate profile limit is checked too
 */
export function resolveAwsConfig(input: AwsConfigInput, namespaces?: AwsNamespaces): AwsStackConfig {
    const region = requireAwsRegion(input.region, input.regionKey ?? "aws:region");
    const cluster = parseConfigValue(input.cluster, "cluster", awsClusterSchema);
    const network = parseConfigValue(input.network, "network", awsNetworkSchema);
    const storage = parseConfigValue(input.storage, "storage", awsStorageSchema);
    const config: AwsStackConfig = {
        region,
        cluster: {
            name: cluster.name ?? DEFAULT_CLUSTER_NAME,
            version: cluster.version ?? EKS_DEFAULTS.version,
            publicEndpoint: cluster.publicEndpoint ?? EKS_DEFAULTS.publicEndpoint,
            publicAccessCidrs: cluster.publicAccessCidrs,
            adminPrincipalArn: cluster.adminPrincipalArn,
            logRetentionDays: cluster.logRetentionDays ?? EKS_DEFAULTS.logRetentionDays,
        },
        network,
        storage: { ...storage, type: "s3" },
    };
    checkAwsConfig(config, namespaces ?? { jobNamespaces: ["spark-jobs"], operatorNamespace: OPERATOR_DEFAULTS.namespace });
    return config;
}

/** The cluster component's arguments for this config. */
export function eksClusterArgs(config: AwsStackConfig, namespaces: AwsNamespaces): EksFargateClusterArgs {
    const c = config.cluster;
    return {
        region: config.region,
        clusterName: c.name,
        version: c.version,
        publicEndpoint: c.publicEndpoint,
        publicAccessCidrs: c.publicAccessCidrs,
        adminPrincipalArn: c.adminPrincipalArn,
        logRetentionDays: c.logRetentionDays,
        network: config.network,
        jobNamespaces: namespaces.jobNamespaces,
        operatorNamespace: namespaces.operatorNamespace,
    };
}

/** Applies the components' value rules to the config, with errors naming config keys. */
export function checkAwsConfig(config: AwsStackConfig, namespaces: AwsNamespaces): void {
    resolveEksFargateClusterArgs(eksClusterArgs(config, namespaces), config.region, "cluster", awsConfigKey);
    const { type: _type, ...storage } = config.storage;
    resolveS3StorageArgs({ ...storage, jobNamespaces: namespaces.jobNamespaces }, config.region, "storage", (arg) =>
        arg === "jobNamespaces" ? arg : arg === "region" ? "aws:region" : `storage.${arg}`,
    );
}

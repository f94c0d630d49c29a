import { z } from "zod";

import { ALICLOUD_DEFAULTS, AlicloudServerlessClusterArgs } from "../../cluster/alicloud/args";
import { requireAlicloudRegion } from "../../cluster/alicloud/region";
import { resolveAlicloudClusterArgs } from "../../cluster/alicloud/validate";
import { parseConfigValue } from "../../shape";
import { OssStorageArgs, resolveOssStorageArgs } from "../../storage/oss/args";

/**
 * The Alibaba Cloud part of the stack config, pure (no `@pulumi/alicloud`): shape-only zod schemas
 * for the project keys `cluster`, `network` and `storage`, and `resolveAlicloudConfig`, which applies
 * the components' own value rules (one rule, one place) with errors naming the config keys. Enums
 * (mode, spot strategy and roles) are checked by the component, so the message is the same whether
 * a user comes through stack config or through the library.
 *
 * Each schema message is the "expected" half of `key: got X, expected <message>`.
 *
 * Keys (defaults in brackets; each maps to the argument of the same name of
 * `AlicloudServerlessCluster` or `OssStorage`, documented there):
 * - `alicloud:region` (the Alibaba provider's own key): required, e.g. `ap-southeast-1`.
 * - `cluster.mode` ["managed": ACK Pro + ECI virtual nodes | "serverless": ACK Serverless],
 *   `cluster.name` ["serverless-spark"], `cluster.version`, `cluster.publicEndpoint` [false],
 *   `cluster.deletionProtection` [true], `cluster.serviceCidr` ["192.168.0.0/16"],
 *   `cluster.systemNodePool` {instanceTypes, size} [none], `cluster.autoImageCache` [true],
 *   `cluster.extraEphemeralStorage` [none], `cluster.spot` {strategy, priceLimit, roles} [none],
 *   `cluster.imageCaches` [[]], `cluster.podIdentityWebhook` [false],
 *   `cluster.kubeconfigValidityMinutes`.
 * - `network.zoneIds` (2-3 zones of the region, required for a new VPC), `network.vpcCidr`
 *   ["10.0.0.0/16"], `network.eipBandwidthMbps` [100]; or your own VPC: `network.vpcId` +
 *   `network.vswitchIds` (two or more).
 * - `storage.type` ["oss"], `storage.bucket` [derived] or `storage.existingBucket`,
 *   `storage.retainOnDestroy` [true], `storage.versioning` [false], `storage.kmsKeyId` [none],
 *   `storage.jindoVersion` ["6.8.0"].
 */

/** The ACK cluster name when `cluster.name` is not set: set it per stack when several share an account. */
export const DEFAULT_ACK_CLUSTER_NAME = "serverless-spark";

const stringList = (what: string) => z.array(z.string({ error: what }), { error: `a list of ${what}s` });
const flag = () => z.boolean({ error: "true or false" }).optional();

/** `serverless-spark:cluster` for cloud alicloud. */
export const alicloudClusterSchema = z.strictObject(
    {
        mode: z.string({ error: "managed or serverless" }).optional(),
        name: z.string({ error: "an ACK cluster name" }).optional(),
        version: z.string({ error: `an ACK Kubernetes version such as "${ALICLOUD_DEFAULTS.version}"` }).optional(),
        publicEndpoint: flag(),
        deletionProtection: flag(),
        serviceCidr: z.string({ error: "an IPv4 CIDR such as 192.168.0.0/16" }).optional(),
        systemNodePool: z
            .strictObject(
                { instanceTypes: stringList("ECS instance type"), size: z.int({ error: "a whole number of nodes" }).optional() },
                { error: "an object {instanceTypes, size}" },
            )
            .optional(),
        autoImageCache: flag(),
        extraEphemeralStorage: z.string({ error: 'a size such as "50Gi"' }).optional(),
        spot: z
            .strictObject(
                {
                    strategy: z.string({ error: "SpotAsPriceGo or SpotWithPriceLimit" }),
                    priceLimit: z.number({ error: "a price per hour" }).optional(),
                    roles: stringList("pod role").optional(),
                },
                { error: "an object {strategy, priceLimit, roles}" },
            )
            .optional(),
        imageCaches: stringList("container image").optional(),
        podIdentityWebhook: flag(),
        kubeconfigValidityMinutes: z.int({ error: "a whole number of minutes" }).optional(),
    },
    {
        error: "an object with mode, name, version, publicEndpoint, deletionProtection, serviceCidr, systemNodePool, autoImageCache, extraEphemeralStorage, spot, imageCaches, podIdentityWebhook, kubeconfigValidityMinutes",
    },
);

/** `serverless-spark:network` for cloud alicloud. */
export const alicloudNetworkSchema = z.strictObject(
    {
        zoneIds: stringList("zone id").optional(),
        vpcCidr: z.string({ error: "an IPv4 CIDR such as 10.0.0.0/16" }).optional(),
        eipBandwidthMbps: z.int({ error: "a whole number of Mbit/s" }).optional(),
        vpcId: z.string({ error: "a VPC id such as vpc-bp1a2b3c4d5e6f7g8h9i0" }).optional(),
        vswitchIds: stringList("vSwitch id").optional(),
    },
    { error: "an object with zoneIds, vpcCidr, eipBandwidthMbps or vpcId, vswitchIds" },
);

/** `serverless-spark:storage` for cloud alicloud. */
export const alicloudStorageSchema = z.strictObject(
    {
        type: z.literal("oss", { error: "oss (the storage of cloud: alicloud)" }).optional(),
        bucket: z.string({ error: "an OSS bucket name" }).optional(),
        existingBucket: z.string({ error: "an OSS bucket name" }).optional(),
        retainOnDestroy: flag(),
        versioning: flag(),
        kmsKeyId: z.string({ error: "a KMS key id" }).optional(),
        jindoVersion: z.string({ error: 'a JindoSDK version such as "6.8.0"' }).optional(),
    },
    { error: "an object with type, bucket or existingBucket, retainOnDestroy, versioning, kmsKeyId, jindoVersion" },
);

/** The project keys this module reads, each structured (JSON-decoded), for the stack schema and docs. */
export const ALICLOUD_CONFIG_KEYS = { cluster: alicloudClusterSchema, network: alicloudNetworkSchema, storage: alicloudStorageSchema } as const;

/** The validated Alibaba Cloud stack config: component arguments, checked. */
export interface AlicloudStackConfig {
    /** `alicloud:region`. */
    region: string;
    cluster: AlicloudServerlessClusterArgs;
    storage: Omit<OssStorageArgs, "jobNamespaces" | "region" | "wordCountText">;
}

/** Maps a cluster component argument to the stack config key a user writes. */
export function alicloudClusterKey(arg: string): string {
    if (arg === "clusterName") return "cluster.name";
    if (arg === "region") return "alicloud:region";
    return arg.startsWith("network.") || arg === "network" ? arg : `cluster.${arg}`;
}

/** Maps a storage component argument to the stack config key a user writes. */
export function alicloudStorageKey(arg: string): string {
    if (arg === "region") return "alicloud:region";
    return arg === "jobNamespaces" || arg.startsWith("jobNamespaces") ? arg : `storage.${arg}`;
}

/** The Alibaba Cloud keys of the config, decoded (not yet checked). */
export interface AlicloudConfigInput {
    /** The region. */
    region: unknown;
    /** The key the region was given under, for errors. @default "alicloud:region" */
    regionKey?: string;
    cluster?: unknown;
    network?: unknown;
    storage?: unknown;
}

/**
 * The Alibaba Cloud config, or one InputError naming the key.
 * @param jobNamespaces the namespaces the storage gives roles to (checked here too)
 */
export function resolveAlicloudConfig(input: AlicloudConfigInput, jobNamespaces: string[]): AlicloudStackConfig {
    const region = requireAlicloudRegion(input.region, input.regionKey ?? "alicloud:region");
    const { name, ...cluster } = parseConfigValue(input.cluster, "cluster", alicloudClusterSchema);
    const network = parseConfigValue(input.network, "network", alicloudNetworkSchema);
    const { type: _type, ...storage } = parseConfigValue(input.storage, "storage", alicloudStorageSchema);
    const config: AlicloudStackConfig = {
        region,
        // The schema checks types only; the component owns the value rules (enums included).
        cluster: { ...(cluster as AlicloudServerlessClusterArgs), clusterName: name ?? DEFAULT_ACK_CLUSTER_NAME, region, network },
        storage,
    };
    checkAlicloudConfig(config, jobNamespaces);
    return config;
}

/** Applies the components' value rules to the config, with errors naming config keys. */
export function checkAlicloudConfig(config: AlicloudStackConfig, jobNamespaces: string[]): void {
    resolveAlicloudClusterArgs(config.cluster, config.region, "cluster", alicloudClusterKey);
    resolveOssStorageArgs({ ...config.storage, jobNamespaces }, config.region, "storage", alicloudStorageKey);
}

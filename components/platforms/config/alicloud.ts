import { z } from "zod";

import { AckClusterSettings, ackClusterSettingsSchema, AlicloudNetworkArgs } from "../../cluster/alicloud/args";
import { alicloudNetworkSchema, planAlicloudNetwork } from "../../cluster/alicloud/network-plan";
import { requireAlicloudRegion } from "../../cluster/alicloud/region";
import { checkServiceCidrOutsideVpc, resolveAckClusterSettings } from "../../cluster/alicloud/validate";
import { underKey } from "../../errors";
import { parseShape } from "../../shape";
import { OssBucketSettings, ossBucketSettingsSchema, resolveOssBucketSettings } from "../../storage/oss/args";

/**
 * The Alibaba Cloud part of the config (`cluster`, `network`, `storage`, and the region), pure (no
 * `@pulumi/alicloud`): each part is parsed by the component that owns it (`AlicloudServerlessCluster`'s
 * cluster settings and network, `OssStorage`'s bucket settings), under the key the config gives it.
 */

/**
 * The base of the ACK cluster's name when `cluster.name` is not set (the name itself is derived
 * from it and the stack, see cluster-name.ts), and of the log project and image cache names.
 * It was the name itself up to 0.1: a cluster created then keeps it.
 */
export const DEFAULT_ACK_CLUSTER_NAME = "serverless-spark";

/** `storage` for cloud alicloud: the bucket settings, and the storage type the stack names. */
export const alicloudStorageSchema = z.strictObject(
    { type: z.literal("oss", { error: "oss (the storage of cloud: alicloud)" }).optional(), ...ossBucketSettingsSchema.shape },
    { error: "an object with type, bucket or existingBucket, retainOnDestroy, versioning, kmsKeyId, jindoVersion" },
);

/** The structured keys of cloud alicloud, with their shapes (for the stack schema and the docs test). */
export const ALICLOUD_CONFIG_KEYS = { cluster: ackClusterSettingsSchema, network: alicloudNetworkSchema, storage: alicloudStorageSchema } as const;

/** The Alibaba Cloud config, checked; the settings as given (the components apply their defaults). */
export interface AlicloudStackConfig {
    region: string;
    /** The cluster settings as given (the cluster derives a missing name from {@link DEFAULT_ACK_CLUSTER_NAME} and the stack). */
    cluster: AckClusterSettings;
    network: AlicloudNetworkArgs;
    storage: OssBucketSettings;
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
 * @param storageName the name of the OssStorage component (a created bucket's name starts with it)
 */
export function resolveAlicloudConfig(input: AlicloudConfigInput, storageName = "storage"): AlicloudStackConfig {
    const region = requireAlicloudRegion(input.region, input.regionKey ?? "alicloud:region");
    const cluster = underKey("cluster", () => {
        const settings: AckClusterSettings = parseShape(ackClusterSettingsSchema, input.cluster ?? {});
        return { resolved: resolveAckClusterSettings(settings, DEFAULT_ACK_CLUSTER_NAME, region), settings };
    });
    const network = underKey("network", () => {
        const args: AlicloudNetworkArgs = parseShape(alicloudNetworkSchema, input.network ?? {});
        return { plan: planAlicloudNetwork(args, region), args };
    });
    // A rule across two parts of the config: both keys named as the user wrote them.
    checkServiceCidrOutsideVpc(cluster.resolved.serviceCidr, network.plan, { serviceCidr: "cluster.serviceCidr", vpcCidr: "network.vpcCidr" });
    const storage = underKey("storage", () => {
        const { type: _type, ...settings } = parseShape(alicloudStorageSchema, input.storage ?? {});
        resolveOssBucketSettings(settings, storageName);
        return settings;
    });
    return { region, cluster: cluster.settings, network: network.args, storage };
}

import { z } from "zod";

import { eksClusterSettingsSchema, EksFargateClusterArgs } from "../../cluster/aws/args";
import { DEFAULT_MAX_FARGATE_PROFILES, planFargateProfiles } from "../../cluster/aws/fargate-profiles";
import { EksNetworkArgs, eksNetworkSchema, planNetwork } from "../../cluster/aws/network-plan";
import { requireEksFargateRegion, ResolvedEksClusterSettings, resolveEksClusterSettings } from "../../cluster/aws/validate";
import { underKey } from "../../errors";
import { parseShape } from "../../shape";
import { resolveS3BucketSettings, S3BucketSettings, s3BucketSettingsSchema } from "../../storage/s3/args";

/**
 * The AWS part of the config (`cluster`, `network`, `storage`, and the region), pure (no
 * `@pulumi/aws`): each part is parsed by the component that owns it (`EksFargateCluster`'s cluster
 * settings and network, `S3Storage`'s bucket settings), under the key the config gives it.
 */

/** The EKS cluster name when `cluster.name` is not set: set it per stack when several share an account and region. */
export const DEFAULT_CLUSTER_NAME = "serverless-spark";

/** `storage` for cloud aws: the bucket settings, and the storage type the stack names. */
export const awsStorageSchema = z.strictObject(
    { type: z.literal("s3", { error: "s3 (the storage of cloud: aws)" }).optional(), ...s3BucketSettingsSchema.shape },
    { error: "an object with type, bucket or existingBucket, retainOnDestroy, versioning" },
);

/** The structured keys of cloud aws, with their shapes (for the stack schema and the docs test). */
export const AWS_CONFIG_KEYS = { cluster: eksClusterSettingsSchema, network: eksNetworkSchema, storage: awsStorageSchema } as const;

/** The AWS config, parsed, with defaults. */
export interface AwsStackConfig {
    region: string;
    cluster: ResolvedEksClusterSettings;
    network: EksNetworkArgs;
    /** The bucket settings as given (checked): S3Storage applies their defaults. */
    storage: S3BucketSettings;
}

/** The namespaces the cluster must serve (they decide the Fargate profiles). */
export interface AwsNamespaces {
    jobNamespaces: string[];
    operatorNamespace: string;
    /** Namespaces of other platform services (Airflow), in a Fargate profile of their own. @default [] */
    serviceNamespaces?: string[];
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
 * @param namespaces when given, the Fargate profiles they need are checked too
 * @param storageName the name of the S3Storage component (a created bucket's name starts with it)
 */
export function resolveAwsConfig(input: AwsConfigInput, namespaces?: AwsNamespaces, storageName = "storage"): AwsStackConfig {
    const region = requireEksFargateRegion(input.region, input.regionKey ?? "aws:region");
    const cluster = underKey("cluster", () => resolveEksClusterSettings(input.cluster, DEFAULT_CLUSTER_NAME));
    const network = underKey("network", () => {
        const args: EksNetworkArgs = parseShape(eksNetworkSchema, input.network ?? {});
        planNetwork(args, region);
        return args;
    });
    const storage = underKey("storage", () => {
        const { type: _type, ...settings } = parseShape(awsStorageSchema, input.storage ?? {});
        resolveS3BucketSettings(settings, storageName);
        return settings;
    });
    if (namespaces !== undefined) {
        const services = (namespaces.serviceNamespaces ?? []).length > 0 ? 1 : 0;
        planFargateProfiles(namespaces.operatorNamespace, namespaces.jobNamespaces, DEFAULT_MAX_FARGATE_PROFILES - services, "jobNamespaces");
    }
    return { region, cluster, network, storage };
}

/** The cluster component's arguments for this config. */
export function eksClusterArgs(config: AwsStackConfig, namespaces: AwsNamespaces): EksFargateClusterArgs {
    return { ...config.cluster, region: config.region, network: config.network, ...namespaces };
}

import { describeValue, InputError, underKey } from "../../errors";
import { checkMirrorCollisions, mirroredImage, requireImageRegistry } from "../../images";
import { requireUnique } from "../../names";
import { dropUndefined, parseShape } from "../../shape";
import { CapacityShape, ECI_MAX_SPECS, eciSpecShape } from "../../sizing/grids";
import { checkPublicAccessCidrs } from "../public-access";
import type { SchedulingProfile } from "../types";
import {
    ackClusterSettingsSchema,
    ALICLOUD_DEFAULTS,
    AlicloudLogsArgs,
    AlicloudServerlessClusterArgs,
    AlicloudSpotArgs,
    AlicloudSystemNodePoolArgs,
    ClusterMode,
    ClusterModes,
    SpotStrategies,
} from "./args";
import { overlaps, parseIpv4Cidr } from "./cidr";
import { AlicloudNetworkPlan, planAlicloudNetwork } from "./network-plan";
import { requireAlicloudRegion } from "./region";
import { eciSchedulingProfile, spotExecutorAnnotations, SpotPlan, spotSparkConf } from "./scheduling";
import { AckVersionPlan, parseAckVersion } from "./version";

/** {@link AlicloudServerlessClusterArgs} after validation, with every default applied. */
export interface ResolvedAlicloudArgs {
    mode: ClusterMode;
    region: string;
    /**
     * `name`, or without it the default's base (`defaultName` or the component's name): the name
     * the log project and image cache names start with. The ACK cluster's own name is `name`, or
     * derived from this and the stack (see cluster-name.ts).
     */
    clusterName: string;
    /** Whether `name` was given (then the cluster takes it as it is, and follows its changes). */
    nameGiven: boolean;
    /** The version setting: ACK's newest, a minor resolved at deploy time, or an exact version. */
    version: AckVersionPlan;
    clusterSpec: string;
    publicEndpoint: boolean;
    /** The admin networks of the API server's allow-list ([] without a public endpoint). */
    publicAccessCidrs: string[];
    deletionProtection: boolean;
    serviceCidr: string;
    network: AlicloudNetworkPlan;
    systemNodePool?: Required<AlicloudSystemNodePoolArgs>;
    /** What every platform pod carries to land on ECI. */
    scheduling: SchedulingProfile;
    /** Spot annotations for executors ({} without spot). */
    executorPodAnnotations: Record<string, string>;
    /** Specs an executor may take after its own ([] without spot fallback specs). */
    executorFallbackShapes: CapacityShape[];
    /** Spark conf for every job (decommissioning with spot, else {}). */
    jobSparkConf: Record<string, string>;
    spot?: SpotPlan;
    /** The images of the image cache, as pulled (their mirror copies with `imageRegistry`). */
    imageCaches: string[];
    /** Where public images are pulled from instead (see `imageRegistry`), or undefined. */
    imageRegistry?: string;
    podIdentityWebhook: boolean;
    /** Whether the account's ACK roles are checked before the cluster is created. */
    preflight: boolean;
    kubeconfigValidityMinutes?: number;
    /** SLS log collection, or undefined when off. */
    logs?: { retentionDays: number; retainOnDestroy: boolean };
}

/** ACK cluster names: CreateCluster API docs (alibabacloud.com, read 2026-11-21). */
const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;
const GI_QUANTITY = /^[1-9]\d{0,4}Gi$/;
const INSTANCE_TYPE = /^ecs\.[a-z0-9-]+\.[a-z0-9]+$/;
/** An image reference with an optional registry, a repository path, and a tag or digest. */
const IMAGE =
    /^(?:[A-Za-z0-9.-]+(?::\d{1,5})?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::(?<tag>\w[\w.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;
/** `temporaryDurationMinutes` range of `alicloud.cs.getClusterCredential` (@pulumi/alicloud 3.108.0). */
const KUBECONFIG_MINUTES = { min: 15, max: 4320 };
const NODE_POOL_SIZE = { min: 1, max: 10 };
/** ECS key pair names (ECS `CreateKeyPair` docs, read 2026-11-29): 2-128 characters starting with a letter. */
const KEY_PAIR_NAME = /^[A-Za-z][A-Za-z0-9._:-]{1,127}$/;

/** {@link AckClusterSettings} parsed, with defaults applied (the service CIDR checked on its own). */
export type ResolvedAckClusterSettings = Omit<ResolvedAlicloudArgs, "region" | "network">;

/**
 * Parses the cluster's own settings (shape, values, defaults); errors name the setting relative to
 * them (`spot.roles[0]`). The service CIDR is checked against the VPC by {@link checkServiceCidrOutsideVpc}.
 * @param defaultName the cluster name when `name` is not given
 * @param region the cluster's region, when known (an ACR VPC endpoint in `imageRegistry` must be in it)
 */
export function resolveAckClusterSettings(input: unknown, defaultName: string, region?: string): ResolvedAckClusterSettings {
    const args = parseShape(ackClusterSettingsSchema, input ?? {});
    const mode = args.mode ?? ALICLOUD_DEFAULTS.mode;
    if (mode !== ClusterModes.Managed && mode !== ClusterModes.Serverless) {
        throw new InputError("mode", `got ${describeValue(mode)}`, "managed (ACK Pro + ECI virtual nodes) or serverless (ACK Serverless)");
    }
    const name = args.name ?? defaultName;
    if (!CLUSTER_NAME.test(name)) {
        throw new InputError("name", `got ${describeValue(name)}`, "1-63 letters, digits and '-', starting with a letter or digit");
    }
    const version = parseAckVersion(args.version);
    const publicEndpoint = args.publicEndpoint ?? ALICLOUD_DEFAULTS.publicEndpoint;
    const publicAccessCidrs = checkPublicAccessCidrs(args.publicAccessCidrs, publicEndpoint, args.allowPublicAccessFromAnywhere ?? false, {
        privateNetworkHint: "the VPC and ACK's own range are in the allow-list already",
    });
    const deletionProtection = args.deletionProtection ?? ALICLOUD_DEFAULTS.deletionProtection;
    const autoImageCache = args.autoImageCache ?? ALICLOUD_DEFAULTS.autoImageCache;
    const podIdentityWebhook = args.podIdentityWebhook ?? ALICLOUD_DEFAULTS.podIdentityWebhook;
    const serviceCidr = args.serviceCidr ?? ALICLOUD_DEFAULTS.serviceCidr;
    if (parseIpv4Cidr(serviceCidr) === undefined) {
        throw new InputError("serviceCidr", `got ${describeValue(serviceCidr)}`, "an IPv4 CIDR with no host bits set, such as 192.168.0.0/16");
    }
    const systemNodePool = checkSystemNodePool(args.systemNodePool, mode);
    if (podIdentityWebhook && mode === ClusterModes.Managed && systemNodePool === undefined) {
        throw new InputError(
            "podIdentityWebhook",
            "is true in managed mode without {{systemNodePool}} (its webhook pods run in kube-system and tolerate no virtual-node taint, so they would never start)",
            "{{systemNodePool}} beside it, or podIdentityWebhook off",
        );
    }
    const extra = args.extraEphemeralStorage;
    if (extra !== undefined && !GI_QUANTITY.test(extra)) {
        throw new InputError("extraEphemeralStorage", `got ${describeValue(extra)}`, 'a whole number of GiB such as "50Gi"');
    }
    const spot = checkSpot(args.spot);
    const imageRegistry = args.imageRegistry === undefined ? undefined : requireImageRegistry(args.imageRegistry, "imageRegistry", region);
    const imageCaches = checkImages(args.imageCaches, "imageCaches");
    checkMirrorCollisions(
        imageCaches.map((image, i) => ({ key: `imageCaches[${i}]`, image })),
        imageRegistry,
    );
    const minutes = args.kubeconfigValidityMinutes;
    if (minutes !== undefined && (minutes < KUBECONFIG_MINUTES.min || minutes > KUBECONFIG_MINUTES.max)) {
        throw new InputError(
            "kubeconfigValidityMinutes",
            `got ${describeValue(minutes)}`,
            `whole minutes from ${KUBECONFIG_MINUTES.min} to ${KUBECONFIG_MINUTES.max}`,
        );
    }
    const logs = checkLogs(args.logs);
    return {
        mode,
        clusterName: name,
        nameGiven: args.name !== undefined,
        version,
        clusterSpec: ALICLOUD_DEFAULTS.clusterSpec,
        publicEndpoint,
        publicAccessCidrs,
        deletionProtection,
        serviceCidr,
        ...(systemNodePool ? { systemNodePool } : {}),
        scheduling: eciSchedulingProfile({ autoImageCache, extraEphemeralStorage: extra }),
        executorPodAnnotations: spotExecutorAnnotations(spot),
        executorFallbackShapes: spot?.fallbackShapes ?? [],
        jobSparkConf: spotSparkConf(spot),
        ...(spot ? { spot } : {}),
        imageCaches: imageCaches.map((image) => mirroredImage(image, imageRegistry)),
        ...(imageRegistry !== undefined ? { imageRegistry } : {}),
        podIdentityWebhook,
        preflight: args.preflight ?? false,
        ...(minutes !== undefined ? { kubeconfigValidityMinutes: minutes } : {}),
        ...(logs ? { logs } : {}),
    };
}

/** SLS logstores keep data 1-3650 days (@pulumi/alicloud 3.108.0 `log.Store` `retentionPeriod`). */
function checkLogs(logs: AlicloudLogsArgs | undefined): ResolvedAckClusterSettings["logs"] {
    if ((logs?.enabled ?? ALICLOUD_DEFAULTS.logsEnabled) === false) return undefined;
    const retentionDays = logs?.retentionDays ?? ALICLOUD_DEFAULTS.logRetentionDays;
    if (retentionDays < 1 || retentionDays > 3650) {
        throw new InputError("logs.retentionDays", `got ${describeValue(retentionDays)}`, "whole days from 1 to 3650");
    }
    return { retentionDays, retainOnDestroy: logs?.retainOnDestroy ?? ALICLOUD_DEFAULTS.logsRetainOnDestroy };
}

/**
 * The Service range must lie outside a new VPC's range (with your own VPC, ACK itself refuses an
 * overlap: only a new VPC's range is known here).
 * @param keys where the two values are, for the error
 */
export function checkServiceCidrOutsideVpc(serviceCidr: string, network: AlicloudNetworkPlan, keys: { serviceCidr: string; vpcCidr: string }): void {
    if (network.kind === "new" && overlaps(parseIpv4Cidr(serviceCidr)!, parseIpv4Cidr(network.vpcCidr)!)) {
        throw new InputError(
            keys.serviceCidr,
            `got ${describeValue(serviceCidr)}, which overlaps ${keys.vpcCidr} ${network.vpcCidr}`,
            "a Service range outside the VPC, such as 192.168.0.0/16",
        );
    }
}

/**
 * Parses the cluster arguments without declaring anything (no Alibaba call either) and applies the
 * defaults. Errors name the argument (`mode`, `network.zoneIds`, `spot.roles`, ...).
 * @param region the region (`args.region`, else the provider's) resolved by the caller
 */
export function resolveAlicloudClusterArgs(args: AlicloudServerlessClusterArgs, region: string | undefined, componentName: string): ResolvedAlicloudArgs {
    const r = requireAlicloudRegion(region, "region");
    const { region: _region, network: networkArgs, defaultName, ...settingsArgs } = args;
    if (defaultName !== undefined && (typeof defaultName !== "string" || !CLUSTER_NAME.test(defaultName))) {
        throw new InputError("defaultName", `got ${describeValue(defaultName)}`, "1-63 letters, digits and '-', starting with a letter or digit");
    }
    const settings = resolveAckClusterSettings(dropUndefined(settingsArgs), defaultName ?? componentName, r);
    const network = underKey("network", () => planAlicloudNetwork(networkArgs ?? {}, r));
    checkServiceCidrOutsideVpc(settings.serviceCidr, network, { serviceCidr: "serviceCidr", vpcCidr: "network.vpcCidr" });
    return { ...settings, region: r, network };
}

function checkSystemNodePool(pool: AlicloudSystemNodePoolArgs | undefined, mode: ClusterMode): Required<AlicloudSystemNodePoolArgs> | undefined {
    if (pool === undefined) return undefined;
    const key = "systemNodePool";
    if (mode !== ClusterModes.Managed) {
        throw new InputError(key, `is set with {{mode}} ${mode}`, "no node pool (ACK Serverless has no ECS nodes), or {{mode}} managed");
    }
    const types = pool.instanceTypes;
    if (!Array.isArray(types) || types.length === 0) {
        throw new InputError(`${key}.instanceTypes`, `got ${describeValue(types)}`, 'at least one ECS instance type such as "ecs.g7.large"');
    }
    types.forEach((type, i) => {
        if (typeof type !== "string" || !INSTANCE_TYPE.test(type)) {
            throw new InputError(`${key}.instanceTypes[${i}]`, `got ${describeValue(type)}`, 'an ECS instance type such as "ecs.g7.large"');
        }
    });
    requireUnique(types, `${key}.instanceTypes`);
    const size = pool.size ?? ALICLOUD_DEFAULTS.systemNodePoolSize;
    if (!Number.isInteger(size) || size < NODE_POOL_SIZE.min || size > NODE_POOL_SIZE.max) {
        throw new InputError(`${key}.size`, `got ${describeValue(size)}`, `a node count from ${NODE_POOL_SIZE.min} to ${NODE_POOL_SIZE.max}`);
    }
    const keyName = pool.keyName;
    if (keyName === undefined) {
        throw new InputError(
            `${key}.keyName`,
            "is not set (ACK's ECS nodes need a login method: a key pair)",
            "the name of an ECS key pair in the cluster's region",
        );
    }
    if (typeof keyName !== "string" || !KEY_PAIR_NAME.test(keyName) || /^https?:\/\//.test(keyName)) {
        throw new InputError(
            `${key}.keyName`,
            `got ${describeValue(keyName)}`,
            "an ECS key pair name: 2-128 characters, starting with a letter; letters, digits, '.', '_', '-', ':'",
        );
    }
    return { instanceTypes: [...types], size, keyName };
}

function checkSpot(spot: AlicloudSpotArgs | undefined): SpotPlan | undefined {
    if (spot === undefined) return undefined;
    const key = (arg: string) => `spot.${arg}`;
    const { strategy, priceLimit } = spot;
    if (strategy !== SpotStrategies.AsPriceGo && strategy !== SpotStrategies.WithPriceLimit) {
        throw new InputError(key("strategy"), `got ${describeValue(strategy)}`, "SpotAsPriceGo (pay the market price) or SpotWithPriceLimit (with priceLimit)");
    }
    if (strategy === SpotStrategies.WithPriceLimit && (typeof priceLimit !== "number" || !Number.isFinite(priceLimit) || priceLimit <= 0)) {
        throw new InputError(
            key("priceLimit"),
            `got ${describeValue(priceLimit)} with strategy SpotWithPriceLimit`,
            "the highest hourly price per pod, a positive number such as 0.5",
        );
    }
    // ECI takes the price with at most three decimals (pod annotations doc, read 2026-11-29).
    if (strategy === SpotStrategies.WithPriceLimit && Math.round(priceLimit! * 1000) / 1000 !== priceLimit) {
        throw new InputError(key("priceLimit"), `got ${describeValue(priceLimit)}`, "a price with at most three decimals, such as 0.125");
    }
    if (strategy === SpotStrategies.AsPriceGo && priceLimit !== undefined) {
        throw new InputError(
            key("priceLimit"),
            `is set with strategy SpotAsPriceGo (which bids the market price)`,
            "no priceLimit, or strategy SpotWithPriceLimit",
        );
    }
    const roles = spot.roles ?? ["executor"];
    if (!Array.isArray(roles) || roles.length === 0) {
        throw new InputError(key("roles"), `got ${describeValue(roles)}`, '["executor"]');
    }
    roles.forEach((role, i) => {
        if (role === "driver") {
            throw new InputError(
                `${key("roles")}[${i}]`,
                'got "driver" (drivers stay on-demand: a reclaimed driver fails the whole application)',
                '"executor" only',
            );
        }
        if (role !== "executor") {
            throw new InputError(`${key("roles")}[${i}]`, `got ${describeValue(role)}`, '"executor"');
        }
    });
    const fallbackShapes = checkFallbackSpecs(spot.fallbackSpecs, key("fallbackSpecs"));
    return {
        strategy,
        ...(strategy === SpotStrategies.WithPriceLimit ? { priceLimit } : {}),
        ...(fallbackShapes.length > 0 ? { fallbackShapes } : {}),
    };
}

/**
 * Spot fallback specs: vCPU-memory specs of ECI's all-regions table (the grid sizing uses), each once,
 * at most {@link ECI_MAX_SPECS} - 1 (the executor's own spec comes first).
 */
function checkFallbackSpecs(specs: unknown, key: string): CapacityShape[] {
    if (specs === undefined) return [];
    if (!Array.isArray(specs) || specs.length > ECI_MAX_SPECS - 1) {
        throw new InputError(
            key,
            `got ${describeValue(specs)}`,
            `a list of at most ${ECI_MAX_SPECS - 1} ECI specs such as ["8-32Gi"] (ECI tries ${ECI_MAX_SPECS} specs per pod, the executor's own first)`,
        );
    }
    const shapes = specs.map((spec, i) => {
        const shape = typeof spec === "string" ? eciSpecShape(spec) : undefined;
        if (shape === undefined) {
            throw new InputError(
                `${key}[${i}]`,
                `got ${describeValue(spec)}`,
                'a vCPU-memory spec of ECI\'s all-regions table such as "8-32Gi" (vCPU 0.25-64, memory in GiB; ECS instance types are not taken)',
            );
        }
        return shape;
    });
    requireUnique(specs as string[], key);
    return shapes;
}

function checkImages(images: unknown, key: string): string[] {
    if (images === undefined) return [];
    if (!Array.isArray(images)) {
        throw new InputError(key, `got ${describeValue(images)}`, "a list of image references");
    }
    images.forEach((image, i) => {
        const match = typeof image === "string" ? IMAGE.exec(image) : null;
        const tag = match?.groups?.tag;
        if (match === null || (tag === undefined && match.groups?.digest === undefined) || tag === "latest") {
            throw new InputError(
                `${key}[${i}]`,
                `got ${describeValue(image)}`,
                "a versioned image (a tag other than latest, or a digest) such as apache/spark:3.5.3: ECI caches versioned images only",
            );
        }
    });
    requireUnique(images as string[], key);
    return [...(images as string[])];
}

import type { CapacityShape } from "../../sizing/grids";
import { SchedulingProfile, schedulingProfile, Toleration } from "../types";
import { SpotStrategies, SpotStrategy } from "./args";

/**
 * How pods reach ECI and what they ask of it, as pure data (written into Helm values, pod templates
 * and SparkApplications). Labels, taint and annotation names: ACK virtual-node and ECI annotation
 * docs: https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/pod-annotations-1
 * and .../user-guide/configure-eci-scaling (the virtual-node taint), read 2026-11-21.
 */

/** The label every ECI virtual node carries. */
export const VIRTUAL_NODE_SELECTOR: Readonly<Record<string, string>> = Object.freeze({ type: "virtual-kubelet" });

/** The taint of ECI virtual nodes, tolerated so that pods may land there. */
export const VIRTUAL_NODE_TOLERATION: Readonly<Toleration> = Object.freeze({
    key: "virtual-kubelet.io/provider",
    operator: "Equal",
    value: "alibabacloud",
    effect: "NoSchedule",
});

/** ECI pod annotations (set at pod creation; ECI ignores later changes). */
export const ECI_ANNOTATIONS = {
    /** Use a matching image cache, and create one after the pull, so later pods skip the pull. */
    autoImageCache: "k8s.aliyun.com/eci-auto-imc",
    /** Ephemeral storage on top of the free 30 GiB, e.g. `50Gi`. */
    extraEphemeralStorage: "k8s.aliyun.com/eci-extra-ephemeral-storage",
    spotStrategy: "k8s.aliyun.com/eci-spot-strategy",
    spotPriceLimit: "k8s.aliyun.com/eci-spot-price-limit",
    /**
     * Fall back to an on-demand instance when no spot capacity is left at the bid, instead of
     * pending up to `eci-max-pending-minute` (ECI pod annotations,
     * alibabacloud.com/help/en/eci/user-guide/pod-annotations-1, read 2026-11-29).
     */
    spotFallback: "k8s.aliyun.com/eci-spot-fallback",
} as const;

/** What the ECI scheduling profile is built from (validated). */
export interface EciSchedulingInput {
    autoImageCache: boolean;
    extraEphemeralStorage?: string;
}

/** The profile every platform pod carries: the virtual-node selector and toleration, and ECI annotations. */
export function eciSchedulingProfile(input: EciSchedulingInput): SchedulingProfile {
    const podAnnotations: Record<string, string> = {};
    // Written either way: ECI's default is "true" (alibabacloud.com/help/en/elastic-container-instance/latest/use-imagecache,
    // read 2026-11-29), so leaving it out would not turn automatic (billed) cache creation off.
    podAnnotations[ECI_ANNOTATIONS.autoImageCache] = input.autoImageCache ? "true" : "false";
    if (input.extraEphemeralStorage !== undefined) podAnnotations[ECI_ANNOTATIONS.extraEphemeralStorage] = input.extraEphemeralStorage;
    return schedulingProfile({
        nodeSelector: { ...VIRTUAL_NODE_SELECTOR },
        tolerations: [{ ...VIRTUAL_NODE_TOLERATION }],
        podAnnotations,
    });
}

/** Validated spot settings: a strategy and, with `SpotWithPriceLimit`, a price. */
export interface SpotPlan {
    strategy: SpotStrategy;
    priceLimit?: number;
    /** Grid shapes an executor may take after its own (see `AlicloudSpotArgs.fallbackSpecs`). */
    fallbackShapes?: CapacityShape[];
}

/**
 * Executor-only pod annotations that put executors on spot ECI instances, falling back to on-demand
 * when spot capacity runs out ({} without spot).
 */
export function spotExecutorAnnotations(spot: SpotPlan | undefined): Record<string, string> {
    if (spot === undefined) return {};
    return {
        [ECI_ANNOTATIONS.spotStrategy]: spot.strategy,
        [ECI_ANNOTATIONS.spotFallback]: "true",
        ...(spot.strategy === SpotStrategies.WithPriceLimit ? { [ECI_ANNOTATIONS.spotPriceLimit]: String(spot.priceLimit) } : {}),
    };
}

/**
 * Spark conf for jobs whose executors may be reclaimed: graceful decommissioning, migrating shuffle
 * and cached RDD blocks to surviving executors, so a reclaimed executor costs a few blocks' copy
 * instead of recomputed stages (Spark configuration docs, `spark.decommission.*` and
 * `spark.storage.decommission.*`, Spark 3.1+, read 2026-11-21). {} without spot.
 */
export function spotSparkConf(spot: SpotPlan | undefined): Record<string, string> {
    if (spot === undefined) return {};
    return {
        "spark.decommission.enabled": "true",
        "spark.storage.decommission.enabled": "true",
        "spark.storage.decommission.shuffleBlocks.enabled": "true",
        "spark.storage.decommission.rddBlocks.enabled": "true",
    };
}

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { CapacityGridName, CapacityShape } from "../sizing/grids";

export { CAPACITY_GRIDS, CapacityGridName } from "../sizing/grids";

/** How a toleration matches a taint's value. */
export const TolerationOperator = { Exists: "Exists", Equal: "Equal" } as const;
export type TolerationOperator = (typeof TolerationOperator)[keyof typeof TolerationOperator];

/** A taint effect. */
export const TolerationEffect = { NoSchedule: "NoSchedule", PreferNoSchedule: "PreferNoSchedule", NoExecute: "NoExecute" } as const;
export type TolerationEffect = (typeof TolerationEffect)[keyof typeof TolerationEffect];

/** A Kubernetes toleration, as plain data (it is copied into Helm values and pod templates). */
export interface Toleration {
    /** The taint key. @default none: any key (with operator Exists) */
    key?: string;
    /** How the value is matched. @default "Equal" */
    operator?: TolerationOperator;
    /** The taint value, with Equal. @default none */
    value?: string;
    /** The taint effect. @default none: any effect */
    effect?: TolerationEffect;
    /** Seconds a NoExecute taint is tolerated. @default none: for ever */
    tolerationSeconds?: number;
}

/** A scheduling profile as given: every part optional (see {@link SchedulingProfile}). */
export interface SchedulingSettings {
    /** Node labels every pod selects. @default {} */
    nodeSelector?: Record<string, string>;
    /** Taints every pod tolerates. @default [] */
    tolerations?: Toleration[];
    /** Annotations on every pod. @default {} */
    podAnnotations?: Record<string, string>;
    /** Labels on every pod. @default {} */
    podLabels?: Record<string, string>;
}

/**
 * How a pod reaches the cluster's virtual nodes: the node selector, tolerations, pod annotations and
 * pod labels every platform pod (operator, Spark driver, Spark executor) carries.
 * Plain data, because it is written into Helm values and Spark pod templates as-is.
 */
export interface SchedulingProfile {
    nodeSelector: Record<string, string>;
    tolerations: Toleration[];
    podAnnotations: Record<string, string>;
    podLabels: Record<string, string>;
}

/** A profile that adds nothing: pods go wherever the scheduler puts them. */
export const EMPTY_SCHEDULING_PROFILE: SchedulingProfile = Object.freeze({
    nodeSelector: {},
    tolerations: [],
    podAnnotations: {},
    podLabels: {},
}) as SchedulingProfile;

/**
 * What every cluster component (existing, EKS Fargate, ACK + ECI) hands to the rest of the platform.
 * The platform only ever sees this shape, so it never imports a cloud SDK itself.
 */
export interface ServerlessCluster {
    /** The Kubernetes provider every in-cluster object is created with. */
    readonly provider: k8s.Provider;
    /** How pods reach the cluster's virtual nodes. */
    readonly scheduling: SchedulingProfile;
    /** Which billing grid pods are sized to. */
    readonly capacityGrid: CapacityGridName;
    /**
     * Cloud resources that must exist before pods can run (Fargate profiles, CoreDNS, the virtual-node
     * add-on). In-cluster objects that start pods depend on them.
     */
    readonly readyResources: pulumi.Resource[];
    /** Pod annotations for Spark executors only (e.g. ECI spot; drivers stay on-demand). @default {} */
    readonly executorPodAnnotations?: Record<string, string>;
    /**
     * ECI: grid shapes an executor may take when its own has no capacity (spot fallback specs),
     * appended to its `k8s.aliyun.com/eci-use-specs` where they hold it. @default []
     */
    readonly executorFallbackShapes?: readonly CapacityShape[];
    /** Spark conf every job on this cluster gets (e.g. decommissioning for spot executors). @default {} */
    readonly jobSparkConf?: Record<string, string>;
    /**
     * The job namespaces the cluster was built for (EKS: the namespaces its Fargate profiles select).
     * A platform on this cluster takes them as its job namespaces and refuses others, whose pods
     * could never be scheduled.
     * @default undefined: pods of any namespace can run
     */
    readonly jobNamespaces?: readonly string[];
    /**
     * A registry holding copies of the public images the platform pulls: a platform on this cluster
     * pulls every image from a public registry (operator, samples, History Server, Spark Connect,
     * driver reaper, jobs) as `<imageRegistry>/<last path segment>:<tag>` instead (see
     * `mirroredImage` in components/images.ts).
     * @default undefined: images are pulled from where they are published
     */
    readonly imageRegistry?: string;
}

/** Fills a partial scheduling profile with empty defaults. */
export function schedulingProfile(partial: SchedulingSettings = {}): SchedulingProfile {
    return {
        nodeSelector: { ...(partial.nodeSelector ?? {}) },
        tolerations: [...(partial.tolerations ?? [])],
        podAnnotations: { ...(partial.podAnnotations ?? {}) },
        podLabels: { ...(partial.podLabels ?? {}) },
    };
}

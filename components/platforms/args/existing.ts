import type { HdfsStorageArgs } from "../../storage/hdfs";
import type { SparkPlatformConfig } from "./common";

/** Arguments of `ExistingSparkPlatform`: the `existing` stack's config. */

/** The billing grid of a cluster you bring. */
export const CapacityGrid = { Fargate: "fargate", Eci: "eci", None: "none" } as const;
export type CapacityGrid = (typeof CapacityGrid)[keyof typeof CapacityGrid];

/** A Kubernetes toleration operator. */
export const TolerationOperator = { Exists: "Exists", Equal: "Equal" } as const;
export type TolerationOperator = (typeof TolerationOperator)[keyof typeof TolerationOperator];

/** A Kubernetes taint effect. */
export const TolerationEffect = { NoSchedule: "NoSchedule", PreferNoSchedule: "PreferNoSchedule", NoExecute: "NoExecute" } as const;
export type TolerationEffect = (typeof TolerationEffect)[keyof typeof TolerationEffect];

/** A Kubernetes toleration. */
export interface TolerationConfig {
    /** The taint key. @default none: any key */
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

/** How pods reach the nodes of a cluster you bring (e.g. its virtual nodes). */
export interface SchedulingConfig {
    /** Node labels every pod selects. @default {} */
    nodeSelector?: Record<string, string>;
    /** Taints every pod tolerates. @default [] */
    tolerations?: TolerationConfig[];
    /** Annotations on every pod. @default {} */
    podAnnotations?: Record<string, string>;
    /** Labels on every pod. @default {} */
    podLabels?: Record<string, string>;
}

/** Storage on a cluster you bring: an existing HDFS. */
export interface ExistingStorageConfig {
    /** `hdfs`. */
    type: string;
    /** The HDFS. */
    hdfs?: HdfsStorageArgs;
}

/** Arguments of `ExistingSparkPlatform`: the `existing` stack's config. */
export interface ExistingSparkPlatformArgs extends SparkPlatformConfig {
    /** A kubeconfig path or its content. @default the ambient kubeconfig */
    kubeconfig?: string;
    /** The kubeconfig context. @default its current context */
    context?: string;
    /** The billing grid pods are sized to. @default "none" */
    capacityGrid?: CapacityGrid;
    /** How pods reach the cluster's nodes. @default nothing added */
    scheduling?: SchedulingConfig;
    /** An existing HDFS. @default none */
    storage?: ExistingStorageConfig;
}

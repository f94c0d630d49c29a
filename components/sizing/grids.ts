/**
 * The capacity grids virtual-node platforms bill on, as data, and the rounding each applies.
 *
 * A pod on EKS Fargate or on Alibaba ECI is not billed for what it requests but for the smallest
 * supported vCPU/memory "shape" that holds it. Right-sizing is about making the pod fill that
 * shape, so the grids and their rounding rules live here, each with its source and date.
 */
import { describeValue, InputError } from "../errors";
import { coresToMilli } from "./units";

/**
 * The billing grids a cluster's virtual nodes can charge pods by.
 * - `fargate`: EKS Fargate (pod size + 256 MB, rounded up to a vCPU/memory combination)
 * - `eci`: Alibaba Elastic Container Instance (rounded up to a supported spec)
 * - `none`: a cluster the user brings with no known billing grid (e.g. plain nodes): requests are
 *   reported, nothing is right-sized or priced
 */
export const CapacityGridName = { Fargate: "fargate", Eci: "eci", None: "none" } as const;
export type CapacityGridName = (typeof CapacityGridName)[keyof typeof CapacityGridName];

/** Every {@link CapacityGridName}, for validation and docs. */
export const CAPACITY_GRIDS: readonly CapacityGridName[] = Object.values(CapacityGridName);

/** A grid that bills per pod shape. */
export type BillingGridName = Exclude<CapacityGridName, "none">;

/** One billable pod size: vCPU and memory in GiB (Fargate's "GB", see FARGATE_GRID). */
export interface CapacityShape {
    readonly vcpu: number;
    readonly memoryGiB: number;
}

/** A platform's capacity grid and billing rules. */
export interface CapacityGrid {
    /** Grid name. */
    readonly name: BillingGridName;
    /** Every billable shape, sorted by vCPU, then memory. */
    readonly shapes: readonly CapacityShape[];
    /**
     * Memory the platform adds to every pod before rounding ("the platform's own reservation"):
     * it is billed but not usable by the pod. Usable memory of a shape = shape memory - this.
     */
    readonly reservationMiB: number;
    /**
     * Memory right-sizing leaves free in every shape for what runs beside the pod's containers in
     * its allocation (a platform sidecar such as Fargate's log router), and as a margin against
     * rounding. Not billed extra: it is part of the shape the pod pays for anyway.
     */
    readonly sidecarHeadroomMiB: number;
    /**
     * Which CPU figure decides the shape: Fargate sizes on requests (and wants limits equal to
     * them); ECI sums limits when set and requests otherwise ("limits decide").
     */
    readonly cpuBasis: "request" | "limit-else-request";
    /** Where the grid and rules come from. */
    readonly source: string;
    /** When the source was read. */
    readonly asOf: string;
}

function range(from: number, to: number, step: number): number[] {
    const values: number[] = [];
    for (let v = from; v <= to; v += step) {
        values.push(v);
    }
    return values;
}

function shapesOf(table: ReadonlyArray<readonly [number, readonly number[]]>): CapacityShape[] {
    return table.flatMap(([vcpu, memories]) => memories.map((memoryGiB) => Object.freeze({ vcpu, memoryGiB })));
}

/**
 * EKS Fargate. Source: Amazon EKS User Guide, "Understand Fargate Pod configuration details"
 * (https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html), as of 2026-11:
 * pod size = max(largest init container, sum of regular containers) + 256 MB for kubelet,
 * kube-proxy and containerd, rounded up to the nearest valid vCPU/memory combination below;
 * requests must equal limits.
 *
 * Units: AWS writes "GB" and "MB" without saying decimal or binary. We treat them as binary
 * (1 GB = 1 GiB = 1024 MiB, 256 MB = 256 MiB): Kubernetes requests are written in Mi/Gi, and the
 * rounding AWS describes only lines up cleanly with them in binary units. This is an assumption:
 * if AWS used decimal units, a pod filling a binary shape could round up one step.
 */
export const FARGATE_GRID: CapacityGrid = Object.freeze({
    name: "fargate",
    shapes: Object.freeze(
        shapesOf([
            [0.25, [0.5, 1, 2]],
            [0.5, range(1, 4, 1)],
            [1, range(2, 8, 1)],
            [2, range(4, 16, 1)],
            [4, range(8, 30, 1)],
            [8, range(16, 60, 4)],
            [16, range(32, 120, 8)],
        ]),
    ),
    reservationMiB: 256,
    // Fargate's log router runs inside the pod's allocation: AWS says to plan for up to 50 MB for
    // it, up to 100 MB at very high log throughput (Amazon EKS User Guide, "Start AWS Fargate logging
    // for your cluster", Size considerations, read 2026-11-29). 128 MiB covers that, and the 256 MB
    // reservation read as decimal (244 MiB) instead of binary, so no pod rounds up a step.
    sidecarHeadroomMiB: 128,
    cpuBasis: "request",
    source: "https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html",
    asOf: "2026-11",
}) as CapacityGrid;

/**
 * Alibaba Cloud ECI (ACK virtual nodes, ASK). Source: Elastic Container Instance, "Specify the
 * number of vCPUs and memory size to create a pod"
 * (https://www.alibabacloud.com/help/en/eci/user-guide/specify-the-number-of-vcpus-and-memory-size-to-create-a-pod,
 * Chinese edition https://help.aliyun.com/document_detail/451261.html), as of 2026-11: the pod is
 * rounded up to the nearest supported spec with vCPU and memory at least those asked; limits are
 * summed when set, else requests; `k8s.aliyun.com/eci-use-specs` overrides both. No fixed
 * per-pod reservation. Only the specs offered in every region are listed; some regions offer
 * finer ones (e.g. 2 vCPU with 6-14 GiB), left out so that sizing holds in every region.
 */
export const ECI_GRID: CapacityGrid = Object.freeze({
    name: "eci",
    shapes: Object.freeze(
        shapesOf([
            [0.25, [0.5, 1]],
            [0.5, [1, 2]],
            [1, [2, 4, 8]],
            [2, [1, 2, 4, 8, 16]],
            [4, [2, 4, 8, 16, 32]],
            [8, [4, 8, 16, 32, 64]],
            [12, [12, 24, 48, 96]],
            [16, [16, 32, 64, 128]],
            [24, [24, 48, 96, 192]],
            [32, [32, 64, 128, 256]],
            [52, [96, 192, 384]],
            [64, [128, 256, 512]],
        ]),
    ),
    reservationMiB: 0,
    // ECI runs no sidecar in the pod (its log collection is outside the pod's containers).
    sidecarHeadroomMiB: 0,
    cpuBasis: "limit-else-request",
    source: "https://www.alibabacloud.com/help/en/eci/user-guide/specify-the-number-of-vcpus-and-memory-size-to-create-a-pod",
    asOf: "2026-11",
}) as CapacityGrid;

/**
 * The grid data of a billing grid.
 *
 * @throws InputError for an unknown grid name (including `none`, which has no grid)
 */
export function capacityGrid(name: BillingGridName, key = "grid"): CapacityGrid {
    if (name === "fargate") {
        return FARGATE_GRID;
    }
    if (name === "eci") {
        return ECI_GRID;
    }
    throw new InputError(key, `${describeValue(name)} is not a billing grid`, '"fargate" or "eci"');
}

/** Checks a grid name given by a caller. @throws InputError when it is not one of the three. */
export function checkGridName(name: unknown, key = "grid"): CapacityGridName {
    if (CAPACITY_GRIDS.includes(name as CapacityGridName)) {
        return name as CapacityGridName;
    }
    throw new InputError(key, `${describeValue(name)} is not a capacity grid`, '"fargate", "eci" or "none"');
}

/** The platform's own memory reservation per pod: 256 MiB on Fargate, 0 on ECI and `none`. */
export function platformReservationMiB(grid: CapacityGridName): number {
    return grid === "none" ? 0 : capacityGrid(grid).reservationMiB;
}

/** The headroom right-sizing leaves free per pod by default: 128 MiB on Fargate, 0 on ECI and `none`. */
export function defaultSidecarHeadroomMiB(grid: CapacityGridName): number {
    return grid === "none" ? 0 : capacityGrid(grid).sidecarHeadroomMiB;
}

/** Memory of a shape the pod can actually use: shape memory minus the platform's reservation. */
export function usableMemoryMiB(grid: BillingGridName, shape: CapacityShape): number {
    return shapeMemoryMiB(shape) - capacityGrid(grid).reservationMiB;
}

/** Shape memory in MiB (every grid value is a multiple of 0.5 GiB, so this is exact). */
export function shapeMemoryMiB(shape: CapacityShape): number {
    return Math.round(shape.memoryGiB * 1024);
}

/** The largest vCPU count and memory a grid offers. */
export function largestShape(grid: BillingGridName): CapacityShape {
    const shapes = capacityGrid(grid).shapes;
    return {
        vcpu: Math.max(...shapes.map((s) => s.vcpu)),
        memoryGiB: Math.max(...shapes.map((s) => s.memoryGiB)),
    };
}

/** The CPU (cores) a grid bills a pod on, given its request and optional limit. */
export function billingCpu(grid: CapacityGridName, pod: { cpu: number; cpuLimit?: number | null }): number {
    if (grid === "eci" && pod.cpuLimit !== undefined && pod.cpuLimit !== null) {
        return pod.cpuLimit;
    }
    return pod.cpu;
}

/** A pod's size as a grid sees it: CPU in cores, memory (request = limit) in MiB. */
export interface PodSize {
    cpu: number;
    memoryMiB: number;
}

/**
 * Every shape that holds a pod (after adding the platform's reservation), in grid order:
 * smallest vCPU first, then smallest memory. Empty when the pod is beyond the grid; `none` has
 * no shapes.
 */
export function fittingShapes(grid: CapacityGridName, pod: PodSize): CapacityShape[] {
    if (grid === "none") {
        return [];
    }
    const data = capacityGrid(grid);
    const cpuMilli = coresToMilli(pod.cpu);
    const neededMiB = pod.memoryMiB + data.reservationMiB;
    return data.shapes.filter((s) => coresToMilli(s.vcpu) >= cpuMilli && shapeMemoryMiB(s) >= neededMiB);
}

/**
 * The shape a platform bills for a pod left to its own rounding: the smallest vCPU count at or
 * above the pod's CPU that offers enough memory, and the smallest such memory, after adding the
 * platform's reservation.
 *
 * Neither AWS nor Alibaba spell out how "nearest" trades vCPU against memory. On the Fargate
 * grid this order always gives the cheapest fitting shape, so the question does not arise. On
 * ECI it does in a few gaps (e.g. 40 vCPU / 200 GiB: 52-384Gi first, 64-256Gi cheaper): there
 * we assume the vCPU-first reading, and sizing sidesteps it by pinning a shape with
 * `k8s.aliyun.com/eci-use-specs`.
 *
 * @param grid the grid; `none` has no shapes and gives null
 * @param pod CPU in cores (use `billingCpu` for the figure the grid bills on) and memory in MiB
 * @param key argument name for errors (callers prefix their own path)
 * @throws InputError when the pod is beyond the grid's largest shape, or its size is not valid
 */
export function billedShape(grid: BillingGridName, pod: PodSize, key?: string): CapacityShape;
export function billedShape(grid: CapacityGridName, pod: PodSize, key?: string): CapacityShape | null;
export function billedShape(grid: CapacityGridName, pod: PodSize, key = "pod"): CapacityShape | null {
    if (!Number.isFinite(pod.cpu) || pod.cpu < 0) {
        throw new InputError(`${key}.cpu`, `${describeValue(pod.cpu)} is not a CPU amount`, "a number of cores of 0 or more");
    }
    if (!Number.isSafeInteger(pod.memoryMiB) || pod.memoryMiB < 0) {
        throw new InputError(`${key}.memoryMiB`, `${describeValue(pod.memoryMiB)} is not a memory amount`, "whole MiB of 0 or more");
    }
    if (grid === "none") {
        return null;
    }
    const shape = fittingShapes(grid, pod)[0];
    if (shape) {
        return shape;
    }
    const data = capacityGrid(grid);
    const cpuMilli = coresToMilli(pod.cpu);
    const largest = largestShape(grid);
    if (cpuMilli > coresToMilli(largest.vcpu)) {
        throw new InputError(`${key}.cpu`, `${pod.cpu} vCPU is above the largest ${grid} shape (${largest.vcpu} vCPU)`, `at most ${largest.vcpu} vCPU`);
    }
    const roomiest = data.shapes.filter((s) => coresToMilli(s.vcpu) >= cpuMilli).reduce((a, b) => (b.memoryGiB > a.memoryGiB ? b : a));
    const reservation = data.reservationMiB > 0 ? ` plus the ${data.reservationMiB} MiB ${grid} adds` : "";
    throw new InputError(
        `${key}.memoryMiB`,
        `${pod.memoryMiB} MiB${reservation} is above the largest ${grid} shape for ${pod.cpu} vCPU (${roomiest.vcpu} vCPU / ${roomiest.memoryGiB} GiB)`,
        `at most ${shapeMemoryMiB(roomiest) - data.reservationMiB} MiB`,
    );
}

/** Renders a shape for people: `"2 vCPU / 8 GiB"`. */
export function formatShape(shape: CapacityShape): string {
    return `${shape.vcpu} vCPU / ${shape.memoryGiB} GiB`;
}

/** The ECI annotation that pins a pod to one spec, so ECI bills exactly the shape sizing chose. */
export const ECI_USE_SPECS_ANNOTATION = "k8s.aliyun.com/eci-use-specs";

/** The `k8s.aliyun.com/eci-use-specs` value for a shape, e.g. `"2-8Gi"` or `"0.5-1Gi"`. */
export function eciUseSpecsValue(shape: CapacityShape): string {
    return `${shape.vcpu}-${shape.memoryGiB}Gi`;
}

/** An ECI vCPU-memory spec as written in `eci-use-specs`: `4-16Gi`, `0.5-1Gi`. */
const ECI_SPEC = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)Gi$/;

/** The shape of an ECI vCPU-memory spec on the ECI grid, or undefined when it is not one of the grid's. */
export function eciSpecShape(spec: string): CapacityShape | undefined {
    const match = ECI_SPEC.exec(spec);
    if (!match) return undefined;
    const [vcpu, memoryGiB] = [Number(match[1]), Number(match[2])];
    return ECI_GRID.shapes.find((s) => s.vcpu === vcpu && s.memoryGiB === memoryGiB);
}

/** ECI tries at most five specs per pod (ECI "Create pods by specifying multiple specifications", read 2026-11-29). */
export const ECI_MAX_SPECS = 5;

/**
 * The `eci-use-specs` value of a pod sized to `spec`, followed by the `fallbacks` that hold it (at
 * least its vCPU and memory), in order and at most {@link ECI_MAX_SPECS} in all: ECI tries them in
 * that order until one has capacity. A fallback smaller than the pod is left out for it. `spec`
 * alone when it is not a grid spec.
 */
export function eciSpecsWithFallbacks(spec: string, fallbacks: readonly CapacityShape[]): string {
    const own = eciSpecShape(spec);
    if (own === undefined) return spec;
    const holding = fallbacks.filter((f) => f.vcpu >= own.vcpu && f.memoryGiB >= own.memoryGiB && !(f.vcpu === own.vcpu && f.memoryGiB === own.memoryGiB));
    return [spec, ...holding.map(eciUseSpecsValue)].slice(0, ECI_MAX_SPECS).join(",");
}

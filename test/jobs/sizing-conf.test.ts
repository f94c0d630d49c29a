import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";

import { resolveJob } from "../../components/jobs/resolve";
import type { SparkJobArgs } from "../../components/jobs/types";

/**
 * Sizing counts every byte Spark adds to a pod. The expected pod memory is computed here from
 * Spark's rules, independently of components/sizing (apache/spark v3.5.3
 * BasicDriverFeatureStep/BasicExecutorFeatureStep, ResourceProfile.calculateOverHeadMemory):
 * memory = heap + overhead (+ off-heap when enabled + PySpark memory for Python apps, executors
 * only); overhead = the explicit one, else max(trunc(factor x heap), minimum 384 MiB); factor = the
 * role's, else spark.kubernetes.memoryOverheadFactor, else 0.1 (JVM) or 0.4 (Python, R). The billed
 * shape follows Fargate's published rule (fargate-pod-configuration.html: pod + 256 MB, rounded up
 * to the next vCPU/memory combination), written out again below.
 */

const scheduling = { nodeSelector: {}, tolerations: [], podAnnotations: {}, podLabels: {} };
const placement = (capacityGrid: "fargate" | "eci" | "none") => ({ capacityGrid, scheduling });

type Lang = "Scala" | "Python" | "R";
type Conf = Record<string, string>;

function job(type: Lang, overrides: Partial<SparkJobArgs> = {}): SparkJobArgs {
    return {
        namespace: "spark-jobs",
        type,
        image: "apache/spark:3.5.3",
        ...(type === "Scala" ? { mainClass: "org.example.Main" } : {}),
        mainApplicationFile: type === "Scala" ? "local:///opt/app.jar" : "local:///opt/app.py",
        placement: placement("fargate"),
        ...overrides,
    };
}

/** A Spark size in MiB: a whole number with an optional k/m/g/t suffix; `unit` when there is none. */
function mib(text: string, unit: "b" | "m"): number {
    const [, digits, suffix] = /^(\d+)([kmgt]?)$/.exec(text.toLowerCase())!;
    const power = { "": unit === "b" ? -2 : 0, k: -1, m: 0, g: 1, t: 2 }[suffix!]!;
    return Math.floor(Number(digits) * 1024 ** power);
}

/** Spark's pod memory for a role, from scratch. */
function expectedPodMiB(role: "driver" | "executor", type: Lang, heap: string, conf: Conf, overheadField?: string): number {
    const heapMiB = mib(heap, "m");
    const factor = Number(conf[`spark.${role}.memoryOverheadFactor`] ?? conf["spark.kubernetes.memoryOverheadFactor"] ?? (type === "Scala" ? 0.1 : 0.4));
    const floor = conf[`spark.${role}.minMemoryOverhead`] ? mib(conf[`spark.${role}.minMemoryOverhead`]!, "m") : 384;
    const explicit = overheadField ?? conf[`spark.${role}.memoryOverhead`];
    let total = heapMiB + (explicit ? mib(explicit, "m") : Math.max(Math.trunc(factor * heapMiB), floor));
    if (role === "executor") {
        if (conf["spark.memory.offHeap.enabled"]?.toLowerCase() === "true") total += mib(conf["spark.memory.offHeap.size"]!, "b");
        if (type === "Python" && conf["spark.executor.pyspark.memory"]) total += mib(conf["spark.executor.pyspark.memory"], "m");
    }
    return total;
}

/** Fargate's vCPU/memory combinations (GB read as GiB), smallest first. */
const FARGATE: [number, number[]][] = [
    [0.25, [0.5, 1, 2]],
    [0.5, [1, 2, 3, 4]],
    [1, [2, 3, 4, 5, 6, 7, 8]],
    [2, [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]],
    [4, Array.from({ length: 23 }, (_, i) => 8 + i)],
];

function fargateBill(cpu: number, podMiB: number): { vcpu: number; memoryGiB: number } {
    for (const [vcpu, memories] of FARGATE) {
        if (vcpu < cpu) continue;
        const memoryGiB = memories.find((gib) => gib * 1024 >= podMiB + 256);
        if (memoryGiB !== undefined) return { vcpu, memoryGiB };
    }
    throw new Error(`no Fargate shape for ${cpu} vCPU / ${podMiB} MiB`);
}

describe("GIVEN sparkConf keys that add to a pod's memory WHEN sized exactly THEN the pod and its bill are what Spark and Fargate make of them", () => {
    const rows: { title: string; type: Lang; heap: string; conf: Conf; role?: "driver" | "executor"; bill?: [number, number] }[] = [
        {
            title: "Python with 2g PySpark and 1g off-heap (the 6912 MiB pod once planned as 1 vCPU / 4 GB)",
            type: "Python",
            heap: "2743m",
            conf: { "spark.executor.pyspark.memory": "2g", "spark.memory.offHeap.enabled": "true", "spark.memory.offHeap.size": "1g" },
            bill: [1, 7],
        },
        {
            title: "Scala ignores PySpark memory, counts off-heap",
            type: "Scala",
            heap: "4g",
            conf: { "spark.executor.pyspark.memory": "2g", "spark.memory.offHeap.enabled": "true", "spark.memory.offHeap.size": "536870912" },
        },
        { title: "off-heap size without enabled adds nothing", type: "Scala", heap: "4g", conf: { "spark.memory.offHeap.size": "2g" } },
        { title: "R ignores PySpark memory but takes the 0.4 factor", type: "R", heap: "3g", conf: { "spark.executor.pyspark.memory": "1g" } },
        { title: "executor overhead factor", type: "Scala", heap: "8g", conf: { "spark.executor.memoryOverheadFactor": "0.25" }, bill: [2, 11] },
        {
            title: "application-wide Kubernetes factor, driver",
            type: "Scala",
            heap: "2g",
            conf: { "spark.kubernetes.memoryOverheadFactor": "0.2" },
            role: "driver",
        },
        {
            title: "the role's factor beats the Kubernetes one",
            type: "Python",
            heap: "5g",
            conf: { "spark.kubernetes.memoryOverheadFactor": "0.2", "spark.executor.memoryOverheadFactor": "0.15" },
        },
        {
            title: "explicit driver overhead; PySpark memory is not the driver's",
            type: "Python",
            heap: "1g",
            conf: { "spark.driver.memoryOverhead": "1g", "spark.executor.pyspark.memory": "3g" },
            role: "driver",
            bill: [1, 3],
        },
        {
            title: "explicit executor overhead beats factor and minimum",
            type: "Scala",
            heap: "2g",
            conf: { "spark.executor.memoryOverhead": "700", "spark.executor.memoryOverheadFactor": "0.5" },
        },
        {
            title: "minimum overhead (Spark 4.0 key), written out so Spark 3.5 builds the same pod",
            type: "Scala",
            heap: "2g",
            conf: { "spark.executor.minMemoryOverhead": "1g" },
        },
    ];
    it.each(rows)("$title", ({ type, heap, conf, role = "executor", bill }) => {
        const resolved = resolveJob("shapes", job(type, { sizing: "exact", sparkConf: conf, [role]: { memory: heap } }));
        const pod = resolved[role];
        const expected = expectedPodMiB(role, type, heap, conf);
        expect(pod.requests.memoryMiB).toBe(expected);
        expect(pod.report.billed).toEqual(fargateBill(1, expected));
        if (bill) expect(pod.report.billed).toEqual({ vcpu: bill[0], memoryGiB: bill[1] });
        // What the SparkApplication says gives the same pod under Spark 3.5 rules (no minimum key).
        const confWithout = Object.fromEntries(Object.entries(conf).filter(([k]) => !k.endsWith("minMemoryOverhead")));
        expect(expectedPodMiB(role, type, pod.settings.memory!, confWithout, pod.settings.memoryOverhead)).toBe(expected);
    });
});

describe("GIVEN sparkConf keys that add to a pod's memory WHEN sized to fit THEN the billed shape reported is the one Fargate and ECI bill", () => {
    const cases: { title: string; type: Lang; conf: Conf; cores?: number }[] = [
        {
            title: "Python, 2g PySpark, 1g off-heap",
            type: "Python",
            conf: { "spark.executor.pyspark.memory": "2g", "spark.memory.offHeap.enabled": "true", "spark.memory.offHeap.size": "1g" },
        },
        { title: "Scala, 4g off-heap, 2 cores", type: "Scala", conf: { "spark.memory.offHeap.enabled": "TRUE", "spark.memory.offHeap.size": "4g" }, cores: 2 },
        {
            title: "Scala, overhead factor 0.3",
            type: "Scala",
            conf: { "spark.executor.memoryOverheadFactor": "0.3", "spark.driver.memoryOverheadFactor": "0.3" },
        },
        { title: "Python, explicit 1500m overhead kept, heap fills the rest", type: "Python", conf: { "spark.executor.memoryOverhead": "1500m" } },
        { title: "Scala, minimum overhead 1g", type: "Scala", conf: { "spark.executor.minMemoryOverhead": "1g" } },
    ];
    it.each(cases)("Fargate: $title", ({ type, conf, cores = 1 }) => {
        const resolved = resolveJob("fit", job(type, { sparkConf: conf, executor: { cores } }));
        for (const role of ["driver", "executor"] as const) {
            const pod = resolved[role];
            const podMiB = expectedPodMiB(role, type, pod.settings.memory!, {}, pod.settings.memoryOverhead) + (role === "executor" ? extras(type, conf) : 0);
            expect(pod.requests.memoryMiB).toBe(podMiB);
            expect(pod.report.billed).toEqual(fargateBill(role === "executor" ? cores : 1, podMiB));
            // ... and the pod fills it, less the 128 MiB left for Fargate's log router.
            expect(podMiB + 256 + 128).toBeLessThanOrEqual(pod.report.billed!.memoryGiB * 1024);
            expect(podMiB + 256 + 128).toBeGreaterThan(pod.report.billed!.memoryGiB * 1024 - 16);
            if (conf[`spark.${role}.memoryOverhead`]) expect(pod.settings.memoryOverhead).toBe(conf[`spark.${role}.memoryOverhead`]);
        }
        // The shape once reported for the first case: too small for what Spark asks.
        if (type === "Python" && conf["spark.executor.pyspark.memory"]) {
            expect(resolved.executor.report.billed).not.toEqual({ vcpu: 1, memoryGiB: 4 });
        }
    });

    it("ECI: the pinned spec holds the whole pod, PySpark and off-heap included", () => {
        const conf = { "spark.executor.pyspark.memory": "2g", "spark.memory.offHeap.enabled": "true", "spark.memory.offHeap.size": "1g" };
        const pod = resolveJob("fit", job("Python", { sparkConf: conf, placement: placement("eci") })).executor;
        const podMiB = expectedPodMiB("executor", "Python", pod.settings.memory!, {}, pod.settings.memoryOverhead) + 3072;
        expect(pod.requests.memoryMiB).toBe(podMiB);
        const [vcpu, gib] = pod.annotations["k8s.aliyun.com/eci-use-specs"]!.split("-");
        expect(Number(vcpu)).toBeGreaterThanOrEqual(1);
        expect(podMiB).toBeLessThanOrEqual(Number.parseFloat(gib!) * 1024);
        expect(pod.report.billed).toEqual({ vcpu: Number(vcpu), memoryGiB: Number.parseFloat(gib!) });
    });
});

function extras(type: Lang, conf: Conf): number {
    return expectedPodMiB("executor", type, "1000m", conf, "0") - 1000;
}

describe("GIVEN sparkConf that would change a pod behind sizing's back WHEN resolved THEN refused with one line naming the key", () => {
    it.each<[string, Conf, string, ("fargate" | "eci" | "none")?]>([
        [
            "tmpfs local dirs",
            { "spark.kubernetes.local.dirs.tmpfs": "true" },
            "sparkConf.spark.kubernetes.local.dirs.tmpfs: would put Spark's local dirs in memory",
        ],
        [
            "a memory-backed emptyDir",
            { "spark.kubernetes.executor.volumes.emptyDir.scratch.options.medium": "Memory" },
            'sparkConf.spark.kubernetes.executor.volumes.emptyDir.scratch.options.medium: got "Memory"',
        ],
        [
            "a GPU on Fargate",
            { "spark.executor.resource.gpu.amount": "1" },
            "sparkConf.spark.executor.resource.gpu.amount: requests a device (such as a GPU) that Fargate pods",
        ],
        [
            "a GPU on ECI",
            { "spark.driver.resource.gpu.vendor": "nvidia.com" },
            "sparkConf.spark.driver.resource.gpu.vendor: requests a device (such as a GPU) that ECI pods",
            "eci",
        ],
        [
            "off-heap on but empty",
            { "spark.memory.offHeap.enabled": "true" },
            "sparkConf.spark.memory.offHeap.size: got nothing while spark.memory.offHeap.enabled is true, expected a size",
        ],
        [
            "off-heap enabled not a boolean",
            { "spark.memory.offHeap.enabled": "yes" },
            'sparkConf.spark.memory.offHeap.enabled: got "yes", expected true or false',
        ],
        ["a zero factor", { "spark.executor.memoryOverheadFactor": "0" }, 'sparkConf.spark.executor.memoryOverheadFactor: got "0", expected a factor above 0'],
        [
            "a word for a factor",
            { "spark.kubernetes.memoryOverheadFactor": "ten percent" },
            'sparkConf.spark.kubernetes.memoryOverheadFactor: got "ten percent"',
        ],
        ["a fractional size", { "spark.executor.pyspark.memory": "2.5g" }, "sparkConf.spark.executor.pyspark.memory: "],
        ["the heap", { "spark.driver.memory": "2g" }, "sparkConf.spark.driver.memory: is set by SparkJob from its arguments, expected driver.memory instead"],
        [
            "the shuffle-tracking timeout",
            { "spark.dynamicAllocation.shuffleTracking.timeout": "1min" },
            "sparkConf.spark.dynamicAllocation.shuffleTracking.timeout: is set by SparkJob from its arguments, expected dynamicAllocation.shuffleTrackingTimeoutSeconds instead",
        ],
    ])("%s", (_title, conf, message, grid = "fargate") => {
        expect(() => resolveJob("bad", job("Python", { sparkConf: conf, placement: placement(grid) }))).toThrow(message);
    });

    it("a size known only at deployment is refused, as sizing needs it now", () => {
        expect(() => resolveJob("bad", job("Python", { sparkConf: { "spark.executor.pyspark.memory": pulumi.output("2g") } }))).toThrow(
            "sparkConf.spark.executor.pyspark.memory: got a value known only at deployment, expected a plain string",
        );
    });

    it("a GPU on a cluster without a billing grid is the cluster's business, and a disk-backed emptyDir is fine", () => {
        const conf = { "spark.executor.resource.gpu.amount": "1", "spark.kubernetes.executor.volumes.emptyDir.scratch.options.medium": "" };
        expect(() => resolveJob("gpu", job("Python", { sparkConf: conf, placement: placement("none") }))).not.toThrow();
    });
});

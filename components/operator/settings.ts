import { z } from "zod";

import { requireInteger } from "../checks";
import { describeValue, InputError } from "../errors";
import { isSystemNamespace, requireDns1123Label } from "../names";
import { parseShape } from "../shape";
import { largestShape, parseCpuMilli } from "../sizing";
import { OPERATOR_DEFAULTS } from "./defaults";
import type { ContainerResources } from "./values";

/**
 * The Spark operator's settings: the `operator` key of every stack and top-level component, and
 * the arguments of {@link SparkOperator} besides the namespaces it watches.
 */
export interface SparkOperatorSettings {
    /**
     * Version of the `spark-operator` chart.
     * @default "2.5.2"
     */
    chartVersion?: string;
    /**
     * Helm repository the chart comes from: an `https://` URL without credentials in it (plain HTTP
     * would let anyone on the network swap the chart, which installs cluster-wide RBAC; a
     * `user:password@` URL would put the password in the state and in every preview).
     * @default "https://kubeflow.github.io/spark-operator"
     */
    repository?: string;
    /**
     * User name for a Helm repository that needs one, with `repositoryPassword`.
     * @default none (an anonymous repository)
     */
    repositoryUsername?: string;
    /**
     * Password for the Helm repository, with `repositoryUsername`. Handed to the Helm release's
     * `repositoryOpts` as a Pulumi secret; set it with `pulumi config set --secret`.
     * @default none (an anonymous repository)
     */
    repositoryPassword?: string;
    /**
     * Namespace the operator runs in.
     * @default "spark-operator"
     */
    namespace?: string;
    /**
     * Helm release name; every chart object name derives from it, so it is pinned.
     * @default "spark-operator"
     */
    releaseName?: string;
    /**
     * Whether to install the operator's admission webhook. This package's jobs do not need it: their
     * settings reach the pods through spark-submit conf and pod templates, and what its validator refuses
     * is refused here before anything is declared. Turn it on to validate and default SparkApplications
     * applied by hand, or to use the fields only it applies (`spec.volumes`, `driver.env`, ...). While
     * it is installed and no replica answers, every Spark pod in the job namespaces is refused (the
     * chart's `failurePolicy: Fail`), so it runs `webhookReplicas` replicas under a PodDisruptionBudget.
     * @default false
     */
    webhook?: boolean;
    /**
     * Replicas of the admission webhook (2 to 10), with `webhook: true` only. At least 2, and a
     * PodDisruptionBudget keeps one up, because while none is reachable every Spark pod is refused.
     * @default 2
     */
    webhookReplicas?: number;
    /**
     * Controller CPU and memory (requests = limits). spark-submit runs in this pod.
     * @default { cpu: "1", memory: "1792Mi" }
     */
    controllerResources?: ContainerResources;
    /**
     * Webhook CPU and memory (requests = limits), with `webhook: true` only.
     * @default { cpu: "250m", memory: "256Mi" }
     */
    webhookResources?: ContainerResources;
}

const resourcesSchema = z.strictObject(
    {
        cpu: z.string({ error: 'a Kubernetes CPU quantity string such as "1" or "500m"' }),
        memory: z.string({ error: 'a Kubernetes memory quantity string such as "1792Mi"' }),
    },
    { error: "an object {cpu, memory}" },
);

/** The shape of {@link SparkOperatorSettings}; each message is the "expected" half of an error. */
export const sparkOperatorSettingsSchema = z.strictObject(
    {
        chartVersion: z.string({ error: 'a chart version string such as "2.5.2"' }).optional(),
        repository: z.string({ error: "a Helm repository URL such as https://kubeflow.github.io/spark-operator" }).optional(),
        repositoryUsername: z.string({ error: "a user name for the Helm repository" }).optional(),
        repositoryPassword: z.string({ error: "a password for the Helm repository" }).optional(),
        namespace: z.string({ error: "a namespace name" }).optional(),
        releaseName: z.string({ error: "a Helm release name" }).optional(),
        webhook: z.boolean({ error: "true or false" }).optional(),
        webhookReplicas: z.int({ error: "an integer from 2 to 10" }).optional(),
        controllerResources: resourcesSchema.optional(),
        webhookResources: resourcesSchema.optional(),
    },
    { error: "an object with chartVersion, namespace, webhook, ..." },
) satisfies z.ZodType<SparkOperatorSettings>;

const CHART_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
// CPU in cores or millicores; memory in bytes with a decimal or binary suffix ("m" would be millibytes).
/** MiB of a memory quantity the QUANTITY pattern accepted (Kubernetes binary and decimal suffixes). */
function kubernetesMemoryMiB(quantity: string): number {
    const [, amount, , unit] = QUANTITY.memory.pattern.exec(quantity)!;
    const bytes: Record<string, number> = { "": 1, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
    return (Number(amount) * bytes[unit ?? ""]!) / 2 ** 20;
}

const QUANTITY = {
    cpu: { pattern: /^(\d+(\.\d+)?)m?$/, expected: "a Kubernetes quantity of CPU above zero, such as 250m, 1 or 1.5" },
    memory: {
        pattern: /^(\d+(\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/,
        expected: "a Kubernetes quantity of memory above zero, such as 256Mi or 1Gi (not 256m: m means millibytes)",
    },
} as const;

/**
 * The Helm repository URL, checked: https only, and no credentials in the URL (they go in
 * `repositoryUsername` / `repositoryPassword`, which reach Helm as secrets). Errors never show the
 * URL's user-info part, which may hold a password.
 */
function resolveRepository(settings: SparkOperatorSettings): string {
    const repository = settings.repository ?? OPERATOR_DEFAULTS.repository;
    const expected = "an https URL of a Helm repository such as https://kubeflow.github.io/spark-operator";
    const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#\s]*)/.exec(repository)?.[1];
    if (authority?.includes("@")) {
        throw new InputError(
            "repository",
            "has credentials in the URL (user:password@), which would be stored and shown in plain text",
            "the URL without them, and {{repositoryUsername}} and {{repositoryPassword}} (set with pulumi config set --secret)",
        );
    }
    if (/^http:\/\//i.test(repository)) {
        throw new InputError("repository", `got ${describeValue(repository)}, plain HTTP (anyone on the network could swap the chart)`, expected);
    }
    if (!/^https:\/\/[^\s/?#]+[^\s]*$/.test(repository)) {
        throw new InputError("repository", `got ${describeValue(repository)}`, expected);
    }
    if ((settings.repositoryUsername === undefined) !== (settings.repositoryPassword === undefined)) {
        const [given, missing] =
            settings.repositoryUsername === undefined ? ["repositoryPassword", "repositoryUsername"] : ["repositoryUsername", "repositoryPassword"];
        throw new InputError(given, `is set without {{${missing}}}`, "both or neither");
    }
    return repository;
}

/**
 * Parses the operator's settings (shape, values, defaults); errors name the setting
 * (`webhookReplicas`), relative to the settings.
 * @param createNamespace whether the operator's namespace is declared here (then it must not be one
 *   every cluster already has)
 */
export function resolveSparkOperatorSettings(input: unknown, createNamespace = true): SparkOperatorSettings {
    const settings = parseShape(sparkOperatorSettingsSchema, input ?? {});
    const version = settings.chartVersion ?? OPERATOR_DEFAULTS.chartVersion;
    if (!CHART_VERSION.test(version)) {
        throw new InputError("chartVersion", `got ${describeValue(version)}`, "a chart version such as 2.5.2");
    }
    const repository = resolveRepository(settings);
    const namespace = requireDns1123Label(settings.namespace ?? OPERATOR_DEFAULTS.namespace, "namespace");
    // Declaring a namespace the cluster already has fails with AlreadyExists at deploy time.
    if (createNamespace && isSystemNamespace(namespace)) {
        throw new InputError(
            "namespace",
            `got ${describeValue(namespace)}, a namespace every cluster already has`,
            "a namespace of the operator's own (not default or kube-*), or createNamespace: false",
        );
    }
    // Helm release names are DNS-1123 labels of at most 53 characters.
    const releaseName = requireDns1123Label(settings.releaseName ?? OPERATOR_DEFAULTS.releaseName, "releaseName", 53);
    const webhookReplicas = requireInteger(settings.webhookReplicas ?? OPERATOR_DEFAULTS.webhookReplicas, "webhookReplicas", 2, 10, "an integer");
    for (const key of ["controllerResources", "webhookResources"] as const) {
        const resources = settings[key];
        if (resources === undefined) continue;
        for (const field of ["cpu", "memory"] as const) {
            const match = QUANTITY[field].pattern.exec(resources[field]);
            if (!match || Number(match[1]) <= 0) {
                throw new InputError(`${key}.${field}`, `got ${describeValue(resources[field])}`, QUANTITY[field].expected);
            }
        }
        // A pod larger than the largest virtual-node shape never schedules (and a runaway figure is a typo).
        const largest = {
            vcpu: Math.max(largestShape("fargate").vcpu, largestShape("eci").vcpu),
            memoryGiB: Math.max(largestShape("fargate").memoryGiB, largestShape("eci").memoryGiB),
        };
        if (parseCpuMilli(resources.cpu, `${key}.cpu`) > largest.vcpu * 1000) {
            throw new InputError(`${key}.cpu`, `got ${describeValue(resources.cpu)}`, `at most ${largest.vcpu} CPUs, the largest virtual-node shape`);
        }
        if (kubernetesMemoryMiB(resources.memory) > largest.memoryGiB * 1024) {
            throw new InputError(`${key}.memory`, `got ${describeValue(resources.memory)}`, `at most ${largest.memoryGiB}Gi, the largest virtual-node shape`);
        }
    }
    const webhook = settings.webhook ?? OPERATOR_DEFAULTS.webhook;
    // Without the webhook these settings would be dropped silently; a stack that sets them means to run it.
    for (const key of ["webhookReplicas", "webhookResources"] as const) {
        if (!webhook && settings[key] !== undefined) {
            throw new InputError(key, "applies to the admission webhook, which is off", `{{webhook}}: true beside it, or no ${key}`);
        }
    }
    return { ...settings, chartVersion: version, repository, namespace, releaseName, webhook, webhookReplicas };
}

import { z } from "zod";

import { requireInteger } from "../checks";
import { describeValue, InputError } from "../errors";
import { isSystemNamespace, requireDns1123Label } from "../names";
import { parseShape } from "../shape";
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
     * Helm repository the chart comes from.
     * @default "https://kubeflow.github.io/spark-operator"
     */
    repository?: string;
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
const QUANTITY = {
    cpu: { pattern: /^(\d+(\.\d+)?)m?$/, expected: "a Kubernetes quantity of CPU above zero, such as 250m, 1 or 1.5" },
    memory: {
        pattern: /^(\d+(\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/,
        expected: "a Kubernetes quantity of memory above zero, such as 256Mi or 1Gi (not 256m: m means millibytes)",
    },
} as const;

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
    const repository = settings.repository ?? OPERATOR_DEFAULTS.repository;
    if (!/^https?:\/\/[^\s/?#]+[^\s]*$/.test(repository)) {
        throw new InputError(
            "repository",
            `got ${describeValue(repository)}`,
            "an http(s) URL of a Helm repository such as https://kubeflow.github.io/spark-operator",
        );
    }
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

/**
 * Defaults for the Kubeflow Spark operator chart.
 * Source: kubeflow/spark-operator tag v2.5.2 (charts/spark-operator-chart), read 2026-11.
 */
export const OPERATOR_DEFAULTS = {
    chart: "spark-operator",
    chartVersion: "2.5.2",
    repository: "https://kubeflow.github.io/spark-operator",
    /**
     * Pinned: the chart derives every object name from the release name (`<fullname>-controller`,
     * `<fullname>-webhook`, ...). Without an explicit name Pulumi adds a random suffix.
     */
    releaseName: "spark-operator",
    namespace: "spark-operator",
    webhookReplicas: 2,
    /**
     * spark-submit runs inside the controller pod, one JVM per submission; too little memory shows
     * as `failed to run spark-submit: signal: killed` (kubeflow/spark-operator#1287). 1 CPU / 1792 Mi
     * fills a 1 vCPU / 2 GB Fargate shape exactly (1792 Mi + Fargate's 256 MB) and rounds to the
     * 1 vCPU / 2 GiB ECI spec.
     */
    controllerResources: { cpu: "1", memory: "1792Mi" },
    /** The webhook is a small Go server; 0.25 vCPU / 256 Mi fills the smallest Fargate and ECI shapes. */
    webhookResources: { cpu: "250m", memory: "256Mi" },
} as const;

/** Labels the chart puts on webhook pods (templates/webhook/_helpers.tpl, v2.5.2), for the PDB selector. */
export function webhookSelectorLabels(releaseName: string): Record<string, string> {
    return {
        "app.kubernetes.io/name": "spark-operator",
        "app.kubernetes.io/instance": releaseName,
        "app.kubernetes.io/component": "webhook",
    };
}

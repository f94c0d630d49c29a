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
    /**
     * The chart's controller image (values `image.registry` / `image.repository`; the tag is the
     * chart's appVersion, 2.5.2 for chart 2.5.2), also the webhook's. Written into the values only
     * with an image mirror, so a release without one keeps the chart's own values.
     */
    image: { registry: "ghcr.io", repository: "kubeflow/spark-operator/controller" },
    namespace: "spark-operator",
    /**
     * Off: every Spark setting this package makes reaches the pods through spark-submit conf and pod
     * templates, which the controller passes on itself, so the admission webhook would change nothing in
     * them, yet with `failurePolicy: Fail` its outage refuses every driver and executor pod. Read in
     * kubeflow/spark-operator v2.5.2 (2026-11-29):
     * - internal/controller/sparkapplication/submission.go:331 and :704 label every driver and executor
     *   pod `sparkoperator.k8s.io/launched-by-spark-operator=true` whatever the webhook setting: the
     *   controller's own pod cache selects on it (cmd/operator/controller/start.go:425-428), and the
     *   chart's pod webhook selects the same label (templates/webhook/mutatingwebhookconfiguration.yaml:53-55),
     *   sending every Spark pod create to it while it is installed;
     * - submission.go:334-338 and :707-711 mark pods for mutation only without a pod template (or before
     *   Spark 3), and :1115-1189 write the templates, owner references included, for spark-submit;
     * - the controller's chart Deployment passes no webhook flag (templates/controller/deployment.yaml),
     *   and the webhook's objects all sit behind `webhook.enable` (templates/webhook/*.yaml:17);
     * - the SparkApplication defaulter (internal/webhook/sparkapplication_defaulter.go:45-60,
     *   api/v1beta2/defaults.go:39-106) fills fields this package always sets (type, mode, restart
     *   policy, cores, memory, instances), and the controller's own validator is empty
     *   (internal/controller/sparkapplication/validator.go:31-44);
     * - the validating webhook's rules (internal/webhook/sparkapplication_validator.go:133-187,
     *   scheduledsparkapplication_validator.go:102-113, sparkconf_validator.go) concern fields this
     *   package never writes (`nodeSelector`, `driverIngressOptions`) or are checked before anything is
     *   declared: refused Spark conf keys (components/jobs/spark-conf-rules.ts), DNS-1035 names and
     *   Spark 3 for pod templates (components/jobs/resolve.ts).
     * What is lost: validation and defaulting of SparkApplications applied by hand, and the fields only
     * the pod webhook applies (`spec.volumes`, `driver.env`, `securityContext`, ...) in such
     * applications. `webhook: true` brings it back.
     */
    webhook: false,
    /** With the webhook on, one replica may be drained while another answers. */
    webhookReplicas: 2,
    /**
     * spark-submit runs inside the controller pod, one JVM per submission; too little memory shows
     * as `failed to run spark-submit: signal: killed` (kubeflow/spark-operator#1287). 1 CPU / 1792 Mi
     * fills a 1 vCPU / 2 GB Fargate shape exactly (1792 Mi + Fargate's 256 MB) and rounds to the
     * 1 vCPU / 2 GiB ECI spec.
     */
    controllerResources: { cpu: "1", memory: "1792Mi" },
    /**
     * Concurrent reconciles, each of which may run a spark-submit JVM (chart 2.5.2 `controller.workers`,
     * default 10, "higher values might increase memory usage"). spark-submit gets no `-Xmx` there, so
     * each JVM may take a quarter of the container's 1792 Mi as heap (the JDK's default for a
     * container): ten at once can outgrow the pod and be OOM-killed mid-submission
     * (kubeflow/spark-operator#1287). Four keep the worst case near the limit; submissions queue.
     */
    controllerWorkers: 4,
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

import type { JobIntegration, JobNamespaceHandle, NamespaceIntegrator } from "./types";

/**
 * Spark's own Prometheus endpoints, served by the driver's UI (port 4040): the driver's metrics
 * through the `PrometheusServlet` sink at `/metrics/prometheus`, and every executor's at
 * `/metrics/executors/prometheus` (`spark.ui.prometheus.enabled`, off by default in Spark 3.x).
 * Executors serve no HTTP endpoint of their own, so only the driver is annotated for scraping.
 * Source: apache/spark v3.5.3 `docs/monitoring.md` ("Executor Metrics", "Metrics": the
 * `PrometheusServlet` sink) and `docs/configuration.md` (`spark.ui.prometheus.enabled`, since 3.0.0),
 * read 2026-11-29.
 */
export const SPARK_PROMETHEUS_CONF: Readonly<Record<string, string>> = Object.freeze({
    "spark.ui.prometheus.enabled": "true",
    "spark.metrics.conf.*.sink.prometheusServlet.class": "org.apache.spark.metrics.sink.PrometheusServlet",
    "spark.metrics.conf.*.sink.prometheusServlet.path": "/metrics/prometheus",
});

/**
 * The de-facto scrape annotations that annotation-driven Prometheus set-ups read (the community
 * `kubernetes-pods` job of Prometheus's example configuration, prometheus/prometheus
 * `documentation/examples/prometheus-kubernetes.yml`, read 2026-11-29). Only the driver's pod.
 */
export const DRIVER_SCRAPE_ANNOTATIONS: Readonly<Record<string, string>> = Object.freeze({
    "prometheus.io/scrape": "true",
    "prometheus.io/port": "4040",
    "prometheus.io/path": "/metrics/prometheus",
});

/** Turns Spark's Prometheus endpoints on in every job of a namespace and marks drivers for scraping. */
export class SparkPrometheusMetrics implements NamespaceIntegrator {
    integrate(_ns: JobNamespaceHandle): JobIntegration {
        return { source: "metrics", sparkConf: { ...SPARK_PROMETHEUS_CONF }, driverPodAnnotations: { ...DRIVER_SCRAPE_ANNOTATIONS } };
    }
}

import { AIRFLOW_IMAGES } from "../../components/airflow/values";
import type { Plan } from "../../tools/plan/plan-model";

const RELEASE = "kubernetes:helm.sh/v3:Release";

/**
 * Every container image a plan pulls: pod specs, SparkApplications, SparkConnect and image caches
 * (their `image` and `images` fields), the Spark operator chart's `image` values (its chart default
 * when unset) and the Airflow chart's `defaultAirflowRepository`/`defaultAirflowTag` (the chart's
 * `apache/airflow` at its default tag when unset).
 */
export function imagesOf(plan: Pick<Plan, "resources">): string[] {
    const images: string[] = [];
    const walk = (value: unknown, key?: string) => {
        if (typeof value === "string" && key === "image") images.push(value);
        else if (Array.isArray(value)) value.forEach((v) => walk(v, key === "images" ? "image" : undefined));
        else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) walk(v, k);
    };
    for (const r of plan.resources) {
        if (r.type !== RELEASE) {
            walk(r.inputs);
            continue;
        }
        const values = (r.inputs.values ?? {}) as {
            image?: { registry: string; repository: string };
            defaultAirflowRepository?: string;
            defaultAirflowTag?: string;
        };
        if (r.inputs.chart === "airflow") {
            const { repository, tag } = AIRFLOW_IMAGES.airflow;
            images.push(`${values.defaultAirflowRepository ?? repository}:${values.defaultAirflowTag ?? tag}`);
        } else {
            images.push(values.image ? `${values.image.registry}/${values.image.repository}` : "ghcr.io/kubeflow/spark-operator/controller");
        }
    }
    return images;
}

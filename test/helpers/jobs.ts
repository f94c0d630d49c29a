import type { JobPlacement, SparkJobArgs } from "../../components/jobs/types";

/** A scheduling profile that adds nothing. */
export const NO_SCHEDULING = { nodeSelector: {}, tolerations: [], podAnnotations: {}, podLabels: {} };

/** A minimal Scala job in `spark-jobs` on `placement`, with overrides. */
export function scalaJob(placement: JobPlacement, overrides: Partial<SparkJobArgs> = {}): SparkJobArgs {
    return {
        namespace: "spark-jobs",
        type: "Scala",
        image: "apache/spark:3.5.3",
        mainClass: "org.example.Main",
        mainApplicationFile: "local:///opt/app.jar",
        placement,
        ...overrides,
    };
}

import { SchedulingProfile } from "../cluster/types";
import { OPERATOR_DEFAULTS } from "./defaults";

/** CPU and memory for one operator container; requests and limits are set equal. */
export interface ContainerResources {
    /** Kubernetes CPU quantity, e.g. `"1"` or `"250m"`. */
    cpu: string;
    /** Kubernetes memory quantity, e.g. `"1792Mi"`. */
    memory: string;
}

/** Everything the chart values are computed from. */
export interface OperatorValuesInput {
    jobNamespaces: string[];
    /** Whether the chart installs the admission webhook; see `OPERATOR_DEFAULTS.webhook` for why it is off by default. */
    webhook: boolean;
    webhookReplicas: number;
    controllerResources: ContainerResources;
    webhookResources: ContainerResources;
    scheduling: SchedulingProfile;
}

/**
 * Helm values for the spark-operator chart. Pure, so the exact values are unit-tested and show up in
 * plan diffs.
 */
export function operatorHelmValues(input: OperatorValuesInput): Record<string, unknown> {
    const placement = {
        nodeSelector: input.scheduling.nodeSelector,
        tolerations: input.scheduling.tolerations,
        annotations: input.scheduling.podAnnotations,
        labels: input.scheduling.podLabels,
    };
    // Requests = limits: Fargate requires it to size the pod and ECI bills by limits.
    const resources = (r: ContainerResources) => ({ requests: { ...r }, limits: { ...r } });
    return {
        controller: {
            ...placement,
            workers: OPERATOR_DEFAULTS.controllerWorkers,
            resources: resources(input.controllerResources),
        },
        // Off, the chart renders none of the webhook's objects (Deployment, Service, RBAC, webhook
        // configurations: templates/webhook/*.yaml in chart 2.5.2), so its other values would be noise.
        webhook: input.webhook
            ? {
                  enable: true,
                  ...placement,
                  replicas: input.webhookReplicas,
                  resources: resources(input.webhookResources),
                  // The platform declares its own PodDisruptionBudget so that it shows in plans and diffs.
                  podDisruptionBudget: { enable: false },
              }
            : { enable: false },
        spark: {
            jobNamespaces: input.jobNamespaces,
            // SparkNamespace creates the driver/executor service accounts and a least-privilege Role.
            serviceAccount: { create: false },
            rbac: { create: false },
        },
        prometheus: {
            metrics: { enable: true },
        },
    };
}

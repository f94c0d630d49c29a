import { SchedulingProfile } from "../cluster/types";
import { mirroredImage } from "../images";
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
    /** A registry holding a copy of the controller image (see components/images.ts). @default none: the chart's ghcr.io image */
    imageRegistry?: string;
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
        ...(input.imageRegistry !== undefined ? { image: operatorImageValues(input.imageRegistry) } : {}),
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

/**
 * The chart's `image` values for a mirror: the chart renders `<registry>/<repository>:<tag or
 * appVersion>` (templates/_helpers.tpl `spark-operator.image`, chart 2.5.2), so the mirror copy's
 * name goes in `repository` and the tag stays the chart's appVersion.
 */
function operatorImageValues(imageRegistry: string): { registry: string; repository: string } {
    const { registry, repository } = OPERATOR_DEFAULTS.image;
    const mirrored = mirroredImage(`${registry}/${repository}`, imageRegistry);
    const slash = mirrored.lastIndexOf("/");
    return { registry: mirrored.slice(0, slash), repository: mirrored.slice(slash + 1) };
}

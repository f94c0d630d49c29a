/**
 * A standalone Pulumi program that builds the platform on a cluster you already have, importing the
 * library directly. Run it from a project whose Pulumi.yaml points `main` at this file.
 */
import * as pulumi from "@pulumi/pulumi";

import { ExistingCluster, ServerlessSparkPlatform } from "../../components"; // in your program: from "serverless-spark"

const config = new pulumi.Config();

const cluster = new ExistingCluster("lab", {
    // A path or the content of a kubeconfig; unset means the ambient kubeconfig.
    kubeconfig: config.get("kubeconfig"),
    // Virtual nodes that bill by the ECI grid (ACK virtual nodes added to your own cluster).
    scheduling: {
        nodeSelector: { type: "virtual-kubelet" },
        tolerations: [{ key: "virtual-kubelet.io/provider", operator: "Equal", value: "alibabacloud", effect: "NoSchedule" }],
    },
    capacityGrid: "eci",
});

const platform = new ServerlessSparkPlatform("spark", {
    cluster,
    jobNamespaces: ["etl", "adhoc"],
    // The operator's admission webhook is off by default (this package's jobs need none); this cluster
    // also takes SparkApplications applied by hand, which it validates.
    operator: { webhook: true, webhookReplicas: 3 },
});

export const operatorNamespace = platform.operator.namespace;
export const jobNamespaces = Object.keys(platform.namespaces);

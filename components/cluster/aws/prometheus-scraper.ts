import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";

/**
 * An Amazon Managed Service for Prometheus (AMP) managed collector for the platform's pods. It is
 * agentless (no DaemonSet, which Fargate refuses): AMP puts one network interface in each given
 * subnet and scrapes pods over the VPC, so it works with Fargate ("Ingest metrics with AWS managed
 * collectors", docs.aws.amazon.com/prometheus/latest/userguide/AMP-collector.html, read 2026-11-29).
 *
 * What AMP requires of the cluster ("Using an AWS managed collector",
 * docs.aws.amazon.com/prometheus/latest/userguide/AMP-collector-how-to.html, read 2026-11-29):
 * - the API server's private endpoint on (this package always turns it on), DNS on in the VPC (the
 *   package's VPC has it; a VPC you bring must too), subnets in at least two zones;
 * - the scraper's security groups and subnets those of the cluster: here the cluster security group,
 *   which every Fargate pod gets and which admits its own members, so the collector reaches the pods;
 * - Kubernetes rights for the user `aps-collector-user`, which the scraper's service-linked role is
 *   mapped to (here an access entry). AWS's example grants cluster-wide reads; this package grants
 *   only `get`, `list` and `watch` on pods in the namespaces it scrapes, which is all a
 *   pod-discovery scrape job restricted to those namespaces reads.
 */

/** The Kubernetes user AMP's docs map the scraper's role to. */
export const SCRAPER_USER = "aps-collector-user";

/** Seconds between scrapes: Spark's metrics move by the task, and a job runs minutes. */
const SCRAPE_INTERVAL = "30s";

/**
 * The scraper's Prometheus configuration: pods in the given namespaces that carry
 * `prometheus.io/scrape: "true"` (Spark drivers, with the platform's metrics on; the Spark operator's
 * controller, whose chart sets the same annotations), at the port and path their annotations name;
 * and the executors' metrics, which Spark serves on the driver's UI port
 * (`/metrics/executors/prometheus`, apache/spark v3.5.3 docs/monitoring.md). Labels `namespace`,
 * `pod` and `app` (the SparkApplication) find a job's series.
 */
export function scraperConfiguration(namespaces: readonly string[]): string {
    const discovery = [{ role: "pod", namespaces: { names: [...namespaces].sort() } }];
    const identity = [
        { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
        { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
        { source_labels: ["__meta_kubernetes_pod_label_sparkoperator_k8s_io_app_name"], target_label: "app" },
    ];
    const annotated = (annotation: string) => `__meta_kubernetes_pod_annotation_prometheus_io_${annotation}`;
    const toAnnotatedPort = {
        source_labels: ["__address__", annotated("port")],
        regex: "([^:]+)(?::\\d+)?;(\\d+)",
        replacement: "$1:$2",
        target_label: "__address__",
        action: "replace",
    };
    return stringify(
        {
            global: { scrape_interval: SCRAPE_INTERVAL },
            scrape_configs: [
                {
                    job_name: "annotated-pods",
                    kubernetes_sd_configs: discovery,
                    relabel_configs: [
                        { source_labels: [annotated("scrape")], regex: "true", action: "keep" },
                        { source_labels: [annotated("path")], regex: "(.+)", target_label: "__metrics_path__", action: "replace" },
                        toAnnotatedPort,
                        ...identity,
                    ],
                },
                {
                    job_name: "spark-executors",
                    metrics_path: "/metrics/executors/prometheus",
                    kubernetes_sd_configs: discovery,
                    relabel_configs: [
                        { source_labels: [annotated("scrape")], regex: "true", action: "keep" },
                        { source_labels: ["__meta_kubernetes_pod_label_spark_role"], regex: "driver", action: "keep" },
                        toAnnotatedPort,
                        ...identity,
                    ],
                },
            ],
            // Plain YAML without anchors and aliases for the shared blocks, as AMP's examples are written.
        },
        { aliasDuplicateObjects: false },
    );
}

/**
 * The principal an access entry names for a role ARN: the role without its path. The scraper's
 * service-linked role lives under `aws-service-role/scraper.aps.amazonaws.com/`, and AMP's
 * instructions map `arn:<partition>:iam::<account>:role/<role name>` (AMP-collector-how-to.html).
 */
export function roleArnWithoutPath(roleArn: string): string {
    const match = /^(arn:[^:]+:iam::\d{12}:role\/)(?:.*\/)?([^/]+)$/.exec(roleArn);
    // Anything else is passed on as is: EKS then names what it refuses.
    return match ? `${match[1]}${match[2]}` : roleArn;
}

/** What {@link declarePrometheusScraper} needs. */
export interface PrometheusScraperArgs {
    region: string;
    clusterName: string;
    eksCluster: aws.eks.Cluster;
    subnetIds: pulumi.Input<string[]>;
    /** The namespaces to scrape. */
    namespaces: readonly string[];
    /** An AMP workspace to write to; without it one is created. */
    workspaceArn?: string;
}

/** The collector's AWS side. */
export interface PrometheusScraper {
    workspaceArn: pulumi.Output<string>;
    scraper: aws.amp.Scraper;
    accessEntry: aws.eks.AccessEntry;
}

/** Declares the workspace (unless given), the scraper and the access entry mapping it to {@link SCRAPER_USER}. */
export function declarePrometheusScraper(name: string, args: PrometheusScraperArgs, parent: pulumi.Resource): PrometheusScraper {
    const child = { parent };
    const workspaceArn =
        args.workspaceArn !== undefined
            ? pulumi.output(args.workspaceArn)
            : new aws.amp.Workspace(`${name}-prometheus`, { region: args.region, alias: args.clusterName }, child).arn;
    const scraper = new aws.amp.Scraper(
        `${name}-prometheus`,
        {
            region: args.region,
            alias: args.clusterName,
            source: {
                eks: {
                    clusterArn: args.eksCluster.arn,
                    subnetIds: args.subnetIds,
                    securityGroupIds: [args.eksCluster.vpcConfig.clusterSecurityGroupId],
                },
            },
            destination: { amp: { workspaceArn } },
            scrapeConfiguration: scraperConfiguration(args.namespaces),
        },
        child,
    );
    const accessEntry = new aws.eks.AccessEntry(
        `${name}-prometheus`,
        {
            region: args.region,
            clusterName: args.eksCluster.name,
            principalArn: scraper.roleArn.apply(roleArnWithoutPath),
            type: "STANDARD",
            userName: SCRAPER_USER,
        },
        child,
    );
    return { workspaceArn, scraper, accessEntry };
}

/**
 * The scraper's rights in one namespace: reading pods, to discover them. Declared by the platform
 * once the namespace exists.
 */
export function declareScraperAccess(
    name: string,
    namespace: string,
    opts: pulumi.CustomResourceOptions & { provider: k8s.Provider },
): { role: k8s.rbac.v1.Role; binding: k8s.rbac.v1.RoleBinding } {
    const metadata = { name: "prometheus-scraper", namespace };
    const role = new k8s.rbac.v1.Role(name, { metadata, rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }] }, opts);
    const binding = new k8s.rbac.v1.RoleBinding(
        name,
        {
            metadata,
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: metadata.name },
            subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: SCRAPER_USER }],
        },
        { ...opts, dependsOn: [role] },
    );
    return { role, binding };
}

/**
 * The scraper's rights in every namespace it scrapes, each once that namespace exists: the job
 * namespaces (after their Namespace objects) and the operator's (after its Helm release).
 */
export function declareScraperAccessAll(
    name: string,
    namespaces: { jobNamespaces: Record<string, pulumi.Resource>; operatorNamespace: string; operatorRelease: pulumi.Resource },
    opts: { parent: pulumi.Resource; provider: k8s.Provider },
): void {
    for (const [ns, namespace] of Object.entries(namespaces.jobNamespaces)) {
        declareScraperAccess(`${name}-prometheus-${ns}`, ns, { ...opts, dependsOn: [namespace] });
    }
    const operatorNs = namespaces.operatorNamespace;
    declareScraperAccess(`${name}-prometheus-${operatorNs}`, operatorNs, { ...opts, dependsOn: [namespaces.operatorRelease] });
}

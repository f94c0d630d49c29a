import { z } from "zod";

import type { EksNetworkArgs } from "./network-plan";

/** An EKS control-plane log type (`enabledClusterLogTypes`). */
export const EksLogType = {
    Api: "api",
    Audit: "audit",
    Authenticator: "authenticator",
    ControllerManager: "controllerManager",
    Scheduler: "scheduler",
} as const;
export type EksLogType = (typeof EksLogType)[keyof typeof EksLogType];

/** Defaults of {@link EksFargateClusterArgs}. */
export const EKS_DEFAULTS = {
    /**
     * The newest EKS version in standard support: 1.36 ("Kubernetes 1.36 is now available in Amazon
     * EKS", docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions-standard.html, read
     * 2026-11-29). Standard support lasts 14 months from the EKS release (kubernetes-versions.html);
     * 1.35's ends 2027-03-27 (endoflife.date/amazon-eks, read 2026-11-29).
     */
    version: "1.36",
    publicEndpoint: false,
    logRetentionDays: 90,
    /** Every control-plane log type. */
    logTypes: Object.values(EksLogType),
} as const;

/** The EKS cluster's own settings: the `cluster` settings of the `aws` stack. */
export interface EksClusterSettings {
    /**
     * The EKS cluster's name (1-100 letters, digits, '-' and '_', starting with a letter or digit).
     * Also the Kubernetes provider's `clusterIdentifier`, so it must stay stable.
     * @default the component's name (`serverless-spark` for `AwsSparkPlatform`)
     */
    name?: string;
    /**
     * Kubernetes version, `1.<minor>`. Raise it to upgrade (one minor at a time); EKS never downgrades.
     * @default "1.36"
     */
    version?: string;
    /**
     * Whether the API server is also reachable from the internet (the private endpoint is always
     * on). Off, `pulumi up` must run where the VPC is reachable (a runner in the VPC, a VPN).
     * @default false
     */
    publicEndpoint?: boolean;
    /**
     * IPv4 CIDRs allowed to reach the public endpoint (at most 40): the egress addresses of the
     * networks `pulumi up` and `kubectl` run from. Required when `publicEndpoint` is true: there is
     * no implicit `0.0.0.0/0`. Private, documentation and other special-purpose ranges are refused
     * (they admit no one, and EKS refuses reserved ones); `0.0.0.0/0` needs
     * `allowPublicAccessFromAnywhere`.
     * @default none
     */
    publicAccessCidrs?: string[];
    /**
     * Acknowledges `0.0.0.0/0` in `publicAccessCidrs`: the API server's public endpoint open to the
     * whole internet (still behind IAM authentication).
     * @default false
     */
    allowPublicAccessFromAnywhere?: boolean;
    /**
     * IPv4 CIDRs of networks connected to the VPC (a VPN, a peered or transit-attached VPC, a CI
     * runner in another VPC) allowed to reach the private endpoint on port 443: one ingress rule each
     * on the cluster security group, which otherwise admits only the cluster itself. The private
     * endpoint answers only inside the VPC or a connected network
     * (docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html, read 2026-11-29).
     * @default none
     */
    privateAccessCidrs?: string[];
    /**
     * An IAM role or user ARN given cluster-admin through an EKS access entry
     * (`AmazonEKSClusterAdminPolicy`, cluster scope). The principal that creates the cluster always
     * gets an access entry of its own (`bootstrapClusterCreatorAdminPermissions`, fixed at creation),
     * so this is for a second principal, e.g. your team's SSO role; it must not be the creator.
     * @default none (only the creator)
     */
    adminPrincipalArn?: string;
    /**
     * Days the control-plane logs (`/aws/eks/<cluster>/cluster`) are kept: a CloudWatch retention
     * value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...).
     * @default 90
     */
    logRetentionDays?: number;
    /**
     * Control-plane log types sent to CloudWatch (`api`, `audit`, `authenticator`,
     * `controllerManager`, `scheduler`). All five is what security scanners expect (Checkov
     * CKV_AWS_37); `audit` is usually the largest ingestion cost, and `["audit", "authenticator"]`
     * keeps the security record for less.
     * @default all five
     */
    controlPlaneLogTypes?: EksLogType[];
    /**
     * What EKS does when the version's standard support ends: `STANDARD` upgrades the cluster to the
     * next version; `EXTENDED` keeps it, billed at the extended-support price. The EKS API defaults
     * to EXTENDED (docs.aws.amazon.com/eks/latest/userguide/extended-support-control.html, read
     * 2026-11-29), so this package sets STANDARD unless asked.
     * @default "STANDARD"
     */
    upgradePolicy?: EksSupportType;
    /**
     * Take over the control-plane log group `/aws/eks/<name>/cluster` that an earlier deployment
     * left behind, instead of creating it (Pulumi's `import` option; once imported it is managed as
     * usual). The group is kept on `pulumi destroy` (`retainOnDelete`): EKS re-creates it anyway
     * while the cluster is deleted, through its service-linked role, and then the next create of the
     * same name fails with `ResourceAlreadyExistsException` (terraform-aws-modules/terraform-aws-eks
     * issues #920 and #2486). Set this to true when you deploy again with the same cluster name after
     * a destroy, or delete the group first (`aws logs delete-log-group`).
     * @default false
     */
    adoptLogGroup?: boolean;
    /**
     * Scrape the Spark drivers' and the operator's Prometheus endpoints with an Amazon Managed
     * Service for Prometheus managed collector (agentless: no DaemonSet, so it works with Fargate)
     * into an AMP workspace. It needs subnets in two zones or more. Billed by collector hour and by
     * samples collected, ingested and stored (aws.amazon.com/prometheus/pricing/).
     * @default false
     */
    prometheusScraper?: boolean;
    /**
     * The AMP workspace the scraper writes to, `arn:aws:aps:<region>:<account>:workspace/ws-...`;
     * only with `prometheusScraper`.
     * @default a new workspace named after the cluster
     */
    prometheusWorkspaceArn?: string;
    /**
     * A registry of your own holding copies of the public images the platform pulls, e.g. an ECR
     * registry `<account>.dkr.ecr.<region>.amazonaws.com` (optionally with a path prefix): every image
     * from Docker Hub, ghcr.io, gcr.io, registry.k8s.io, Quay, public.ecr.aws or mcr.microsoft.com is
     * pulled as `<imageRegistry>/<last path segment>:<tag>` instead. Fargate caches no image between
     * pods and every pod leaves through the NAT gateway's one address, so Docker Hub's anonymous
     * limit per address is shared by all pods (Airflow's tasks pull `apache/airflow` each);
     * docs/aws.md ("Images") lists the images to copy.
     * @default none: images are pulled from where they are published
     */
    imageRegistry?: string;
}

/** The cluster's version support policy (`upgradePolicy.supportType` of the EKS API). */
export const EksSupportType = { Standard: "STANDARD", Extended: "EXTENDED" } as const;
export type EksSupportType = (typeof EksSupportType)[keyof typeof EksSupportType];

/** The shape of {@link EksClusterSettings}; each message is the "expected" half of an error. */
export const eksClusterSettingsSchema = z.strictObject(
    {
        name: z.string({ error: "an EKS cluster name" }).optional(),
        version: z.string({ error: `a Kubernetes version string such as "${EKS_DEFAULTS.version}"` }).optional(),
        publicEndpoint: z.boolean({ error: "true or false" }).optional(),
        publicAccessCidrs: z.array(z.string({ error: "IPv4 CIDR" }), { error: "a list of IPv4 CIDRs" }).optional(),
        allowPublicAccessFromAnywhere: z.boolean({ error: "true or false" }).optional(),
        privateAccessCidrs: z.array(z.string({ error: "IPv4 CIDR" }), { error: "a list of IPv4 CIDRs" }).optional(),
        adminPrincipalArn: z.string({ error: "an IAM role or user ARN" }).optional(),
        logRetentionDays: z.int({ error: "a number of days such as 90" }).optional(),
        controlPlaneLogTypes: z
            .array(z.enum(EksLogType, { error: Object.values(EksLogType).join(", ") }), { error: "a list of log types" })
            .min(1, { error: "at least one log type (leave the key out for all five)" })
            .optional(),
        upgradePolicy: z.enum(EksSupportType, { error: Object.values(EksSupportType).join(" or ") }).optional(),
        adoptLogGroup: z.boolean({ error: "true or false" }).optional(),
        prometheusScraper: z.boolean({ error: "true or false" }).optional(),
        prometheusWorkspaceArn: z.string({ error: "an AMP workspace ARN" }).optional(),
        imageRegistry: z.string({ error: "a registry and path such as <account>.dkr.ecr.<region>.amazonaws.com/<prefix>" }).optional(),
    },
    {
        error: "an object with name, version, publicEndpoint, publicAccessCidrs, allowPublicAccessFromAnywhere, privateAccessCidrs, adminPrincipalArn, logRetentionDays, controlPlaneLogTypes, upgradePolicy, adoptLogGroup, prometheusScraper, prometheusWorkspaceArn, imageRegistry",
    },
) satisfies z.ZodType<EksClusterSettings>;

/** Arguments of `EksFargateCluster`: its settings, its network, and the namespaces it serves. */
export interface EksFargateClusterArgs extends EksClusterSettings {
    /**
     * The namespaces Spark jobs run in (the platform's `jobNamespaces`). Each gets a Fargate
     * profile selector, as do `kube-system` and `operatorNamespace`.
     */
    jobNamespaces: string[];
    /**
     * Namespaces of other platform services whose pods run on Fargate (Airflow's), selected by a
     * Fargate profile of their own (`services-<hash>`), so adding one never replaces a Spark profile.
     * @default []
     */
    serviceNamespaces?: string[];
    /**
     * The Spark operator's namespace; its pods run on Fargate too.
     * @default "spark-operator"
     */
    operatorNamespace?: string;
    /**
     * The region everything is created in; every regional resource is given it explicitly, so the
     * kubeconfig and the resources always agree.
     * @default the AWS provider's `aws:region`
     */
    region?: string;
    /**
     * The network.
     * @default a new VPC in three zones (by ID in us-east-1, us-west-1 and ca-central-1, see `availabilityZones`), 10.0.0.0/16, one NAT gateway
     */
    network?: EksNetworkArgs;
    /**
     * Refuse more Fargate profiles than this (each holds five namespaces). EKS allows 10 per
     * cluster by default; raise both after a quota increase.
     * @default 10
     */
    maxFargateProfiles?: number;
    /**
     * Version of the CoreDNS managed add-on, e.g. `v1.11.4-eksbuild.2`.
     * @default the add-on's default version for the Kubernetes version
     */
    coreDnsVersion?: string;
}

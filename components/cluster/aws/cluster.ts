import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { checkComponentArgs } from "../../errors";
import { CapacityGridName, EMPTY_SCHEDULING_PROFILE, SchedulingProfile, schedulingProfile, ServerlessCluster } from "../types";
import type { EksFargateClusterArgs } from "./args";
import { createControlPlane } from "./control-plane";
import { declareFargateLogging } from "./fargate-logging";
import { eksKubeconfig } from "./kubeconfig";
import { fargatePodTrustPolicy, IrsaProvider, managedPolicyArn } from "./policies";
import { declarePrometheusScraper, PrometheusScraper } from "./prometheus-scraper";
import { ResolvedEksArgs, resolveEksFargateClusterArgs } from "./validate";
import { FargateVpc } from "./vpc";

/**
 * An EKS cluster whose pods all run on Fargate: a private network (new or yours), the control plane
 * (KMS-encrypted secrets, every log type, access entries instead of aws-auth), Fargate profiles for
 * `kube-system`, the operator namespace and every job namespace, CoreDNS as a managed add-on on
 * Fargate, the IAM OIDC provider for IRSA, and a Kubernetes provider reaching the API server through
 * `aws eks get-token`.
 *
 * Pods need no node selector or toleration to land on Fargate: the Fargate profiles select them
 * by namespace, and EKS's admission webhook hands every matching pod to the Fargate scheduler. So
 * the scheduling profile is empty, and the capacity grid is `fargate`.
 *
 * Nothing is looked up in AWS while the program runs (default zones are fixed per region, by ID where it matters), so the
 * offline plan needs no credentials and no fixtures.
 */
export class EksFargateCluster extends pulumi.ComponentResource implements ServerlessCluster {
    readonly provider: k8s.Provider;
    readonly scheduling: SchedulingProfile = schedulingProfile(EMPTY_SCHEDULING_PROFILE);
    readonly capacityGrid: CapacityGridName = "fargate";
    /**
     * The Fargate profiles, the CoreDNS add-on, the private-access rules and the log router's
     * policy and config: pods can run (and resolve names and keep their logs), and the API server is
     * reachable, once they exist.
     */
    readonly readyResources: pulumi.Resource[];

    /** The namespaces the Fargate profiles select for Spark jobs. */
    readonly jobNamespaces: readonly string[];
    /** The validated arguments with defaults applied. */
    readonly settings: ResolvedEksArgs;
    readonly clusterName: string;
    readonly region: string;
    readonly eksCluster: aws.eks.Cluster;
    /** The kubeconfig (a secret; it holds no credential, but names the endpoint). */
    readonly kubeconfig: pulumi.Output<string>;
    readonly oidcProvider: aws.iam.OpenIdConnectProvider;
    /** What IRSA roles trust: the OIDC provider's ARN and the cluster's issuer URL. */
    readonly irsa: pulumi.Output<IrsaProvider>;
    readonly vpcId: pulumi.Output<string>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly podExecutionRole: aws.iam.Role;
    readonly fargateProfiles: aws.eks.FargateProfile[];
    readonly coreDns: aws.eks.Addon;
    readonly secretsKey: aws.kms.Key;
    /**
     * The AMP managed collector and its workspace, with `prometheusScraper`. Its Kubernetes rights
     * (reading pods in each scraped namespace) are the platform's to declare once the namespaces exist.
     */
    readonly prometheus?: PrometheusScraper;
    /** Where the platform pulls public images from instead (`imageRegistry`), or undefined. */
    readonly imageRegistry?: string;

    constructor(name: string, args: EksFargateClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything is checked before the first registration: a bad argument leaves nothing half made.
        const r = checkComponentArgs("EksFargateCluster", name, () => resolveEksFargateClusterArgs(args, args.region ?? aws.config.region, name));
        super("serverless-spark:cluster:EksFargateCluster", name, {}, opts);
        const child = { parent: this };
        this.settings = r;
        this.jobNamespaces = [...r.jobNamespaces];
        this.clusterName = r.clusterName;
        this.region = r.region;
        this.imageRegistry = r.imageRegistry;

        let egress: pulumi.Resource[] = [];
        if (r.network.kind === "new") {
            const vpc = new FargateVpc(`${name}-vpc`, { region: r.region, plan: r.network }, child);
            this.vpcId = vpc.vpcId;
            this.privateSubnetIds = vpc.privateSubnetIds;
            egress = vpc.egress;
        } else {
            this.vpcId = pulumi.output(r.network.vpcId);
            this.privateSubnetIds = pulumi.output(r.network.privateSubnetIds);
        }

        const controlPlane = createControlPlane(name, r, this.privateSubnetIds, this);
        const cluster = controlPlane.cluster;
        this.eksCluster = cluster;
        this.secretsKey = controlPlane.secretsKey;

        const issuerUrl = cluster.identities.apply((ids) => ids[0]!.oidcs[0]!.issuer);
        this.oidcProvider = new aws.iam.OpenIdConnectProvider(`${name}-oidc`, { url: issuerUrl, clientIdLists: ["sts.amazonaws.com"] }, child);
        this.irsa = pulumi.all([this.oidcProvider.arn, issuerUrl]).apply(([oidcProviderArn, oidcIssuerUrl]) => ({ oidcProviderArn, oidcIssuerUrl }));

        this.podExecutionRole = new aws.iam.Role(
            `${name}-fargate-pods`,
            {
                assumeRolePolicy: cluster.arn.apply((arn) => JSON.stringify(fargatePodTrustPolicy(arn))),
                description: `Fargate pod execution in EKS cluster ${r.clusterName}`,
            },
            child,
        );
        const podPolicy = new aws.iam.RolePolicyAttachment(
            `${name}-fargate-pods`,
            { role: this.podExecutionRole.name, policyArn: managedPolicyArn(r.partition, "AmazonEKSFargatePodExecutionRolePolicy") },
            child,
        );

        // EKS creates or deletes one profile of a cluster at a time, so each waits for the previous.
        this.fargateProfiles = [];
        for (const [i, profile] of r.profiles.entries()) {
            const previous = this.fargateProfiles[i - 1];
            this.fargateProfiles.push(
                new aws.eks.FargateProfile(
                    `${name}-fargate-${i}`,
                    {
                        region: r.region,
                        clusterName: cluster.name,
                        fargateProfileName: profile.name,
                        podExecutionRoleArn: this.podExecutionRole.arn,
                        subnetIds: this.privateSubnetIds,
                        selectors: profile.namespaces.map((namespace) => ({ namespace })),
                    },
                    { parent: this, dependsOn: [podPolicy, ...egress, ...(previous ? [previous] : [])] },
                ),
            );
        }

        if (r.serviceProfile) {
            const previous = this.fargateProfiles[this.fargateProfiles.length - 1];
            this.fargateProfiles.push(
                new aws.eks.FargateProfile(
                    `${name}-fargate-services`,
                    {
                        region: r.region,
                        clusterName: cluster.name,
                        fargateProfileName: r.serviceProfile.name,
                        podExecutionRoleArn: this.podExecutionRole.arn,
                        subnetIds: this.privateSubnetIds,
                        selectors: r.serviceProfile.namespaces.map((namespace) => ({ namespace })),
                    },
                    { parent: this, dependsOn: [podPolicy, ...egress, ...(previous ? [previous] : [])] },
                ),
            );
        }

        // CoreDNS ships pinned to EC2 nodes; `computeType: Fargate` removes that, and the add-on must
        // come after a profile that selects kube-system, or its pods stay Pending.
        this.coreDns = new aws.eks.Addon(
            `${name}-coredns`,
            {
                region: r.region,
                clusterName: cluster.name,
                addonName: "coredns",
                ...(r.coreDnsVersion ? { addonVersion: r.coreDnsVersion } : {}),
                configurationValues: JSON.stringify({ computeType: "Fargate" }),
                // EKS installs a self-managed CoreDNS at creation; the add-on takes it over.
                resolveConflictsOnCreate: "OVERWRITE",
                resolveConflictsOnUpdate: "OVERWRITE",
            },
            { parent: this, dependsOn: this.fargateProfiles },
        );
        // Kubernetes objects wait for the private-access rules too: without them a `pulumi up` run
        // from a connected network cannot reach the API server.
        const clusterReady = [...this.fargateProfiles, this.coreDns, ...controlPlane.privateAccess];

        this.kubeconfig = pulumi.secret(
            pulumi.all([cluster.endpoint, cluster.certificateAuthority]).apply(([endpoint, ca]) =>
                JSON.stringify(
                    eksKubeconfig({
                        clusterName: r.clusterName,
                        endpoint,
                        certificateAuthorityData: ca.data,
                        region: r.region,
                        // The credentials the AWS provider is configured with, so the Kubernetes provider acts as the same principal.
                        profile: aws.config.profile,
                        roleArn: aws.config.assumeRoles?.[0]?.roleArn,
                    }),
                ),
            ),
        );
        this.provider = new k8s.Provider(
            `${name}-k8s`,
            // The identifier stays the cluster's name, so a changed kubeconfig never replaces objects.
            { kubeconfig: this.kubeconfig, clusterIdentifier: r.clusterName },
            child,
        );

        // Spark pods start after the log router's config, or their logs are lost with the pod.
        const logging = declareFargateLogging(
            name,
            {
                region: r.region,
                clusterName: r.clusterName,
                retentionDays: r.logRetentionDays,
                podExecutionRole: this.podExecutionRole,
                provider: this.provider,
                dependsOn: clusterReady,
            },
            this,
        );
        this.readyResources = [...clusterReady, ...logging];

        if (r.prometheusScraper) {
            this.prometheus = declarePrometheusScraper(
                name,
                {
                    region: r.region,
                    clusterName: r.clusterName,
                    eksCluster: cluster,
                    subnetIds: this.privateSubnetIds,
                    namespaces: [r.operatorNamespace, ...r.jobNamespaces],
                    workspaceArn: r.prometheusWorkspaceArn,
                },
                this,
            );
        }

        this.registerOutputs({
            clusterName: this.clusterName,
            kubeconfig: this.kubeconfig,
            vpcId: this.vpcId,
            oidcProviderArn: this.oidcProvider.arn,
        });
    }
}

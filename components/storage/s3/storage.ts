import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { irsaTrustPolicy } from "../../cluster/aws/policies";
import { checkComponentArgs, describeValue, InputError } from "../../errors";
import { TPCDS_DEFAULTS } from "../../jobs/samples/tpcds";
import type { JobIntegration, JobNamespaceHandle } from "../../jobs/types";
import { EVENT_LOG_PREFIX, eventLogSparkConf } from "../event-log";
import { bucketEventLogExpiry } from "../event-log-expiry";
import { namespaceDataRoot, namespacePrefix } from "../layout";
import type { EventLogExpiry, HistoryServerAccess, HistoryServerStorage, SparkStorage } from "../types";
import { ResolvedS3Args, resolveS3StorageArgs, S3StorageArgs, WORDCOUNT_KEY } from "./args";
import { createDataBucket } from "./bucket";
import { bucketArn, historyServerAccessPolicy, sparkNamespaceAccessPolicy } from "./policies";
import { irsaRoleResourceName } from "./role-name";
import { S3A_PACKAGES, s3aHadoopConf } from "./spark-conf";

/** The service-account annotation IRSA reads. */
export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

/**
 * S3 as Spark's storage on EKS: a data bucket (or one you have), one IAM role per job namespace
 * that only that namespace's driver and executor service accounts can assume (IRSA), allowed only
 * the S3A actions under the namespace's own prefix `namespaces/<namespace>/` and reading the shared
 * `samples/` (see `../layout.ts`), and the Spark/Hadoop settings for S3A with web-identity
 * credentials and event logs under `s3a://<bucket>/namespaces/<namespace>/spark-events/`.
 */
export class S3Storage extends pulumi.ComponentResource implements SparkStorage, HistoryServerStorage {
    readonly type = "s3" as const;
    /** The job namespaces with a role of their own (the only ones whose jobs can reach the bucket). */
    readonly jobNamespaces: readonly string[];
    /** `s3a://<bucket>`: the bucket. Jobs write under their namespace's {@link namespaceDataRoot}. */
    readonly dataRoot: pulumi.Output<string>;
    /** `s3a://<bucket>/samples/wordcount/input.txt`, when `wordCountText` was given. */
    readonly wordCountInput?: pulumi.Output<string>;
    /**
     * The TPC-DS sample image (public.ecr.aws: no Docker Hub pull limit), which has hadoop-aws 3.4.1
     * and the AWS SDK v2 bundle; none with `downloadConnector` (the stock image plus packages).
     */
    readonly sampleImage?: string;
    readonly bucketName: pulumi.Output<string>;
    readonly bucketArn: pulumi.Output<string>;
    /** The created bucket (none for an existing bucket). */
    readonly bucket?: aws.s3.Bucket;
    /** IRSA roles and their S3 policies, by job namespace. */
    readonly roles: Record<string, aws.iam.Role> = {};
    readonly rolePolicies: Record<string, aws.iam.RolePolicy> = {};
    /**
     * Each job namespace's `spark-events/` directory marker, by namespace: Spark refuses to start
     * when the event log directory is missing.
     */
    readonly eventLogDirectories: Record<string, aws.s3.BucketObject> = {};
    readonly wordCountObject?: aws.s3.BucketObject;
    /** The validated arguments with defaults applied. */
    readonly settings: ResolvedS3Args;
    /**
     * Who deletes old event logs: the created bucket's lifecycle rules after `eventLogMaxAgeDays`, or,
     * for an existing bucket, its owner.
     */
    readonly eventLogExpiry: EventLogExpiry;
    /** The History Servers' IRSA roles and policies, by job namespace (declared by {@link historyServerAccess}). */
    readonly historyRoles: Record<string, { role: aws.iam.Role; policy: aws.iam.RolePolicy }> = {};
    private readonly componentName: string;
    private readonly irsa: S3StorageArgs["irsa"];

    constructor(name: string, args: S3StorageArgs, opts?: pulumi.ComponentResourceOptions) {
        const s = checkComponentArgs("S3Storage", name, () => resolveS3StorageArgs(args, args.region ?? aws.config.region, name));
        super("serverless-spark:storage:S3Storage", name, {}, opts);
        this.settings = s;
        this.componentName = name;
        this.irsa = args.irsa;
        this.sampleImage = s.downloadConnector ? undefined : TPCDS_DEFAULTS.image;
        this.jobNamespaces = [...s.jobNamespaces];
        this.eventLogExpiry = bucketEventLogExpiry(s.eventLogMaxAgeDays);
        const child = { parent: this };

        let bucketReady: pulumi.Resource[] = [];
        if (s.existingBucket !== undefined) {
            this.bucketName = pulumi.output(s.existingBucket);
            this.bucketArn = pulumi.output(bucketArn(s.partition, s.existingBucket));
        } else {
            const created = createDataBucket(name, s, this);
            this.bucket = created.bucket;
            this.bucketName = created.bucket.bucket;
            this.bucketArn = created.bucket.arn;
            bucketReady = created.settings;
        }
        this.dataRoot = pulumi.interpolate`s3a://${this.bucketName}`;

        for (const ns of s.jobNamespaces) {
            const subjects = [
                { namespace: ns, name: s.serviceAccounts.driver },
                { namespace: ns, name: s.serviceAccounts.executor },
            ];
            const role = new aws.iam.Role(
                irsaRoleResourceName(name, ns),
                {
                    assumeRolePolicy: pulumi.output(args.irsa).apply((irsa) => JSON.stringify(irsaTrustPolicy(irsa, subjects))),
                    description: `Spark in namespace ${ns}: S3 access through IRSA`,
                },
                child,
            );
            this.roles[ns] = role;
            const policy = this.bucketArn.apply((arn) => JSON.stringify(sparkNamespaceAccessPolicy(arn, ns)));
            this.rolePolicies[ns] = new aws.iam.RolePolicy(`${name}-${ns}`, { role: role.name, policy }, child);
            this.eventLogDirectories[ns] = new aws.s3.BucketObject(
                `${name}-${ns}-spark-events`,
                {
                    region: s.region,
                    bucket: this.bucketName,
                    key: `${namespacePrefix(ns)}${EVENT_LOG_PREFIX}`,
                    content: "",
                    contentType: "application/x-directory",
                },
                { parent: this, dependsOn: bucketReady },
            );
        }
        if (args.wordCountText !== undefined) {
            this.wordCountObject = new aws.s3.BucketObject(
                `${name}-wordcount-input`,
                { region: s.region, bucket: this.bucketName, key: WORDCOUNT_KEY, content: args.wordCountText, contentType: "text/plain; charset=utf-8" },
                { parent: this, dependsOn: bucketReady },
            );
            this.wordCountInput = pulumi.interpolate`s3a://${this.bucketName}/${WORDCOUNT_KEY}`;
        }

        this.registerOutputs({
            bucketName: this.bucketName,
            dataRoot: this.dataRoot,
            dataRoots: Object.fromEntries(s.jobNamespaces.map((ns) => [ns, this.namespaceDataRoot(ns)])),
            ...(this.wordCountInput ? { wordCountInput: this.wordCountInput } : {}),
            roleArns: Object.fromEntries(Object.entries(this.roles).map(([ns, role]) => [ns, role.arn])),
        });
    }

    /** IRSA: the namespace's role, for both Spark service accounts, with STS's regional endpoint. */
    serviceAccountAnnotations(namespace: string): Record<string, pulumi.Input<string>> {
        return {
            [IRSA_ROLE_ANNOTATION]: this.roleOf(namespace).arn,
            "eks.amazonaws.com/sts-regional-endpoints": "true",
        };
    }

    /** `s3a://<bucket>/namespaces/<namespace>`: the only place the namespace's jobs may write. */
    namespaceDataRoot(namespace: string): pulumi.Output<string> {
        this.roleOf(namespace);
        return this.dataRoot.apply((root) => namespaceDataRoot(root, namespace));
    }

    /** S3 needs no namespace labels. */
    namespaceLabels(_namespace: string): Record<string, string> {
        return {};
    }

    /**
     * What jobs in a namespace add: S3A settings (for an image's own hadoop-aws, 3.3 or 3.4; with
     * `downloadConnector`, hadoop-aws 3.3.4 and the SDK v1 bundle as packages) and event logs under
     * the namespace's prefix. Declares nothing in the cluster; jobs wait for the namespace's role
     * and policy and for the uploaded objects.
     */
    integrate(ns: JobNamespaceHandle, _opts: pulumi.ComponentResourceOptions): JobIntegration {
        const role = this.roleOf(ns.name);
        const pathStyle = this.settings.existingBucket?.includes(".") ?? false;
        return {
            source: "storage",
            sparkConf: eventLogSparkConf(this.namespaceDataRoot(ns.name)),
            hadoopConf: s3aHadoopConf(this.settings.region, pathStyle),
            ...(this.settings.downloadConnector ? { deps: { packages: [...S3A_PACKAGES] } } : {}),
            dependsOn: [role, this.rolePolicies[ns.name]!, this.eventLogDirectories[ns.name]!, ...(this.wordCountObject ? [this.wordCountObject] : [])],
        };
    }

    /**
     * The History Server's own IRSA role in a job namespace, trusted only by its service account and
     * allowed only to list and read that namespace's event logs (see `historyServerAccessPolicy`):
     * the bucket's lifecycle rules expire them, not the server. The S3A settings of the jobs, whose
     * connector is in the same image.
     */
    historyServerAccess(namespace: string, serviceAccount: string): HistoryServerAccess {
        this.roleOf(namespace);
        let access = this.historyRoles[namespace];
        if (access === undefined) {
            const child = { parent: this };
            const subjects = [{ namespace, name: serviceAccount }];
            const role = new aws.iam.Role(
                irsaRoleResourceName(`${this.componentName}-history`, namespace),
                {
                    assumeRolePolicy: pulumi.output(this.irsa).apply((irsa) => JSON.stringify(irsaTrustPolicy(irsa, subjects))),
                    description: `Spark History Server in namespace ${namespace}: reads its event logs through IRSA`,
                },
                child,
            );
            const policy = new aws.iam.RolePolicy(
                `${this.componentName}-history-${namespace}`,
                { role: role.name, policy: this.bucketArn.apply((arn) => JSON.stringify(historyServerAccessPolicy(arn, namespace))) },
                child,
            );
            access = { role, policy };
            this.historyRoles[namespace] = access;
        }
        const pathStyle = this.settings.existingBucket?.includes(".") ?? false;
        return {
            logDirectory: pulumi.interpolate`${this.namespaceDataRoot(namespace)}/${EVENT_LOG_PREFIX}`,
            expiry: this.eventLogExpiry,
            serviceAccountAnnotations: { [IRSA_ROLE_ANNOTATION]: access.role.arn, "eks.amazonaws.com/sts-regional-endpoints": "true" },
            podAnnotations: {},
            hadoopConf: s3aHadoopConf(this.settings.region, pathStyle),
            ...(this.settings.downloadConnector ? { packages: { packages: [...S3A_PACKAGES] } } : {}),
            ...(this.sampleImage ? { image: this.sampleImage } : {}),
            dependsOn: [access.role, access.policy, this.eventLogDirectories[namespace]!],
        };
    }

    private roleOf(namespace: string): aws.iam.Role {
        const role = this.roles[namespace];
        if (role === undefined) {
            throw new InputError(
                "namespace",
                `got ${describeValue(namespace)}, which has no S3 role`,
                `one of the storage's job namespaces: ${Object.keys(this.roles).join(", ")}`,
            );
        }
        return role;
    }
}

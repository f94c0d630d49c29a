import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";

import { checkComponentArgs, describeValue, InputError } from "../../errors";
import type { JobIntegration, JobNamespaceHandle } from "../../jobs/types";
import { EVENT_LOG_PREFIX, eventLogSparkConf } from "../event-log";
import { bucketEventLogExpiry } from "../event-log-expiry";
import { namespaceDataRoot, namespacePrefix } from "../layout";
import type { EventLogExpiry, HistoryServerAccess, HistoryServerStorage, SparkStorage } from "../types";
import { OSS_WORDCOUNT_KEY, OssStorageArgs, ResolvedOssArgs, resolveOssStorageArgs } from "./args";
import { createOssDataBucket } from "./bucket";
import { derivedBucketName } from "./bucket-name";
import { eciRoleTrustPolicy, historyServerOssPolicy, sparkOssNamespacePolicy } from "./policies";
import { eciRoleName } from "./role-name";
import { JINDO_MAVEN_REPOSITORY, JINDO_NATIVE_MEMORY_MIB, jindoHadoopConf, jindoPackages } from "./spark-conf";

/** The pod annotation that makes ECI serve a RAM role's STS credentials from the metadata service. */
export const ECI_RAM_ROLE_ANNOTATION = "k8s.aliyun.com/eci-ram-role-name";

/**
 * The object that makes a job namespace's `spark-events/` exist, relative to the namespace's prefix.
 * Spark refuses to start when the event log directory is missing, and an object store has a
 * directory when an object sits under its prefix. The usual empty `spark-events/` marker cannot be
 * declared: the Alibaba provider refuses an object whose content is empty ("Must specify source or
 * content"). A dot-file is skipped by the History Server.
 */
export const EVENT_LOG_MARKER_KEY = `${EVENT_LOG_PREFIX}.keep`;

/** One job namespace's access: its RAM role, the custom policy, and the attachment joining them. */
export interface OssNamespaceAccess {
    /** The role's name, as the ECI annotation names it. */
    roleName: string;
    role: alicloud.ram.Role;
    policy: alicloud.ram.Policy;
    attachment: alicloud.ram.RolePolicyAttachment;
}

/**
 * OSS as Spark's storage on ACK with ECI virtual nodes: a data bucket (or one you have), one RAM
 * role per job namespace that ECI gives to that namespace's Spark pods (pod annotation
 * `k8s.aliyun.com/eci-ram-role-name`), allowed only the OSS actions JindoSDK needs under the
 * namespace's own prefix `namespaces/<namespace>/` and reading the shared `samples/` (see
 * `../layout.ts`), and the Spark/Hadoop settings for JindoSDK with instance-role credentials and
 * event logs under `oss://<bucket>/namespaces/<namespace>/spark-events/`. See `spark-conf.ts` for why this route and not RRSA.
 */
export class OssStorage extends pulumi.ComponentResource implements SparkStorage, HistoryServerStorage {
    readonly type = "oss" as const;
    /** The job namespaces with a role of their own (the only ones whose jobs can reach the bucket). */
    readonly jobNamespaces: readonly string[];
    /** `oss://<bucket>`: the bucket. Jobs write under their namespace's {@link namespaceDataRoot}. */
    readonly dataRoot: pulumi.Output<string>;
    /** `oss://<bucket>/samples/wordcount/input.txt`, when `wordCountText` was given. */
    readonly wordCountInput?: pulumi.Output<string>;
    readonly bucketName: pulumi.Output<string>;
    /** The created bucket (none for an existing bucket). */
    readonly bucket?: alicloud.oss.Bucket;
    /** RAM role, policy and attachment, by job namespace. */
    readonly access: Record<string, OssNamespaceAccess> = {};
    /** Make each job namespace's `spark-events/` exist (see {@link EVENT_LOG_MARKER_KEY}), by namespace. */
    readonly eventLogDirectories: Record<string, alicloud.oss.BucketObject> = {};
    readonly wordCountObject?: alicloud.oss.BucketObject;
    /** The validated arguments with defaults applied. */
    readonly settings: ResolvedOssArgs;
    /**
     * Who deletes old event logs: the created bucket's lifecycle rules after `eventLogMaxAgeDays`, or,
     * for an existing bucket, its owner.
     */
    readonly eventLogExpiry: EventLogExpiry;
    /** The History Servers' RAM roles, by job namespace (declared by {@link historyServerAccess}). */
    readonly historyAccess: Record<string, OssNamespaceAccess> = {};
    private readonly componentName: string;

    constructor(name: string, args: OssStorageArgs, opts?: pulumi.ComponentResourceOptions) {
        const s = checkComponentArgs("OssStorage", name, () => resolveOssStorageArgs(args, args.region ?? alicloud.config.region, name));
        super("serverless-spark:storage:OssStorage", name, {}, opts);
        this.settings = s;
        this.componentName = name;
        this.jobNamespaces = [...s.jobNamespaces];
        this.eventLogExpiry = bucketEventLogExpiry(s.eventLogMaxAgeDays);
        const child = { parent: this };

        let bucketReady: pulumi.Resource[] = [];
        if (s.existingBucket !== undefined) {
            this.bucketName = pulumi.output(s.existingBucket);
        } else {
            const bucketName =
                s.bucket ?? derivedBucketName(name, { organization: organizationName(), project: pulumi.getProject(), stack: pulumi.getStack() });
            const created = createOssDataBucket(name, bucketName, s, this);
            this.bucket = created.bucket;
            this.bucketName = created.bucket.bucket;
            bucketReady = created.settings;
        }
        this.dataRoot = pulumi.interpolate`oss://${this.bucketName}`;

        const kms = s.kmsKeyId === undefined ? undefined : { region: s.region, keyId: s.kmsKeyId };
        const trust = JSON.stringify(eciRoleTrustPolicy());
        const scope = { project: pulumi.getProject(), stack: pulumi.getStack() };
        for (const ns of s.jobNamespaces) {
            const roleName = eciRoleName(name, ns, scope);
            const role = new alicloud.ram.Role(
                `${name}-${ns}`,
                { roleName, assumeRolePolicyDocument: trust, description: `Spark in namespace ${ns}: OSS access through the ECI instance RAM role` },
                child,
            );
            const policy = new alicloud.ram.Policy(
                `${name}-${ns}`,
                // The role name is known before deployment; the document names the bucket it was created with.
                {
                    policyName: roleName,
                    // The bucket's actual name: a derived name is fixed at creation (./bucket.ts).
                    policyDocument: this.bucketName.apply((b) => JSON.stringify(sparkOssNamespacePolicy(b, ns, kms))),
                    description: pulumi.interpolate`Spark in namespace ${ns}: JindoSDK access to oss://${this.bucketName}`,
                },
                child,
            );
            const attachment = new alicloud.ram.RolePolicyAttachment(
                `${name}-${ns}`,
                { roleName: role.roleName, policyName: policy.policyName, policyType: "Custom" },
                child,
            );
            this.access[ns] = { roleName, role, policy, attachment };
            this.eventLogDirectories[ns] = new alicloud.oss.BucketObject(
                `${name}-${ns}-spark-events`,
                {
                    bucket: this.bucketName,
                    key: `${namespacePrefix(ns)}${EVENT_LOG_MARKER_KEY}`,
                    content: "Spark event logs are written next to this file.\n",
                    contentType: "text/plain; charset=utf-8",
                },
                { parent: this, dependsOn: bucketReady },
            );
        }
        if (args.wordCountText !== undefined) {
            this.wordCountObject = new alicloud.oss.BucketObject(
                `${name}-wordcount-input`,
                { bucket: this.bucketName, key: OSS_WORDCOUNT_KEY, content: args.wordCountText, contentType: "text/plain; charset=utf-8" },
                { parent: this, dependsOn: bucketReady },
            );
            this.wordCountInput = pulumi.interpolate`oss://${this.bucketName}/${OSS_WORDCOUNT_KEY}`;
        }

        this.registerOutputs({
            bucketName: this.bucketName,
            dataRoot: this.dataRoot,
            dataRoots: Object.fromEntries(s.jobNamespaces.map((ns) => [ns, this.namespaceDataRoot(ns)])),
            ...(this.wordCountInput ? { wordCountInput: this.wordCountInput } : {}),
            roleNames: Object.fromEntries(Object.entries(this.access).map(([ns, a]) => [ns, a.roleName])),
            roleArns: Object.fromEntries(Object.entries(this.access).map(([ns, a]) => [ns, a.role.arn])),
        });
    }

    /** `oss://<bucket>/namespaces/<namespace>`: the only place the namespace's jobs may write. */
    namespaceDataRoot(namespace: string): pulumi.Output<string> {
        this.accessOf(namespace);
        return this.dataRoot.apply((root) => namespaceDataRoot(root, namespace));
    }

    /** No service-account annotations: the role reaches pods through their ECI annotation, not RRSA. */
    serviceAccountAnnotations(namespace: string): Record<string, pulumi.Input<string>> {
        this.accessOf(namespace);
        return {};
    }

    /** No namespace labels: RRSA's injection label is not needed. */
    namespaceLabels(namespace: string): Record<string, string> {
        this.accessOf(namespace);
        return {};
    }

    /**
     * What jobs in a namespace add: the namespace's RAM role as an ECI pod annotation, the JindoSDK
     * settings, the JindoSDK packages from JindoData's Maven repository, and event logs under
     * the namespace's prefix. Declares nothing in the cluster; jobs wait for the role, its policy and attachment,
     * and the uploaded objects.
     */
    integrate(ns: JobNamespaceHandle, _opts: pulumi.ComponentResourceOptions): JobIntegration {
        const access = this.accessOf(ns.name);
        return {
            source: "storage",
            podAnnotations: { [ECI_RAM_ROLE_ANNOTATION]: access.roleName },
            sparkConf: eventLogSparkConf(this.namespaceDataRoot(ns.name)),
            hadoopConf: jindoHadoopConf(this.settings.region),
            nativeMemoryMiB: JINDO_NATIVE_MEMORY_MIB,
            deps: { packages: jindoPackages(this.settings.jindoVersion), repositories: [JINDO_MAVEN_REPOSITORY] },
            dependsOn: [
                access.role,
                access.policy,
                access.attachment,
                this.eventLogDirectories[ns.name]!,
                ...(this.wordCountObject ? [this.wordCountObject] : []),
            ],
        };
    }

    /**
     * The History Server's own ECI RAM role in a job namespace (pod annotation
     * `k8s.aliyun.com/eci-ram-role-name`), allowed only to list and read that namespace's event logs
     * (see `historyServerOssPolicy`; the bucket's lifecycle rules expire them), and JindoSDK, which
     * the server loads at start.
     */
    historyServerAccess(namespace: string, _serviceAccount: string): HistoryServerAccess {
        this.accessOf(namespace);
        let access = this.historyAccess[namespace];
        if (access === undefined) {
            const child = { parent: this };
            const s = this.settings;
            const roleName = eciRoleName(`${this.componentName}-history`, namespace, { project: pulumi.getProject(), stack: pulumi.getStack() });
            const kms = s.kmsKeyId === undefined ? undefined : { region: s.region, keyId: s.kmsKeyId };
            const role = new alicloud.ram.Role(
                `${this.componentName}-history-${namespace}`,
                {
                    roleName,
                    assumeRolePolicyDocument: JSON.stringify(eciRoleTrustPolicy()),
                    description: `Spark History Server in namespace ${namespace}: reads its event logs through the ECI instance RAM role`,
                },
                child,
            );
            const policy = new alicloud.ram.Policy(
                `${this.componentName}-history-${namespace}`,
                {
                    policyName: roleName,
                    // The bucket's actual name: a derived name is fixed at creation (./bucket.ts).
                    policyDocument: this.bucketName.apply((b) => JSON.stringify(historyServerOssPolicy(b, namespace, kms))),
                    description: pulumi.interpolate`Spark History Server in namespace ${namespace}: reads oss://${this.bucketName} event logs`,
                },
                child,
            );
            const attachment = new alicloud.ram.RolePolicyAttachment(
                `${this.componentName}-history-${namespace}`,
                { roleName: role.roleName, policyName: policy.policyName, policyType: "Custom" },
                child,
            );
            access = { roleName, role, policy, attachment };
            this.historyAccess[namespace] = access;
        }
        return {
            logDirectory: pulumi.interpolate`${this.namespaceDataRoot(namespace)}/${EVENT_LOG_PREFIX}`,
            expiry: this.eventLogExpiry,
            serviceAccountAnnotations: {},
            podAnnotations: { [ECI_RAM_ROLE_ANNOTATION]: access.roleName },
            hadoopConf: jindoHadoopConf(this.settings.region),
            packages: { packages: jindoPackages(this.settings.jindoVersion), repositories: [JINDO_MAVEN_REPOSITORY] },
            nativeMemoryMiB: JINDO_NATIVE_MEMORY_MIB,
            dependsOn: [access.role, access.policy, access.attachment, this.eventLogDirectories[namespace]!],
        };
    }

    private accessOf(namespace: string): OssNamespaceAccess {
        const access = this.access[namespace];
        if (access === undefined) {
            throw new InputError(
                "namespace",
                `got ${describeValue(namespace)}, which has no OSS role`,
                `one of the storage's job namespaces: ${Object.keys(this.access).join(", ")}`,
            );
        }
        return access;
    }
}

/** The Pulumi organization when the engine reports one (the SDK's mock runtime may not). */
function organizationName(): string {
    try {
        return pulumi.getOrganization();
    } catch {
        return "";
    }
}

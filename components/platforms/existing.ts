import * as pulumi from "@pulumi/pulumi";

import { ExistingCluster } from "../cluster/existing";
import { checkComponentArgs } from "../errors";
import { HdfsStorage } from "../storage/hdfs";
import type { ExistingSparkPlatformArgs } from "./args";
import { childOf, declarePlatform, SparkPlatformOptions } from "./children";
import { resolveStackConfig, StackConfig } from "./config/resolve";

/**
 * Checks the arguments of {@link ExistingSparkPlatform} and applies their defaults, declaring
 * nothing: call it first to know that the component will accept them. Throws one `InputError`
 * naming the argument path (`jobs[0].executor.cores`), the value and what is expected.
 */
export function resolveExistingSparkPlatformArgs(args: ExistingSparkPlatformArgs): StackConfig {
    return resolveStackConfig({ ...(args as Record<string, unknown>), cloud: "existing" });
}

/**
 * A serverless Spark platform on a Kubernetes cluster you already have (through a kubeconfig): the
 * Spark operator, job namespaces with least-privilege RBAC, an existing HDFS and Kerberos when
 * configured, and the jobs. Its arguments are the `existing` stack's config.
 */
export class ExistingSparkPlatform extends pulumi.ComponentResource {
    /** The namespaces Spark jobs run in. */
    public readonly jobNamespaces: pulumi.Output<string[]>;
    /** The Spark operator's namespace. */
    public readonly operatorNamespace: pulumi.Output<string>;
    /** The operator's Helm release. */
    public readonly operatorRelease: pulumi.Output<string>;
    /** The billing grid pods are sized to. */
    public readonly capacityGrid: pulumi.Output<string>;
    /** The Spark applications declared (samples and jobs). */
    public readonly jobs: pulumi.Output<string[]>;
    /** Each job namespace's Spark service accounts (`driver`, `executor`). */
    public readonly serviceAccounts: pulumi.Output<Record<string, Record<string, string>>>;
    /** The `kubectl port-forward` command of each job namespace's History Server (`{}` without `storage.hdfs.eventLogDir`). */
    public readonly historyServers: pulumi.Output<Record<string, string>>;
    /** Where jobs keep data (`hdfs://...`), or "" without storage. */
    public readonly dataRoot: pulumi.Output<string>;

    constructor(name: string, args: ExistingSparkPlatformArgs, opts?: SparkPlatformOptions) {
        const config = checkComponentArgs("ExistingSparkPlatform", name, () => resolveExistingSparkPlatformArgs(args ?? {}));
        super("serverless-spark:index:ExistingSparkPlatform", name, {}, opts);
        const c = childOf(this, name, opts, "cluster");
        const cluster = new ExistingCluster(
            c.name,
            {
                kubeconfig: config.existing.kubeconfig,
                context: config.existing.context,
                capacityGrid: config.existing.capacityGrid,
                scheduling: config.existing.scheduling,
            },
            c.opts,
        );
        const s = childOf(this, name, opts, "storage");
        const storage = config.storage ? new HdfsStorage(s.name, config.storage.hdfs, s.opts) : undefined;
        const { outputs } = declarePlatform(this, name, opts, config, { cluster, storage });
        this.jobNamespaces = outputs.jobNamespaces;
        this.operatorNamespace = outputs.operatorNamespace;
        this.operatorRelease = outputs.operatorRelease;
        this.capacityGrid = outputs.capacityGrid;
        this.jobs = outputs.jobs;
        this.serviceAccounts = outputs.serviceAccounts;
        this.historyServers = outputs.historyServers;
        this.dataRoot = storage ? storage.dataRoot : pulumi.output("");
        this.registerOutputs({ ...outputs, dataRoot: this.dataRoot });
    }
}

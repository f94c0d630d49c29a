import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { checkComponentArgs } from "../errors";
import { JobReport, jobReport } from "./report";
import { ResolvedJob, resolveJob } from "./resolve";
import { secretEnvName, sparkApplicationObject } from "./spec";
import type { SparkJobArgs } from "./types";

/**
 * One Spark job: a SparkApplication (or a ScheduledSparkApplication when `schedule` is set) whose
 * pods are sized to fill their billed serverless shape, placed on the cluster's virtual nodes, and
 * run under the `restricted` pod-security profile, with storage and Kerberos settings applied.
 *
 * Pass the operator's Helm release in `dependsOn`: it installs the SparkApplication CRDs and the controller.
 * Note that the operator re-runs an application whose spec changes, even a completed one.
 */
export class SparkJob extends pulumi.ComponentResource {
    /** The SparkApplication or ScheduledSparkApplication. */
    readonly application: k8s.apiextensions.CustomResource;
    /** Sizing and cost figures (also registered as the component's `report` output). */
    readonly report: JobReport;
    readonly applicationName: string;
    readonly kind: ResolvedJob["kind"];
    /** The Secret holding `secretEnv`, when the job has any. */
    readonly secretEnv?: k8s.core.v1.Secret;

    constructor(name: string, args: SparkJobArgs, opts?: pulumi.ComponentResourceOptions) {
        const job = checkComponentArgs("SparkJob", name, () => resolveJob(name, args));
        const integrations = args.integrations ?? [];
        const object = sparkApplicationObject(job, integrations);
        super("serverless-spark:jobs:SparkJob", name, {}, opts);

        this.applicationName = job.applicationName;
        this.kind = job.kind;
        this.report = jobReport(job);
        const dependsOn = [...toArray(opts?.dependsOn), ...integrations.flatMap((i) => i.dependsOn ?? [])];
        const secretEnv = args.secretEnv ?? {};
        if (Object.keys(secretEnv).length > 0) {
            this.secretEnv = new k8s.core.v1.Secret(
                `${name}-env`,
                {
                    metadata: {
                        name: secretEnvName(job.applicationName),
                        namespace: job.namespace,
                        labels: { ...(object.metadata.labels as Record<string, string>) },
                    },
                    type: "Opaque",
                    // Secret whatever the config said: these values exist to stay out of plain text.
                    stringData: Object.fromEntries(Object.entries(secretEnv).map(([key, value]) => [key, pulumi.secret(value)])),
                },
                { parent: this, dependsOn: toArray(opts?.dependsOn) },
            );
            dependsOn.push(this.secretEnv);
        }
        const awaited = job.awaitCompletion === undefined ? {} : awaitCompletionOptions(object.metadata, job.awaitCompletion.timeoutMinutes);
        this.application = new k8s.apiextensions.CustomResource(name, object, { parent: this, dependsOn, ...awaited });
        this.registerOutputs({ applicationName: this.applicationName, kind: this.kind, report: this.report });
    }
}

/**
 * The await on an application's completion: the Kubernetes provider waits until
 * `.status.applicationState.state` is COMPLETED (`pulumi.com/waitFor`, @pulumi/kubernetes 4.18 and
 * later: pulumi/pulumi-kubernetes CHANGELOG and the "Await logic" docs, read 2026-11-29; the state
 * names are the operator's v1beta2 `ApplicationStateType`). A spec change replaces the object, delete
 * first (the name stays), because an in-place update would find the last run's COMPLETED at once
 * and release its dependents before the new run.
 */
export const AWAIT_COMPLETED_ANNOTATION = { "pulumi.com/waitFor": "jsonpath={.status.applicationState.state}=COMPLETED" } as const;

function awaitCompletionOptions(metadata: Record<string, unknown>, timeoutMinutes: number): pulumi.CustomResourceOptions {
    metadata.annotations = { ...((metadata.annotations as Record<string, string> | undefined) ?? {}), ...AWAIT_COMPLETED_ANNOTATION };
    const timeout = `${timeoutMinutes}m`;
    return { replaceOnChanges: ["spec"], deleteBeforeReplace: true, customTimeouts: { create: timeout, update: timeout } };
}

function toArray(deps: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource> | undefined): pulumi.Input<pulumi.Resource>[] {
    if (deps === undefined) return [];
    return Array.isArray(deps) ? deps : [deps as pulumi.Input<pulumi.Resource>];
}

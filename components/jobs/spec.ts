import * as pulumi from "@pulumi/pulumi";

import { InputError } from "../errors";
import { type CapacityShape, ECI_USE_SPECS_ANNOTATION, eciSpecsWithFallbacks, type SizedPod } from "../sizing";
import { SPARK_IMAGE_UID, sparkPodTemplate } from "./pod-template";
import type { ResolvedDynamicAllocation, ResolvedJob } from "./resolve";
import type { JobIntegration, SparkDepsArgs } from "./types";

export const SPARK_OPERATOR_API_VERSION = "sparkoperator.k8s.io/v1beta2";

/** Labels on every SparkApplication this package declares. */
export const JOB_LABELS = { "app.kubernetes.io/part-of": "serverless-spark", "app.kubernetes.io/managed-by": "pulumi" } as const;

/**
 * What the pods say instead of `managed-by: pulumi`. The operator copies every label of a
 * SparkApplication onto its driver and executor pods, then adds `spec.{driver,executor}.labels`
 * after them (kubeflow/spark-operator v2.5.2, internal/controller/sparkapplication/submission.go,
 * driverConfOption and executorConfOption, tagged 2026-07-30), and spark-submit keeps the last value
 * of a repeated `--conf`. Pulumi declares the application but not its pods: the operator creates
 * the driver and deletes both when the run is over, so a `managed-by=pulumi` selector must not
 * find them. `part-of: serverless-spark` stays on the pods: they are part of the platform. (The
 * SparkApplication of each scheduled run still carries `managed-by: pulumi`: the operator copies a
 * ScheduledSparkApplication's labels onto the runs it creates, scheduledsparkapplication/controller.go.)
 */
export const POD_PLATFORM_LABELS = { "app.kubernetes.io/managed-by": "spark-operator" } as const;

/**
 * Spark conf from every source, refusing a key two sources set differently (a storage setting
 * silently overriding a user's, or the reverse, is a debugging session nobody wants).
 */
export function mergeConf(sources: { source: string; conf?: Record<string, pulumi.Input<string>> }[], key: string): Record<string, pulumi.Input<string>> {
    const merged: Record<string, pulumi.Input<string>> = {};
    const owner: Record<string, string> = {};
    for (const { source, conf } of sources) {
        for (const [name, value] of Object.entries(conf ?? {})) {
            if (name in merged && merged[name] !== value) {
                throw new InputError(`${key}.${name}`, `is set by both ${owner[name]} and ${source}`, "one of them to set it");
            }
            merged[name] = value;
            owner[name] = source;
        }
    }
    return sortKeys(merged);
}

function mergeDeps(all: (SparkDepsArgs | undefined)[]): SparkDepsArgs | undefined {
    const out: Record<string, string[]> = {};
    for (const deps of all) {
        for (const [field, values] of Object.entries(deps ?? {})) {
            out[field] = [...new Set([...(out[field] ?? []), ...(values ?? [])])];
        }
    }
    return Object.keys(out).length === 0 ? undefined : sortKeys(out);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
    return Object.fromEntries(
        Object.keys(record)
            .sort()
            .map((k) => [k, record[k]!]),
    );
}

/** Spark settings of one role as SparkApplication fields. */
function roleFields(sized: SizedPod): Record<string, unknown> {
    const s = sized.settings;
    const fields: Record<string, unknown> = { cores: s.cores };
    if (s.coreRequest !== undefined) fields.coreRequest = s.coreRequest;
    if (s.coreLimit !== undefined) fields.coreLimit = s.coreLimit;
    if (s.memory !== undefined) fields.memory = s.memory;
    if (s.memoryOverhead !== undefined) fields.memoryOverhead = s.memoryOverhead;
    return fields;
}

/** The SparkApplication spec of a resolved job, with storage and Kerberos contributions applied. */
export function sparkApplicationSpec(job: ResolvedJob, integrations: JobIntegration[]): Record<string, unknown> {
    const { args } = job;
    const placement = args.placement;
    const accounts = args.serviceAccounts ?? { driver: "spark-driver", executor: "spark-executor" };

    const secretConf: Record<string, string> = {};
    for (const integration of integrations) {
        for (const [secret, path] of Object.entries(integration.driverSecrets ?? {})) {
            secretConf[`spark.kubernetes.driver.secrets.${secret}`] = path;
        }
        for (const [secret, path] of Object.entries(integration.executorSecrets ?? {})) {
            secretConf[`spark.kubernetes.executor.secrets.${secret}`] = path;
        }
    }
    // Spark reads each secret value into an env var itself (spark.kubernetes.{driver,executor}.secretKeyRef.<ENV>
    // = <secret>:<key>, spark.apache.org/docs/3.5.3/running-on-kubernetes.html#secret-management, read 2026-11-29).
    for (const envName of Object.keys(args.secretEnv ?? {}).sort()) {
        for (const role of ["driver", "executor"]) {
            secretConf[`spark.kubernetes.${role}.secretKeyRef.${envName}`] = `${secretEnvName(job.applicationName)}:${envName}`;
        }
    }
    const deps = mergeDeps([args.deps, ...integrations.map((i) => i.deps)]);
    const platformConf: Record<string, string> = {
        ...(placement.sparkConf ?? {}),
        ...secretConf,
        // Ivy resolves `deps.packages` into its home, which must be writable under `restricted`.
        ...(deps?.packages?.length && !(args.sparkConf ?? {})["spark.jars.ivy"] ? { "spark.jars.ivy": "/tmp/.ivy2" } : {}),
    };
    const sparkConf = mergeConf(
        [
            { source: "the platform", conf: platformConf },
            ...integrations.map((i) => ({ source: i.source, conf: i.sparkConf })),
            { source: "the job's sparkConf", conf: args.sparkConf },
        ],
        "sparkConf",
    );
    const hadoopConf = mergeConf(
        [...integrations.map((i) => ({ source: i.source, conf: i.hadoopConf })), { source: "the job's hadoopConf", conf: args.hadoopConf }],
        "hadoopConf",
    );

    const sharedAnnotations = Object.assign({}, placement.scheduling.podAnnotations, ...integrations.map((i) => i.podAnnotations ?? {}));
    const driverAnnotations = Object.assign({}, ...integrations.map((i) => i.driverPodAnnotations ?? {}));
    refuseOverrides(args.labels, placement.scheduling.podLabels ?? {}, "labels");
    const podLabels = { ...placement.scheduling.podLabels, ...(args.labels ?? {}) };
    const role = (name: "driver" | "executor") => {
        const sized = job[name];
        const sizedAnnotations = name === "executor" ? withFallbackSpecs(sized.annotations, placement.executorFallbackShapes) : sized.annotations;
        const roleArgs = args[name] ?? {};
        // A job may add pod labels and annotations but not replace the platform's: the ECI RAM role
        // (the namespace's own), the scheduling label that sends pods to virtual nodes, the shape.
        refuseOverrides(roleArgs.labels, { ...POD_PLATFORM_LABELS, ...placement.scheduling.podLabels }, `${name}.labels`);
        refuseOverrides(
            roleArgs.annotations,
            {
                ...sharedAnnotations,
                ...(name === "executor" ? (placement.executorPodAnnotations ?? {}) : driverAnnotations),
                ...sizedAnnotations,
            },
            `${name}.annotations`,
        );
        return {
            ...roleFields(sized),
            serviceAccount: accounts[name],
            labels: sortKeys({ ...POD_PLATFORM_LABELS, ...podLabels, ...(roleArgs.labels ?? {}) }),
            annotations: sortKeys({
                ...sharedAnnotations,
                ...(name === "executor" ? (placement.executorPodAnnotations ?? {}) : driverAnnotations),
                ...sizedAnnotations,
                ...(roleArgs.annotations ?? {}),
            }),
            template: sparkPodTemplate({
                role: name,
                scheduling: placement.scheduling,
                ephemeralStorage: job.ephemeralStorage[name],
                runAsUser: SPARK_IMAGE_UID,
                configMapMounts: Object.assign({}, ...integrations.map((i) => i.configMapMounts ?? {})),
            }),
        };
    };

    const spec: Record<string, unknown> = {
        type: args.type,
        mode: "cluster",
        image: args.image,
        imagePullPolicy: args.imagePullPolicy ?? "IfNotPresent",
        ...(args.mainClass ? { mainClass: args.mainClass } : {}),
        mainApplicationFile: args.mainApplicationFile,
        arguments: args.arguments ?? [],
        sparkVersion: job.sparkVersion,
        sparkConf,
        ...(Object.keys(hadoopConf).length > 0 ? { hadoopConf } : {}),
        ...(deps ? { deps } : {}),
        driver: role("driver"),
        executor: { ...role("executor"), ...(job.dynamicAllocation ? {} : { instances: job.instances }) },
        ...(job.dynamicAllocation ? { dynamicAllocation: dynamicAllocationField(job.dynamicAllocation) } : {}),
        restartPolicy: job.restartPolicy,
        ...(job.timeToLiveSeconds !== undefined ? { timeToLiveSeconds: job.timeToLiveSeconds } : {}),
    };
    if (args.suspend && job.kind === "SparkApplication") {
        spec.suspend = true;
    }
    return spec;
}

/** Refuses a job's label or annotation that would replace one the platform sets on the pods. */
function refuseOverrides(own: Record<string, unknown> | undefined, platform: Record<string, unknown>, key: string): void {
    for (const name of Object.keys(own ?? {})) {
        if (Object.hasOwn(platform, name)) {
            throw new InputError(`${key}.${name}`, "is set by the platform on every pod", "another key: the platform's value stays");
        }
    }
}

/** `spec.dynamicAllocation`: shuffle tracking on (Kubernetes has no external shuffle service), its timeout in milliseconds. */
function dynamicAllocationField(da: ResolvedDynamicAllocation): Record<string, unknown> {
    return {
        enabled: true,
        initialExecutors: da.initialExecutors,
        minExecutors: da.minExecutors,
        maxExecutors: da.maxExecutors,
        shuffleTrackingEnabled: true,
        shuffleTrackingTimeout: da.shuffleTrackingTimeoutSeconds * 1000,
    };
}

/** The full object: a SparkApplication, or a ScheduledSparkApplication wrapping the spec. */
export function sparkApplicationObject(
    job: ResolvedJob,
    integrations: JobIntegration[],
): { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec: Record<string, unknown> } {
    const spec = sparkApplicationSpec(job, integrations);
    const metadata = { name: job.applicationName, namespace: job.namespace, labels: { ...JOB_LABELS, ...(job.args.labels ?? {}) } };
    if (job.kind === "SparkApplication") {
        return { apiVersion: SPARK_OPERATOR_API_VERSION, kind: "SparkApplication", metadata, spec };
    }
    const { args } = job;
    return {
        apiVersion: SPARK_OPERATOR_API_VERSION,
        kind: "ScheduledSparkApplication",
        metadata,
        spec: {
            schedule: args.schedule!.trim(),
            timeZone: args.timeZone ?? "UTC",
            concurrencyPolicy: args.concurrencyPolicy ?? "Forbid",
            successfulRunHistoryLimit: 1,
            // Each run is also deleted timeToLiveSeconds after it ends (600 s by default on Fargate
            // and ECI, where a finished driver pod bills until deleted), so this keeps at most three
            // failures, each for that long; the event logs keep them for the History Server.
            failedRunHistoryLimit: 3,
            ...(args.suspend ? { suspend: true } : {}),
            template: spec,
        },
    };
}

/** The Secret holding a job's `secretEnv` values: `<application>-env`. */
export function secretEnvName(applicationName: string): string {
    return `${applicationName}-env`;
}

/** An executor's sized annotations with its ECI spec followed by the cluster's fallback specs that hold it. */
function withFallbackSpecs(annotations: Record<string, string>, fallbacks: readonly CapacityShape[] | undefined): Record<string, string> {
    const spec = annotations[ECI_USE_SPECS_ANNOTATION];
    if (spec === undefined || !fallbacks?.length) return annotations;
    return { ...annotations, [ECI_USE_SPECS_ANNOTATION]: eciSpecsWithFallbacks(spec, fallbacks) };
}

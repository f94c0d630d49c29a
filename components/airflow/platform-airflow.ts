import * as pulumi from "@pulumi/pulumi";

import { planJobs, type PlannedJob, type SampleArgs } from "../jobs/platform-jobs";
import { resolveJob } from "../jobs/resolve";
import { sparkApplicationObject } from "../jobs/spec";
import type { JobIntegration, JobNamespaceHandle, JobPlacement, NamespaceIntegrator } from "../jobs/types";
import type { SparkStorage } from "../storage/types";
import type { AirflowExternalDatabase } from "./airflow";
import { sampleDagFiles, type SampleDagInput } from "./dags";
import { type AirflowSecretValues, checkAirflowSecrets } from "./secrets";
import { type AirflowSettings, checkAirflowNamespace, resolveAirflowSettings, type ResolvedAirflowSettings } from "./settings";

/** The platform's `airflow` argument. */
export interface PlatformAirflowArgs {
    /** The `airflow` settings (`enabled: true` to declare anything). @default { enabled: false } */
    settings?: AirflowSettings;
    /** Fernet key, API secret key and database password (required when enabled). */
    secrets?: Partial<AirflowSecretValues>;
    /** An external metadata database. @default none: the chart's own PostgreSQL */
    database?: AirflowExternalDatabase;
}

/** The platform's Airflow, checked. */
export interface ResolvedPlatformAirflow {
    settings: ResolvedAirflowSettings;
    secrets: AirflowSecretValues;
    database?: AirflowExternalDatabase;
}

/** Checks the platform's `airflow` argument; undefined when Airflow is off. Throws an InputError naming the key. */
export function resolvePlatformAirflow(
    args: PlatformAirflowArgs | undefined,
    jobNamespaces: readonly string[],
    operatorNamespace: string,
): ResolvedPlatformAirflow | undefined {
    const settings = resolveAirflowSettings(args?.settings);
    if (!settings.enabled) return undefined;
    checkAirflowNamespace(settings.namespace, jobNamespaces, operatorNamespace);
    const secrets = checkAirflowSecrets(args?.secrets ?? {});
    return { settings, secrets, ...(args?.database ? { database: args.database } : {}) };
}

/** What the sample DAGs' SparkApplications are rendered with: the platform's own job context. */
export interface SampleDagContext {
    placement: JobPlacement;
    jobNamespaces: string[];
    storage?: SparkStorage;
    /** The platform's sample settings (TPC-DS options). */
    samples: SampleArgs;
    /** Each job namespace's integrations (storage, Kerberos, metrics), as its jobs get them. */
    integrations: Record<string, JobIntegration[]>;
    /** The integrations of its own a job of the platform already has (the WordCount input, declared once), by job name. */
    ownIntegrations: (jobName: string) => JobIntegration[] | undefined;
    /** Declares a job-own integration (the WordCount input) in a namespace, when the platform has not. */
    integrate: (integrator: NamespaceIntegrator, namespace: string) => JobIntegration;
}

/**
 * The sample DAG files: the platform's own sample jobs (WordCount, and TPC-DS when it has a data
 * root: the storage's or `tpcds.dataRoot`), planned and rendered exactly as `samples` would declare
 * them, in the first job namespace. The query run is never suspended here (the DAG runs it after
 * the data generation task), and the operator names each run.
 */
export function platformSampleDags(context: SampleDagContext): Record<string, pulumi.Input<string>> {
    const namespace = context.jobNamespaces[0]!;
    const tpcds = context.samples.tpcds ?? {};
    const withTpcds = context.storage !== undefined || tpcds.dataRoot !== undefined;
    const planned = planJobs(
        [],
        { wordcount: true, ...(withTpcds ? { tpcds } : {}) },
        {
            placement: context.placement,
            jobNamespaces: context.jobNamespaces,
            storage: context.storage,
        },
    );
    const render = (job: PlannedJob): Record<string, unknown> => {
        const name = job.args.applicationName!;
        const own = job.ownIntegrators.length === 0 ? [] : (context.ownIntegrations(name) ?? job.ownIntegrators.map((i) => context.integrate(i, namespace)));
        const integrations = [...(context.integrations[namespace] ?? []), ...own];
        const object = sparkApplicationObject(resolveJob(name, { ...job.args, integrations }), integrations);
        delete object.spec.suspend;
        return object;
    };
    const byName = Object.fromEntries(planned.map((job) => [job.args.applicationName!, job]));
    const input: SampleDagInput = { namespace, wordcount: render(byName.wordcount!) };
    if (withTpcds) {
        const queries = byName["tpcds-queries"]!;
        input.tpcds = {
            datagen: render(byName["tpcds-datagen"]!),
            queries: render(queries),
            results: (queries.args.arguments?.[1] ?? "") as pulumi.Input<string>,
        };
    }
    return sampleDagFiles(input);
}

/** A handle for integrating in a namespace (what `NamespaceIntegrator.integrate` takes). */
export type NamespaceHandle = JobNamespaceHandle;

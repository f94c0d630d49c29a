import { z } from "zod";

import { schedulingSchema } from "../../cluster/scheduling-rules";
import { historyServerSettingsSchema } from "../../history/settings";
import { platformJobSchema, tpcdsSettingsSchema } from "../../jobs/shape";
import { sparkOperatorSettingsSchema } from "../../operator/settings";
import { CAPACITY_GRIDS } from "../../sizing/grids";

/**
 * The shape of the `serverless-spark:*` stack config: types and known keys only. Value rules (name
 * formats, ranges, files) belong to the components and are applied in `validate.ts`, so a rule is
 * written once whether a user comes through stack config or through the library.
 *
 * Each message is the "expected" half of the one-line error `key: got X, expected <message>`.
 */

export { schedulingSchema };

export const SAMPLES = ["wordcount", "tpcds"] as const;
export const PRICE_TABLES = ["fargate-us-east-1", "eci-international", "eci-china"] as const;

export const CLOUDS = ["aws", "alicloud", "existing"] as const;
export type Cloud = (typeof CLOUDS)[number];

/**
 * Top-level keys, each tagged with whether its config value is a plain string (taken as-is, like
 * `pulumi config get`) or structured (JSON-decoded, like `config.getObject`).
 */
export const topLevelKeys = {
    cloud: { structured: false, schema: z.enum(CLOUDS, { error: `one of ${CLOUDS.join(", ")}` }) },
    kubeconfig: { structured: false, schema: z.string({ error: "a kubeconfig path or content" }).optional() },
    context: { structured: false, schema: z.string({ error: "a kubeconfig context name" }).optional() },
    capacityGrid: {
        structured: false,
        schema: z.enum(CAPACITY_GRIDS, { error: `one of ${CAPACITY_GRIDS.join(", ")}` }).optional(),
    },
    scheduling: { structured: true, schema: schedulingSchema.optional() },
    jobNamespaces: {
        structured: true,
        schema: z.array(z.string({ error: "a namespace name" }), { error: "a list of namespace names" }).optional(),
    },
    operator: { structured: true, schema: sparkOperatorSettingsSchema.optional() },
    samples: {
        structured: true,
        schema: z.array(z.enum(SAMPLES, { error: SAMPLES.join(" or ") }), { error: `a list of samples (${SAMPLES.join(", ")})` }).optional(),
    },
    tpcds: { structured: true, schema: tpcdsSettingsSchema.optional() },
    historyServer: { structured: true, schema: historyServerSettingsSchema.optional() },
    metrics: { structured: true, schema: z.boolean({ error: "true or false" }).optional() },
    // Values checked by resolveSparkConnectSettings (components/jobs/connect.ts).
    sparkConnect: {
        structured: true,
        schema: z
            .strictObject(
                {
                    enabled: z.unknown().optional(),
                    executors: z.unknown().optional(),
                    executorCores: z.unknown().optional(),
                    serverCores: z.unknown().optional(),
                    image: z.unknown().optional(),
                    sparkConf: z.unknown().optional(),
                },
                { error: "an object {enabled, executors, executorCores, serverCores, image, sparkConf}" },
            )
            .optional(),
    },
    jobs: { structured: true, schema: z.array(platformJobSchema, { error: "a list of job objects" }).optional() },
    // Values checked by resolveAirflowSettings (components/airflow/settings.ts).
    airflow: {
        structured: true,
        schema: z
            .strictObject(
                {
                    enabled: z.unknown().optional(),
                    chartVersion: z.unknown().optional(),
                    namespace: z.unknown().optional(),
                    dags: z
                        .strictObject(
                            {
                                source: z.unknown().optional(),
                                samples: z.unknown().optional(),
                                repo: z.unknown().optional(),
                                branch: z.unknown().optional(),
                                subPath: z.unknown().optional(),
                            },
                            { error: "an object {source, samples, repo, branch, subPath}" },
                        )
                        .optional(),
                    database: z
                        .strictObject(
                            { instanceClass: z.unknown().optional(), storageGiB: z.unknown().optional(), finalSnapshot: z.unknown().optional() },
                            { error: "an object {instanceClass, storageGiB, finalSnapshot}" },
                        )
                        .optional(),
                },
                { error: "an object {enabled, chartVersion, namespace, dags, database}" },
            )
            .optional(),
    },
    // Airflow's secrets: plain strings (set with --secret), their values checked by checkAirflowSecrets;
    // a shape error about them is described by shape only (resolve.ts passes them as secret keys).
    airflowFernetKey: { structured: false, schema: z.string({ error: "a string set with pulumi config set --secret" }).optional() },
    airflowApiSecretKey: { structured: false, schema: z.string({ error: "a string set with pulumi config set --secret" }).optional() },
    airflowDatabasePassword: { structured: false, schema: z.string({ error: "a string set with pulumi config set --secret" }).optional() },
    // Shape-checked by their own resolvers (./hdfs.ts, ./kerberos.ts, the cloud modules), which know
    // which values are secret and must never be echoed in an error.
    storage: { structured: true, schema: z.unknown().optional() },
    cluster: { structured: true, schema: z.unknown().optional() },
    network: { structured: true, schema: z.unknown().optional() },
    kerberos: { structured: true, schema: z.unknown().optional() },
    prices: {
        structured: true,
        schema: z
            .strictObject(
                {
                    table: z.enum(PRICE_TABLES, { error: PRICE_TABLES.join(", ") }).optional(),
                    vcpuHour: z.number({ error: "a price per vCPU-hour" }).optional(),
                    gibHour: z.number({ error: "a price per GiB-hour" }).optional(),
                },
                { error: "an object {table, vcpuHour, gibHour}" },
            )
            .optional(),
    },
} as const;

export type TopLevelKey = keyof typeof topLevelKeys;

export const stackConfigSchema = z.strictObject(
    Object.fromEntries(Object.entries(topLevelKeys).map(([key, spec]) => [key, spec.schema])) as {
        [K in TopLevelKey]: (typeof topLevelKeys)[K]["schema"];
    },
);

/** The stack config after the shape check. */
export type RawStackConfig = z.infer<typeof stackConfigSchema>;

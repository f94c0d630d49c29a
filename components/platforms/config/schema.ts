import { z } from "zod";

import { sparkOperatorSettingsSchema } from "../../operator/settings";
import { CAPACITY_GRIDS } from "../../sizing/grids";

/**
 * The shape of the `serverless-spark:*` stack config: types and known keys only. Value rules (name
 * formats, ranges, files) belong to the components and are applied in `validate.ts`, so a rule is
 * written once whether a user comes through stack config or through the library.
 *
 * Each message is the "expected" half of the one-line error `key: got X, expected <message>`.
 */

const stringMap = (what: string) => z.record(z.string(), z.string({ error: `${what} values as strings` }), { error: `a map of ${what}` });

const tolerationSchema = z.strictObject(
    {
        key: z.string({ error: "a string" }).optional(),
        operator: z.enum(["Exists", "Equal"], { error: "Exists or Equal" }).optional(),
        value: z.string({ error: "a string" }).optional(),
        effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"], { error: "NoSchedule, PreferNoSchedule or NoExecute" }).optional(),
        tolerationSeconds: z.int({ error: "an integer" }).optional(),
    },
    { error: "a toleration object {key, operator, value, effect}" },
);

export const schedulingSchema = z.strictObject(
    {
        nodeSelector: stringMap("node labels").optional(),
        tolerations: z.array(tolerationSchema, { error: "a list of tolerations" }).optional(),
        podAnnotations: stringMap("pod annotations").optional(),
        podLabels: stringMap("pod labels").optional(),
    },
    { error: "an object with nodeSelector, tolerations, podAnnotations, podLabels" },
);

const roleFields = {
    cores: z.number({ error: "a number of cores" }).optional(),
    memory: z.string({ error: 'a Spark memory size such as "4g"' }).optional(),
    ephemeralStorage: z.string({ error: 'a quantity such as "20Gi"' }).optional(),
};
const driverSchema = z.strictObject(roleFields, { error: "an object {cores, memory, ephemeralStorage}" });
const executorSchema = z.strictObject(
    { ...roleFields, instances: z.number({ error: "a whole number of executors" }).optional() },
    { error: "an object {cores, memory, ephemeralStorage, instances}" },
);

const stringList = (what: string) => z.array(z.string({ error: `each ${what} as a string` }), { error: `a list of ${what}s` });

export const jobSchema = z.strictObject(
    {
        name: z.string({ error: "a job name" }),
        namespace: z.string({ error: "a job namespace" }).optional(),
        type: z.enum(["Scala", "Java", "Python", "R"], { error: "one of Scala, Java, Python, R" }),
        image: z.string({ error: "a container image" }),
        mainClass: z.string({ error: "a class name" }).optional(),
        mainApplicationFile: z.string({ error: "an application jar or script URI" }),
        arguments: stringList("argument").optional(),
        sparkVersion: z.string({ error: 'a Spark version such as "3.5.3"' }).optional(),
        sparkConf: stringMap("Spark conf").optional(),
        hadoopConf: stringMap("Hadoop conf").optional(),
        deps: z
            .strictObject(
                {
                    jars: stringList("URI").optional(),
                    files: stringList("URI").optional(),
                    pyFiles: stringList("URI").optional(),
                    packages: stringList("Maven coordinate").optional(),
                    excludePackages: stringList("Maven coordinate").optional(),
                    repositories: stringList("URL").optional(),
                },
                { error: "an object {jars, files, pyFiles, packages, excludePackages, repositories}" },
            )
            .optional(),
        driver: driverSchema.optional(),
        executor: executorSchema.optional(),
        dynamicAllocation: z
            .strictObject(
                {
                    enabled: z.boolean({ error: "true or false" }).optional(),
                    minExecutors: z.number({ error: "a whole number" }).optional(),
                    maxExecutors: z.number({ error: "a whole number" }).optional(),
                    initialExecutors: z.number({ error: "a whole number" }).optional(),
                },
                { error: "an object {enabled, minExecutors, maxExecutors, initialExecutors}" },
            )
            .optional(),
        restartPolicy: z
            .strictObject(
                {
                    type: z.enum(["Never", "OnFailure", "Always"], { error: "Never, OnFailure or Always" }).optional(),
                    onFailureRetries: z.number({ error: "a whole number" }).optional(),
                    onFailureRetryInterval: z.number({ error: "seconds" }).optional(),
                    onSubmissionFailureRetries: z.number({ error: "a whole number" }).optional(),
                    onSubmissionFailureRetryInterval: z.number({ error: "seconds" }).optional(),
                },
                { error: "an object {type, onFailureRetries, ...}" },
            )
            .optional(),
        timeToLiveSeconds: z.number({ error: "seconds" }).optional(),
        suspend: z.boolean({ error: "true or false" }).optional(),
        schedule: z.string({ error: "a cron schedule" }).optional(),
        timeZone: z.string({ error: "an IANA time zone" }).optional(),
        concurrencyPolicy: z.enum(["Allow", "Forbid", "Replace"], { error: "Allow, Forbid or Replace" }).optional(),
        sizing: z.enum(["fit", "exact"], { error: "fit or exact" }).optional(),
        labels: stringMap("labels").optional(),
    },
    { error: "a job object {name, type, image, mainApplicationFile, ...}" },
);

export const tpcdsSchema = z.strictObject(
    {
        dataRoot: z.string({ error: "a URI such as s3a://bucket/tpcds" }).optional(),
        scaleFactor: z.number({ error: "a whole number of GB" }).optional(),
        queries: stringList("query name").optional(),
        image: z.string({ error: "a container image" }).optional(),
        jar: z.string({ error: "a jar URI" }).optional(),
        sparkVersion: z.string({ error: "a Spark version" }).optional(),
        executorInstances: z.number({ error: "a whole number of executors" }).optional(),
        executorCores: z.number({ error: "a whole number of cores" }).optional(),
        iterations: z.number({ error: "a whole number" }).optional(),
    },
    { error: "an object {scaleFactor, queries, dataRoot, image, jar, ...}" },
);

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
    tpcds: { structured: true, schema: tpcdsSchema.optional() },
    jobs: { structured: true, schema: z.array(jobSchema, { error: "a list of job objects" }).optional() },
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

import { z } from "zod";

import { inputString } from "../shape";
import type { PlatformJobArgs } from "./platform-jobs";
import type { TpcdsSettings } from "./samples/tpcds";
import type { SparkJobSettings } from "./types";

/**
 * The shapes of a job's settings (`SparkJobSettings`), of a platform's job (`PlatformJobArgs`: a
 * name and a namespace more) and of the TPC-DS sample's settings: the first step of their parsers.
 * Each message is the "expected" half of `key: got X, expected <message>`; the value rules follow in
 * ./resolve.ts and ./platform-jobs.ts.
 */

const stringMap = (what: string) => z.record(z.string(), z.string({ error: `${what} values as strings` }), { error: `a map of ${what}` });
/** A map whose values may be Pulumi outputs (Spark and Hadoop conf). */
const inputMap = (what: string) => z.record(z.string(), inputString(`${what} values as strings`), { error: `a map of ${what}` });

const roleFields = {
    cores: z.number({ error: "a number of cores" }).optional(),
    memory: z.string({ error: 'a Spark memory size such as "4g"' }).optional(),
    ephemeralStorage: z.string({ error: 'a quantity such as "20Gi"' }).optional(),
};
const podMetadataFields = {
    labels: stringMap("pod labels").optional(),
    annotations: stringMap("pod annotations").optional(),
};
const driverSchema = z.strictObject({ ...roleFields, ...podMetadataFields }, { error: "an object {cores, memory, ephemeralStorage, labels, annotations}" });
const executorSchema = z.strictObject(
    { ...roleFields, instances: z.number({ error: "a whole number of executors" }).optional(), ...podMetadataFields },
    { error: "an object {cores, memory, ephemeralStorage, instances, labels, annotations}" },
);

const stringList = (what: string) => z.array(z.string({ error: `each ${what} as a string` }), { error: `a list of ${what}s` });

const jobSettingsFields = {
    type: z.enum(["Scala", "Java", "Python", "R"], { error: "one of Scala, Java, Python, R" }),
    image: z.string({ error: "a container image" }),
    imagePullPolicy: z.enum(["Always", "IfNotPresent", "Never"], { error: "Always, IfNotPresent or Never" }).optional(),
    mainClass: z.string({ error: "a class name" }).optional(),
    mainApplicationFile: z.string({ error: "an application jar or script URI" }),
    arguments: z.array(inputString("each argument as a string"), { error: "a list of arguments" }).optional(),
    sparkVersion: z.string({ error: 'a Spark version such as "3.5.3"' }).optional(),
    sparkConf: inputMap("Spark conf").optional(),
    hadoopConf: inputMap("Hadoop conf").optional(),
    secretEnv: inputMap("secret environment variable").optional(),
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
                shuffleTrackingTimeoutSeconds: z.number({ error: "a whole number of seconds" }).optional(),
            },
            { error: "an object {enabled, minExecutors, maxExecutors, initialExecutors, shuffleTrackingTimeoutSeconds}" },
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
    memoryHeadroomMiB: z.number({ error: "a whole number of MiB" }).optional(),
    labels: stringMap("labels").optional(),
};

export const tpcdsSettingsSchema = z.strictObject(
    {
        dataRoot: inputString("a URI such as s3a://bucket/tpcds").optional(),
        scaleFactor: z.number({ error: "a whole number of GB" }).optional(),
        queries: stringList("query name").optional(),
        image: z.string({ error: "a container image" }).optional(),
        jar: z.string({ error: "a jar URI" }).optional(),
        sparkVersion: z.string({ error: "a Spark version" }).optional(),
        executorInstances: z.number({ error: "a whole number of executors" }).optional(),
        executorCores: z.number({ error: "a whole number of cores" }).optional(),
        iterations: z.number({ error: "a whole number" }).optional(),
        runQueries: z.boolean({ error: "true or false" }).optional(),
        dataGenerationTimeoutMinutes: z.number({ error: "whole minutes" }).optional(),
    },
    { error: "an object {scaleFactor, queries, dataRoot, image, jar, ...}" },
) satisfies z.ZodType<TpcdsSettings>;

/** The shape of {@link SparkJobSettings}. */
export const sparkJobSettingsSchema = z.strictObject(jobSettingsFields, {
    error: "a job object {type, image, mainApplicationFile, ...}",
}) satisfies z.ZodType<SparkJobSettings>;

/** The shape of {@link PlatformJobArgs}: a job of a platform (the `jobs` list of a stack). */
export const platformJobSchema = z.strictObject(
    { name: z.string({ error: "a job name" }), namespace: z.string({ error: "a job namespace" }).optional(), ...jobSettingsFields },
    { error: "a job object {name, type, image, mainApplicationFile, ...}" },
) satisfies z.ZodType<PlatformJobArgs>;

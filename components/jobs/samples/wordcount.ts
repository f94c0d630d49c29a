import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { PLATFORM_OBJECT_LABELS } from "../../rbac/guard";
import type { JobIntegration, JobNamespaceHandle, NamespaceIntegrator, SparkJobArgs } from "../types";

/** Spark version of the stock image the samples use. */
export const SAMPLE_SPARK_VERSION = "3.5.3";
/** The stock Apache Spark image (docker.io/apache/spark), which ships the examples jar. */
export const SAMPLE_SPARK_IMAGE = `apache/spark:${SAMPLE_SPARK_VERSION}`;
/** The examples jar inside that image (the `spark-examples.jar` symlink exists only from 3.5.3). */
export const SAMPLE_EXAMPLES_JAR = `local:///opt/spark/examples/jars/spark-examples_2.12-${SAMPLE_SPARK_VERSION}.jar`;

/** A few lines of text for WordCount, written for this project. */
export const WORDCOUNT_TEXT =
    [
        "serverless spark counts words on virtual nodes",
        "every executor pod fills the shape it is billed for",
        "the driver asks the cluster for executors and the cluster asks the cloud for pods",
        "words are counted and the counts are printed by the driver",
        "spark on kubernetes on serverless nodes counts these words too",
    ].join("\n") + "\n";

/** The ConfigMap holding the sample's input text, in each job namespace. */
export const WORDCOUNT_INPUT_CONFIGMAP = "wordcount-input";
const INPUT_CONFIGMAP = WORDCOUNT_INPUT_CONFIGMAP;
const INPUT_MOUNT = "/opt/spark/wordcount";

/**
 * WordCount's input when the platform has no object storage: a ConfigMap in each job namespace,
 * mounted read-only into driver and executors through the pod templates (no webhook needed).
 */
export class WordCountInput implements NamespaceIntegrator {
    /** Where jobs read the text. */
    readonly uri = `file://${INPUT_MOUNT}/input.txt`;

    integrate(ns: JobNamespaceHandle, opts: pulumi.ComponentResourceOptions): JobIntegration {
        const configMap = new k8s.core.v1.ConfigMap(
            `${ns.name}-wordcount-input`,
            {
                metadata: { name: INPUT_CONFIGMAP, namespace: ns.name, labels: { "app.kubernetes.io/part-of": "serverless-spark", ...PLATFORM_OBJECT_LABELS } },
                data: { "input.txt": WORDCOUNT_TEXT },
            },
            { ...opts, dependsOn: [ns.namespace] },
        );
        return {
            source: "the WordCount input",
            configMapMounts: { "wordcount-input": { configMap: INPUT_CONFIGMAP, mountPath: INPUT_MOUNT } },
            dependsOn: [configMap],
        };
    }
}

/**
 * The WordCount sample: `JavaWordCount <input>`; prints `word: count`.
 * @param image an image built on apache/spark 3.5.3 that keeps its examples jar (the storage's
 * `sampleImage`, which carries its connector), else the stock image
 */
export function wordCountJob(input: pulumi.Input<string>, image: string = SAMPLE_SPARK_IMAGE): Omit<SparkJobArgs, "placement" | "namespace"> {
    return {
        type: "Java",
        image,
        sparkVersion: SAMPLE_SPARK_VERSION,
        mainClass: "org.apache.spark.examples.JavaWordCount",
        mainApplicationFile: SAMPLE_EXAMPLES_JAR,
        arguments: [input],
        // A mostly idle driver on the smallest shapes; one executor is plenty for a text file.
        driver: { cores: 1 },
        executor: { cores: 1, instances: 1 },
    };
}

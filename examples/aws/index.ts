/**
 * A standalone Pulumi program: EKS with every pod on Fargate, S3 storage with IRSA, and the Spark
 * platform with the WordCount sample, importing the library directly. Run it from a project whose
 * Pulumi.yaml points `main` at this file, with AWS credentials and `aws:region` set (the regional
 * resources are given `region` below explicitly, so the kubeconfig and the resources agree) and
 * `adminCidr` set to the egress address `pulumi up` runs from (`pulumi config set adminCidr a.b.c.d/32`).
 */
import * as pulumi from "@pulumi/pulumi";

import { ServerlessSparkPlatform, WORDCOUNT_TEXT } from "../../components"; // in your program: from "serverless-spark"
import { EksFargateCluster, S3Storage } from "../../components/aws"; // in your program: from "serverless-spark/aws"

const config = new pulumi.Config();
const region = "eu-west-1";
const jobNamespaces = ["etl", "adhoc"];

const cluster = new EksFargateCluster("spark-eks", {
    region,
    jobNamespaces,
    operatorNamespace: "spark-operator",
    // Reach the API server from your admin network only (`pulumi config set adminCidr <egress>/32`);
    // the private endpoint is always on.
    publicEndpoint: true,
    publicAccessCidrs: [config.require("adminCidr")],
    network: { availabilityZones: [`${region}a`, `${region}b`], natGateways: "perZone" },
});

const storage = new S3Storage("spark-data", {
    region: cluster.region,
    jobNamespaces,
    irsa: cluster.irsa,
    // A scratch bucket: deleted with the stack.
    retainOnDestroy: false,
    wordCountText: WORDCOUNT_TEXT,
});

const platform = new ServerlessSparkPlatform("spark", {
    cluster,
    storage,
    jobNamespaces,
    samples: { wordcount: true },
});

export const kubeconfig = cluster.kubeconfig;
export const bucket = storage.bucketName;
export const wordCountInput = storage.wordCountInput;
export const jobs = Object.keys(platform.jobs);

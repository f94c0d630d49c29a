/**
 * A standalone Pulumi program: an ACK Pro cluster whose pods all run on ECI virtual nodes, OSS
 * storage with one ECI RAM role per job namespace, and the Spark platform with the WordCount sample,
 * importing the library directly. Run it from a project whose Pulumi.yaml points `main` at this file
 * (see README.md), with Alibaba Cloud credentials and `alicloud:region` set to the region below:
 * Alibaba resources go where the provider points, so the cluster refuses a region the provider does
 * not have (and the zone ids below belong to it).
 */
import * as pulumi from "@pulumi/pulumi";

import { ServerlessSparkPlatform, WORDCOUNT_TEXT } from "../../components"; // in your program: from "serverless-spark"
import { AlicloudServerlessCluster, OssStorage } from "../../components/alicloud"; // in your program: from "serverless-spark/alicloud"

const config = new pulumi.Config();
// Outside mainland China: the images below come from Docker Hub, ghcr.io and registry.k8s.io, which
// Alibaba documents as unreliable from mainland regions. For a mainland region, copy them into ACR and
// set `imageRegistry` (docs/alicloud.md, "Images").
const region = "ap-southeast-1";
const jobNamespaces = ["etl", "adhoc"];

const cluster = new AlicloudServerlessCluster("spark-ack", {
    region,
    name: config.get("clusterName") ?? "spark-example",
    // Zone ids differ per region and account: pick two or three where ECI is sold.
    network: { zoneIds: [`${region}a`, `${region}b`], vpcCidr: "172.20.0.0/16" },
    // Executors on spot ECI at the market price; drivers stay on-demand.
    spot: { strategy: "SpotAsPriceGo" },
    // Shuffle-heavy jobs: 50 GiB on top of ECI's free 30 GiB, and the Spark image cached up front.
    extraEphemeralStorage: "50Gi",
    imageCaches: ["apache/spark:3.5.3"],
    // With copies of the images in an ACR namespace of this region (pulled over the VPC, not the NAT):
    // imageRegistry: `registry-vpc.${region}.aliyuncs.com/<namespace>`,
    // A throwaway cluster: `pulumi destroy` may delete it.
    deletionProtection: false,
});

const storage = new OssStorage("spark-data", {
    region: cluster.region,
    jobNamespaces,
    // Bucket names are global: set one of your own (without it, one is derived from the stack).
    bucket: config.get("bucket"),
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

export const clusterId = cluster.clusterId;
export const kubeconfig = cluster.kubeconfig;
export const bucket = storage.bucketName;
export const wordCountInput = storage.wordCountInput;
export const jobs = Object.keys(platform.jobs);

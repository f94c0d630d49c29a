import { awsDnsSuffix } from "../../cluster/aws/region";

/**
 * The S3A connector for images without one, when asked (`downloadConnector`): the stock apache/spark
 * 3.5 images ship Hadoop 3.3.4 client jars but no hadoop-aws, so hadoop-aws 3.3.4 and the AWS SDK v1
 * bundle it was built against (1.12.262), fetched at every submission through Ivy (about 280 MB,
 * egress through the NAT gateway, once in the operator and again in each driver).
 */
export const S3A_PACKAGES = ["org.apache.hadoop:hadoop-aws:3.3.4", "com.amazonaws:aws-java-sdk-bundle:1.12.262"] as const;

/**
 * S3A credentials from the web-identity token EKS projects into pods whose service account has an
 * `eks.amazonaws.com/role-arn` annotation (IRSA; EKS Pod Identity does not support Fargate). Named
 * by its AWS SDK v1 class, which Hadoop 3.3 (SDK v1) loads as is.
 */
export const S3A_CREDENTIALS_PROVIDER = "com.amazonaws.auth.WebIdentityTokenCredentialsProvider";

/**
 * The same provider in AWS SDK v2, for Hadoop 3.4 (SDK v2), whose S3A does not remap the v1 web
 * identity class by itself. `fs.s3a.aws.credentials.provider.mapping` (HADOOP-18980, Hadoop 3.4:
 * apache/hadoop hadoop-tools/hadoop-aws/src/site/markdown/tools/hadoop-aws/aws_sdk_upgrade.md, read
 * 2026-11-29) maps the v1 name to it; Hadoop 3.3 does not know the key and ignores it. So one
 * setting serves images of either Hadoop line.
 */
export const S3A_CREDENTIALS_PROVIDER_V2 = "software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider";

/**
 * Hadoop settings (without the `spark.hadoop.` prefix): S3A with IRSA, the regional endpoint,
 * uploads buffered on local disk in 128 MB parts by up to 40 threads over 100 connections, and the
 * v1 file output commit algorithm. Hadoop documents the classic committer's v2 algorithm as unsafe on
 * S3, where a rename is a copy and a delete (apache/hadoop hadoop-tools/hadoop-aws/src/site/markdown/
 * tools/hadoop-aws/committers.md, read 2026-11-29); v1 commits a job's output once, at job commit.
 * The S3A committers (magic, staging) are safe and faster but need `spark-hadoop-cloud` in the image,
 * which the stock apache/spark images are not known to have: a limitation the README states.
 * Directory markers are kept (`fs.s3a.directory.marker.retention=keep`, Hadoop 3.3.1 and later; the
 * only behaviour of 3.4): Hadoop 3.3's default deletes every parent marker on each write, which
 * removes the `spark-events/` marker Pulumi declared (so the next `pulumi up --refresh` recreates it)
 * and tries deletes above the namespace's prefix that its policy refuses (apache/hadoop
 * hadoop-tools/hadoop-aws/src/site/markdown/tools/hadoop-aws/directory_markers.md, read 2026-11-29).
 * @param pathStyle path-style requests (needed for bucket names with dots)
 */
export function s3aHadoopConf(region: string, pathStyle: boolean): Record<string, string> {
    return {
        "fs.s3a.impl": "org.apache.hadoop.fs.s3a.S3AFileSystem",
        "fs.s3a.aws.credentials.provider": S3A_CREDENTIALS_PROVIDER,
        "fs.s3a.aws.credentials.provider.mapping": `${S3A_CREDENTIALS_PROVIDER}=${S3A_CREDENTIALS_PROVIDER_V2}`,
        "fs.s3a.endpoint": `s3.${region}.${awsDnsSuffix(region)}`,
        "fs.s3a.endpoint.region": region,
        "fs.s3a.path.style.access": String(pathStyle),
        "fs.s3a.fast.upload": "true",
        "fs.s3a.fast.upload.buffer": "disk",
        "fs.s3a.multipart.size": "128M",
        "fs.s3a.threads.max": "40",
        "fs.s3a.connection.maximum": "100",
        "fs.s3a.directory.marker.retention": "keep",
        "mapreduce.fileoutputcommitter.algorithm.version": "1",
    };
}

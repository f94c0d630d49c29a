import { ossInternalEndpoint } from "./endpoint";

/**
 * Spark and Hadoop settings for OSS on ACK + ECI through JindoSDK and the ECI instance RAM role.
 *
 * Why JindoSDK and the ECI role rather than RRSA (Alibaba's IRSA): RRSA hands a pod an OIDC token
 * file and expects the client to trade it for STS credentials, and neither OSS connector for Hadoop
 * reads such a token. hadoop-aliyun 3.3.4 (the Hadoop version of Spark 3.5's images) ships no RRSA
 * provider, and the aliyun-sdk-oss providers it can load have no no-argument provider for instance
 * credentials. JindoSDK's `EcsStsCredentialsProvider` does read STS credentials from the instance
 * metadata service, and ECI serves the RAM role named in the pod annotation
 * `k8s.aliyun.com/eci-ram-role-name` there. So jobs hold no long-lived keys. RRSA stays enabled on
 * the cluster for users' own SDK-based applications.
 *
 * The catch: unlike RRSA and IRSA, the annotation is not bound to a service account. Whoever can
 * create pods can name any RAM role that trusts the ECS service, so pod creation must be restricted
 * with RBAC: SparkNamespace grants it in a job namespace only to the Spark driver's service account
 * (the operator's chart adds its controller). A Spark driver must create pods, so job code in one
 * namespace could still name another namespace's role: the per-namespace roles separate jobs
 * against mistakes, not against hostile job code.
 *
 * Doubtful until tried on a real account: the role's trust principal (ECI instance roles use the
 * ECS service's trust, `ecs.aliyuncs.com`), whether the generic `jindo-core` native library loads on
 * the apache/spark Ubuntu image or the `jindo-core-linux-ubuntu22-x86_64` jar is needed too, and
 * `fs.oss.https.enable` (see {@link jindoHadoopConf}).
 */

/**
 * JindoSDK release used by default: 6.10.7, released 2026-05-26, the newest in JindoData's release
 * history (aliyun/alibabacloud-jindodata `docs/user/en/releases.md`, read 2026-11-29), whose
 * `jindo-core` and `jindo-sdk` jars are in JindoData's Maven repository
 * (`docs/user/en/jindosdk/jindosdk_download.md`, "Lite Outputs").
 */
export const DEFAULT_JINDO_VERSION = "6.10.7";

/**
 * JindoData's own Maven repository: the JindoSDK jars are not on Maven Central
 * (aliyun/alibabacloud-jindodata, "JindoData 6.10.7 Maven Dependencies", docs/user/en/jindosdk/oss-maven.md).
 */
export const JINDO_MAVEN_REPOSITORY = "https://jindodata-binary.oss-cn-shanghai.aliyuncs.com/mvn-repo/";

/**
 * The JindoSDK packages Spark fetches at submission through Ivy (`deps.packages`): the Hadoop
 * FileSystem (`jindo-sdk`) and its native core (`jindo-core`, which carries the Linux x86_64
 * library for glibc 2.17+).
 */
export function jindoPackages(version: string): string[] {
    return [`com.aliyun.jindodata:jindo-core:${version}`, `com.aliyun.jindodata:jindo-sdk:${version}`];
}

/** JindoSDK's provider for STS credentials from the instance metadata service. */
export const JINDO_CREDENTIALS_PROVIDER = "com.aliyun.jindodata.oss.auth.EcsStsCredentialsProvider";

/**
 * Hadoop settings (without the `spark.hadoop.` prefix): JindoSDK as the `oss://` file system,
 * the region's internal endpoint over HTTPS, credentials of the ECI instance RAM role from the
 * metadata service (`EcsStsCredentialsProvider`, the Hadoop setting JindoData's credential FAQ gives:
 * `docs/user/en/jindosdk/jindosdk_credential_provider_faq.md`), and the v2 file output commit
 * algorithm (task commits move files once, not twice).
 *
 * Not set: `fs.oss.provider.endpoint = ECS_ROLE` and `fs.oss.provider.format = JSON`. JindoData
 * documents them only in `jindosdk.cfg`, the INI file of its non-Hadoop clients (Python, FUSE,
 * TensorFlow: `docs/user/en/jindosdk/jindosdk_deployment_ai.md`, `jindofs/jindofs_client_tools.md`),
 * never in `core-site.xml`, where the provider class does the same (read 2026-11-29).
 *
 * `fs.AbstractFileSystem.oss.impl` (Hadoop's FileContext, which Spark uses for streaming
 * checkpoints): `com.aliyun.jindodata.oss.OSS`, as JindoData's Spark page
 * (`docs/user/en/jindosdk/spark/jindosdk_on_spark.md`) and its Hadoop IDE page give it, and as
 * third-party code compiled against JindoSDK references it (`com.aliyun.jindodata.oss.OSS.class`);
 * its Hadoop deployment pages (`jindosdk_deployment_hadoop.md`, `jindosdk_deployment_lite_hadoop.md`)
 * name `com.aliyun.jindodata.oss.JindoOSS` instead. Which class 6.10.7's jar holds is not verified
 * here (its jar cannot be read offline); only FileContext users would notice.
 *
 * `fs.oss.https.enable`: the bucket policy refuses requests without TLS, and JindoSDK speaks plain
 * HTTP unless this is on (its default is false in JindoData's own Java client code, and Apache
 * Paimon's JindoFileIO sets it from an `https://` endpoint). It is not in JindoSDK's published
 * configuration list, so confirm on a real account: a request without TLS fails with AccessDenied.
 */
/**
 * JindoSDK's native memory pool, capped. Its default is 6124 MB per JVM, outside the heap and the
 * JVM's own limits (aliyun/alibabacloud-jindodata `docs/user/en/jindosdk/jindosdk_configuration.md`,
 * "Memory Configuration Items": `fs.oss.memory.pool.size.max.mb` from 6.7.0, and the deprecated
 * `fs.oss.memory.buffer.size.max.mb` before it; read 2026-11-29): an executor sized to fill its ECI
 * spec with Spark's 10% overhead would be OOM-killed by a write-heavy stage. Capped at 1 GiB, and
 * the same 1 GiB is added to every pod's overhead by sizing (`nativeMemoryMiB`).
 */
export const JINDO_NATIVE_MEMORY_MIB = 1024;

export function jindoHadoopConf(region: string): Record<string, string> {
    return {
        "fs.oss.impl": "com.aliyun.jindodata.oss.JindoOssFileSystem",
        "fs.AbstractFileSystem.oss.impl": "com.aliyun.jindodata.oss.OSS",
        "fs.oss.endpoint": ossInternalEndpoint(region),
        "fs.oss.https.enable": "true",
        "fs.oss.credentials.provider": JINDO_CREDENTIALS_PROVIDER,
        "fs.oss.memory.pool.size.max.mb": String(JINDO_NATIVE_MEMORY_MIB),
        "fs.oss.memory.buffer.size.max.mb": String(JINDO_NATIVE_MEMORY_MIB),
        "mapreduce.fileoutputcommitter.algorithm.version": "2",
    };
}

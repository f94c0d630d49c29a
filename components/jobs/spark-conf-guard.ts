import { describeValue, InputError } from "../errors";

/**
 * Spark conf a job author may not set because it would give the job's pods (or the operator pod,
 * where spark-submit runs) more than the platform grants: volumes outside the `restricted` profile,
 * Secrets the platform did not mount, another identity, pod changes the pod template cannot see, and
 * uploads of the operator's own files. The keys are Spark 3.5's
 * (spark.apache.org/docs/3.5.3/running-on-kubernetes.html, "Spark Properties", "Using Kubernetes
 * Volumes", "Secret Management", "Pod Template", read 2026-11-29). The platform's own conf (the
 * keytab mount into the driver, the Hadoop and krb5 ConfigMaps) is added after this check.
 */

/**
 * Volume types a job may add through `spark.kubernetes.{driver,executor}.volumes.<type>.<name>.*`.
 * Spark knows hostPath, emptyDir, nfs and persistentVolumeClaim; of those the Kubernetes `restricted`
 * profile allows emptyDir and persistentVolumeClaim
 * (kubernetes.io/docs/concepts/security/pod-security-standards/, "Volume Types", read 2026-11-29).
 * ConfigMaps and Secrets are mounted by the platform itself, never by a job's conf.
 */
export const SPARK_CONF_VOLUME_TYPES = ["emptyDir", "persistentVolumeClaim"] as const;

const VOLUME = /^spark\.kubernetes\.(driver|executor)\.volumes\.([^.]+)\.[^.]+\./;

/** Prefixes refused outright, with why and what to use instead. */
const REFUSED_PREFIXES: { pattern: RegExp; why: string; instead: string }[] = [
    {
        // `secrets.<name>=<path>` mounts any Secret of the namespace; `secretKeyRef.<ENV>=<secret>:<key>`
        // puts one in the environment. Either would hand the keytab to executors.
        pattern: /^spark\.kubernetes\.(driver|executor)\.(secrets|secretKeyRef)\./,
        why: "would mount a Secret of the namespace into the pod",
        instead: "nothing: the platform mounts the Secrets a job needs (the keytab into the driver only)",
    },
    {
        pattern: /^spark\.kubernetes\.authenticate\./,
        why: "would change the credentials Spark uses against the Kubernetes API",
        instead: "nothing: jobs run as the namespace's spark-driver and spark-executor service accounts",
    },
    {
        // Spark 3.5 copies these onto the pods after the pod template; the job's driver/executor
        // annotations and labels are checked against the platform's own (an ECI role, the scheduling label).
        pattern: /^spark\.kubernetes\.(driver|executor)\.(annotation|label)\./,
        why: "would set a pod annotation or label past the platform's checks",
        instead: "driver.annotations, driver.labels, executor.annotations or executor.labels",
    },
    {
        // Feature steps are classes that may rewrite the whole pod after the template.
        pattern: /^spark\.kubernetes\.(driver|executor)\.pod\.(featureSteps|excludedFeatureSteps)$/,
        why: "would let a class rewrite the pod after the platform's pod template",
        instead: "nothing: the pod template carries placement and pod security",
    },
    {
        // Another container name makes Spark build a fresh container beside the template's, without
        // its security context.
        pattern: /^spark\.kubernetes\.(driver|executor)\.podTemplateContainerName$/,
        why: "would build the Spark container outside the platform's pod template",
        instead: "nothing: SparkJob writes the pod template",
    },
];

/** Exact keys refused, with why and what to use instead. */
const REFUSED_KEYS: Record<string, { why: string; instead: string }> = {
    // spark-submit runs in the operator's controller pod and uploads `file:` dependencies there to
    // this path (SPARK-23153): a job author could ship the operator's files to a host they pick.
    "spark.kubernetes.file.upload.path": {
        why: "would upload files from the Spark operator's pod to a place the job picks",
        instead: "dependencies already in storage (s3a://, oss://, hdfs://) or in the image (local://)",
    },
    "spark.kubernetes.trust.certificates": {
        why: "would stop Spark checking the Kubernetes API server's certificate",
        instead: "nothing",
    },
    // The dependency lists have their own checked arguments (no file:, no http:).
    "spark.jars": { why: "bypasses the checks on deps", instead: "deps.jars" },
    "spark.files": { why: "bypasses the checks on deps", instead: "deps.files" },
    "spark.archives": { why: "bypasses the checks on deps", instead: "deps.files or a dependency in the image" },
    "spark.submit.pyFiles": { why: "bypasses the checks on deps", instead: "deps.pyFiles" },
    "spark.jars.packages": { why: "bypasses the checks on deps", instead: "deps.packages" },
    "spark.jars.excludes": { why: "bypasses the checks on deps", instead: "deps.excludePackages" },
    "spark.jars.repositories": { why: "bypasses the checks on deps", instead: "deps.repositories" },
    "spark.jars.ivySettings": { why: "would read Ivy settings (and their repositories) from the operator's pod", instead: "deps.repositories" },
};

/** Refuses one Spark conf key that would widen what a job's pods may do. `at` names it in the message. */
export function checkPodWidening(name: string, at: string): void {
    const volume = VOLUME.exec(name);
    if (volume && !(SPARK_CONF_VOLUME_TYPES as readonly string[]).includes(volume[2]!)) {
        throw new InputError(
            at,
            `got a ${volume[2]} volume, which the namespace's restricted pod security refuses`,
            `an ${SPARK_CONF_VOLUME_TYPES.join(" or ")} volume`,
        );
    }
    if (Object.hasOwn(REFUSED_KEYS, name)) {
        const rule = REFUSED_KEYS[name]!;
        throw new InputError(at, rule.why, rule.instead);
    }
    for (const rule of REFUSED_PREFIXES) {
        if (rule.pattern.test(name)) {
            throw new InputError(at, rule.why, rule.instead);
        }
    }
}

/**
 * URI schemes refused in `mainApplicationFile` and `deps`. spark-submit runs in the operator's pod:
 * a `file:` or scheme-less path names a file there (Spark reads scheme-less paths as local files),
 * which it would upload or serve to the job; `http:` fetches code in clear text, which anyone on the
 * path can change. (`local://` names a file in the job's own image and stays allowed.)
 */
export function checkDependencyUri(value: string, key: string): void {
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase();
    if (scheme === undefined || scheme === "file") {
        throw new InputError(
            key,
            `got ${describeValue(value)}: a file in the Spark operator's pod, where spark-submit runs`,
            "a URI in the image (local:///opt/...) or in storage (s3a://, oss://, hdfs://, https://)",
        );
    }
    if (scheme === "http") {
        throw new InputError(key, `got ${describeValue(value)}: code fetched over plain HTTP can be changed on the way`, "an https:// URL");
    }
}

import { describeValue, InputError } from "../errors";
import { checkPodWidening } from "./spark-conf-guard";

/**
 * Spark conf keys the operator's validating webhook refuses (kubeflow/spark-operator v2.5.2,
 * internal/webhook/sparkconf_validator.go), with what to use instead. Refused here whether or not the
 * webhook is installed (it is off by default): the operator sets these itself.
 */
const WEBHOOK_DENIED: Record<string, string> = {
    "spark.master": "nothing: the operator sets the master",
    "spark.kubernetes.driver.master": "nothing: the operator sets the master",
    "spark.kubernetes.container.image": "the image argument",
    "spark.kubernetes.driver.container.image": "the image argument",
    "spark.kubernetes.executor.container.image": "the image argument",
    "spark.kubernetes.authenticate.driver.serviceAccountName": "the platform's service accounts",
    "spark.kubernetes.authenticate.executor.serviceAccountName": "the platform's service accounts",
    "spark.kubernetes.authenticate.oauthToken": "nothing: the operator manages credentials",
    "spark.kubernetes.authenticate.oauthTokenFile": "nothing: the operator manages credentials",
    "spark.kubernetes.authenticate.driver.oauthToken": "nothing: the operator manages credentials",
    "spark.kubernetes.authenticate.driver.oauthTokenFile": "nothing: the operator manages credentials",
    "spark.kubernetes.authenticate.executor.oauthToken": "nothing: the operator manages credentials",
    "spark.kubernetes.authenticate.executor.oauthTokenFile": "nothing: the operator manages credentials",
};

/**
 * Keys SparkJob derives from its own arguments; setting them in sparkConf would fight the sizing.
 * The other keys that change a pod's memory (`spark.{driver,executor}.memoryOverhead`,
 * `.memoryOverheadFactor`, `.minMemoryOverhead`, `spark.kubernetes.memoryOverheadFactor`,
 * `spark.executor.pyspark.memory`, `spark.memory.offHeap.*`) are read by sizing instead
 * (./sizing-conf.ts), so the billed shape includes them.
 */
const MANAGED: Record<string, string> = {
    "spark.driver.cores": "driver.cores",
    "spark.driver.memory": "driver.memory",
    "spark.executor.cores": "executor.cores",
    "spark.executor.memory": "executor.memory",
    "spark.executor.instances": "executor.instances",
    "spark.kubernetes.driver.request.cores": "driver.cores",
    "spark.kubernetes.driver.limit.cores": "driver.cores",
    "spark.kubernetes.executor.request.cores": "executor.cores",
    "spark.kubernetes.executor.limit.cores": "executor.cores",
    "spark.dynamicAllocation.enabled": "dynamicAllocation",
    "spark.dynamicAllocation.minExecutors": "dynamicAllocation.minExecutors",
    "spark.dynamicAllocation.maxExecutors": "dynamicAllocation.maxExecutors",
    "spark.dynamicAllocation.initialExecutors": "dynamicAllocation.initialExecutors",
    "spark.dynamicAllocation.shuffleTracking.enabled": "dynamicAllocation (shuffle tracking is always on)",
    "spark.dynamicAllocation.shuffleTracking.timeout": "dynamicAllocation.shuffleTrackingTimeoutSeconds",
    "spark.kubernetes.driver.podTemplateFile": "driver arguments (SparkJob writes the pod template)",
    "spark.kubernetes.executor.podTemplateFile": "executor arguments (SparkJob writes the pod template)",
};

/**
 * Keys that would change a pod's memory in a way sizing does not model, with what to do instead.
 * A memory-backed emptyDir (tmpfs) counts against the container's memory limit, which sizing sets
 * to exactly heap + overhead (+ off-heap + PySpark): Spark's shuffle and spill files there would
 * get the pod OOM-killed, and Spark adds nothing to the request for them ("the memory overhead
 * should be increased accordingly": spark.apache.org/docs/3.5.3/running-on-kubernetes.html, "Using
 * RAM for local storage", read 2026-11-29).
 */
const UNMODELLED: Record<string, string> = {
    "spark.kubernetes.local.dirs.tmpfs":
        "it left out: local dirs use the pod's ephemeral storage (driver.ephemeralStorage or executor.ephemeralStorage), which sizing does not take from memory",
};

/** `spark.kubernetes.{driver,executor}.volumes.emptyDir.<name>.options.medium`: `Memory` is a tmpfs, as above. */
const EMPTY_DIR_MEDIUM = /^spark\.kubernetes\.(driver|executor)\.volumes\.emptyDir\.[^.]+\.options\.medium$/;

/**
 * Refuses Spark conf the webhook would reject at apply time, keys SparkJob owns, and keys that would
 * widen what the job's pods may do (./spark-conf-guard.ts).
 * @param namespace the application's namespace (`spark.kubernetes.namespace` must equal it)
 */
export function checkSparkConfKeys(conf: Record<string, unknown>, namespace: string, key: string): void {
    for (const [name, value] of Object.entries(conf)) {
        const at = `${key}.${name}`;
        if (name.trim() === "" || /\s/.test(name)) {
            throw new InputError(at, "is not a Spark conf key", "a key such as spark.sql.shuffle.partitions");
        }
        if (Object.hasOwn(WEBHOOK_DENIED, name)) {
            throw new InputError(at, "is refused by the Spark operator's webhook", WEBHOOK_DENIED[name]!);
        }
        if (name === "spark.kubernetes.namespace" && value !== namespace) {
            throw new InputError(at, `got ${describeValue(value)} (the operator requires the application's namespace)`, describeValue(namespace));
        }
        if (Object.hasOwn(UNMODELLED, name)) {
            throw new InputError(at, "would put Spark's local dirs in memory, which sizing does not count", UNMODELLED[name]!);
        }
        if (EMPTY_DIR_MEDIUM.test(name) && typeof value === "string" && value.trim().toLowerCase() === "memory") {
            throw new InputError(
                at,
                `got ${describeValue(value)}: a memory-backed emptyDir counts against the pod's memory, which sizing does not count`,
                "the default medium (the pod's ephemeral storage)",
            );
        }
        if (Object.hasOwn(MANAGED, name)) {
            throw new InputError(at, "is set by SparkJob from its arguments", `${MANAGED[name]} instead`);
        }
        checkPodWidening(name, at);
    }
}

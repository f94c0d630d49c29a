import { describeValue, InputError } from "../errors";

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

/** Keys SparkJob derives from its own arguments; setting them in sparkConf would fight the sizing. */
const MANAGED: Record<string, string> = {
    "spark.driver.cores": "driver.cores",
    "spark.driver.memory": "driver.memory",
    "spark.driver.memoryOverhead": "driver.memory (sizing sets the overhead)",
    "spark.executor.cores": "executor.cores",
    "spark.executor.memory": "executor.memory",
    "spark.executor.memoryOverhead": "executor.memory (sizing sets the overhead)",
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
    "spark.kubernetes.driver.podTemplateFile": "driver arguments (SparkJob writes the pod template)",
    "spark.kubernetes.executor.podTemplateFile": "executor arguments (SparkJob writes the pod template)",
};

/**
 * Refuses Spark conf the webhook would reject at apply time, and keys SparkJob owns.
 * @param namespace the application's namespace (`spark.kubernetes.namespace` must equal it)
 */
export function checkSparkConfKeys(conf: Record<string, unknown>, namespace: string, key: string): void {
    for (const [name, value] of Object.entries(conf)) {
        const at = `${key}.${name}`;
        if (name.trim() === "" || /\s/.test(name)) {
            throw new InputError(at, "is not a Spark conf key", "a key such as spark.sql.shuffle.partitions");
        }
        if (name in WEBHOOK_DENIED) {
            throw new InputError(at, "is refused by the Spark operator's webhook", WEBHOOK_DENIED[name]!);
        }
        if (name === "spark.kubernetes.namespace" && value !== namespace) {
            throw new InputError(at, `got ${describeValue(value)} (the operator requires the application's namespace)`, describeValue(namespace));
        }
        if (name in MANAGED) {
            throw new InputError(at, "is set by SparkJob from its arguments", `${MANAGED[name]} instead`);
        }
    }
}

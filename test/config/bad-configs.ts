import * as path from "path";

/**
 * The bad-config corpus: stack configs a user could plausibly write, each with the one-line error
 * it must fail with before any resource is declared (`key: <problem>, expected <what>`).
 *
 * A row is a shipped stack (`stacks/Pulumi.<stack>.yaml`) plus `--config`-style overrides, or a
 * whole stack file as YAML text (for mistakes that only YAML makes, such as an unquoted `1.30`).
 * To cover a new cloud, add its stack file and append rows with `stack: "<cloud>"` and a new
 * `area`; nothing else in the corpus needs to change (see `AREAS`).
 */
export interface BadConfig {
    /** What the mistake is. */
    title: string;
    /** Which part of the config reference the row covers (one of {@link AREAS}). */
    area: Area;
    /** The shipped stack the row starts from (`stacks/Pulumi.<stack>.yaml`). Not with `yaml`. */
    stack?: string;
    /**
     * Overrides exactly as `npm run plan -- --config key=value` applies them: a dotted key under the
     * project namespace (`operator.webhookReplicas`) or a namespaced key (`aws:region`); a dotted
     * key merges into the stack's object, a top-level key replaces the value. Values are given as
     * data (the CLI gets them JSON-encoded).
     */
    set?: Record<string, unknown>;
    /** Top-level keys removed from the stack (`cloud`, `aws:region`). */
    unset?: string[];
    /** A whole stack file instead of `stack` + `set`. */
    yaml?: string;
    error: {
        /** The full key the line starts with, e.g. `jobs[0].executor.cores`. */
        key: string;
        /**
         * A part of the problem that shows the bad value (`"ETL"`, `2.5`, `nothing`), or, for a key
         * that must not be there at all, that it is set.
         */
        got?: string;
        /** A part of what the line says is expected. */
        expected: string;
        /** Secret material that must not appear in the line (then `got` is left out). */
        hides?: string;
    };
    /** Also run the row through the whole program under the mock runtime, or through the plan CLI. */
    runs?: ("program" | "cli")[];
}

/** The areas of the config reference; each must have rows. Add a cloud's area with its rows. */
export const AREAS = [
    "cloud",
    "unknown keys",
    "cloud-only keys",
    "existing cluster",
    "jobNamespaces",
    "operator",
    "samples",
    "tpcds",
    "jobs",
    "storage (hdfs)",
    "kerberos",
    "prices",
    "aws:region",
    "aws cluster",
    "aws network",
    "aws storage (s3)",
    "alicloud:region",
    "alicloud cluster",
    "alicloud network",
    "alicloud storage (oss)",
] as const;
export type Area = (typeof AREAS)[number];

const FIXTURES = path.join(__dirname, "..", "fixtures", "kerberos");
const KEYTAB = path.join(FIXTURES, "spark-v2.keytab");
const KRB5_CONF = path.join(FIXTURES, "corp-krb5.conf");
const PRINCIPAL = "spark/worker.spark.test@SPARK.TEST";
/** A valid Kerberos setting for the keytab fixture; rows change one thing. */
const kerberos = (fields: Record<string, unknown> = {}) => ({
    kerberos: { principal: PRINCIPAL, keytabPath: KEYTAB, kdcs: ["kdc1.spark.test:88"], ...fields },
});

/** A valid job; rows change one thing. */
const JOB = { name: "etl", type: "Java", image: "apache/spark:3.5.3", mainClass: "org.example.Etl", mainApplicationFile: "local:///opt/app/etl.jar" };
const job = (fields: Record<string, unknown>) => ({ jobs: [{ ...JOB, ...fields }] });

/** A valid HDFS storage setting; rows change one thing. */
const hdfs = (fields: Record<string, unknown>) => ({ storage: { type: "hdfs", hdfs: { namenodes: ["nn1.corp.example:8020"], ...fields } } });

const SUBNETS = ["subnet-0a1b2c3d4e5f67890", "subnet-0fedcba9876543210"];
const TOKEN = "s3cr3t-token-value";
const KUBECONFIG = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "  - name: lab",
    '    cluster: { server: "https://10.0.0.1:6443" }',
    "contexts:",
    "  - name: lab-admin",
    "    context: { cluster: lab, user: admin }",
    "current-context: lab-admin",
    "users:",
    "  - name: admin",
    `    user: { token: "${TOKEN}" }`,
    "",
].join("\n");

const existing = "existing";
const aws = "aws";
const alicloud = "alicloud";
/** An existing Alibaba VPC and its vSwitches (the ids the shipped stack file shows in its comments). */
const ALI_VPC = "vpc-t4n0a1b2c3d4e5f6g7h8i";
const ALI_VSWITCHES = ["vsw-t4n1a2b3c4d5e6f7g8h9i", "vsw-t4n9i8h7g6f5e4d3c2b1a"];
/** The start of a whole alicloud stack file; rows append their own cluster, network or storage. */
const ALI_YAML =
    "config:\n  alicloud:region: ap-southeast-1\n  serverless-spark:cloud: alicloud\n  serverless-spark:network:\n    zoneIds: [ap-southeast-1a, ap-southeast-1b]\n";
const DNS_1035 = "a DNS-1035 label";
const DNS_1123 = "a DNS-1123 label";

// biome-ignore format: one row per line keeps the corpus scannable and its diffs one line per row
export const BAD_CONFIGS: BadConfig[] = [
    // ---- cloud ----
    { title: "cloud missing", area: "cloud", stack: existing, unset: ["cloud"], error: { key: "cloud", got: "got nothing", expected: "one of aws, alicloud, existing" }, runs: ["program", "cli"] },
    { title: "unknown cloud", area: "cloud", stack: existing, set: { cloud: "gcp" }, error: { key: "cloud", got: '"gcp"', expected: "one of aws, alicloud, existing" } },
    { title: "cloud in the wrong case", area: "cloud", stack: existing, set: { cloud: "Existing" }, error: { key: "cloud", got: '"Existing"', expected: "one of aws, alicloud, existing" } },
    {
        title: "cloud written as a YAML list",
        area: "cloud",
        yaml: "config:\n  serverless-spark:cloud: [existing]\n",
        error: { key: "cloud", got: "existing", expected: "one of aws, alicloud, existing" },
    },

    // ---- unknown keys, top level and nested ----
    { title: "top-level typo", area: "unknown keys", stack: existing, set: { jobNamespace: ["etl"] }, error: { key: "jobNamespace", got: "unknown config key", expected: "one of cloud, kubeconfig, context" }, runs: ["program"] },
    { title: "operator typo", area: "unknown keys", stack: existing, set: { "operator.replicas": 3 }, error: { key: "operator.replicas", got: "unknown config key", expected: "one of chartVersion, repository" } },
    { title: "operator setting the stack does not offer", area: "unknown keys", stack: existing, set: { "operator.createNamespace": false }, error: { key: "operator.createNamespace", got: "unknown config key", expected: "webhookReplicas" } },
    { title: "resources typo (reported as a typo, not as the missing key)", area: "unknown keys", stack: existing, set: { "operator.controllerResources": { cpus: "1", memory: "2Gi" } }, error: { key: "operator.controllerResources.cpus", got: "unknown config key", expected: "one of cpu, memory" } },
    { title: "principal misspelt", area: "unknown keys", stack: existing, set: { kerberos: { principle: PRINCIPAL, keytabPath: KEYTAB, kdcs: ["kdc1.spark.test:88"] } }, error: { key: "kerberos.principle", got: "unknown config key", expected: "one of principal, keytabPath" } },
    { title: "scheduling typo", area: "unknown keys", stack: existing, set: { "scheduling.nodeSelectors": { type: "virtual-kubelet" } }, error: { key: "scheduling.nodeSelectors", got: "unknown config key", expected: "nodeSelector, tolerations" } },
    { title: "tpcds typo", area: "unknown keys", stack: existing, set: { "tpcds.scale": 10 }, error: { key: "tpcds.scale", got: "unknown config key", expected: "scaleFactor" } },
    { title: "executor typo", area: "unknown keys", stack: existing, set: job({ executor: { core: 2 } }), error: { key: "jobs[0].executor.core", got: "unknown config key", expected: "one of cores, memory, ephemeralStorage, instances" } },
    { title: "driver has no instances", area: "unknown keys", stack: existing, set: job({ driver: { instances: 2 } }), error: { key: "jobs[0].driver.instances", got: "unknown config key", expected: "one of cores, memory, ephemeralStorage" } },
    { title: "job key in snake case", area: "unknown keys", stack: existing, set: job({ image_pull_policy: "Always" }), error: { key: "jobs[0].image_pull_policy", got: "unknown config key", expected: "imagePullPolicy, mainClass, mainApplicationFile" } },
    { title: "deps typo", area: "unknown keys", stack: existing, set: job({ deps: { wheels: ["a.whl"] } }), error: { key: "jobs[0].deps.wheels", got: "unknown config key", expected: "jars, files, pyFiles" } },
    { title: "prices typo", area: "unknown keys", stack: existing, set: { "prices.currency": "EUR" }, error: { key: "prices.currency", got: "unknown config key", expected: "one of table, vcpuHour, gibHour" } },
    { title: "hdfs typo", area: "unknown keys", stack: existing, set: hdfs({ replication: 3 }), error: { key: "storage.hdfs.replication", got: "unknown config key", expected: "namenodes, nameservice" } },
    { title: "bucket on hdfs storage", area: "unknown keys", stack: existing, set: { storage: { type: "hdfs", hdfs: { namenodes: ["nn1:8020"] }, bucket: "data" } }, error: { key: "storage.bucket", got: "unknown config key", expected: "one of type, hdfs" } },
    { title: "kerberos typo", area: "unknown keys", stack: existing, set: kerberos({ ticketLifetime: "24h" }), error: { key: "kerberos.ticketLifetime", got: "unknown config key", expected: "principal, keytabPath" } },
    { title: "aws cluster typo", area: "unknown keys", stack: aws, set: { "cluster.nodeCount": 3 }, error: { key: "cluster.nodeCount", got: "unknown config key", expected: "one of name, version, publicEndpoint" } },
    { title: "aws network typo", area: "unknown keys", stack: aws, set: { "network.subnets": 3 }, error: { key: "network.subnets", got: "unknown config key", expected: "availabilityZones" } },
    { title: "hdfs settings on aws storage", area: "unknown keys", stack: aws, set: { "storage.hdfs": { namenodes: ["nn1:8020"] } }, error: { key: "storage.hdfs", got: "unknown config key", expected: "one of type, bucket, existingBucket" } },

    // ---- keys of another cloud ----
    { title: "cluster on an existing cluster", area: "cloud-only keys", stack: existing, set: { "cluster.name": "lab" }, error: { key: "cluster", got: 'is set for cloud "existing"', expected: "only with cloud: aws or alicloud" } },
    { title: "network on an existing cluster", area: "cloud-only keys", stack: existing, set: { "network.vpcId": "vpc-0a1b2c3d4e5f67890" }, error: { key: "network", got: 'is set for cloud "existing"', expected: "only with cloud: aws or alicloud" } },
    { title: "kubeconfig on aws", area: "cloud-only keys", stack: aws, set: { kubeconfig: "~/.kube/config" }, error: { key: "kubeconfig", got: 'is set for cloud "aws"', expected: "only with cloud: existing" }, runs: ["cli"] },
    { title: "context on aws", area: "cloud-only keys", stack: aws, set: { context: "lab" }, error: { key: "context", got: 'is set for cloud "aws"', expected: "only with cloud: existing" } },
    { title: "capacityGrid on aws", area: "cloud-only keys", stack: aws, set: { capacityGrid: "fargate" }, error: { key: "capacityGrid", got: 'is set for cloud "aws"', expected: "only with cloud: existing" } },
    { title: "scheduling on aws", area: "cloud-only keys", stack: aws, set: { "scheduling.nodeSelector": { a: "b" } }, error: { key: "scheduling", got: 'is set for cloud "aws"', expected: "only with cloud: existing" } },

    // ---- existing cluster: kubeconfig, context, capacityGrid, scheduling ----
    { title: "kubeconfig path that does not exist", area: "existing cluster", stack: existing, set: { kubeconfig: "/nonexistent/lab.yaml" }, error: { key: "kubeconfig", got: 'no readable file at "/nonexistent/lab.yaml"', expected: "a path to a kubeconfig file" }, runs: ["program"] },
    {
        title: "kubeconfig content without contexts (not echoed)",
        area: "existing cluster",
        stack: existing,
        set: { kubeconfig: KUBECONFIG.replace(/contexts:\n.*\n.*\ncurrent-context: lab-admin\n/, "") },
        error: { key: "kubeconfig", expected: "at least one cluster and one context", hides: TOKEN },
    },
    { title: "context the kubeconfig lacks", area: "existing cluster", stack: existing, set: { kubeconfig: KUBECONFIG, context: "staging" }, error: { key: "context", got: '"staging"', expected: "one of lab-admin", hides: TOKEN } },
    { title: "capacityGrid unknown", area: "existing cluster", stack: existing, set: { capacityGrid: "spot" }, error: { key: "capacityGrid", got: '"spot"', expected: "one of fargate, eci, none" } },
    { title: "scheduling as a list", area: "existing cluster", stack: existing, set: { scheduling: ["virtual-kubelet"] }, error: { key: "scheduling", got: '["virtual-kubelet"]', expected: "an object with nodeSelector" } },
    { title: "nodeSelector as a list (list for map)", area: "existing cluster", stack: existing, set: { "scheduling.nodeSelector": ["type=virtual-kubelet"] }, error: { key: "scheduling.nodeSelector", got: '["type=virtual-kubelet"]', expected: "a map of node labels" } },
    {
        title: "nodeSelector value a YAML boolean",
        area: "existing cluster",
        yaml: "config:\n  serverless-spark:cloud: existing\n  serverless-spark:scheduling:\n    nodeSelector:\n      virtual: true\n",
        error: { key: "scheduling.nodeSelector.virtual", got: "got true", expected: "values as strings" },
    },
    { title: "nodeSelector value not a label value", area: "existing cluster", stack: existing, set: { "scheduling.nodeSelector": { type: "virtual kubelet" } }, error: { key: "scheduling.nodeSelector.type", got: '"virtual kubelet"', expected: "a label value" } },
    { title: "podLabels key not a label key", area: "existing cluster", stack: existing, set: { "scheduling.podLabels": { "team name": "data" } }, error: { key: "scheduling.podLabels", got: '"team name"', expected: "label keys of the form [prefix/]name" } },
    { title: "podAnnotations key not a qualified name", area: "existing cluster", stack: existing, set: { "scheduling.podAnnotations": { "-eci": "true" } }, error: { key: "scheduling.podAnnotations", got: '"-eci"', expected: "annotation keys of the form" } },
    { title: "tolerations as an object", area: "existing cluster", stack: existing, set: { "scheduling.tolerations": { key: "virtual-kubelet.io/provider" } }, error: { key: "scheduling.tolerations", got: '{"key":"virtual-kubelet.io/provider"}', expected: "a list of tolerations" } },
    { title: "toleration effect unknown", area: "existing cluster", stack: existing, set: { "scheduling.tolerations": [{ key: "k", operator: "Exists", effect: "Never" }] }, error: { key: "scheduling.tolerations[0].effect", got: '"Never"', expected: "NoSchedule, PreferNoSchedule or NoExecute" } },
    {
        title: "toleration Exists with a value",
        area: "existing cluster",
        stack: existing,
        set: { "scheduling.tolerations": [{ key: "virtual-kubelet.io/provider", operator: "Exists", value: "alibabacloud", effect: "NoSchedule" }] },
        error: { key: "scheduling.tolerations[0].value", got: '"alibabacloud" with operator Exists', expected: "no value with operator Exists" },
        runs: ["program"],
    },
    { title: "toleration Equal without a key", area: "existing cluster", stack: existing, set: { "scheduling.tolerations": [{ value: "x", effect: "NoSchedule" }] }, error: { key: "scheduling.tolerations[0].operator", got: '"Equal" with no key', expected: "Exists when key is empty" } },
    { title: "tolerationSeconds without NoExecute", area: "existing cluster", stack: existing, set: { "scheduling.tolerations": [{ key: "k", operator: "Exists", effect: "NoSchedule", tolerationSeconds: 300 }] }, error: { key: "scheduling.tolerations[0].tolerationSeconds", got: "got 300", expected: "only with effect NoExecute" } },
    {
        title: "tolerationSeconds quoted in YAML",
        area: "existing cluster",
        yaml: 'config:\n  serverless-spark:cloud: existing\n  serverless-spark:scheduling:\n    tolerations:\n      - key: node.kubernetes.io/unreachable\n        operator: Exists\n        effect: NoExecute\n        tolerationSeconds: "300"\n',
        error: { key: "scheduling.tolerations[0].tolerationSeconds", got: '"300"', expected: "an integer" },
    },

    // ---- jobNamespaces ----
    { title: "a string, not a list", area: "jobNamespaces", stack: existing, set: { jobNamespaces: "spark-jobs" }, error: { key: "jobNamespaces", got: '"spark-jobs"', expected: "a list of namespace names" } },
    { title: "empty list", area: "jobNamespaces", stack: existing, set: { jobNamespaces: [] }, error: { key: "jobNamespaces", got: "got []", expected: "at least one namespace name" } },
    { title: "not a DNS-1123 label", area: "jobNamespaces", stack: existing, set: { jobNamespaces: ["Spark_Jobs"] }, error: { key: "jobNamespaces[0]", got: '"Spark_Jobs"', expected: DNS_1123 } },
    { title: "listed twice", area: "jobNamespaces", stack: existing, set: { jobNamespaces: ["etl", "adhoc", "etl"] }, error: { key: "jobNamespaces", got: '"etl" is listed twice', expected: "each entry once" } },
    { title: "a YAML number", area: "jobNamespaces", yaml: "config:\n  serverless-spark:cloud: existing\n  serverless-spark:jobNamespaces:\n    - etl\n    - 2024\n", error: { key: "jobNamespaces[1]", got: "got 2024", expected: "a namespace name" } },
    { title: "the operator's namespace", area: "jobNamespaces", stack: existing, set: { jobNamespaces: ["etl", "spark-operator"] }, error: { key: "jobNamespaces[1]", got: '"spark-operator", the operator\'s namespace', expected: "job namespaces apart from the operator's" }, runs: ["program"] },
    { title: "a system namespace", area: "jobNamespaces", stack: existing, set: { jobNamespaces: ["kube-system"] }, error: { key: "jobNamespaces[0]", got: '"kube-system"', expected: "not default or kube-*" }, runs: ["cli"] },
    { title: "operator namespace moved onto a job namespace (aws)", area: "jobNamespaces", stack: aws, set: { "operator.namespace": "spark-jobs" }, error: { key: "jobNamespaces[0]", got: '"spark-jobs", the operator\'s namespace (operator.namespace)', expected: "job namespaces apart from the operator's" } },

    // ---- operator ----
    { title: "one webhook replica", area: "operator", stack: existing, set: { "operator.webhookReplicas": 1 }, error: { key: "operator.webhookReplicas", got: "got 1", expected: "an integer from 2 to 10" }, runs: ["cli"] },
    { title: "webhookReplicas as a string", area: "operator", stack: existing, set: { "operator.webhookReplicas": "3" }, error: { key: "operator.webhookReplicas", got: '"3"', expected: "an integer from 2 to 10" } },
    { title: "webhookReplicas a fraction", area: "operator", stack: existing, set: { "operator.webhookReplicas": 2.5 }, error: { key: "operator.webhookReplicas", got: "got 2.5", expected: "an integer from 2 to 10" } },
    { title: "webhookReplicas too many", area: "operator", stack: aws, set: { "operator.webhookReplicas": 11 }, error: { key: "operator.webhookReplicas", got: "got 11", expected: "an integer from 2 to 10" }, runs: ["program"] },
    { title: "webhookReplicas without the webhook", area: "operator", stack: existing, set: { "operator.webhookReplicas": 3 }, error: { key: "operator.webhookReplicas", got: "applies to the admission webhook, which is off", expected: "operator.webhook: true beside it, or no webhookReplicas" } },
    { title: "webhookResources without the webhook", area: "operator", stack: aws, set: { "operator.webhookResources": { cpu: "250m", memory: "256Mi" } }, error: { key: "operator.webhookResources", got: "applies to the admission webhook, which is off", expected: "operator.webhook: true beside it" }, runs: ["program"] },
    { title: "webhook not a boolean", area: "operator", stack: existing, set: { "operator.webhook": "yes" }, error: { key: "operator.webhook", got: '"yes"', expected: "true or false" } },
    { title: "chartVersion not a version", area: "operator", stack: existing, set: { "operator.chartVersion": "latest" }, error: { key: "operator.chartVersion", got: '"latest"', expected: "a chart version such as 2.5.2" } },
    { title: "chartVersion an unquoted YAML number", area: "operator", yaml: "config:\n  serverless-spark:cloud: existing\n  serverless-spark:operator:\n    chartVersion: 2.5\n", error: { key: "operator.chartVersion", got: "got 2.5", expected: "a chart version string" } },
    { title: "Hadoop ConfigMap named like the krb5.conf one", area: "storage (hdfs)", stack: existing, set: { "storage.type": "hdfs", "storage.hdfs.namenodes": ["nn1:8020"], "storage.hdfs.configMapName": "spark-kerberos-krb5", "kerberos.principal": "spark/worker.spark.test@SPARK.TEST", "kerberos.keytabPath": path.join(__dirname, "..", "fixtures", "kerberos", "spark-v2.keytab"), "kerberos.kdcs": ["kdc:88"], "kerberos.realm": "SPARK.TEST" }, error: { key: "storage.hdfs.configMapName", got: "the Kerberos krb5.conf ConfigMap", expected: "a ConfigMap name no other platform object uses" } },
    { title: "Hadoop ConfigMap named like the wordcount input", area: "storage (hdfs)", stack: existing, set: { "storage.type": "hdfs", "storage.hdfs.namenodes": ["nn1:8020"], "storage.hdfs.configMapName": "wordcount-input" }, error: { key: "storage.hdfs.configMapName", got: "the wordcount sample's input ConfigMap", expected: "a ConfigMap name no other platform object uses" } },
    { title: "schedule every nanosecond", area: "jobs", stack: existing, set: { jobs: [{ name: "j", type: "Python", image: "apache/spark:3.5.3", mainApplicationFile: "local:///x.py", schedule: "@every 1ns", concurrencyPolicy: "Allow" }] }, error: { key: "jobs[0].schedule", got: "shorter than a minute", expected: "@every <duration>" } },
    { title: "a price of 1e308", area: "prices", stack: existing, set: { "prices.vcpuHour": 1e308 }, error: { key: "prices.vcpuHour", got: "is not a price", expected: "a number from 0 to 1000" } },
    { title: "repository not https", area: "operator", stack: existing, set: { "operator.repository": "ftp://charts.example.com/spark" }, error: { key: "operator.repository", got: '"ftp://charts.example.com/spark"', expected: "an https URL of a Helm repository" } },
    { title: "repository over plain http", area: "operator", stack: existing, set: { "operator.repository": "http://charts.example.com/spark" }, error: { key: "operator.repository", got: "plain HTTP", expected: "an https URL of a Helm repository" } },
    { title: "repository with a password in the URL", area: "operator", stack: existing, set: { "operator.repository": "https://bot:hunter2secret@charts.example.com/spark" }, error: { key: "operator.repository", expected: "operator.repositoryUsername and operator.repositoryPassword", hides: "hunter2secret" }, runs: ["program", "cli"] },
    { title: "repository password without a user name", area: "operator", stack: existing, set: { "operator.repositoryPassword": "hunter2secret" }, error: { key: "operator.repositoryPassword", expected: "both or neither", hides: "hunter2secret" } },
    { title: "namespace not a DNS-1123 label", area: "operator", stack: existing, set: { "operator.namespace": "Spark Operator" }, error: { key: "operator.namespace", got: '"Spark Operator"', expected: DNS_1123 } },
    { title: "namespace a system namespace", area: "operator", stack: existing, set: { "operator.namespace": "kube-system" }, error: { key: "operator.namespace", got: '"kube-system"', expected: "not default or kube-*" } },
    { title: "releaseName longer than Helm allows", area: "operator", stack: existing, set: { "operator.releaseName": `spark-operator-${"x".repeat(40)}` }, error: { key: "operator.releaseName", got: '"spark-operator-xxxx', expected: "at most 53 characters" } },
    { title: "controller memory in millibytes", area: "operator", stack: existing, set: { "operator.controllerResources": { cpu: "1", memory: "1792m" } }, error: { key: "operator.controllerResources.memory", got: '"1792m"', expected: "a Kubernetes quantity of memory above zero" } },
    { title: "webhook cpu zero", area: "operator", stack: existing, set: { "operator.webhookResources": { cpu: "0", memory: "256Mi" } }, error: { key: "operator.webhookResources.cpu", got: '"0"', expected: "a Kubernetes quantity of CPU above zero" } },
    { title: "controller resources without memory", area: "operator", stack: existing, set: { "operator.controllerResources": { cpu: "2" } }, error: { key: "operator.controllerResources.memory", got: "got nothing", expected: "a Kubernetes memory quantity string" } },
    { title: "controller cpu a number", area: "operator", stack: existing, set: { "operator.controllerResources": { cpu: 1, memory: "2Gi" } }, error: { key: "operator.controllerResources.cpu", got: "got 1", expected: "a Kubernetes CPU quantity string" } },
    { title: "operator a string", area: "operator", stack: existing, set: { operator: "fast" }, error: { key: "operator", got: '"fast"', expected: "an object with chartVersion" } },
    { title: "operator left empty in YAML", area: "operator", yaml: "config:\n  serverless-spark:cloud: existing\n  serverless-spark:operator:\n", error: { key: "operator", got: "got null", expected: "an object with chartVersion" } },

    // ---- samples ----
    { title: "a string, not a list", area: "samples", stack: existing, set: { samples: "wordcount" }, error: { key: "samples", got: '"wordcount"', expected: "a list of samples (wordcount, tpcds)" } },
    { title: "unknown sample", area: "samples", stack: existing, set: { samples: ["wordcount", "pi"] }, error: { key: "samples[1]", got: '"pi"', expected: "wordcount or tpcds" } },
    { title: "tpcds settings without the tpcds sample", area: "samples", stack: existing, set: { samples: ["wordcount"] }, error: { key: "tpcds", got: "is set but samples does not list tpcds", expected: "samples: [tpcds]" } },

    // ---- tpcds ----
    { title: "no dataRoot and no storage", area: "tpcds", stack: existing, unset: ["tpcds", "storage"], error: { key: "tpcds.dataRoot", got: "is not set and the platform has no storage", expected: "a URI such as s3a://bucket/tpcds" }, runs: ["cli"] },
    { title: "dataRoot a local path", area: "tpcds", stack: existing, set: { "tpcds.dataRoot": "/benchmarks/tpcds" }, error: { key: "tpcds.dataRoot", got: '"/benchmarks/tpcds"', expected: "a URI such as s3a://bucket/tpcds" }, runs: ["program"] },
    { title: "dataRoot a bare scheme", area: "tpcds", stack: aws, set: { "tpcds.dataRoot": "s3a://" }, error: { key: "tpcds.dataRoot", got: '"s3a://"', expected: "a URI such as s3a://bucket/tpcds" } },
    { title: "scaleFactor zero", area: "tpcds", stack: existing, set: { "tpcds.scaleFactor": 0 }, error: { key: "tpcds.scaleFactor", got: "got 0", expected: "a whole number of GB from 1" } },
    { title: "scaleFactor as a string", area: "tpcds", stack: existing, set: { "tpcds.scaleFactor": "1" }, error: { key: "tpcds.scaleFactor", got: '"1"', expected: "a whole number of GB" } },
    { title: "queries a string", area: "tpcds", stack: existing, set: { "tpcds.queries": "q1-v2.4" }, error: { key: "tpcds.queries", got: '"q1-v2.4"', expected: "a list of query names" } },
    { title: "query without the benchmark's -v2.4 suffix", area: "tpcds", stack: existing, set: { "tpcds.queries": ["q1"] }, error: { key: "tpcds.queries[0]", got: '"q1"', expected: "the benchmark's exact name q1-v2.4" } },
    { title: "query that does not exist", area: "tpcds", stack: existing, set: { "tpcds.queries": ["q1-v2.4", "q100-v2.4"] }, error: { key: "tpcds.queries[1]", got: '"q100-v2.4"', expected: "a TPC-DS v2.4 query name" } },
    { title: "executorCores a fraction", area: "tpcds", stack: existing, set: { "tpcds.executorCores": 1.5 }, error: { key: "tpcds.executorCores", got: "1.5", expected: "an integer of 1 or more" } },
    { title: "executorInstances zero", area: "tpcds", stack: existing, set: { "tpcds.executorInstances": 0 }, error: { key: "tpcds.executorInstances", got: "got 0", expected: "a whole number from 1 to 1000" } },
    { title: "jar empty", area: "tpcds", stack: existing, set: { "tpcds.jar": "" }, error: { key: "tpcds.jar", got: 'got ""', expected: "the application jar or script" } },
    { title: "image with a space", area: "tpcds", stack: existing, set: { "tpcds.image": "public.ecr.aws/data-on-eks/tpcds v2" }, error: { key: "tpcds.image", got: '"public.ecr.aws/data-on-eks/tpcds v2"', expected: "a container image" } },
    { title: "sparkVersion before 3", area: "tpcds", stack: existing, set: { "tpcds.sparkVersion": "2.4.8" }, error: { key: "tpcds.sparkVersion", got: '"2.4.8"', expected: "Spark 3.0.0 or later" } },
    { title: "iterations zero", area: "tpcds", stack: existing, set: { "tpcds.iterations": 0 }, error: { key: "tpcds.iterations", got: "got 0", expected: "a whole number from 1 to 100" } },

    // ---- jobs ----
    { title: "a map, not a list", area: "jobs", stack: existing, set: { jobs: { etl: JOB } }, error: { key: "jobs", got: '{"etl":', expected: "a list of job objects" } },
    { title: "jobs left empty in YAML", area: "jobs", yaml: "config:\n  serverless-spark:cloud: existing\n  serverless-spark:jobs:\n", error: { key: "jobs", got: "got null", expected: "a list of job objects" } },
    { title: "a null job", area: "jobs", stack: existing, set: { jobs: [null] }, error: { key: "jobs[0]", got: "got null", expected: "a job object" } },
    { title: "no type", area: "jobs", stack: existing, set: { jobs: [{ name: "etl", image: "apache/spark:3.5.3", mainApplicationFile: "local:///a.py" }] }, error: { key: "jobs[0].type", got: "got nothing", expected: "one of Scala, Java, Python, R" } },
    { title: "name in upper case", area: "jobs", stack: existing, set: job({ name: "ETL" }), error: { key: "jobs[0].name", got: '"ETL"', expected: DNS_1035 }, runs: ["program", "cli"] },
    { title: "name longer than 40", area: "jobs", stack: existing, set: job({ name: `nightly-${"x".repeat(33)}` }), error: { key: "jobs[0].name", got: '"nightly-xxx', expected: "at most 40 characters" } },
    { title: "name an unquoted YAML number", area: "jobs", yaml: "config:\n  serverless-spark:cloud: existing\n  serverless-spark:jobs:\n    - name: 2024\n      type: Python\n      image: apache/spark:3.5.3\n      mainApplicationFile: local:///opt/app/main.py\n", error: { key: "jobs[0].name", got: "got 2024", expected: "a job name" } },
    { title: "name taken by a sample", area: "jobs", stack: existing, set: job({ name: "wordcount" }), error: { key: "jobs[0].name", got: '"wordcount" is also the name of samples.wordcount', expected: "a job name used once" } },
    { title: "two jobs with one name", area: "jobs", stack: existing, set: { jobs: [JOB, JOB] }, error: { key: "jobs[1].name", got: '"etl" is also the name of jobs[0]', expected: "a job name used once" } },
    { title: "type in lower case", area: "jobs", stack: existing, set: job({ type: "java" }), error: { key: "jobs[0].type", got: '"java"', expected: "one of Scala, Java, Python, R" } },
    { title: "image with a space", area: "jobs", stack: existing, set: job({ image: "apache/spark 3.5.3" }), error: { key: "jobs[0].image", got: '"apache/spark 3.5.3"', expected: "a container image" } },
    { title: "Java job without mainClass", area: "jobs", stack: existing, set: { jobs: [{ ...JOB, mainClass: undefined }] }, error: { key: "jobs[0].mainClass", got: "got nothing", expected: "a fully-qualified class name" } },
    { title: "mainClass with a space", area: "jobs", stack: existing, set: job({ mainClass: "org.example Etl" }), error: { key: "jobs[0].mainClass", got: '"org.example Etl"', expected: "a fully-qualified class name" } },
    { title: "empty mainApplicationFile", area: "jobs", stack: existing, set: job({ mainApplicationFile: "" }), error: { key: "jobs[0].mainApplicationFile", got: 'got ""', expected: "the application jar or script" } },
    { title: "image tag without a Spark version", area: "jobs", stack: existing, set: job({ image: "apache/spark:latest" }), error: { key: "jobs[0].sparkVersion", got: "got nothing and the image tag names no version", expected: "a Spark version such as 3.5.3" } },
    { title: "Spark 2", area: "jobs", stack: existing, set: job({ sparkVersion: "2.4.8" }), error: { key: "jobs[0].sparkVersion", got: '"2.4.8"', expected: "Spark 3.0.0 or later" } },
    { title: "arguments a string", area: "jobs", stack: existing, set: job({ arguments: "--date 2026-11-21" }), error: { key: "jobs[0].arguments", got: '"--date 2026-11-21"', expected: "a list of arguments" } },
    { title: "argument a number", area: "jobs", stack: existing, set: job({ arguments: [2026] }), error: { key: "jobs[0].arguments[0]", got: "got 2026", expected: "each argument as a string" } },
    { title: "executor cores as a string", area: "jobs", stack: existing, set: job({ executor: { cores: "2" } }), error: { key: "jobs[0].executor.cores", got: '"2"', expected: "a number of cores" }, runs: ["program"] },
    { title: "executor cores zero", area: "jobs", stack: existing, set: job({ executor: { cores: 0 } }), error: { key: "jobs[0].executor.cores", got: "0 is not a valid core count", expected: "an integer of 1 or more" } },
    { title: "executor cores above the grid", area: "jobs", stack: existing, set: job({ executor: { cores: 100 } }), error: { key: "jobs[0].executor.cores", got: "100 is above the largest fargate shape", expected: "at most 16" } },
    { title: "driver cores negative", area: "jobs", stack: existing, set: job({ driver: { cores: -1 } }), error: { key: "jobs[0].driver.cores", got: "-1 is not a valid core count", expected: "a fraction below 1" } },
    { title: "executor memory with a space", area: "jobs", stack: existing, set: job({ executor: { memory: "4 gb" } }), error: { key: "jobs[0].executor.memory", got: '"4 gb" is not a size', expected: "a Spark size" } },
    { title: "executor memory a fraction", area: "jobs", stack: existing, set: job({ executor: { memory: "1.5g" } }), error: { key: "jobs[0].executor.memory", got: '"1.5g" has a fraction', expected: "a Spark size" } },
    {
        title: "executor memory an unquoted YAML number",
        area: "jobs",
        yaml: "config:\n  serverless-spark:cloud: existing\n  serverless-spark:jobs:\n    - name: etl\n      type: Python\n      image: apache/spark:3.5.3\n      mainApplicationFile: local:///opt/app/main.py\n      executor:\n        memory: 4096\n",
        error: { key: "jobs[0].executor.memory", got: "got 4096", expected: "a Spark memory size such as \"4g\"" },
    },
    { title: "exact sizing beyond the grid", area: "jobs", stack: existing, set: job({ sizing: "exact", executor: { memory: "200g" } }), error: { key: "jobs[0].executor.memory", got: "225280 MiB", expected: "at most 122624 MiB" } },
    { title: "no executors", area: "jobs", stack: existing, set: job({ executor: { instances: 0 } }), error: { key: "jobs[0].executor.instances", got: "got 0", expected: "a whole number from 1 to 1000" } },
    { title: "more executors than the operator tracks", area: "jobs", stack: existing, set: job({ executor: { instances: 1001 } }), error: { key: "jobs[0].executor.instances", got: "got 1001", expected: "a whole number from 1 to 1000" } },
    { title: "ephemeral storage beyond Fargate", area: "jobs", stack: existing, set: job({ executor: { ephemeralStorage: "151Gi" } }), error: { key: "jobs[0].executor.ephemeralStorage", got: '"151Gi"', expected: "at most 150Gi on Fargate" } },
    { title: "ephemeral storage in GB", area: "jobs", stack: existing, set: job({ driver: { ephemeralStorage: "20GB" } }), error: { key: "jobs[0].driver.ephemeralStorage", got: '"20GB"', expected: "a quantity in Mi, Gi or Ti" } },
    { title: "cron with four fields", area: "jobs", stack: existing, set: job({ schedule: "0 2 * *" }), error: { key: "jobs[0].schedule", got: '"0 2 * *" (4 fields)', expected: "a five-field cron expression" } },
    { title: "cron with seconds", area: "jobs", stack: existing, set: job({ schedule: "0 0 2 * * *" }), error: { key: "jobs[0].schedule", got: '"0 0 2 * * *" (6 fields)', expected: "a five-field cron expression" } },
    { title: "cron minute out of range", area: "jobs", stack: existing, set: job({ schedule: "61 2 * * *" }), error: { key: "jobs[0].schedule", got: '"61 2 * * *"', expected: "a five-field cron expression" } },
    { title: "cron Quartz nth weekday", area: "jobs", stack: existing, set: job({ schedule: "0 2 * * 5#3" }), error: { key: "jobs[0].schedule", got: '"0 2 * * 5#3" (day-of-week "5#3" is neither a number nor a weekday name SUN-SAT)', expected: "a five-field cron expression" } },
    { title: "cron Sunday as 7", area: "jobs", stack: existing, set: job({ schedule: "0 2 * * 7" }), error: { key: "jobs[0].schedule", got: '"0 2 * * 7" (day-of-week 7 is above the maximum 6)', expected: "a five-field cron expression" } },
    { title: "unknown cron descriptor", area: "jobs", stack: existing, set: job({ schedule: "@fortnightly" }), error: { key: "jobs[0].schedule", got: '"@fortnightly"', expected: "@hourly/@daily/@weekly/@monthly/@yearly" } },
    { title: "unknown time zone", area: "jobs", stack: existing, set: job({ schedule: "@daily", timeZone: "Mars/Olympus_Mons" }), error: { key: "jobs[0].timeZone", got: '"Mars/Olympus_Mons"', expected: "an IANA time zone" } },
    { title: "time zone without a schedule", area: "jobs", stack: existing, set: job({ timeZone: "Asia/Shanghai" }), error: { key: "jobs[0].timeZone", got: "is set without a schedule", expected: "only together with schedule" } },
    { title: "concurrencyPolicy unknown", area: "jobs", stack: existing, set: job({ schedule: "@daily", concurrencyPolicy: "Never" }), error: { key: "jobs[0].concurrencyPolicy", got: '"Never"', expected: "Allow, Forbid or Replace" } },
    { title: "sparkConf spark.master", area: "jobs", stack: existing, set: job({ sparkConf: { "spark.master": "local[*]" } }), error: { key: "jobs[0].sparkConf.spark.master", got: "is refused by the Spark operator's webhook", expected: "the operator sets the master" } },
    { title: "sparkConf service account", area: "jobs", stack: existing, set: job({ sparkConf: { "spark.kubernetes.authenticate.driver.serviceAccountName": "admin" } }), error: { key: "jobs[0].sparkConf.spark.kubernetes.authenticate.driver.serviceAccountName", got: "is refused by the Spark operator's webhook", expected: "the platform's service accounts" } },
    { title: "sparkConf OAuth token", area: "jobs", stack: existing, set: job({ sparkConf: { "spark.kubernetes.authenticate.oauthToken": "t" } }), error: { key: "jobs[0].sparkConf.spark.kubernetes.authenticate.oauthToken", got: "is refused by the Spark operator's webhook", expected: "the operator manages credentials" } },
    { title: "sparkConf foreign namespace", area: "jobs", stack: existing, set: job({ sparkConf: { "spark.kubernetes.namespace": "default" } }), error: { key: "jobs[0].sparkConf.spark.kubernetes.namespace", got: '"default"', expected: '"spark-jobs"' } },
    { title: "sparkConf key SparkJob sets", area: "jobs", stack: existing, set: job({ sparkConf: { "spark.executor.memory": "8g" } }), error: { key: "jobs[0].sparkConf.spark.executor.memory", got: "is set by SparkJob from its arguments", expected: "executor.memory instead" } },
    { title: "sparkConf value a number", area: "jobs", stack: existing, set: job({ sparkConf: { "spark.sql.shuffle.partitions": 200 } }), error: { key: "jobs[0].sparkConf.spark.sql.shuffle.partitions", got: "got 200", expected: "Spark conf values as strings" } },
    { title: "sparkConf a list (list for map)", area: "jobs", stack: existing, set: job({ sparkConf: ["spark.sql.shuffle.partitions=200"] }), error: { key: "jobs[0].sparkConf", got: '["spark.sql.shuffle.partitions=200"]', expected: "a map of Spark conf" } },
    { title: "hadoopConf value a boolean", area: "jobs", stack: existing, set: job({ hadoopConf: { "fs.s3a.path.style.access": true } }), error: { key: "jobs[0].hadoopConf.fs.s3a.path.style.access", got: "got true", expected: "Hadoop conf values as strings" } },
    { title: "label value with a space", area: "jobs", stack: existing, set: job({ labels: { team: "data eng" } }), error: { key: "jobs[0].labels.team", got: '"data eng"', expected: "a label value" } },
    { title: "label key with a space", area: "jobs", stack: existing, set: job({ labels: { "cost center": "42" } }), error: { key: "jobs[0].labels", got: '"cost center"', expected: "label keys of the form" } },
    { title: "Maven package without a version", area: "jobs", stack: existing, set: job({ deps: { packages: ["org.apache.hadoop:hadoop-aws"] } }), error: { key: "jobs[0].deps.packages[0]", got: '"org.apache.hadoop:hadoop-aws"', expected: "groupId:artifactId:version" } },
    { title: "deps jars a string", area: "jobs", stack: existing, set: job({ deps: { jars: "s3a://libs/a.jar" } }), error: { key: "jobs[0].deps.jars", got: '"s3a://libs/a.jar"', expected: "a list of URIs" } },
    { title: "deps jar empty", area: "jobs", stack: existing, set: job({ deps: { jars: [""] } }), error: { key: "jobs[0].deps.jars[0]", got: 'got ""', expected: "a jar URI" } },
    { title: "sparkConf hostPath volume", area: "jobs", stack: existing, set: job({ sparkConf: { "spark.kubernetes.driver.volumes.hostPath.root.mount.path": "/host", "spark.kubernetes.driver.volumes.hostPath.root.options.path": "/" } }), error: { key: "jobs[0].sparkConf.spark.kubernetes.driver.volumes.hostPath.root.mount.path", got: "got a hostPath volume", expected: "an emptyDir or persistentVolumeClaim volume" } },
    { title: "sparkConf keytab in executors", area: "jobs", stack: existing, set: job({ sparkConf: { "spark.kubernetes.executor.secrets.spark-kerberos-keytab": "/mnt/k" } }), error: { key: "jobs[0].sparkConf.spark.kubernetes.executor.secrets.spark-kerberos-keytab", got: "would mount a Secret of the namespace into the pod", expected: "the keytab into the driver only" } },
    { title: "sparkConf upload path", area: "jobs", stack: existing, set: job({ sparkConf: { "spark.kubernetes.file.upload.path": "hdfs://attacker.example.com:8020/x" } }), error: { key: "jobs[0].sparkConf.spark.kubernetes.file.upload.path", got: "would upload files from the Spark operator's pod", expected: "dependencies already in storage" } },
    { title: "deps file from the operator's pod", area: "jobs", stack: existing, set: job({ deps: { files: ["file:///var/run/secrets/kubernetes.io/serviceaccount/token"] } }), error: { key: "jobs[0].deps.files[0]", got: "a file in the Spark operator's pod", expected: "a URI in the image" } },
    { title: "deps repository over http", area: "jobs", stack: existing, set: job({ deps: { repositories: ["http://repo.example.com/m2"] } }), error: { key: "jobs[0].deps.repositories[0]", got: '"http://repo.example.com/m2"', expected: "an https:// Maven repository URL" } },
    { title: "dynamic allocation without a maximum", area: "jobs", stack: existing, set: job({ dynamicAllocation: { enabled: true } }), error: { key: "jobs[0].dynamicAllocation.maxExecutors", got: "got nothing", expected: "a whole number from 1 to 1000" } },
    { title: "dynamic allocation minimum above maximum", area: "jobs", stack: existing, set: job({ dynamicAllocation: { enabled: true, minExecutors: 5, maxExecutors: 4 } }), error: { key: "jobs[0].dynamicAllocation.minExecutors", got: "got 5", expected: "a whole number from 0 to 4" } },
    { title: "dynamic allocation enabled as yes", area: "jobs", stack: existing, set: job({ dynamicAllocation: { enabled: "yes" } }), error: { key: "jobs[0].dynamicAllocation.enabled", got: '"yes"', expected: "true or false" } },
    { title: "restart policy unknown", area: "jobs", stack: existing, set: job({ restartPolicy: { type: "Sometimes" } }), error: { key: "jobs[0].restartPolicy.type", got: '"Sometimes"', expected: "Never, OnFailure or Always" } },
    { title: "negative retries", area: "jobs", stack: existing, set: job({ restartPolicy: { onFailureRetries: -1 } }), error: { key: "jobs[0].restartPolicy.onFailureRetries", got: "got -1", expected: "a whole number from 0 to 100" } },
    { title: "timeToLiveSeconds zero", area: "jobs", stack: existing, set: job({ timeToLiveSeconds: 0 }), error: { key: "jobs[0].timeToLiveSeconds", got: "got 0", expected: "a whole number from 1" } },
    { title: "suspend as a word", area: "jobs", stack: existing, set: job({ suspend: "no" }), error: { key: "jobs[0].suspend", got: '"no"', expected: "true or false" } },
    { title: "sizing unknown", area: "jobs", stack: existing, set: job({ sizing: "tight" }), error: { key: "jobs[0].sizing", got: '"tight"', expected: "fit or exact" } },
    { title: "namespace not a job namespace", area: "jobs", stack: existing, set: job({ namespace: "etl" }), error: { key: "jobs[0].namespace", got: '"etl"', expected: "one of the job namespaces spark-jobs" } },

    // ---- storage on an existing cluster (hdfs) ----
    { title: "storage a string", area: "storage (hdfs)", stack: existing, set: { storage: "hdfs" }, error: { key: "storage", got: '"hdfs"', expected: "an object {type, ...}" } },
    { title: "s3 on an existing cluster", area: "storage (hdfs)", stack: existing, set: { "storage.type": "s3" }, error: { key: "storage.type", got: '"s3" needs a cloud cluster', expected: "hdfs on an existing cluster" } },
    { title: "no storage type", area: "storage (hdfs)", stack: existing, unset: ["storage"], set: { "storage.hdfs.namenodes": ["nn1:8020"] }, error: { key: "storage.type", got: "got nothing", expected: "s3, oss, hdfs" } },
    { title: "hdfs type without hdfs settings", area: "storage (hdfs)", stack: existing, unset: ["storage"], set: { "storage.type": "hdfs" }, error: { key: "storage.hdfs", got: "got nothing", expected: "an object with namenodes" }, runs: ["program"] },
    { title: "namenodes a string", area: "storage (hdfs)", stack: existing, set: hdfs({ namenodes: "nn1:8020" }), error: { key: "storage.hdfs.namenodes", got: '"nn1:8020"', expected: "a list of NameNode addresses" } },
    { title: "namenode without a port", area: "storage (hdfs)", stack: existing, set: hdfs({ namenodes: ["nn1.corp.example"] }), error: { key: "storage.hdfs.namenodes[0]", got: '"nn1.corp.example" has no port', expected: "host:port" } },
    { title: "namenode port out of range", area: "storage (hdfs)", stack: existing, set: hdfs({ namenodes: ["nn1:80200"] }), error: { key: "storage.hdfs.namenodes[0]", got: '"nn1:80200"', expected: "a port from 1 to 65535" } },
    { title: "two namenodes without a nameservice", area: "storage (hdfs)", stack: existing, set: hdfs({ namenodes: ["nn1:8020", "nn2:8020"] }), error: { key: "storage.hdfs.nameservice", got: "is missing but 2 NameNodes are given", expected: "a nameservice ID" } },
    { title: "nameservice with an underscore", area: "storage (hdfs)", stack: existing, set: hdfs({ namenodes: ["nn1:8020", "nn2:8020"], nameservice: "prod_hdfs" }), error: { key: "storage.hdfs.nameservice", got: '"prod_hdfs"', expected: "a nameservice ID" } },
    {
        title: "core-site value an unquoted YAML number",
        area: "storage (hdfs)",
        yaml: "config:\n  serverless-spark:cloud: existing\n  serverless-spark:storage:\n    type: hdfs\n    hdfs:\n      namenodes: [\"nn1:8020\"]\n      coreSite:\n        dfs.replication: 3\n",
        error: { key: "storage.hdfs.coreSite.dfs.replication", got: "got 3", expected: "(quote numbers and booleans)" },
    },
    { title: "fs.defaultFS in core-site", area: "storage (hdfs)", stack: existing, set: hdfs({ coreSite: { "fs.defaultFS": "hdfs://other:8020" } }), error: { key: "storage.hdfs.coreSite.fs.defaultFS", got: "is derived from namenodes and nameservice", expected: "it left out" } },
    { title: "wordCountInput relative", area: "storage (hdfs)", stack: existing, set: hdfs({ wordCountInput: "input/words.txt" }), error: { key: "storage.hdfs.wordCountInput", got: '"input/words.txt" is not an absolute path', expected: "an absolute HDFS path" } },
    { title: "wordCountInput on another file system", area: "storage (hdfs)", stack: existing, set: hdfs({ wordCountInput: "s3a://bucket/words.txt" }), error: { key: "storage.hdfs.wordCountInput", got: '"s3a://bucket/words.txt" is not on this file system', expected: "an absolute HDFS path" } },
    { title: "eventLogDir relative", area: "storage (hdfs)", stack: existing, set: hdfs({ eventLogDir: "spark-events" }), error: { key: "storage.hdfs.eventLogDir", got: '"spark-events" is not an absolute path', expected: "an absolute HDFS directory such as /spark-events" } },
    { title: "eventLogDir with a trailing slash", area: "storage (hdfs)", stack: existing, set: hdfs({ eventLogDir: "/spark-events/" }), error: { key: "storage.hdfs.eventLogDir", got: '"/spark-events/" is not a plain HDFS path', expected: "(no trailing '/')" } },

    // ---- kerberos ----
    { title: "kerberos a string", area: "kerberos", stack: existing, set: { kerberos: PRINCIPAL }, error: { key: "kerberos", got: `a string of ${PRINCIPAL.length} characters`, expected: "an object with principal", hides: PRINCIPAL } },
    { title: "principal with a space", area: "kerberos", stack: existing, set: kerberos({ principal: "spark etl@SPARK.TEST" }), error: { key: "kerberos.principal", got: '"spark etl@SPARK.TEST" contains whitespace', expected: "primary[/instance]@REALM" } },
    { title: "principal not in the keytab", area: "kerberos", stack: existing, set: kerberos({ principal: "etl@SPARK.TEST" }), error: { key: "kerberos.keytabPath", got: "not for etl@SPARK.TEST", expected: "a keytab for kerberos.principal etl@SPARK.TEST" }, runs: ["program"] },
    { title: "keytab file missing", area: "kerberos", stack: existing, set: kerberos({ keytabPath: "/nonexistent/spark.keytab" }), error: { key: "kerberos.keytabPath", got: 'no readable file at "/nonexistent/spark.keytab"', expected: "a path to a keytab file" } },
    { title: "keytabPath names a krb5.conf", area: "kerberos", stack: existing, set: kerberos({ keytabPath: KRB5_CONF }), error: { key: "kerberos.keytabPath", got: "not a keytab: first byte is 0x23", expected: "an MIT keytab file" } },
    { title: "inline keytab not base64 (not echoed)", area: "kerberos", stack: existing, set: kerberos({ keytabPath: undefined, keytab: "!!k3ytab-s3cret" }), error: { key: "kerberos.keytab", expected: "the base64 encoding of the file", hides: "k3ytab-s3cret" } },
    { title: "inline keytab a list (not echoed)", area: "kerberos", stack: existing, set: kerberos({ keytabPath: undefined, keytab: ["k3ytab-s3cret"] }), error: { key: "kerberos.keytab", expected: "the keytab file as base64 text", hides: "k3ytab-s3cret" } },
    { title: "no credentials", area: "kerberos", stack: existing, set: kerberos({ keytabPath: undefined }), error: { key: "kerberos.keytabPath", got: "is missing and so are kerberos.keytab and kerberos.delegationTokenPath", expected: "kerberos.keytabPath (a keytab file)" } },
    { title: "keytab and delegation token", area: "kerberos", stack: existing, set: kerberos({ delegationTokenPath: "/secure/hdfs.token" }), error: { key: "kerberos.delegationTokenPath", got: "is given together with kerberos.keytabPath", expected: "not both" } },
    { title: "no krb5.conf and no KDCs", area: "kerberos", stack: existing, set: kerberos({ kdcs: undefined }), error: { key: "kerberos.krb5ConfPath", got: "is missing and so is kerberos.kdcs", expected: "either kerberos.krb5ConfPath" } },
    { title: "krb5.conf and KDCs", area: "kerberos", stack: existing, set: kerberos({ krb5ConfPath: KRB5_CONF }), error: { key: "kerberos.kdcs", got: "is given together with kerberos.krb5ConfPath", expected: "not both" } },
    { title: "kdcs a string", area: "kerberos", stack: existing, set: kerberos({ kdcs: "kdc1.spark.test:88" }), error: { key: "kerberos.kdcs", got: "a string of 18 characters", expected: "a list of KDC addresses" } },
    { title: "KDC port not a number", area: "kerberos", stack: existing, set: kerberos({ kdcs: ["kdc1.spark.test:kerberos"] }), error: { key: "kerberos.kdcs[0]", got: '"kdc1.spark.test:kerberos"', expected: "host or host:port" } },
    { title: "realm in lower case", area: "kerberos", stack: existing, set: kerberos({ realm: "spark.test" }), error: { key: "kerberos.realm", got: '"spark.test" has lowercase letters', expected: "the uppercase realm SPARK.TEST" } },
    { title: "realm not the principal's", area: "kerberos", stack: existing, set: kerberos({ realm: "CORP.EXAMPLE" }), error: { key: "kerberos.realm", got: '"CORP.EXAMPLE" differs', expected: "SPARK.TEST" } },
    { title: "domain with a space", area: "kerberos", stack: existing, set: kerberos({ domains: ["spark test"] }), error: { key: "kerberos.domains[0]", got: '"spark test"', expected: "a domain such as example.com" } },
    { title: "adminServer not an address", area: "kerberos", stack: existing, set: kerberos({ adminServer: "kdc one" }), error: { key: "kerberos.adminServer", got: '"kdc one"', expected: "host or host:port" } },

    // ---- prices ----
    { title: "unknown price table", area: "prices", stack: existing, set: { "prices.table": "gcp" }, error: { key: "prices.table", got: '"gcp"', expected: "fargate-us-east-1, eci-international, eci-china" } },
    { title: "ECI table on a Fargate grid", area: "prices", stack: existing, set: { "prices.table": "eci-china" }, error: { key: "prices.table", got: '"eci-china" is for eci', expected: "a price table for fargate" } },
    { title: "negative price", area: "prices", stack: existing, set: { "prices.vcpuHour": -1 }, error: { key: "prices.vcpuHour", got: "-1 is not a price", expected: "a number from 0 to 1000" } },
    { title: "price as a string", area: "prices", stack: existing, set: { "prices.gibHour": "0.0044" }, error: { key: "prices.gibHour", got: '"0.0044"', expected: "a price per GiB-hour" } },
    { title: "prices a list", area: "prices", stack: existing, set: { prices: [0.04, 0.0044] }, error: { key: "prices", got: "[0.04,0.0044]", expected: "an object {table, vcpuHour, gibHour}" } },
    { title: "prices without a grid", area: "prices", stack: existing, set: { capacityGrid: "none", "prices.vcpuHour": 0.04 }, error: { key: "prices", got: "is set but the cluster has no billing grid", expected: "capacityGrid fargate or eci" } },
    { title: "ECI table on aws", area: "prices", stack: aws, set: { "prices.table": "eci-international" }, error: { key: "prices.table", got: '"eci-international" is for eci', expected: "a price table for fargate" } },

    // ---- aws:region ----
    { title: "region missing", area: "aws:region", stack: aws, unset: ["aws:region"], error: { key: "aws:region", got: "not set", expected: "an AWS region code such as us-east-1" }, runs: ["program", "cli"] },
    { title: "region without a number", area: "aws:region", stack: aws, set: { "aws:region": "us-east" }, error: { key: "aws:region", got: '"us-east"', expected: "an AWS region code" } },
    { title: "region in upper case", area: "aws:region", stack: aws, set: { "aws:region": "US-EAST-1" }, error: { key: "aws:region", got: '"US-EAST-1"', expected: "an AWS region code" } },
    { title: "GovCloud", area: "aws:region", stack: aws, set: { "aws:region": "us-gov-west-1" }, error: { key: "aws:region", got: '"us-gov-west-1" (EKS has no Fargate in AWS GovCloud)', expected: "a region where EKS runs Fargate pods" } },

    // ---- aws cluster ----
    { title: "cluster a list", area: "aws cluster", stack: aws, set: { cluster: ["serverless-spark"] }, error: { key: "cluster", got: '["serverless-spark"]', expected: "an object with name, version" } },
    { title: "name starting with an underscore", area: "aws cluster", stack: aws, set: { "cluster.name": "_spark" }, error: { key: "cluster.name", got: '"_spark"', expected: "1-100 letters, digits" } },
    {
        title: "version an unquoted YAML number (1.30 reads as 1.3)",
        area: "aws cluster",
        yaml: "config:\n  aws:region: us-east-1\n  serverless-spark:cloud: aws\n  serverless-spark:cluster:\n    version: 1.30\n",
        error: { key: "cluster.version", got: "got 1.3", expected: 'a Kubernetes version string such as "1.36"' },
        runs: ["program", "cli"],
    },
    { title: "version not a minor version", area: "aws cluster", stack: aws, set: { "cluster.version": "latest" }, error: { key: "cluster.version", got: '"latest"', expected: "a Kubernetes minor version such as 1.36" } },
    { title: "publicEndpoint as a word", area: "aws cluster", stack: aws, set: { "cluster.publicEndpoint": "yes" }, error: { key: "cluster.publicEndpoint", got: '"yes"', expected: "true or false" } },
    { title: "public endpoint with no CIDRs", area: "aws cluster", stack: aws, set: { "cluster.publicAccessCidrs": [] }, error: { key: "cluster.publicAccessCidrs", got: "got []", expected: "1 to 40 IPv4 CIDRs" } },
    { title: "CIDR with host bits", area: "aws cluster", stack: aws, set: { "cluster.publicAccessCidrs": ["1.2.3.7/24"] }, error: { key: "cluster.publicAccessCidrs[0]", got: '"1.2.3.7/24"', expected: "an IPv4 CIDR with no host bits set" } },
    { title: "CIDRs a string", area: "aws cluster", stack: aws, set: { "cluster.publicAccessCidrs": "1.2.3.0/24" }, error: { key: "cluster.publicAccessCidrs", got: '"1.2.3.0/24"', expected: "a list of IPv4 CIDRs" } },
    { title: "CIDR a documentation range", area: "aws cluster", stack: aws, set: { "cluster.publicAccessCidrs": ["203.0.113.0/24"] }, error: { key: "cluster.publicAccessCidrs[0]", got: '"203.0.113.0/24", which overlaps 203.0.113.0/24, a documentation range (RFC 5737)', expected: "public internet addresses" } },
    { title: "CIDR a private range", area: "aws cluster", stack: aws, set: { "cluster.publicAccessCidrs": ["10.20.0.0/16"] }, error: { key: "cluster.publicAccessCidrs[0]", got: "a private range (RFC 1918)", expected: "use cluster.privateAccessCidrs" } },
    { title: "CIDR the whole internet, not acknowledged", area: "aws cluster", stack: aws, set: { "cluster.publicAccessCidrs": ["0.0.0.0/0"] }, error: { key: "cluster.publicAccessCidrs[0]", got: "got 0.0.0.0/0 (the whole internet)", expected: "cluster.allowPublicAccessFromAnywhere: true" } },
    { title: "private access CIDR with host bits", area: "aws cluster", stack: aws, set: { "cluster.privateAccessCidrs": ["10.8.0.1/16"] }, error: { key: "cluster.privateAccessCidrs[0]", got: '"10.8.0.1/16"', expected: "an IPv4 CIDR with no host bits set" } },
    { title: "anywhere acknowledgement as a word", area: "aws cluster", stack: aws, set: { "cluster.allowPublicAccessFromAnywhere": "yes" }, error: { key: "cluster.allowPublicAccessFromAnywhere", got: '"yes"', expected: "true or false" } },
    { title: "CIDRs with a private endpoint only", area: "aws cluster", stack: aws, set: { "cluster.publicEndpoint": false }, error: { key: "cluster.publicAccessCidrs", got: "is set while cluster.publicEndpoint is false", expected: "no public CIDRs" } },
    { title: "admin not an ARN", area: "aws cluster", stack: aws, set: { "cluster.adminPrincipalArn": "admin" }, error: { key: "cluster.adminPrincipalArn", got: '"admin"', expected: "an IAM role or user ARN" } },
    { title: "admin an assumed-role ARN", area: "aws cluster", stack: aws, set: { "cluster.adminPrincipalArn": "arn:aws:sts::123456789012:assumed-role/Admin/me" }, error: { key: "cluster.adminPrincipalArn", got: '"arn:aws:sts::123456789012:assumed-role/Admin/me"', expected: "not an sts assumed-role ARN" } },
    { title: "log retention CloudWatch does not offer", area: "aws cluster", stack: aws, set: { "cluster.logRetentionDays": 45 }, error: { key: "cluster.logRetentionDays", got: "got 45", expected: "a CloudWatch retention" } },
    { title: "control-plane log type EKS does not have", area: "aws cluster", stack: aws, set: { "cluster.controlPlaneLogTypes": ["audit", "kubelet"] }, error: { key: "cluster.controlPlaneLogTypes[1]", got: '"kubelet"', expected: "api, audit, authenticator, controllerManager, scheduler" } },
    { title: "log retention as a string", area: "aws cluster", stack: aws, set: { "cluster.logRetentionDays": "90" }, error: { key: "cluster.logRetentionDays", got: '"90"', expected: "a number of days such as 90" } },

    // ---- aws network ----
    { title: "NAT gateways unknown", area: "aws network", stack: aws, set: { "network.natGateways": "many" }, error: { key: "network.natGateways", got: '"many"', expected: "single or perZone" } },
    { title: "a zone ID EKS refuses", area: "aws network", stack: aws, set: { "network.availabilityZones": ["use1-az1", "use1-az3"] }, error: { key: "network.availabilityZones[1]", got: '"use1-az3", a zone EKS does not place cluster subnets in', expected: "another zone ID of us-east-1" } },
    { title: "zone IDs and names mixed", area: "aws network", stack: aws, set: { "network.availabilityZones": ["use1-az1", "us-east-1b"] }, error: { key: "network.availabilityZones", got: "names and IDs mixed", expected: "all zone IDs or all zone names" } },
    { title: "zones of another region", area: "aws network", stack: aws, set: { "network.availabilityZones": ["eu-west-1a", "eu-west-1b"] }, error: { key: "network.availabilityZones[0]", got: '"eu-west-1a"', expected: "a zone of us-east-1" } },
    { title: "one zone", area: "aws network", stack: aws, set: { "network.availabilityZones": ["us-east-1a"] }, error: { key: "network.availabilityZones", got: '["us-east-1a"]', expected: "two or three zones" } },
    { title: "VPC range too large", area: "aws network", stack: aws, set: { "network.vpcCidr": "10.0.0.0/8" }, error: { key: "network.vpcCidr", got: '"10.0.0.0/8"', expected: "an IPv4 network from /16 to /22" } },
    { title: "gateway endpoint as a string", area: "aws network", stack: aws, set: { "network.s3GatewayEndpoint": "true" }, error: { key: "network.s3GatewayEndpoint", got: '"true"', expected: "true or false" } },
    { title: "existing VPC with one subnet", area: "aws network", stack: aws, set: { network: { vpcId: "vpc-0a1b2c3d4e5f67890", privateSubnetIds: [SUBNETS[0]] } }, error: { key: "network.privateSubnetIds", got: `["${SUBNETS[0]}"]`, expected: "at least two private subnet ids" }, runs: ["program"] },
    { title: "VPC id malformed", area: "aws network", stack: aws, set: { network: { vpcId: "vpc-xyz", privateSubnetIds: SUBNETS } }, error: { key: "network.vpcId", got: '"vpc-xyz"', expected: "such as vpc-0a1b2c3d4e5f67890" } },
    { title: "subnets without a VPC id", area: "aws network", stack: aws, set: { network: { privateSubnetIds: SUBNETS } }, error: { key: "network.vpcId", got: "got nothing", expected: "the id of the VPC the subnets are in" } },
    { title: "existing VPC and new-VPC settings", area: "aws network", stack: aws, set: { "network.vpcId": "vpc-0a1b2c3d4e5f67890", "network.privateSubnetIds": SUBNETS }, error: { key: "network.natGateways", got: "is set together with an existing VPC", expected: "either a new VPC" } },
    { title: "subnet both private and public", area: "aws network", stack: aws, set: { network: { vpcId: "vpc-0a1b2c3d4e5f67890", privateSubnetIds: SUBNETS, publicSubnetIds: [SUBNETS[1]] } }, error: { key: "network.publicSubnetIds", got: `"${SUBNETS[1]}" is also listed as private`, expected: "each subnet either private or public" } },
    { title: "network a string", area: "aws network", stack: aws, set: { network: "default" }, error: { key: "network", got: '"default"', expected: "an object with availabilityZones" } },

    // ---- aws storage (s3) ----
    { title: "hdfs on aws", area: "aws storage (s3)", stack: aws, set: { "storage.type": "hdfs" }, error: { key: "storage.type", got: '"hdfs"', expected: "s3 (the storage of cloud: aws)" } },
    { title: "upgrade policy in lower case", area: "aws cluster", stack: aws, set: { "cluster.upgradePolicy": "extended" }, error: { key: "cluster.upgradePolicy", got: '"extended"', expected: "STANDARD or EXTENDED" } },
    { title: "abort uploads after 0 days", area: "aws storage (s3)", stack: aws, set: { "storage.abortIncompleteUploadsAfterDays": 0 }, error: { key: "storage.abortIncompleteUploadsAfterDays", got: "got 0", expected: "a whole number of days from 1 to 365" } },
    { title: "upload rule on an existing bucket", area: "aws storage (s3)", stack: aws, unset: ["storage"], set: { "storage.existingBucket": "corp-data", "storage.abortIncompleteUploadsAfterDays": 3 }, error: { key: "storage.abortIncompleteUploadsAfterDays", got: "is set for an existing bucket", expected: "without storage.existingBucket" } },
    { title: "event-log age on an existing bucket", area: "aws storage (s3)", stack: aws, unset: ["storage"], set: { "storage.existingBucket": "corp-data", "historyServer.maxAgeDays": 10 }, error: { key: "historyServer.maxAgeDays", got: "is set with storage.existingBucket, whose lifecycle rules are its owner's", expected: "it left out" }, runs: ["program"] },
    { title: "bucket name with an underscore", area: "aws storage (s3)", stack: aws, set: { "storage.bucket": "spark_data" }, error: { key: "storage.bucket", got: '"spark_data"', expected: "an S3 bucket name" }, runs: ["program"] },
    { title: "bucket name with dots", area: "aws storage (s3)", stack: aws, set: { "storage.bucket": "spark.data.example" }, error: { key: "storage.bucket", got: '"spark.data.example" (dots break S3A', expected: "an S3 bucket name" } },
    { title: "new and existing bucket", area: "aws storage (s3)", stack: aws, set: { "storage.bucket": "spark-data", "storage.existingBucket": "corp-data" }, error: { key: "storage.existingBucket", got: "is set together with storage.bucket", expected: "either a bucket to create or an existing one" } },
    { title: "versioning as a word", area: "aws storage (s3)", stack: aws, set: { "storage.versioning": "on" }, error: { key: "storage.versioning", got: '"on"', expected: "true or false" } },
    { title: "retainOnDestroy as a number", area: "aws storage (s3)", stack: aws, set: { "storage.retainOnDestroy": 0 }, error: { key: "storage.retainOnDestroy", got: "got 0", expected: "true or false" } },
    { title: "storage a string", area: "aws storage (s3)", stack: aws, set: { storage: "s3" }, error: { key: "storage", got: '"s3"', expected: "an object with type, bucket" } },

    // ---- alicloud:region ----
    { title: "region missing", area: "alicloud:region", stack: alicloud, unset: ["alicloud:region"], error: { key: "alicloud:region", got: "not set", expected: "an Alibaba Cloud region id such as cn-hangzhou" }, runs: ["program", "cli"] },
    { title: "region with an underscore", area: "alicloud:region", stack: alicloud, set: { "alicloud:region": "cn_hangzhou" }, error: { key: "alicloud:region", got: '"cn_hangzhou"', expected: "an Alibaba Cloud region id" } },
    { title: "a zone id instead of the region", area: "alicloud:region", stack: alicloud, set: { "alicloud:region": "ap-southeast-1a" }, error: { key: "alicloud:region", got: '"ap-southeast-1a"', expected: "an Alibaba Cloud region id" } },
    { title: "region in upper case", area: "alicloud:region", stack: alicloud, set: { "alicloud:region": "CN-HANGZHOU" }, error: { key: "alicloud:region", got: '"CN-HANGZHOU"', expected: "an Alibaba Cloud region id" } },

    // ---- alicloud cluster ----
    { title: "unknown mode", area: "alicloud cluster", stack: alicloud, set: { "cluster.mode": "auto" }, error: { key: "cluster.mode", got: '"auto"', expected: "managed (ACK Pro + ECI virtual nodes) or serverless" }, runs: ["cli"] },
    { title: "spot on drivers", area: "alicloud cluster", stack: alicloud, set: { "cluster.spot.roles": ["driver", "executor"] }, error: { key: "cluster.spot.roles[0]", got: '"driver" (drivers stay on-demand', expected: '"executor" only' }, runs: ["program"] },
    { title: "SpotWithPriceLimit without priceLimit", area: "alicloud cluster", stack: alicloud, set: { "cluster.spot": { strategy: "SpotWithPriceLimit", roles: ["executor"] } }, error: { key: "cluster.spot.priceLimit", got: "got nothing with strategy SpotWithPriceLimit", expected: "the highest hourly price per pod" } },
    { title: "priceLimit with SpotAsPriceGo", area: "alicloud cluster", stack: alicloud, set: { "cluster.spot.priceLimit": 0.5 }, error: { key: "cluster.spot.priceLimit", got: "is set with strategy SpotAsPriceGo", expected: "no priceLimit, or strategy SpotWithPriceLimit" } },
    { title: "unknown spot strategy", area: "alicloud cluster", stack: alicloud, set: { "cluster.spot.strategy": "Spot" }, error: { key: "cluster.spot.strategy", got: '"Spot"', expected: "SpotAsPriceGo (pay the market price) or SpotWithPriceLimit" } },
    {
        title: "spot left empty in YAML",
        area: "alicloud cluster",
        yaml: `${ALI_YAML}  serverless-spark:cluster:\n    spot:\n`,
        error: { key: "cluster.spot", got: "got null", expected: "an object {strategy, priceLimit, roles, fallbackSpecs}" },
    },
    { title: "extraEphemeralStorage in GB", area: "alicloud cluster", stack: alicloud, set: { "cluster.extraEphemeralStorage": "50G" }, error: { key: "cluster.extraEphemeralStorage", got: '"50G"', expected: 'a whole number of GiB such as "50Gi"' } },
    { title: "serviceCidr overlapping the VPC", area: "alicloud cluster", stack: alicloud, set: { "cluster.serviceCidr": "10.0.128.0/20" }, error: { key: "cluster.serviceCidr", got: '"10.0.128.0/20", which overlaps network.vpcCidr 10.0.0.0/16', expected: "a Service range outside the VPC" } },
    { title: "version with a patch but no aliyun suffix", area: "alicloud cluster", stack: alicloud, set: { "cluster.version": "1.36.1" }, error: { key: "cluster.version", got: '"1.36.1"', expected: 'a Kubernetes minor such as "1.36"' } },
    { title: "public API server without admin networks", area: "alicloud cluster", stack: alicloud, set: { "cluster.publicEndpoint": true, "cluster.publicAccessCidrs": [] }, error: { key: "cluster.publicAccessCidrs", got: "got []", expected: "at least one IPv4 CIDR allowed to reach the public endpoint of the API server" } },
    { title: "API server allow-list of a private range", area: "alicloud cluster", stack: alicloud, set: { "cluster.publicAccessCidrs": ["192.168.1.0/24"] }, error: { key: "cluster.publicAccessCidrs[0]", got: '"192.168.1.0/24"', expected: "public internet addresses" } },
    { title: "name starting with a dash", area: "alicloud cluster", stack: alicloud, set: { "cluster.name": "-spark" }, error: { key: "cluster.name", got: '"-spark"', expected: "1-63 letters, digits and '-'" } },
    { title: "system node pool in serverless mode", area: "alicloud cluster", stack: alicloud, set: { "cluster.mode": "serverless", "cluster.systemNodePool": { instanceTypes: ["ecs.g7.large"] } }, error: { key: "cluster.systemNodePool", got: "is set with cluster.mode serverless", expected: "no node pool (ACK Serverless has no ECS nodes)" } },
    { title: "system node pool without a login method", area: "alicloud cluster", stack: alicloud, set: { "cluster.systemNodePool": { instanceTypes: ["ecs.g7.large"] } }, error: { key: "cluster.systemNodePool.keyName", got: "is not set", expected: "the name of an ECS key pair" }, runs: ["cli"] },
    { title: "pod identity webhook on virtual nodes only", area: "alicloud cluster", stack: alicloud, set: { "cluster.podIdentityWebhook": true }, error: { key: "cluster.podIdentityWebhook", got: "is true in managed mode without cluster.systemNodePool", expected: "cluster.systemNodePool beside it" } },
    { title: "image cache without a tag", area: "alicloud cluster", stack: alicloud, set: { "cluster.imageCaches": ["apache/spark"] }, error: { key: "cluster.imageCaches[0]", got: '"apache/spark"', expected: "a versioned image" } },
    { title: "image registry given as a URL", area: "alicloud cluster", stack: alicloud, set: { "cluster.imageRegistry": "https://registry-vpc.ap-southeast-1.aliyuncs.com/spark" }, error: { key: "cluster.imageRegistry", got: '"https://registry-vpc.ap-southeast-1.aliyuncs.com/spark"', expected: "a registry of your own and its namespace" }, runs: ["cli"] },
    { title: "image registry: ACR's VPC endpoint of another region", area: "alicloud cluster", stack: alicloud, set: { "cluster.imageRegistry": "registry-vpc.cn-hangzhou.aliyuncs.com/spark" }, error: { key: "cluster.imageRegistry", got: "the VPC endpoint of cn-hangzhou while the cluster is in ap-southeast-1", expected: "an ACR endpoint in ap-southeast-1" }, runs: ["program"] },
    { title: "image registry: ACR without a namespace", area: "alicloud cluster", stack: alicloud, set: { "cluster.imageRegistry": "registry-vpc.ap-southeast-1.aliyuncs.com" }, error: { key: "cluster.imageRegistry", got: "an ACR registry without a namespace", expected: "registry-vpc.ap-southeast-1.aliyuncs.com/<namespace>" } },
    { title: "image registry: Docker Hub itself", area: "alicloud cluster", stack: alicloud, set: { "cluster.imageRegistry": "docker.io/library" }, error: { key: "cluster.imageRegistry", got: "a public registry the images come from", expected: "a registry of your own" } },
    { title: "two job images whose mirror copies share a name", area: "alicloud cluster", stack: alicloud, set: { "cluster.imageRegistry": "registry-vpc.ap-southeast-1.aliyuncs.com/spark", ...job({ image: "bitnami/spark:3.5.3" }) }, error: { key: "jobs[0].image", got: "whose copy in the mirror is registry-vpc.ap-southeast-1.aliyuncs.com/spark/spark:3.5.3", expected: "images whose last path segments and tags differ" }, runs: ["program"] },
    { title: "kubeconfig lifetime below ACK's minimum", area: "alicloud cluster", stack: alicloud, set: { "cluster.kubeconfigValidityMinutes": 5 }, error: { key: "cluster.kubeconfigValidityMinutes", got: "got 5", expected: "whole minutes from 15 to 4320" } },

    // ---- alicloud network ----
    { title: "zones of another region", area: "alicloud network", stack: alicloud, set: { "network.zoneIds": ["cn-hangzhou-h", "cn-hangzhou-i"] }, error: { key: "network.zoneIds[0]", got: '"cn-hangzhou-h"', expected: "a zone id of ap-southeast-1" } },
    { title: "region changed, zones left behind", area: "alicloud network", stack: alicloud, set: { "alicloud:region": "cn-hangzhou" }, error: { key: "network.zoneIds[0]", got: '"ap-southeast-1a"', expected: "a zone id of cn-hangzhou" }, runs: ["program"] },
    { title: "one zone only", area: "alicloud network", stack: alicloud, set: { "network.zoneIds": ["ap-southeast-1a"] }, error: { key: "network.zoneIds", got: '["ap-southeast-1a"]', expected: "two or three zone ids" } },
    { title: "a zone listed twice", area: "alicloud network", stack: alicloud, set: { "network.zoneIds": ["ap-southeast-1a", "ap-southeast-1a"] }, error: { key: "network.zoneIds", got: '"ap-southeast-1a" is listed twice', expected: "each entry once" } },
    { title: "vpcId without vswitchIds", area: "alicloud network", stack: alicloud, set: { network: { vpcId: ALI_VPC } }, error: { key: "network.vswitchIds", got: "got nothing", expected: "at least two vSwitch ids of the VPC" } },
    { title: "vSwitch id malformed", area: "alicloud network", stack: alicloud, set: { network: { vpcId: ALI_VPC, vswitchIds: [ALI_VSWITCHES[0], "switch-2"] } }, error: { key: "network.vswitchIds[1]", got: '"switch-2"', expected: "a vSwitch id such as vsw-" } },
    { title: "existing VPC added next to zoneIds", area: "alicloud network", stack: alicloud, set: { "network.vpcId": ALI_VPC, "network.vswitchIds": ALI_VSWITCHES }, error: { key: "network.zoneIds", got: "is set together with an existing VPC", expected: "either a new VPC" } },
    { title: "VPC range in a reserved block", area: "alicloud network", stack: alicloud, set: { "network.vpcCidr": "100.64.0.0/16" }, error: { key: "network.vpcCidr", got: '"100.64.0.0/16", which overlaps the reserved range 100.64.0.0/10', expected: "a private range" } },
    { title: "EIP bandwidth above the pay-by-traffic cap", area: "alicloud network", stack: alicloud, set: { "network.eipBandwidthMbps": 500 }, error: { key: "network.eipBandwidthMbps", got: "got 500", expected: "from 1 to 200" } },

    // ---- alicloud storage (oss) ----
    { title: "bucket name with capitals and an underscore", area: "alicloud storage (oss)", stack: alicloud, set: { "storage.bucket": "Spark_Data" }, error: { key: "storage.bucket", got: '"Spark_Data"', expected: "an OSS bucket name: 3-63 lower-case letters" }, runs: ["program"] },
    { title: "s3 on alicloud", area: "alicloud storage (oss)", stack: alicloud, set: { "storage.type": "s3" }, error: { key: "storage.type", got: '"s3"', expected: "oss (the storage of cloud: alicloud)" } },
    { title: "existing bucket while the stack keeps retainOnDestroy", area: "alicloud storage (oss)", stack: alicloud, set: { "storage.existingBucket": "corp-data" }, error: { key: "storage.retainOnDestroy", got: "is set for an existing bucket", expected: "without storage.existingBucket" } },
    { title: "new and existing bucket", area: "alicloud storage (oss)", stack: alicloud, set: { "storage.bucket": "spark-data", "storage.existingBucket": "corp-data" }, error: { key: "storage.existingBucket", got: "is set together with storage.bucket", expected: "either a bucket to create or an existing one" } },
    { title: "jindoVersion not a release", area: "alicloud storage (oss)", stack: alicloud, set: { "storage.jindoVersion": "latest" }, error: { key: "storage.jindoVersion", got: '"latest"', expected: "a JindoSDK release version such as 6.10.7" } },
    { title: "KMS key id with a space", area: "alicloud storage (oss)", stack: alicloud, set: { "storage.kmsKeyId": "key id" }, error: { key: "storage.kmsKeyId", got: '"key id"', expected: "a KMS key id" } },

    // ---- alicloud: keys of other areas ----
    { title: "alicloud cluster typo", area: "unknown keys", stack: alicloud, set: { "cluster.nodeCount": 3 }, error: { key: "cluster.nodeCount", got: "unknown config key", expected: "one of mode, name, version" } },
    { title: "alicloud network typo", area: "unknown keys", stack: alicloud, set: { "network.subnets": 3 }, error: { key: "network.subnets", got: "unknown config key", expected: "one of zoneIds, vpcCidr, eipBandwidthMbps, vpcId, vswitchIds" } },
    { title: "alicloud storage typo", area: "unknown keys", stack: alicloud, set: { "storage.size": 3 }, error: { key: "storage.size", got: "unknown config key", expected: "one of type, bucket, existingBucket" } },
    { title: "kubeconfig on alicloud", area: "cloud-only keys", stack: alicloud, set: { kubeconfig: "~/.kube/config" }, error: { key: "kubeconfig", got: 'is set for cloud "alicloud"', expected: "only with cloud: existing" } },
    { title: "executor cores above the largest ECI shape", area: "jobs", stack: alicloud, set: job({ executor: { cores: 80 } }), error: { key: "jobs[0].executor.cores", got: "80 is above the largest eci shape (64 vCPU)", expected: "at most 64" }, runs: ["program"] },
    { title: "executor memory beyond any ECI shape", area: "jobs", stack: alicloud, set: job({ executor: { memory: "600g" } }), error: { key: "jobs[0].executor.memory", got: "a 614400 MiB heap plus overhead does not fit any eci shape", expected: "at most what 64 vCPU / 512 GiB holds" } },
    { title: "64 executor cores with a heap the 512 GiB shape cannot hold", area: "jobs", stack: alicloud, set: job({ executor: { cores: 64, memory: "500g" } }), error: { key: "jobs[0].executor.memory", got: "does not fit any eci shape with 64 or more vCPU", expected: "at most what 64 vCPU / 512 GiB holds" } },
    { title: "Fargate price table on alicloud", area: "prices", stack: alicloud, set: { "prices.table": "fargate-us-east-1" }, error: { key: "prices.table", got: '"fargate-us-east-1" is for fargate', expected: "a price table for eci" } },
];

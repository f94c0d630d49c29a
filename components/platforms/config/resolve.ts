import { AIRFLOW_SECRET_KEYS, type AirflowSecretValues, checkAirflowSecrets } from "../../airflow/secrets";
import { checkAirflowNamespace, resolveAirflowSettings, type ResolvedAirflowSettings } from "../../airflow/settings";
import { checkKubeconfig, classifyKubeconfig } from "../../cluster/kubeconfig";
import { checkSchedulingProfile } from "../../cluster/scheduling-rules";
import { CapacityGridName, SchedulingProfile, schedulingProfile } from "../../cluster/types";
import { describeValue, InputError, underKey } from "../../errors";
import { type ResolvedHistoryServerSettings, resolveHistoryServerSettings } from "../../history/settings";
import { type ResolvedSparkConnectSettings, resolveSparkConnectSettings } from "../../jobs/connect";
import { planJobs, PlatformJobArgs, SampleArgs } from "../../jobs/platform-jobs";
import { WORDCOUNT_INPUT_CONFIGMAP } from "../../jobs/samples/wordcount";
import { DEFAULT_KERBEROS_NAME_PREFIX, type KerberosSecretsArgs } from "../../kerberos/secrets";
import { checkJobNamespaces } from "../../names";
import { OPERATOR_DEFAULTS } from "../../operator/defaults";
import { resolveSparkOperatorSettings } from "../../operator/settings";
import { checkPlatformNamespaces, DEFAULT_JOB_NAMESPACES, PlatformOperatorArgs } from "../../platform";
import { decodeStructured, firstIssue, schemaIssueToError } from "../../shape";
import {
    CapacityGridName as SizingGrid,
    checkPricesForGrid,
    ECI_CHINA_PRICES,
    ECI_INTERNATIONAL_PRICES,
    FARGATE_US_EAST_1_PRICES,
    PriceTable,
    withPriceOverrides,
} from "../../sizing";
import type { HdfsStorageArgs } from "../../storage/hdfs";
import { AlicloudStackConfig, resolveAlicloudConfig } from "./alicloud";
import { AwsStackConfig, resolveAwsConfig } from "./aws";
import { resolveHdfsConfig, resolveHdfsKerberos } from "./hdfs";
import { resolveKerberosConfig } from "./kerberos";
import { Cloud, RawStackConfig, stackConfigSchema, TopLevelKey, topLevelKeys } from "./schema";

/** The project's config namespace (`serverless-spark:<key>`). */
export const CONFIG_NAMESPACE = "serverless-spark";

/** Validated, typed stack config: what the program builds the platform from. */
export interface StackConfig {
    cloud: Cloud;
    /** For `cloud: existing`. */
    existing: {
        kubeconfig?: string;
        context?: string;
        capacityGrid: CapacityGridName;
        scheduling: SchedulingProfile;
    };
    jobNamespaces: string[];
    operator: PlatformOperatorArgs;
    /** The grid the cluster bills by (existing: `capacityGrid`; aws: fargate; alicloud: eci). */
    capacityGrid: CapacityGridName;
    samples: SampleArgs;
    jobs: PlatformJobArgs[];
    prices?: PriceTable;
    /** The History Servers (one per job namespace with event logs in a bucket). */
    historyServer: ResolvedHistoryServerSettings;
    /** Spark's Prometheus endpoints in every job. */
    metrics: boolean;
    /** Spark Connect servers (off by default). */
    sparkConnect: ResolvedSparkConnectSettings;
    /** Apache Airflow (off by default). */
    airflow: ResolvedAirflowSettings;
    /** Airflow's secrets, when Airflow is on. */
    airflowSecrets?: AirflowSecretValues;
    /** Storage: HDFS for an existing cluster (object stores come with the cloud clusters). */
    storage?: { type: "hdfs"; hdfs: HdfsStorageArgs };
    /** Kerberos credentials shipped to every job namespace. */
    kerberos?: KerberosSecretsArgs;
    /** For `cloud: aws`: region, EKS, network and S3 settings. */
    aws?: AwsStackConfig;
    /** For `cloud: alicloud`: region, ACK, network and OSS settings. */
    alicloud?: AlicloudStackConfig;
}

const PRICE_TABLES: Record<string, PriceTable> = {
    "fargate-us-east-1": FARGATE_US_EAST_1_PRICES,
    "eci-international": ECI_INTERNATIONAL_PRICES,
    "eci-china": ECI_CHINA_PRICES,
};

/** Keys that only mean something for one cloud. */
const EXISTING_ONLY: readonly TopLevelKey[] = ["kubeconfig", "context", "capacityGrid", "scheduling"];
const CLOUD_ONLY: readonly TopLevelKey[] = ["cluster", "network"];

/** The stack config keys a cloud's stack takes (`cloud` aside): its top-level component's arguments, less `region`. */
export function stackKeysOf(cloud: Cloud): TopLevelKey[] {
    const excluded = cloud === "existing" ? CLOUD_ONLY : EXISTING_ONLY;
    return (Object.keys(topLevelKeys) as TopLevelKey[]).filter((key) => key !== "cloud" && !excluded.includes(key));
}

/** The providers' own regions (`aws:region`, `alicloud:region`), and the keys they were given under. */
export interface ProviderRegions {
    aws?: string;
    /** @default "aws:region" */
    awsKey?: string;
    alicloud?: string;
    /** @default "alicloud:region" */
    alicloudKey?: string;
}

/**
 * The stack's config as the engine passes it (keys without the namespace, every value a string,
 * structured values JSON-encoded) to typed config, or an {@link InputError} naming the key: the
 * decoding of {@link decodeStackConfig}, then {@link resolveStackConfig}.
 */
export function parseStackConfig(raw: Record<string, string>, allConfig: Record<string, string> = prefixed(raw)): StackConfig {
    return resolveStackConfig(decodeStackConfig(raw), { aws: allConfig["aws:region"], alicloud: allConfig["alicloud:region"] });
}

/**
 * Engine config strings to values: a plain key's string as-is (like `pulumi config get`), a
 * structured key's JSON decoded (like `config.getObject`). Refuses keys the project does not know.
 */
export function decodeStackConfig(raw: Record<string, string>): Record<string, unknown> {
    const decoded: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
        // Own keys only: `constructor` must not find Object's, and `__proto__` must not reach a prototype.
        const spec = Object.hasOwn(topLevelKeys, key) ? (topLevelKeys as Record<string, { structured: boolean }>)[key] : undefined;
        if (spec === undefined) {
            throw new InputError(key, "unknown config key", `one of ${Object.keys(topLevelKeys).join(", ")}`);
        }
        decoded[key] = spec.structured ? decodeStructured(value) : value;
    }
    return decoded;
}

/**
 * The one validation step: the config as values (a decoded stack config, or a top-level component's
 * arguments plus `cloud`) to typed config, or an {@link InputError} naming the key. Declares nothing.
 */
export function resolveStackConfig(decoded: Record<string, unknown>, regions: ProviderRegions = {}): StackConfig {
    checkReservedKeys(decoded, "");
    const result = stackConfigSchema.safeParse(decoded, { reportInput: true });
    if (!result.success) {
        // Airflow's secret keys are described by shape only, never echoed.
        throw schemaIssueToError(firstIssue(result.error.issues), {
            input: decoded,
            schema: stackConfigSchema,
            secretKeys: Object.values(AIRFLOW_SECRET_KEYS),
        });
    }
    const config = result.data;
    checkCloudSpecificKeys(config);

    const givenNamespaces = config.jobNamespaces ?? [...DEFAULT_JOB_NAMESPACES];
    const operator: PlatformOperatorArgs = { ...(config.operator ?? {}) };
    checkJobNamespaces(givenNamespaces);
    underKey("operator", () => resolveSparkOperatorSettings(operator));
    checkPlatformNamespaces(givenNamespaces, operator.namespace);
    // A set, not a list: sorted once checked (errors name the position as written), so reordering
    // jobNamespaces changes no resource. The default namespace of samples and jobs that name none is
    // the first in this order, and Fargate profiles select namespaces in this order.
    const jobNamespaces = [...givenNamespaces].sort();

    checkKubeconfig(classifyKubeconfig(config.kubeconfig), "kubeconfig", config.context);
    const operatorNamespace = operator.namespace ?? OPERATOR_DEFAULTS.namespace;
    const airflow = resolveAirflowSettings(config.airflow);
    const airflowSecrets = airflow.enabled ? resolveAirflowConfig(airflow, config, jobNamespaces, operatorNamespace) : undefined;
    // Given while Airflow is off, a secret is still checked: it is meant for a later `enabled: true`.
    if (!airflow.enabled) checkAirflowSecrets(airflowSecretValues(config), false);
    const aws =
        config.cloud === "aws"
            ? resolveAwsConfig(
                  { region: regions.aws, regionKey: regions.awsKey, cluster: config.cluster, network: config.network, storage: config.storage },
                  { jobNamespaces, operatorNamespace, serviceNamespaces: airflow.enabled ? [airflow.namespace] : [] },
              )
            : undefined;
    const alicloud =
        config.cloud === "alicloud"
            ? resolveAlicloudConfig({
                  region: regions.alicloud,
                  regionKey: regions.alicloudKey,
                  cluster: config.cluster,
                  network: config.network,
                  storage: config.storage,
              })
            : undefined;

    checkEventLogAgeOnExistingBucket(config.historyServer?.maxAgeDays, (aws ?? alicloud)?.storage.existingBucket);

    const capacityGrid: CapacityGridName = aws ? "fargate" : alicloud ? "eci" : (config.capacityGrid ?? "none");
    const scheduling = schedulingProfile(config.scheduling);
    checkSchedulingProfile(scheduling, "scheduling");
    const prices = resolvePrices(config.prices, capacityGrid, alicloud?.region);
    const samples: SampleArgs = {
        wordcount: config.samples?.includes("wordcount") ?? false,
        tpcds: config.samples?.includes("tpcds") ? { ...(config.tpcds ?? {}) } : undefined,
    };
    if (config.tpcds !== undefined && samples.tpcds === undefined) {
        throw new InputError("tpcds", "is set but samples does not list tpcds", "samples: [tpcds] to run it");
    }
    const jobs: PlatformJobArgs[] = (config.jobs ?? []).map((job) => ({ ...job }));
    const hdfs = config.cloud === "existing" ? resolveStorage(config.storage) : undefined;
    const kerberos = config.kerberos === undefined ? undefined : resolveKerberosConfig(config.kerberos);
    const storage = hdfs && { ...hdfs, hdfs: resolveHdfsKerberos(hdfs.hdfs, kerberos?.principal) };
    checkSharedConfigMapNames(storage?.hdfs.configMapName, kerberos !== undefined, samples.wordcount === true);
    // The jobs are checked here too, so a bad job fails before the cluster is declared.
    planJobs(jobs, samples, {
        placement: { scheduling, capacityGrid, prices },
        jobNamespaces,
        // The storage is declared later: its presence is what matters here (TPC-DS's default data root).
        storage: storage || aws || alicloud ? {} : undefined,
        imageRegistry: alicloud?.cluster.imageRegistry,
    });

    return {
        cloud: config.cloud,
        existing: {
            kubeconfig: config.kubeconfig,
            context: config.context,
            capacityGrid,
            scheduling,
        },
        jobNamespaces,
        operator,
        capacityGrid,
        samples,
        jobs,
        prices,
        historyServer: resolveHistoryServerSettings(config.historyServer),
        metrics: config.metrics ?? true,
        sparkConnect: resolveSparkConnectSettings(config.sparkConnect),
        airflow,
        ...(airflowSecrets ? { airflowSecrets } : {}),
        storage,
        kerberos,
        aws,
        alicloud,
    };
}

/**
 * `historyServer.maxAgeDays` is applied by the lifecycle rules of the bucket the stack creates; an
 * existing bucket keeps its owner's lifecycle configuration (one per bucket: the stack declares none
 * there), so the key would promise an age nothing applies, and is refused like the other
 * created-bucket settings.
 */
function checkEventLogAgeOnExistingBucket(maxAgeDays: number | undefined, existingBucket: string | undefined): void {
    if (maxAgeDays === undefined || existingBucket === undefined) return;
    throw new InputError(
        "historyServer.maxAgeDays",
        "is set with storage.existingBucket, whose lifecycle rules are its owner's",
        'it left out, and a lifecycle rule of your own that expires namespaces/<namespace>/spark-events/eventlog_v2_ (README, "Day 2")',
    );
}

/**
 * The `airflow` config when Airflow is on: its namespace apart from the platform's, its database
 * settings only where there is a database to set (the clouds), and its three secrets.
 */
function resolveAirflowConfig(
    airflow: ResolvedAirflowSettings,
    config: RawStackConfig,
    jobNamespaces: string[],
    operatorNamespace: string,
): AirflowSecretValues {
    checkAirflowNamespace(airflow.namespace, jobNamespaces, operatorNamespace);
    const database = (config.airflow as { database?: Record<string, unknown> } | undefined)?.database;
    if (config.cloud === "existing" && database !== undefined) {
        throw new InputError(
            "airflow.database",
            'is set for cloud "existing"',
            "it only with cloud: aws or alicloud (an existing cluster runs the chart's PostgreSQL)",
        );
    }
    return checkAirflowSecrets(airflowSecretValues(config));
}

function airflowSecretValues(config: RawStackConfig): Partial<Record<keyof AirflowSecretValues, unknown>> {
    return { fernetKey: config.airflowFernetKey, apiSecretKey: config.airflowApiSecretKey, databasePassword: config.airflowDatabasePassword };
}

/**
 * Names that reach or shadow an object's prototype when used as a key (`obj["__proto__"] = v`
 * replaces the prototype): refused anywhere in the config, so no later copy or merge can be
 * steered by them, and a `sparkConf` or label map cannot hide one.
 */
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function checkReservedKeys(value: unknown, at: string): void {
    if (Array.isArray(value)) {
        value.forEach((item, i) => checkReservedKeys(item, `${at}[${i}]`));
        return;
    }
    if (typeof value !== "object" || value === null || pulumiLike(value)) return;
    for (const key of Object.keys(value)) {
        if (RESERVED_KEYS.has(key)) {
            throw new InputError(
                at === "" ? key : at,
                at === "" ? "is a reserved name" : `has the key ${JSON.stringify(key)}`,
                "keys other than __proto__, constructor and prototype",
            );
        }
        checkReservedKeys((value as Record<string, unknown>)[key], at === "" ? key : `${at}.${key}`);
    }
}

/** Outputs, resources and secret wrappers that library users pass: not config data, not walked. */
function pulumiLike(value: object): boolean {
    const proto = Object.getPrototypeOf(value);
    return proto !== Object.prototype && proto !== null;
}

/**
 * The ConfigMaps the platform declares in every job namespace must have distinct names: two objects
 * of one kind and name in one namespace are one object to Kubernetes, so `pulumi up` would fail on
 * the second or overwrite the first.
 */
function checkSharedConfigMapNames(hadoopConfigMap: string | undefined, kerberos: boolean, wordcount: boolean): void {
    if (hadoopConfigMap === undefined) return;
    const others: [string, string][] = [
        ...(kerberos ? [[`${DEFAULT_KERBEROS_NAME_PREFIX}-krb5`, "the Kerberos krb5.conf ConfigMap"] as [string, string]] : []),
        ...(wordcount ? [[WORDCOUNT_INPUT_CONFIGMAP, "the wordcount sample's input ConfigMap"] as [string, string]] : []),
    ];
    const clash = others.find(([name]) => name === hadoopConfigMap);
    if (clash !== undefined) {
        throw new InputError(
            "storage.hdfs.configMapName",
            `got ${describeValue(hadoopConfigMap)}, the name of ${clash[1]}`,
            "a ConfigMap name no other platform object uses",
        );
    }
}

function prefixed(raw: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [`${CONFIG_NAMESPACE}:${k}`, v]));
}

const STORAGE_TYPES = ["s3", "oss", "hdfs"] as const;
/** The keys of `storage` on an existing cluster (`storage.hdfs` has its own schema in ./hdfs.ts). */
export const EXISTING_STORAGE_KEYS = ["type", "hdfs"] as const;

/** `storage` on an existing cluster: `{ type: hdfs, hdfs: {...} }`. */
function resolveStorage(raw: unknown): StackConfig["storage"] {
    if (raw === undefined) {
        return undefined;
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        throw new InputError("storage", `got ${describeValue(raw)}`, "an object {type, ...}");
    }
    const { type, hdfs, ...rest } = raw as Record<string, unknown>;
    if (!STORAGE_TYPES.includes(type as (typeof STORAGE_TYPES)[number])) {
        throw new InputError("storage.type", `got ${describeValue(type)}`, STORAGE_TYPES.join(", "));
    }
    if (type !== "hdfs") {
        throw new InputError("storage.type", `${describeValue(type)} needs a cloud cluster`, "hdfs on an existing cluster");
    }
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) {
        throw new InputError(`storage.${unknown}`, "unknown config key for storage type hdfs", `one of ${EXISTING_STORAGE_KEYS.join(", ")}`);
    }
    return { type: "hdfs", hdfs: resolveHdfsConfig(hdfs) };
}

/**
 * The price table jobs are costed with: `prices` (a named table plus overrides) or the grid's
 * default. Alibaba's China regions bill ECI in CNY from the China price list, every other region
 * from the international one (USD).
 * @param alicloudRegion the stack's `alicloud:region`, for cloud alicloud
 */
function resolvePrices(raw: RawStackConfig["prices"], grid: SizingGrid, alicloudRegion?: string): PriceTable | undefined {
    const eciDefault = alicloudRegion?.startsWith("cn-") ? ECI_CHINA_PRICES : ECI_INTERNATIONAL_PRICES;
    if (raw === undefined) {
        return alicloudRegion !== undefined ? eciDefault : undefined;
    }
    if (grid === "none") {
        throw new InputError("prices", "is set but the cluster has no billing grid", "capacityGrid fargate or eci to price jobs");
    }
    const base = raw.table !== undefined ? PRICE_TABLES[raw.table]! : grid === "fargate" ? FARGATE_US_EAST_1_PRICES : eciDefault;
    checkPricesForGrid(base, grid, "prices.table");
    const { table: _table, ...overrides } = raw;
    return withPriceOverrides(base, overrides, "prices");
}

function checkCloudSpecificKeys(config: RawStackConfig): void {
    if (config.cloud === "existing") {
        for (const key of CLOUD_ONLY) {
            if (config[key] !== undefined) {
                throw new InputError(key, 'is set for cloud "existing"', "it only with cloud: aws or alicloud");
            }
        }
        return;
    }
    for (const key of EXISTING_ONLY) {
        if (config[key] !== undefined) {
            throw new InputError(key, `is set for cloud ${describeValue(config.cloud)}`, "it only with cloud: existing");
        }
    }
}

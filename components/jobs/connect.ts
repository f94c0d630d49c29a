import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import type { SchedulingProfile } from "../cluster/types";
import { describeValue, InputError } from "../errors";
import { mirroredImage } from "../images";
import { type CapacityGridName, type PriceTable, rightSize, type SizedPod } from "../sizing";
import { SPARK_IMAGE_UID, sparkPodTemplate } from "./pod-template";
import { checkSparkConfKeys } from "./spark-conf-rules";
import { JOB_LABELS, mergeConf, POD_PLATFORM_LABELS } from "./spec";
import type { JobIntegration } from "./types";

/**
 * Spark Connect: a long-running Spark driver serving the Spark Connect gRPC protocol (port 15002),
 * which PySpark and Scala clients use as `SparkSession.builder.remote("sc://host:15002")`.
 *
 * The Spark operator 2.5.2 runs one per `SparkConnect` object (`sparkoperator.k8s.io/v1alpha1`,
 * CRD installed by the chart): it creates the server pod from `spec.server.template`, starts
 * `start-connect-server.sh` in it (client mode: the pod is the driver), passes `spec.executor.template`
 * to Spark as the executor pod template, and creates a Service `<name>-server` of the default type
 * (ClusterIP) with the ports 7078, 7079, 4040 and 15002 (kubeflow/spark-operator v2.5.2
 * `charts/spark-operator-chart/crds/sparkoperator.k8s.io_sparkconnects.yaml`,
 * `internal/controller/sparkconnect/reconciler.go` and `options.go`, `examples/sparkconnect/spark-connect.yaml`,
 * read 2026-11-29). That Service is all the server gets: Spark Connect has no authentication, so the
 * platform declares no Service, Ingress or LoadBalancer of its own, and access is by `kubectl port-forward`.
 */
export const SPARK_CONNECT_API_VERSION = "sparkoperator.k8s.io/v1alpha1";

/** The SparkConnect object's name in each job namespace; the operator names its pod and Service `<name>-server`. */
export const SPARK_CONNECT_NAME = "spark-connect";

/** The Spark Connect gRPC port (Spark's `spark.connect.grpc.binding.port` default). */
export const SPARK_CONNECT_PORT = 15002;

/**
 * The image when neither the settings nor the storage name one. Spark Connect needs Spark 3.4 or
 * later; 3.5 ships it as a separate module (see {@link connectPackages}).
 */
export const DEFAULT_CONNECT_IMAGE = "apache/spark:3.5.3";

/** Stack config key and platform argument `sparkConnect`. */
export interface SparkConnectSettings {
    /** A Spark Connect server in every job namespace. @default false */
    enabled?: boolean;
    /**
     * Most executors the server runs at once. Executors come and go with dynamic allocation (none
     * while idle), so an idle server costs its own pod only.
     * @default 2
     */
    executors?: number;
    /** Spark cores (task slots) per executor, each executor sized to the cluster's billing grid. @default 1 */
    executorCores?: number;
    /** vCPUs of the server pod (the driver): 0.25, 0.5 or a whole number, sized to the billing grid. @default 1 */
    serverCores?: number;
    /**
     * The Spark image of the server and its executors (Spark 3.4 or later).
     * @default the storage's connector image, else apache/spark:3.5.3
     */
    image?: string;
    /** Extra Spark conf for the server's session (the same keys a job may set). @default {} */
    sparkConf?: Record<string, string>;
}

/** {@link SparkConnectSettings} with defaults applied. */
export interface ResolvedSparkConnectSettings {
    enabled: boolean;
    executors: number;
    executorCores: number;
    serverCores: number;
    image?: string;
    sparkConf: Record<string, string>;
}

const KNOWN = ["enabled", "executors", "executorCores", "serverCores", "image", "sparkConf"];

/** Checks and completes the settings; throws an {@link InputError} under `key`. */
export function resolveSparkConnectSettings(settings: unknown, key = "sparkConnect"): ResolvedSparkConnectSettings {
    if (settings === undefined) return { enabled: false, executors: 2, executorCores: 1, serverCores: 1, sparkConf: {} };
    if (typeof settings !== "object" || settings === null || Array.isArray(settings)) {
        throw new InputError(key, `got ${describeValue(settings)}`, `an object {${KNOWN.join(", ")}}`);
    }
    const s = settings as Record<string, unknown>;
    for (const name of Object.keys(s)) {
        if (!KNOWN.includes(name)) throw new InputError(`${key}.${name}`, "is not a known setting", `one of ${KNOWN.join(", ")}`);
    }
    if (s.enabled !== undefined && typeof s.enabled !== "boolean") throw new InputError(`${key}.enabled`, `got ${describeValue(s.enabled)}`, "true or false");
    const integer = (name: string, fallback: number, max: number): number => {
        const v = s[name];
        if (v === undefined) return fallback;
        if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > max) {
            throw new InputError(`${key}.${name}`, `got ${describeValue(v)}`, `a whole number from 1 to ${max}`);
        }
        return v;
    };
    const executors = integer("executors", 2, 100);
    const executorCores = integer("executorCores", 1, 16);
    const serverCores = s.serverCores ?? 1;
    if (
        typeof serverCores !== "number" ||
        !(serverCores === 0.25 || serverCores === 0.5 || (Number.isInteger(serverCores) && serverCores >= 1 && serverCores <= 16))
    ) {
        throw new InputError(`${key}.serverCores`, `got ${describeValue(serverCores)}`, "0.25, 0.5 or a whole number from 1 to 16");
    }
    if (s.image !== undefined && (typeof s.image !== "string" || s.image.trim() === "")) {
        throw new InputError(`${key}.image`, `got ${describeValue(s.image)}`, "a container image such as apache/spark:3.5.3");
    }
    if (typeof s.image === "string") connectSparkVersion(s.image, `${key}.image`);
    const sparkConf = s.sparkConf ?? {};
    if (typeof sparkConf !== "object" || sparkConf === null || Array.isArray(sparkConf)) {
        throw new InputError(`${key}.sparkConf`, `got ${describeValue(sparkConf)}`, "an object of Spark conf keys and string values");
    }
    for (const [name, value] of Object.entries(sparkConf)) {
        if (typeof value !== "string") throw new InputError(`${key}.sparkConf.${name}`, `got ${describeValue(value)}`, "a string");
        // The operator joins the conf into one `bash -c` command line (options.go): no quoting survives.
        if (!/^[\w.,:/=@+-]*$/.test(value)) {
            throw new InputError(
                `${key}.sparkConf.${name}`,
                `got ${describeValue(value)}, which the operator's shell command line would split`,
                "a value of letters, digits and . , : / = @ + - _",
            );
        }
    }
    checkSparkConfKeys(sparkConf as Record<string, unknown>, "", `${key}.sparkConf`);
    return {
        enabled: s.enabled === true,
        executors,
        executorCores,
        serverCores,
        ...(typeof s.image === "string" ? { image: s.image } : {}),
        sparkConf: sparkConf as Record<string, string>,
    };
}

/**
 * The Spark version an image names, in its tag (`apache/spark:3.5.3`) or after `spark` in its name
 * (`.../spark3.5.3-scala2.12-...:v2`); Spark Connect needs 3.4 or later.
 */
export function connectSparkVersion(image: string, key: string): string {
    const version = (/:v?(\d+\.\d+\.\d+)/.exec(image) ?? /spark-?(\d+\.\d+\.\d+)/.exec(image))?.[1];
    if (version === undefined)
        throw new InputError(
            key,
            `got ${describeValue(image)}, whose tag names no Spark version`,
            "an image tagged with its Spark version, such as apache/spark:3.5.3",
        );
    const [major, minor] = version.split(".").map(Number) as [number, number];
    if (major < 3 || (major === 3 && minor < 4))
        throw new InputError(key, `got ${describeValue(image)} (Spark ${version})`, "Spark 3.4 or later (Spark Connect)");
    return version;
}

/**
 * Maven packages the server needs: Spark 3.4 and 3.5 ship Spark Connect as the separate
 * `spark-connect_2.12` module that `start-connect-server.sh` loads with `--packages`; Spark 4 has it
 * in the distribution (apache/spark v3.5.3 and v4.0.0 `docs/spark-connect-overview.md`, read 2026-11-29).
 */
export function connectPackages(sparkVersion: string): string[] {
    return Number(sparkVersion.split(".")[0]) >= 4 ? [] : [`org.apache.spark:spark-connect_2.12:${sparkVersion}`];
}

/** The server (a driver) and one executor sized to the grid like a job's pods. */
export function sizeSparkConnect(
    settings: ResolvedSparkConnectSettings,
    grid: CapacityGridName,
    prices?: PriceTable,
): { server: SizedPod; executor: SizedPod } {
    const withPrices = prices ? { prices } : {};
    return {
        server: rightSize({ grid, role: "driver", cores: settings.serverCores, ...withPrices }),
        executor: rightSize({ grid, role: "executor", cores: settings.executorCores, ...withPrices }),
    };
}

/** What one namespace's server is rendered from. */
export interface SparkConnectInput {
    namespace: string;
    settings: ResolvedSparkConnectSettings;
    scheduling: SchedulingProfile;
    capacityGrid: CapacityGridName;
    prices?: PriceTable;
    /** The namespace's storage, Kerberos and metrics contributions, as jobs get them. */
    integrations: JobIntegration[];
    /** The image when the settings name none (the storage's connector image). */
    defaultImage?: string;
    /** A registry holding copies of public images (see components/images.ts). @default none */
    imageRegistry?: string;
    /** Service accounts. @default spark-driver, spark-executor */
    serviceAccounts?: { driver: string; executor: string };
}

const SERVER_EPHEMERAL_STORAGE = "4Gi";
const EXECUTOR_EPHEMERAL_STORAGE = "20Gi";

/** The SparkConnect object of one job namespace (pure). */
export function sparkConnectObject(input: SparkConnectInput): {
    apiVersion: string;
    kind: string;
    metadata: Record<string, unknown>;
    spec: Record<string, unknown>;
} {
    const { settings, scheduling, integrations } = input;
    const image = mirroredImage(settings.image ?? input.defaultImage ?? DEFAULT_CONNECT_IMAGE, input.imageRegistry);
    const sparkVersion = connectSparkVersion(image, "sparkConnect.image");
    const accounts = input.serviceAccounts ?? { driver: "spark-driver", executor: "spark-executor" };
    const { server, executor } = sizeSparkConnect(settings, input.capacityGrid, input.prices);

    // What jobs get through `deps` and `spark.kubernetes.*.secrets`, said as conf and volumes: the CRD has neither field.
    const packages = [...new Set([...connectPackages(sparkVersion), ...integrations.flatMap((i) => i.deps?.packages ?? [])])];
    const repositories = [...new Set(integrations.flatMap((i) => i.deps?.repositories ?? []))];
    const e = executor.settings;
    const platformConf: Record<string, string> = {
        // Executors come and go with queries: none while idle (shuffle tracking: no external shuffle service on Kubernetes).
        "spark.dynamicAllocation.shuffleTracking.enabled": "true",
        "spark.dynamicAllocation.executorIdleTimeout": "120s",
        // Without it executors run as the driver's account, which the namespace's guard refuses
        // (apache/spark v3.5.3 docs/running-on-kubernetes.md, `spark.kubernetes.authenticate.executor.serviceAccountName`, read 2026-11-29).
        "spark.kubernetes.authenticate.executor.serviceAccountName": accounts.executor,
        ...(e.memoryOverhead !== undefined ? { "spark.executor.memoryOverhead": e.memoryOverhead } : {}),
        ...(e.coreRequest !== undefined ? { "spark.kubernetes.executor.request.cores": e.coreRequest } : {}),
        ...(e.coreLimit !== undefined ? { "spark.kubernetes.executor.limit.cores": e.coreLimit } : {}),
        ...(packages.length > 0 ? { "spark.jars.packages": packages.join(","), "spark.jars.ivy": "/tmp/.ivy2" } : {}),
        ...(repositories.length > 0 ? { "spark.jars.repositories": repositories.join(",") } : {}),
    };
    const sparkConf = mergeConf(
        [
            { source: "the platform", conf: platformConf },
            ...integrations.map((i) => ({ source: i.source, conf: i.sparkConf })),
            { source: "sparkConnect.sparkConf", conf: settings.sparkConf },
        ],
        "sparkConnect.sparkConf",
    );
    const hadoopConf = mergeConf(
        integrations.map((i) => ({ source: i.source, conf: i.hadoopConf })),
        "sparkConnect.hadoopConf",
    );
    const configMapMounts = Object.assign({}, ...integrations.map((i) => i.configMapMounts ?? {}));
    const shared = Object.assign({}, scheduling.podAnnotations, ...integrations.map((i) => i.podAnnotations ?? {}));
    const driverAnnotations = Object.assign({}, ...integrations.map((i) => i.driverPodAnnotations ?? {}));
    const labels = { ...POD_PLATFORM_LABELS, ...scheduling.podLabels, "app.kubernetes.io/name": SPARK_CONNECT_NAME };

    // The server pod: built by the operator from this template alone, so it carries the resources
    // the billing grid is sized on (requests = limits), the service account and the driver's Secrets.
    const serverTemplate = sparkPodTemplate({
        role: "driver",
        scheduling,
        ephemeralStorage: SERVER_EPHEMERAL_STORAGE,
        runAsUser: SPARK_IMAGE_UID,
        configMapMounts,
    });
    // biome-ignore lint: the template is plain data built just above.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const serverSpec = serverTemplate.spec as Record<string, any>;
    const resources = { cpu: `${Math.round(server.requests.cpu * 1000)}m`, memory: `${server.requests.memoryMiB}Mi` };
    const container = serverSpec.containers[0];
    container.image = image;
    container.imagePullPolicy = "IfNotPresent";
    container.ports = [{ name: "spark-connect", containerPort: SPARK_CONNECT_PORT }];
    container.resources = { requests: { ...resources, "ephemeral-storage": SERVER_EPHEMERAL_STORAGE }, limits: { ...resources } };
    const secrets = Object.entries(Object.assign({}, ...integrations.map((i) => i.driverSecrets ?? {})) as Record<string, string>).sort(([a], [b]) =>
        a < b ? -1 : 1,
    );
    secrets.forEach(([secret, path], i) => {
        container.volumeMounts.push({ name: `driver-secret-${i}`, mountPath: path, readOnly: true });
        serverSpec.volumes.push({ name: `driver-secret-${i}`, secret: { secretName: secret } });
    });
    serverSpec.serviceAccountName = accounts.driver;

    const executorTemplate = sparkPodTemplate({
        role: "executor",
        scheduling,
        ephemeralStorage: EXECUTOR_EPHEMERAL_STORAGE,
        runAsUser: SPARK_IMAGE_UID,
        configMapMounts,
    });
    (executorTemplate.spec as Record<string, unknown>).serviceAccountName = accounts.executor;

    const spec: Record<string, unknown> = {
        sparkVersion,
        image,
        sparkConf,
        ...(Object.keys(hadoopConf).length > 0 ? { hadoopConf } : {}),
        server: {
            cores: Math.max(1, Math.ceil(server.settings.cores ?? 1)),
            ...(server.settings.memory !== undefined ? { memory: server.settings.memory } : {}),
            template: {
                metadata: { labels: { ...labels }, annotations: { ...shared, ...driverAnnotations, ...server.annotations } },
                spec: serverSpec,
            },
        },
        executor: {
            cores: e.cores ?? settings.executorCores,
            ...(e.memory !== undefined ? { memory: e.memory } : {}),
            template: { metadata: { labels: { ...labels }, annotations: { ...shared, ...executor.annotations } }, spec: executorTemplate.spec },
        },
        dynamicAllocation: {
            enabled: true,
            initialExecutors: 0,
            minExecutors: 0,
            maxExecutors: settings.executors,
            shuffleTrackingEnabled: true,
        },
    };
    return {
        apiVersion: SPARK_CONNECT_API_VERSION,
        kind: "SparkConnect",
        metadata: { name: SPARK_CONNECT_NAME, namespace: input.namespace, labels: { ...JOB_LABELS } },
        spec,
    };
}

/**
 * A Spark Connect server in one job namespace (see {@link SPARK_CONNECT_API_VERSION}'s comment):
 * reachable inside the cluster at `sc://spark-connect-server.<namespace>.svc:15002`, from a laptop
 * through `kubectl port-forward -n <namespace> svc/spark-connect-server 15002`.
 * Pass the operator's Helm release in `dependsOn`: it installs the CRD and the controller.
 */
export class SparkConnectServer extends pulumi.ComponentResource {
    readonly object: k8s.apiextensions.CustomResource;
    /** The server pod's size and cost (executors are billed only while they run). */
    readonly server: SizedPod;
    readonly executor: SizedPod;

    constructor(name: string, args: SparkConnectInput, opts?: pulumi.ComponentResourceOptions) {
        const object = sparkConnectObject(args);
        const sized = sizeSparkConnect(args.settings, args.capacityGrid, args.prices);
        super("serverless-spark:jobs:SparkConnectServer", name, {}, opts);
        this.server = sized.server;
        this.executor = sized.executor;
        const dependsOn = [...toArray(opts?.dependsOn), ...args.integrations.flatMap((i) => i.dependsOn ?? [])];
        this.object = new k8s.apiextensions.CustomResource(name, object, { parent: this, dependsOn });
        this.registerOutputs({ namespace: args.namespace, service: `${SPARK_CONNECT_NAME}-server`, port: SPARK_CONNECT_PORT });
    }
}

function toArray(deps: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource> | undefined): pulumi.Input<pulumi.Resource>[] {
    if (deps === undefined) return [];
    return Array.isArray(deps) ? deps : [deps as pulumi.Input<pulumi.Resource>];
}

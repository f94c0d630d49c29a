/**
 * What a plan keeps running whether or not a job runs, read from its declared resources: fixed fees
 * by resource type, and every always-on pod (Deployments and StatefulSets, Helm values with
 * resources, Spark Connect servers, CoreDNS on Fargate). Generic on purpose: a component that adds a Deployment or a Helm
 * release with resources (a History Server, a metrics agent) is counted without a change here.
 */
import { airflowAlwaysOnPods, isAirflowRelease } from "../../components/airflow/cost";
import { InputError } from "../../components/errors";
import {
    AlwaysOnFee,
    AlwaysOnPods,
    CapacityGridName,
    FIXED_FEES,
    parseCpuMilli,
    parseQuantityMiB,
    PlatformCost,
    platformCost,
    PriceTable,
    rdsPostgresInstanceFee,
} from "../../components/sizing";
import type { PlanResource } from "./plan-model";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A container's `resources` as one pod's share: CPU request and limit (cores), memory (MiB, the larger of request and limit). */
interface Resources {
    cpu: number;
    cpuLimit: number | null;
    memoryMiB: number;
}

function resourcesOf(resources: unknown, key: string): Resources | null {
    if (!isObject(resources)) return null;
    const requests = isObject(resources.requests) ? resources.requests : {};
    const limits = isObject(resources.limits) ? resources.limits : {};
    if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) return null;
    const cpuText = requests.cpu ?? limits.cpu;
    const cpu = cpuText === undefined ? 0 : parseCpuMilli(cpuText, `${key}.cpu`) / 1000;
    const cpuLimit = limits.cpu === undefined ? null : parseCpuMilli(limits.cpu, `${key}.limits.cpu`) / 1000;
    // Fargate and ECI size a pod on the larger of request and limit.
    const memory = [requests.memory, limits.memory].filter((m) => m !== undefined).map((m) => parseQuantityMiB(m, `${key}.memory`));
    return { cpu, cpuLimit, memoryMiB: memory.length === 0 ? 0 : Math.max(...memory) };
}

function sum(parts: Resources[]): Resources {
    return {
        cpu: parts.reduce((a, p) => a + p.cpu, 0),
        cpuLimit: parts.some((p) => p.cpuLimit === null) ? null : parts.reduce((a, p) => a + (p.cpuLimit ?? 0), 0),
        memoryMiB: parts.reduce((a, p) => a + p.memoryMiB, 0),
    };
}

/**
 * Pod groups in Helm values: every object with a `resources` holding requests or limits is one
 * pod group of `replicas` (or `replicaCount`, else 1) pods, unless the same object says
 * `enable: false` or `enabled: false`. Pods whose chart defaults give no resources are not seen.
 */
export function helmPods(release: string, values: unknown, path: string[] = []): AlwaysOnPods[] {
    if (!isObject(values)) return [];
    if (values.enable === false || values.enabled === false) return [];
    const found: AlwaysOnPods[] = [];
    const where = path.join(".");
    const own = resourcesOf(values.resources, `${release} ${where}.resources`);
    if (own !== null && path.length > 0) {
        const replicas = values.replicas ?? values.replicaCount ?? 1;
        found.push({ name: `${release} ${where}`, from: `helm values ${where}.resources`, replicas: typeof replicas === "number" ? replicas : 1, ...own });
    }
    for (const [key, child] of Object.entries(values)) {
        if (key !== "resources") found.push(...helmPods(release, child, [...path, key]));
    }
    return found;
}

function workloadPods(r: PlanResource): AlwaysOnPods | null {
    const inputs = r.inputs as Json;
    const spec = isObject(inputs.spec) ? inputs.spec : {};
    const template = isObject(spec.template) && isObject(spec.template.spec) ? spec.template.spec : {};
    const containers = Array.isArray(template.containers) ? template.containers : [];
    const parts = containers.map(
        (c, i) => resourcesOf(isObject(c) ? c.resources : undefined, `${r.name}.containers[${i}].resources`) ?? { cpu: 0, cpuLimit: null, memoryMiB: 0 },
    );
    const metadata = isObject(inputs.metadata) ? inputs.metadata : {};
    const replicas = typeof spec.replicas === "number" ? spec.replicas : 1;
    return {
        name: `${String(inputs.kind ?? r.type.split(":").pop())} ${metadata.namespace ? `${String(metadata.namespace)}/` : ""}${String(metadata.name ?? r.name)}`,
        from: `${r.type}::${r.name}`,
        replicas,
        ...sum(parts),
    };
}

/**
 * CoreDNS as the EKS add-on runs it on Fargate: 2 replicas, each requesting 100m CPU and 70Mi,
 * limited to 170Mi, unless `configurationValues` set `replicaCount` or `resources`. These are the
 * CoreDNS manifest's defaults as the add-on ships them (Amazon EKS User Guide, "Manage CoreDNS for DNS
 * in Amazon EKS clusters"; `aws eks describe-addon-configuration --addon-name coredns` lists the
 * settings); not re-read on 2026-11-29. Either way each pod lands on Fargate's smallest shape
 * (0.25 vCPU / 0.5 GB) unless its memory passes 256 MiB.
 */
function coreDnsPods(r: PlanResource): AlwaysOnPods | null {
    const inputs = r.inputs as Json;
    if (inputs.addonName !== "coredns") return null;
    let config: Json = {};
    try {
        const parsed: unknown = typeof inputs.configurationValues === "string" ? JSON.parse(inputs.configurationValues) : {};
        if (isObject(parsed)) config = parsed;
    } catch {
        config = {};
    }
    if (config.computeType !== "Fargate") return null;
    const resources = resourcesOf(config.resources, `${r.name}.resources`) ?? { cpu: 0.1, cpuLimit: null, memoryMiB: 170 };
    return {
        name: "CoreDNS (EKS add-on on Fargate)",
        from: `${r.type}::${r.name}`,
        replicas: typeof config.replicaCount === "number" ? config.replicaCount : 2,
        ...resources,
    };
}

/**
 * A Spark Connect server: the operator keeps one pod per `SparkConnect` object running from
 * `spec.server.template` (kubeflow/spark-operator v2.5.2 `internal/controller/sparkconnect/reconciler.go`,
 * read 2026-11-29), so its containers' resources are an always-on pod. Its executors come and go
 * with the queries and are not counted.
 */
function sparkConnectServerPod(r: PlanResource): AlwaysOnPods | null {
    const inputs = r.inputs as Json;
    const spec = isObject(inputs.spec) ? inputs.spec : {};
    const server = isObject(spec.server) ? spec.server : {};
    const template = isObject(server.template) && isObject(server.template.spec) ? server.template.spec : {};
    const containers = Array.isArray(template.containers) ? template.containers : [];
    const parts = containers.flatMap((c, i) => resourcesOf(isObject(c) ? c.resources : undefined, `${r.name}.server.containers[${i}].resources`) ?? []);
    if (parts.length === 0) return null;
    const metadata = isObject(inputs.metadata) ? inputs.metadata : {};
    return {
        name: `SparkConnect server ${metadata.namespace ? `${String(metadata.namespace)}/` : ""}${String(metadata.name ?? r.name)}`,
        from: `${r.type}::${r.name}`,
        replicas: 1,
        ...sum(parts),
    };
}

/** Always-on pods of a plan. */
export function alwaysOnPods(resources: PlanResource[]): AlwaysOnPods[] {
    const pods: AlwaysOnPods[] = [];
    for (const r of resources) {
        if (!r.custom) continue;
        if (r.type.startsWith("kubernetes:helm.sh/")) {
            const inputs = r.inputs as Json;
            // The Airflow chart's values hold per-task and per-upgrade pods too: read by its own layout.
            pods.push(...(isAirflowRelease(inputs) ? airflowAlwaysOnPods : helmPods)(String(inputs.name ?? r.name), inputs.values));
        } else if (r.type === "kubernetes:apps/v1:Deployment" || r.type === "kubernetes:apps/v1:StatefulSet") {
            const p = workloadPods(r);
            if (p) pods.push(p);
        } else if (r.type === "kubernetes:sparkoperator.k8s.io/v1alpha1:SparkConnect") {
            const p = sparkConnectServerPod(r);
            if (p) pods.push(p);
        } else if (r.type === "aws:eks/addon:Addon") {
            const p = coreDnsPods(r);
            if (p) pods.push(p);
        }
    }
    return pods;
}

/** Fixed fees of a plan, one line per declaring resource. */
export function alwaysOnFees(resources: PlanResource[]): AlwaysOnFee[] {
    const fees: AlwaysOnFee[] = [];
    for (const r of resources) {
        if (!r.custom) continue;
        const name = `${r.type}::${r.name}`;
        const inputs = r.inputs as Json;
        switch (r.type) {
            case "aws:eks/cluster:Cluster":
                fees.push({ name, fee: FIXED_FEES.eksStandard });
                break;
            case "aws:ec2/natGateway:NatGateway":
                fees.push({ name, fee: FIXED_FEES.awsNatGateway });
                break;
            case "aws:ec2/eip:Eip":
                fees.push({ name, fee: FIXED_FEES.awsPublicIpv4 });
                break;
            case "aws:kms/key:Key":
                fees.push({ name, fee: FIXED_FEES.awsKmsKey });
                break;
            case "aws:amp/scraper:Scraper":
                fees.push({ name, fee: FIXED_FEES.awsPrometheusCollector });
                break;
            case "alicloud:cs/managedKubernetes:ManagedKubernetes":
                fees.push({ name, fee: String(inputs.clusterSpec ?? "").startsWith("ack.pro") ? FIXED_FEES.ackPro : FIXED_FEES.ackBasic });
                break;
            case "alicloud:cs/serverlessKubernetes:ServerlessKubernetes":
                fees.push({ name, fee: FIXED_FEES.ackServerless });
                break;
            case "alicloud:vpc/natGateway:NatGateway":
                fees.push({ name, fee: FIXED_FEES.alicloudNatGateway });
                break;
            case "alicloud:ecs/eipAddress:EipAddress":
                fees.push({ name, fee: FIXED_FEES.alicloudEip });
                break;
            case "aws:rds/instance:Instance":
                fees.push({ name, fee: rdsPostgresInstanceFee(String(inputs.instanceClass ?? ""), inputs.multiAz === true) });
                fees.push({ name, fee: FIXED_FEES.awsRdsGp3StorageGb, count: typeof inputs.allocatedStorage === "number" ? inputs.allocatedStorage : 0 });
                break;
            case "alicloud:rds/instance:Instance":
                fees.push({ name, fee: FIXED_FEES.alicloudRdsPostgres });
                break;
        }
    }
    return fees;
}

/** Costs a plan declares whose size depends on use: said, not priced. */
export function usageNotes(resources: PlanResource[]): string[] {
    const notes: string[] = [];
    const has = (type: string) => resources.some((r) => r.custom && r.type === type);
    if (has("aws:cloudwatch/logGroup:LogGroup")) {
        notes.push("CloudWatch Logs: ingestion and storage by volume, unknown offline (https://aws.amazon.com/cloudwatch/pricing/, read 2026-11-29)");
    }
    if (has("alicloud:log/project:Project")) {
        notes.push(
            "Log Service (SLS): ingestion, index and storage by volume, unknown offline (https://www.alibabacloud.com/help/en/sls/product-overview/billing-overview, read 2026-11-29)",
        );
    }
    if (has("aws:ec2/natGateway:NatGateway") || has("alicloud:vpc/natGateway:NatGateway")) {
        notes.push("NAT data processing and Internet traffic: by volume, unknown offline");
    }
    if (
        has("aws:eks/cluster:Cluster") &&
        resources.some(
            (r) =>
                r.type === "aws:eks/cluster:Cluster" &&
                (r.inputs as Json).upgradePolicy !== undefined &&
                JSON.stringify((r.inputs as Json).upgradePolicy).includes("EXTENDED"),
        )
    ) {
        notes.push(
            `EKS extended support: ${FIXED_FEES.eksExtended.perHour} USD an hour once the version leaves standard support (${FIXED_FEES.eksExtended.source})`,
        );
    }
    return notes;
}

/** What the platform component registered: its grid and pod price table. */
export interface CostBasis {
    grid: CapacityGridName;
    prices: PriceTable | null;
}

/**
 * The platform's always-on cost from a plan's resources, on the grid and prices its platform
 * component used. Null when the plan has no platform (nothing to bill pods on).
 */
export function planPlatformCost(resources: PlanResource[], basis: CostBasis | undefined): PlatformCost | null {
    if (basis === undefined) return null;
    try {
        return platformCost({
            grid: basis.grid,
            prices: basis.prices ?? undefined,
            pods: alwaysOnPods(resources),
            fees: alwaysOnFees(resources),
            notes: usageNotes(resources),
        });
    } catch (err) {
        // A pod no shape holds is the program's mistake, not the plan's: say which.
        if (err instanceof InputError) throw new InputError(`platform cost: ${err.key}`, err.problem, err.expected);
        throw err;
    }
}

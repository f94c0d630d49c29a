import type { AlwaysOnPods } from "../sizing/platform-cost";
import { parseCpuMilli, parseQuantityMiB } from "../sizing/units";
import { AIRFLOW_DEFAULTS } from "./settings";

/**
 * The always-on pods of an Airflow release, read from its Helm values the way the chart 1.21.0
 * builds them (templates/scheduler, dag-processor, triggerer, api-server deployments): one pod per
 * replica of the scheduler, the DAG processor, the triggerer and the API server, each holding its
 * main container, its log-groomer sidecar when on, and git-sync's sidecar (DAG processor and
 * triggerer, with `dags.gitSync.enabled`; the scheduler of Airflow 3 reads no DAG files); plus the
 * chart's PostgreSQL when on. Task pods (`workers`, one per running task) and the migration Job
 * (once per upgrade) are not always on and are left out: that is why the offline plan reads an
 * Airflow release here instead of counting every `resources` in its values.
 */
export function airflowAlwaysOnPods(release: string, values: unknown): AlwaysOnPods[] {
    const v = obj(values);
    const gitSync = obj(obj(v.dags).gitSync);
    const pods: AlwaysOnPods[] = [];
    const component = (key: string, sidecars: { groomer: boolean; gitSync: boolean }) => {
        const c = obj(v[key]);
        if (c.enabled === false) return;
        const parts = [resources(c.resources, `${release} ${key}.resources`)];
        const groomer = obj(c.logGroomerSidecar);
        if (sidecars.groomer && groomer.enabled !== false) parts.push(resources(groomer.resources, `${release} ${key}.logGroomerSidecar.resources`));
        if (sidecars.gitSync && gitSync.enabled === true) parts.push(resources(gitSync.resources, `${release} dags.gitSync.resources`));
        const replicas = typeof c.replicas === "number" ? c.replicas : 1;
        pods.push({
            name: `${release} ${key}`,
            from: `helm values ${key}${sidecars.groomer ? " (+ log groomer" + (sidecars.gitSync && gitSync.enabled === true ? ", git-sync" : "") + ")" : ""}`,
            replicas,
            cpu: parts.reduce((a, p) => a + p.cpu, 0),
            cpuLimit: parts.some((p) => p.cpuLimit === null) ? null : parts.reduce((a, p) => a + (p.cpuLimit ?? 0), 0),
            memoryMiB: parts.reduce((a, p) => a + p.memoryMiB, 0),
        });
    };
    component("scheduler", { groomer: true, gitSync: false });
    component("dagProcessor", { groomer: true, gitSync: true });
    component("triggerer", { groomer: true, gitSync: true });
    component("apiServer", { groomer: false, gitSync: false });
    const postgres = obj(v.postgresql);
    if (postgres.enabled === true) {
        const r = resources(obj(postgres.primary).resources, `${release} postgresql.primary.resources`);
        pods.push({ name: `${release} postgresql`, from: "helm values postgresql.primary.resources", replicas: 1, ...r });
    }
    return pods;
}

/** Whether a Helm release's inputs are the official Airflow chart's. */
export function isAirflowRelease(inputs: Record<string, unknown>): boolean {
    const repo = obj(inputs.repositoryOpts).repo;
    return inputs.chart === AIRFLOW_DEFAULTS.chart && (repo === undefined || repo === AIRFLOW_DEFAULTS.repository);
}

function obj(value: unknown): Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** One container's share: CPU request (and limit) in cores, memory in MiB (the larger of request and limit); nothing set counts as 0. */
function resources(value: unknown, key: string): { cpu: number; cpuLimit: number | null; memoryMiB: number } {
    const r = obj(value);
    const requests = obj(r.requests);
    const limits = obj(r.limits);
    const cpuText = requests.cpu ?? limits.cpu;
    const memory = [requests.memory, limits.memory].filter((m) => m !== undefined).map((m) => parseQuantityMiB(m, `${key}.memory`));
    return {
        cpu: cpuText === undefined ? 0 : parseCpuMilli(cpuText, `${key}.cpu`) / 1000,
        cpuLimit: limits.cpu === undefined ? null : parseCpuMilli(limits.cpu, `${key}.limits.cpu`) / 1000,
        memoryMiB: memory.length === 0 ? 0 : Math.max(...memory),
    };
}

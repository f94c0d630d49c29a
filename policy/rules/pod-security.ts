import type { ResourceRule } from "./types";
import { asList, isObj, kindOf, Obj, strings } from "./util";

/**
 * The Kubernetes `restricted` Pod Security Standard (baseline + restricted controls), checked on
 * what the program declares: pods, workload pod templates, and the driver and executor pods of
 * SparkApplications / ScheduledSparkApplications (pod template, with and without the fields the
 * operator's webhook copies in). https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */

/** Volume types the restricted profile allows (every other type, hostPath included, is refused). */
export const RESTRICTED_VOLUME_TYPES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

/** Sysctls the baseline profile allows. */
const SAFE_SYSCTLS = new Set([
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
]);

const SELINUX_TYPES = new Set(["container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);
const SECCOMP_TYPES = new Set(["RuntimeDefault", "Localhost"]);
const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

/** Where the pod (metadata + spec) sits in each built-in workload kind. */
const POD_PATHS: Record<string, string[]> = {
    Pod: [],
    PodTemplate: ["template"],
    Deployment: ["spec", "template"],
    StatefulSet: ["spec", "template"],
    DaemonSet: ["spec", "template"],
    ReplicaSet: ["spec", "template"],
    ReplicationController: ["spec", "template"],
    Job: ["spec", "template"],
    CronJob: ["spec", "jobTemplate", "spec", "template"],
};
const WORKLOAD_TYPE = /^kubernetes:(core|apps|batch|extensions)\/[^:]+:([A-Za-z]+)$/;
const SPARK_TYPE = /^kubernetes:sparkoperator\.k8s\.io\/[^:]+:(SparkApplication|ScheduledSparkApplication)$/;

/** The container names Spark gives its pods; the first container of a template otherwise. */
const SPARK_CONTAINERS = { driver: "spark-kubernetes-driver", executor: "spark-kubernetes-executor" } as const;

/** A pod to check and the words that name it in messages. */
interface PodToCheck {
    label: string;
    pod: Obj;
}

/** The pods a resource declares (none for types the rule does not cover). */
export function podsOf(type: string, props: Obj): PodToCheck[] {
    const spark = SPARK_TYPE.exec(type);
    if (spark) {
        const appSpec = spark[1] === "ScheduledSparkApplication" ? get(props, ["spec", "template"]) : props.spec;
        const spec = isObj(appSpec) ? appSpec : {};
        // Both pods the operator may build: with its mutating webhook (`operator.webhook: true`, or an
        // operator from another stack) and without it (the platform's default), so security set only
        // through webhook fields does not pass unseen. The check drops repeated violations.
        return (["driver", "executor"] as const).flatMap((role) => [
            { label: `${role} pod`, pod: sparkPod(spec, role) },
            { label: `${role} pod`, pod: sparkPod(spec, role, false) },
        ]);
    }
    const workload = WORKLOAD_TYPE.exec(type);
    const path = workload ? POD_PATHS[workload[2]!] : undefined;
    if (path === undefined) return [];
    const pod = path.length === 0 ? props : get(props, path);
    return [{ label: kindOf(type) === "Pod" ? "pod" : "pod template", pod: isObj(pod) ? pod : {} }];
}

/**
 * The driver or executor pod as Spark and the operator build it: the pod template
 * (`spec.<role>.template`, applied by spark-submit), then what the operator's mutating webhook
 * writes over it when `webhook` is true: `podSecurityContext` replaces the pod's securityContext,
 * `securityContext` the Spark container's, `hostNetwork`, sidecars, init containers and the
 * application's volumes. Annotations come through spark-submit conf either way.
 * @param webhook whether the operator's mutating webhook runs (the platform installs it only with
 *   `operator.webhook: true`)
 */
export function sparkPod(appSpec: Obj, role: "driver" | "executor", webhook = true): Obj {
    const spark: Obj = isObj(appSpec[role]) ? appSpec[role] : {};
    const template: Obj = isObj(spark.template) ? spark.template : {};
    const templateSpec: Obj = isObj(template.spec) ? template.spec : {};
    const spec: Obj = { ...templateSpec };

    const containers = asList(templateSpec.containers)
        .filter(isObj)
        .map((c) => ({ ...c }));
    let main = containers.findIndex((c) => c.name === SPARK_CONTAINERS[role]);
    if (main < 0 && containers.length === 0) {
        containers.push({ name: SPARK_CONTAINERS[role] });
    }
    if (main < 0) main = 0;
    // Without the webhook only the annotations (spark-submit conf) reach the pod.
    const roleSpec: Obj = webhook ? spark : { annotations: spark.annotations };
    if (roleSpec.securityContext !== undefined) {
        containers[main] = { ...containers[main], securityContext: roleSpec.securityContext };
    }
    spec.containers = [...containers, ...asList(roleSpec.sidecars)];
    spec.initContainers = [...asList(templateSpec.initContainers), ...asList(roleSpec.initContainers)];
    if (roleSpec.podSecurityContext !== undefined) spec.securityContext = roleSpec.podSecurityContext;
    if (roleSpec.hostNetwork !== undefined) spec.hostNetwork = roleSpec.hostNetwork;
    spec.volumes = [...asList(templateSpec.volumes), ...asList(webhook ? appSpec.volumes : []), ...sparkConfVolumes(appSpec.sparkConf, role)];

    const annotations = {
        ...(isObj(template.metadata) && isObj(template.metadata.annotations) ? template.metadata.annotations : {}),
        ...(isObj(roleSpec.annotations) ? roleSpec.annotations : {}),
    };
    return { metadata: { annotations }, spec };
}

/** `spark.kubernetes.<role>.volumes.<type>.<name>.*`: spark-submit adds these volumes to the pod with or without the webhook. */
const CONF_VOLUME = /^spark\.kubernetes\.(driver|executor)\.volumes\.([^.]+)\.([^.]+)\./;
/** `spark.kubernetes.<role>.secrets.<secret>=<path>`: a Secret volume. */
const CONF_SECRET = /^spark\.kubernetes\.(driver|executor)\.secrets\.(.+)$/;

/**
 * The volumes a SparkApplication's Spark conf adds to the driver or executor pod (Spark 3.5,
 * spark.apache.org/docs/3.5.3/running-on-kubernetes.html, "Using Kubernetes Volumes" and "Secret
 * Management", read 2026-11-29), as pod volumes, so a hostPath or NFS volume set through conf is
 * judged like one in the pod spec.
 */
export function sparkConfVolumes(conf: unknown, role: "driver" | "executor"): Obj[] {
    if (!isObj(conf)) return [];
    const volumes = new Map<string, Obj>();
    for (const key of Object.keys(conf)) {
        const volume = CONF_VOLUME.exec(key);
        if (volume && volume[1] === role) {
            volumes.set(`${volume[2]}/${volume[3]}`, { name: volume[3], [volume[2]!]: {} });
        }
        const secret = CONF_SECRET.exec(key);
        if (secret && secret[1] === role) {
            volumes.set(`secret/${secret[2]}`, { name: `${secret[2]}-volume`, secret: { secretName: secret[2] } });
        }
    }
    return [...volumes.values()];
}

/** Every way a pod (metadata + spec) breaks the restricted profile, prefixed with `label`. */
export function restrictedViolations(pod: Obj, label: string): string[] {
    const spec: Obj = isObj(pod.spec) ? pod.spec : {};
    const psc: Obj = isObj(spec.securityContext) ? spec.securityContext : {};
    const out: string[] = [];
    const say = (what: string) => out.push(`${label}: ${what}`);

    for (const host of ["hostNetwork", "hostPID", "hostIPC"]) {
        if (spec[host] === true) say(`${host} must not be true`);
    }
    for (const volume of asList(spec.volumes).filter(isObj)) {
        const types = Object.keys(volume).filter((k) => k !== "name" && volume[k] !== undefined && volume[k] !== null);
        for (const t of types.filter((t) => !RESTRICTED_VOLUME_TYPES.includes(t))) {
            say(`volume ${JSON.stringify(volume.name)} is a ${t} volume (restricted allows ${RESTRICTED_VOLUME_TYPES.join(", ")})`);
        }
    }
    for (const sysctl of asList(psc.sysctls).filter(isObj)) {
        if (!SAFE_SYSCTLS.has(String(sysctl.name))) say(`sysctl ${JSON.stringify(sysctl.name)} is not one of the safe sysctls`);
    }
    for (const [key, value] of Object.entries(isObj(pod.metadata) && isObj(pod.metadata.annotations) ? pod.metadata.annotations : {})) {
        if (key.startsWith(APPARMOR_ANNOTATION) && value !== "runtime/default" && !String(value).startsWith("localhost/")) {
            say(`annotation ${key} must be runtime/default or localhost/<profile>, got ${JSON.stringify(value)}`);
        }
    }
    out.push(...securityContextViolations(psc, "securityContext", label));
    if (psc.runAsNonRoot === false) say("securityContext.runAsNonRoot must not be false");

    const podNonRoot = psc.runAsNonRoot === true;
    const podSeccomp = isObj(psc.seccompProfile) && SECCOMP_TYPES.has(psc.seccompProfile.type);
    if (isObj(psc.seccompProfile) && !SECCOMP_TYPES.has(psc.seccompProfile.type)) {
        say(`securityContext.seccompProfile.type must be RuntimeDefault or Localhost, got ${JSON.stringify(psc.seccompProfile.type)}`);
    }
    const containers = [
        ...asList(spec.containers).map((c) => ({ c, kind: "container" })),
        ...asList(spec.initContainers).map((c) => ({ c, kind: "init container" })),
        ...asList(spec.ephemeralContainers).map((c) => ({ c, kind: "ephemeral container" })),
    ];
    for (const { c, kind } of containers) {
        if (!isObj(c)) continue;
        const where = `${label}: ${kind} ${JSON.stringify(c.name)}`;
        const sc: Obj = isObj(c.securityContext) ? c.securityContext : {};
        const sayC = (what: string) => out.push(`${where}: ${what}`);
        if (sc.privileged === true) sayC("securityContext.privileged must not be true");
        if (sc.allowPrivilegeEscalation !== false) sayC("securityContext.allowPrivilegeEscalation must be false");
        const caps: Obj = isObj(sc.capabilities) ? sc.capabilities : {};
        if (!strings(caps.drop).includes("ALL")) sayC("securityContext.capabilities.drop must include ALL");
        for (const added of asList(caps.add).filter((cap) => cap !== "NET_BIND_SERVICE")) {
            sayC(`securityContext.capabilities.add may only hold NET_BIND_SERVICE, got ${JSON.stringify(added)}`);
        }
        if (sc.runAsNonRoot === false) sayC("securityContext.runAsNonRoot must not be false");
        else if (!podNonRoot && sc.runAsNonRoot !== true) sayC("runAsNonRoot must be true (on the container or the pod securityContext)");
        if (isObj(sc.seccompProfile) && !SECCOMP_TYPES.has(sc.seccompProfile.type)) {
            sayC(`securityContext.seccompProfile.type must be RuntimeDefault or Localhost, got ${JSON.stringify(sc.seccompProfile.type)}`);
        } else if (!podSeccomp && !isObj(sc.seccompProfile)) {
            sayC("seccompProfile.type must be RuntimeDefault or Localhost (on the container or the pod securityContext)");
        }
        if (sc.procMount !== undefined && sc.procMount !== "Default") sayC(`securityContext.procMount must be Default, got ${JSON.stringify(sc.procMount)}`);
        for (const port of asList(c.ports).filter(isObj)) {
            if (port.hostPort !== undefined && port.hostPort !== 0) sayC(`port ${port.containerPort} must not set hostPort (got ${port.hostPort})`);
        }
        out.push(...securityContextViolations(sc, "securityContext", where));
    }
    return out;
}

/** Controls shared by the pod and container security contexts. */
function securityContextViolations(sc: Obj, path: string, where: string): string[] {
    const out: string[] = [];
    if (sc.runAsUser === 0) out.push(`${where}: ${path}.runAsUser must not be 0`);
    if (isObj(sc.windowsOptions) && sc.windowsOptions.hostProcess === true) out.push(`${where}: ${path}.windowsOptions.hostProcess must not be true`);
    if (isObj(sc.seLinuxOptions)) {
        const se = sc.seLinuxOptions;
        if (se.type !== undefined && se.type !== "" && !SELINUX_TYPES.has(se.type))
            out.push(`${where}: ${path}.seLinuxOptions.type ${JSON.stringify(se.type)} is not allowed`);
        if (se.user !== undefined && se.user !== "") out.push(`${where}: ${path}.seLinuxOptions.user must not be set`);
        if (se.role !== undefined && se.role !== "") out.push(`${where}: ${path}.seLinuxOptions.role must not be set`);
    }
    if (isObj(sc.appArmorProfile) && sc.appArmorProfile.type === "Unconfined") out.push(`${where}: ${path}.appArmorProfile.type must not be Unconfined`);
    return out;
}

function get(value: unknown, path: string[]): unknown {
    let node = value;
    for (const key of path) {
        if (!isObj(node)) return undefined;
        node = node[key];
    }
    return node;
}

export const podSecurityRestricted: ResourceRule = {
    kind: "resource",
    name: "pod-security-restricted",
    description: "Pods, workload pod templates and SparkApplication driver/executor pods meet the Kubernetes restricted pod-security profile.",
    check(type, props) {
        return [...new Set(podsOf(type, props).flatMap(({ label, pod }) => restrictedViolations(pod, label)))];
    },
};

import type { ResourceRule } from "./types";
import { isObj, isOpaque, Obj, strings } from "./util";

/**
 * Spark conf and dependencies of SparkApplications cannot widen what a job may do: no Secret in
 * executors (the keytab stays in drivers), no other Kubernetes credentials, no code that rewrites
 * the pod after its template, no upload of the operator's files, no code over plain HTTP or from the
 * operator's file system, no other namespace. Volumes set through conf are judged by
 * `pod-security-restricted`. Keys: Spark 3.5, spark.apache.org/docs/3.5.3/running-on-kubernetes.html
 * (read 2026-11-29). The package refuses the same inputs before declaring anything; this rule covers
 * SparkApplications from any program.
 */

const SPARK_TYPE = /^kubernetes:sparkoperator\.k8s\.io\/[^:]+:(SparkApplication|ScheduledSparkApplication)$/;

/** Keys (as patterns) and why each is refused. */
const REFUSED: { pattern: RegExp; why: string }[] = [
    { pattern: /^spark\.kubernetes\.executor\.(secrets|secretKeyRef)\./, why: "puts a Secret into every executor (only drivers may hold credentials)" },
    { pattern: /^spark\.kubernetes\.authenticate\./, why: "changes the credentials Spark uses against the Kubernetes API" },
    { pattern: /^spark\.kubernetes\.file\.upload\.path$/, why: "uploads files from the operator's pod, where spark-submit runs, to a place the job picks" },
    { pattern: /^spark\.kubernetes\.(driver|executor)\.pod\.(featureSteps|excludedFeatureSteps)$/, why: "lets a class rewrite the pod after its template" },
    {
        pattern: /^spark\.kubernetes\.(driver|executor)\.(podTemplateFile|podTemplateContainerName)$/,
        why: "builds the pod outside the application's pod template",
    },
    { pattern: /^spark\.kubernetes\.trust\.certificates$/, why: "stops Spark checking the API server's certificate" },
];

/** Why a dependency URI is unsafe, or undefined. */
export function unsafeDependency(uri: string): string | undefined {
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
    if (scheme === undefined || scheme === "file") return "names a file in the operator's pod, where spark-submit runs";
    if (scheme === "http") return "is fetched over plain HTTP";
    return undefined;
}

/** Violations of one SparkApplication spec. */
export function sparkConfViolations(spec: Obj, namespace: unknown): string[] {
    const out: string[] = [];
    const conf: Obj = isObj(spec.sparkConf) ? spec.sparkConf : {};
    for (const [key, value] of Object.entries(conf)) {
        for (const rule of REFUSED) {
            if (rule.pattern.test(key)) out.push(`sparkConf ${JSON.stringify(key)} ${rule.why}`);
        }
        if (key === "spark.kubernetes.namespace" && typeof namespace === "string" && !isOpaque(value) && value !== namespace) {
            out.push(`sparkConf "spark.kubernetes.namespace" names ${JSON.stringify(value)}, not the application's namespace ${JSON.stringify(namespace)}`);
        }
    }
    const deps: Obj = isObj(spec.deps) ? spec.deps : {};
    for (const field of ["jars", "files", "pyFiles", "repositories"]) {
        for (const uri of strings(deps[field]).filter((u) => !isOpaque(u))) {
            const why = unsafeDependency(uri);
            if (why) out.push(`deps.${field} ${JSON.stringify(uri)} ${why}`);
        }
    }
    if (typeof spec.mainApplicationFile === "string" && !isOpaque(spec.mainApplicationFile)) {
        const why = unsafeDependency(spec.mainApplicationFile);
        if (why) out.push(`mainApplicationFile ${JSON.stringify(spec.mainApplicationFile)} ${why}`);
    }
    return out;
}

export const sparkConfNoWidening: ResourceRule = {
    kind: "resource",
    name: "spark-conf-no-widening",
    description:
        "SparkApplications' Spark conf and dependencies put no Secret into executors, change no credentials, pod template or namespace, upload nothing from the operator's pod and fetch no code over plain HTTP.",
    check(type, props) {
        const match = SPARK_TYPE.exec(type);
        if (!match) return [];
        const spec = match[1] === "ScheduledSparkApplication" ? (isObj(props.spec) ? props.spec.template : undefined) : props.spec;
        const namespace = isObj(props.metadata) ? props.metadata.namespace : undefined;
        return isObj(spec) ? sparkConfViolations(spec, namespace) : [];
    },
};

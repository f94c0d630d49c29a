import { describeValue, InputError } from "./errors";
import type { NamespaceIntegrator } from "./jobs/types";
import { KerberosSecrets } from "./kerberos/secrets";
import { isSystemNamespace } from "./names";
import { OPERATOR_DEFAULTS } from "./operator/defaults";
import { HdfsStorage, NAMENODE_PRINCIPAL_KEY } from "./storage/hdfs";
import type { SparkStorage } from "./storage/types";

/**
 * The platform's checks of how its parts fit together (namespaces of the cluster, the storage and
 * the operator; Kerberos with HDFS), pure, run by `ServerlessSparkPlatform` before it declares anything.
 */

/** The default job namespace list. */
export const DEFAULT_JOB_NAMESPACES: readonly string[] = ["spark-jobs"];

/**
 * The platform declares a Namespace for every job namespace (and the operator's): a namespace the
 * cluster already has, or the operator's namespace listed as a job namespace, would fail with
 * AlreadyExists at deploy time. Throws an {@link InputError} naming `jobNamespaces[i]`.
 */
export function checkPlatformNamespaces(
    jobNamespaces: readonly string[],
    operatorNamespace: string = OPERATOR_DEFAULTS.namespace,
    operatorNamespaceKey = "operator.namespace",
): void {
    jobNamespaces.forEach((ns, i) => {
        if (isSystemNamespace(ns)) {
            throw new InputError(
                `jobNamespaces[${i}]`,
                `got ${describeValue(ns)}, a namespace every cluster already has`,
                "a namespace of the platform's own (not default or kube-*)",
            );
        }
        if (ns === operatorNamespace) {
            throw new InputError(
                `jobNamespaces[${i}]`,
                `got ${describeValue(ns)}, the operator's namespace (${operatorNamespaceKey})`,
                "job namespaces apart from the operator's",
            );
        }
    });
}

/**
 * The platform's job namespaces: the ones given, else the ones the cluster (then the storage) was
 * built for, else the default; every one must be covered by the cluster and the storage when they
 * were built for given namespaces. Throws an {@link InputError} naming `jobNamespaces[i]`.
 */
export function resolvePlatformNamespaces(
    given: readonly string[] | undefined,
    builtFor: { cluster?: readonly string[]; storage?: readonly string[] },
): string[] {
    const jobNamespaces = [...(given ?? builtFor.cluster ?? builtFor.storage ?? DEFAULT_JOB_NAMESPACES)];
    for (const [what, covered] of [
        ["the cluster", builtFor.cluster],
        ["the storage", builtFor.storage],
    ] as const) {
        if (covered === undefined) continue;
        jobNamespaces.forEach((ns, i) => {
            if (!covered.includes(ns)) {
                throw new InputError(
                    `jobNamespaces[${i}]`,
                    `got ${describeValue(ns)}, which ${what} was not built for (its jobNamespaces: ${covered.join(", ")})`,
                    `the same jobNamespaces for the cluster, the storage and the platform (or leave the platform's out to take the cluster's)`,
                );
            }
        });
    }
    return jobNamespaces;
}

/**
 * Kerberos credentials with an HDFS whose Hadoop conf names no NameNode principal would fail at the
 * first HDFS call inside the driver (Hadoop's RPC client needs the principal), so it is refused here.
 * Throws an {@link InputError} naming `storage`.
 */
export function checkHdfsKerberos(storage: SparkStorage | undefined, integrations: readonly NamespaceIntegrator[]): void {
    if (!(storage instanceof HdfsStorage) || !integrations.some((i) => i instanceof KerberosSecrets)) {
        return;
    }
    if (!storage.clientConf.hdfsSite.some((p) => p.name === NAMENODE_PRINCIPAL_KEY)) {
        throw new InputError(
            "storage",
            "is an HdfsStorage without namenodePrincipal while integrations include KerberosSecrets",
            "an HdfsStorage with namenodePrincipal (e.g. nn/_HOST@<realm>), so its Hadoop conf uses Kerberos",
        );
    }
}

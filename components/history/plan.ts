import { describeValue, InputError } from "../errors";
import type { NamespaceIntegrator } from "../jobs/types";
import { KerberosSecrets } from "../kerberos/secrets";
import { HdfsStorage } from "../storage/hdfs";
import type { HistoryServerLogin, HistoryServerStorage, SparkStorage } from "../storage/types";
import type { HistoryServerSettings } from "./settings";

/** Where a platform's History Servers read, and how they log in there. */
export interface HistoryServerPlan {
    storage: HistoryServerStorage;
    /** The Kerberos login a server adds in a namespace (a Kerberized HDFS), or none. */
    login(namespace: string): HistoryServerLogin | undefined;
}

/** The storage, when it keeps event logs a History Server can read (S3, OSS, an HDFS with `eventLogDir`). */
export function historyServerStorage(storage: SparkStorage | undefined): HistoryServerStorage | undefined {
    const candidate = storage as Partial<HistoryServerStorage> | undefined;
    return typeof candidate?.historyServerAccess === "function" && candidate.eventLogExpiry !== undefined ? (candidate as HistoryServerStorage) : undefined;
}

/**
 * Whether and how a platform runs its History Servers, checked before anything is declared:
 * - none without a storage that keeps event logs;
 * - a bucket's lifecycle rules expire the logs, so an explicit `historyServer.maxAgeDays` must be
 *   the storage's `eventLogMaxAgeDays` (else it would promise an age nothing applies);
 * - on HDFS with Kerberos, the server logs in with the namespace's keytab; with a delegation token
 *   only, there is no server: Spark's History Server cannot log in from a token, nor renew one.
 * Throws an InputError naming `historyServer.maxAgeDays`.
 * @param given the platform's `historyServer` argument as given (no defaults applied)
 */
export function planHistoryServers(
    storage: SparkStorage | undefined,
    integrations: readonly NamespaceIntegrator[],
    given: HistoryServerSettings | undefined,
): HistoryServerPlan | undefined {
    const history = historyServerStorage(storage);
    if (history === undefined || given?.enabled === false) return undefined;
    const expiry = history.eventLogExpiry!;
    if (expiry.by === "lifecycle" && given?.maxAgeDays !== undefined && given.maxAgeDays !== expiry.maxAgeDays) {
        throw new InputError(
            "historyServer.maxAgeDays",
            `got ${describeValue(given.maxAgeDays)}, but the storage's lifecycle rules delete event logs after ${expiry.maxAgeDays} days`,
            `the storage's eventLogMaxAgeDays (${expiry.maxAgeDays}), or leave it out`,
        );
    }
    const kerberos = storage instanceof HdfsStorage ? integrations.find((i): i is KerberosSecrets => i instanceof KerberosSecrets) : undefined;
    if (kerberos?.credentials === "delegationToken") return undefined;
    return { storage: history, login: (namespace) => kerberos?.historyServerLogin(namespace) };
}

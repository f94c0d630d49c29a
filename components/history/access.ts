import type { HistoryServerAccess, HistoryServerLogin } from "../storage/types";

/** A History Server's access to its storage with a login (Kerberos) added; the access itself without one. */
export function withLogin(access: HistoryServerAccess, login: HistoryServerLogin | undefined): HistoryServerAccess {
    if (login === undefined) return access;
    return {
        ...access,
        sparkConf: { ...access.sparkConf, ...login.sparkConf },
        hadoopConf: { ...access.hadoopConf, ...login.hadoopConf },
        volumes: [...(access.volumes ?? []), ...login.volumes],
        podLabels: { ...access.podLabels, ...login.podLabels },
        dependsOn: [...access.dependsOn, ...login.dependsOn],
    };
}

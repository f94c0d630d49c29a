import { parse } from "yaml";

/**
 * Turns the kubeconfig ACK returns (`alicloud.cs.getClusterCredential`: YAML with a client
 * certificate) into the JSON the Kubernetes provider is given, pointing every cluster entry at
 * `server` when one is given.
 *
 * The data source asks ACK for the internet connection's kubeconfig (terraform-provider-alicloud
 * sends `PrivateIpAddress=false`, read 2026-11-21), so with a private API server the component passes
 * the intranet endpoint here instead of relying on what ACK falls back to.
 */
export function ackKubeconfig(credentialYaml: string, server?: string): string {
    let config: unknown;
    try {
        config = parse(credentialYaml);
    } catch (err) {
        throw new Error(`the kubeconfig ACK returned is not YAML: ${(err as Error).message.split("\n")[0]}`, { cause: err });
    }
    const clusters = (config as { clusters?: unknown } | null)?.clusters;
    if (typeof config !== "object" || config === null || !Array.isArray(clusters) || clusters.length === 0) {
        throw new Error("the kubeconfig ACK returned names no cluster");
    }
    if (server !== undefined && server !== "") {
        for (const entry of clusters as { cluster?: Record<string, unknown> }[]) {
            entry.cluster = { ...(entry.cluster ?? {}), server };
        }
    }
    return JSON.stringify(config);
}

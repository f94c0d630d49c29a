/**
 * Finding and running the MIT Kerberos tools for the test realm (see ./kdc-harness.ts).
 */
import { ChildProcess, execFile } from "node:child_process";
import { createSocket } from "node:dgram";
import { accessSync, constants } from "node:fs";
import { createServer, Socket } from "node:net";
import { delimiter, join } from "node:path";

/** The MIT tools the harness runs. */
export const KERBEROS_TOOLS = ["krb5kdc", "kdb5_util", "kadmin.local", "kinit", "klist"] as const;
/** Absolute paths of the tools, by name. */
export type KerberosToolPaths = Record<(typeof KERBEROS_TOOLS)[number], string>;

/**
 * Finds the tools on PATH or in the sbin dirs Debian installs them to (often not on a user PATH).
 * `KERBEROS_TOOLS_DIRS` (a PATH-like list) replaces that search, e.g. `/nonexistent` to check how
 * the suite behaves on a machine without the tools.
 */
export function findKerberosTools(): { paths?: KerberosToolPaths; missing: string[] } {
    const override = process.env.KERBEROS_TOOLS_DIRS;
    const dirs =
        override !== undefined
            ? override.split(delimiter)
            : [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/usr/bin", "/sbin", "/usr/local/sbin", "/usr/local/bin"];
    const found: Partial<KerberosToolPaths> = {};
    const missing: string[] = [];
    for (const tool of KERBEROS_TOOLS) {
        const path = dirs
            .filter((d) => d !== "")
            .map((d) => join(d, tool))
            .find(isExecutable);
        if (path === undefined) {
            missing.push(tool);
        } else {
            found[tool] = path;
        }
    }
    return missing.length === 0 ? { paths: found as KerberosToolPaths, missing } : { missing };
}

function isExecutable(path: string): boolean {
    try {
        accessSync(path, constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

/** True when the CI variable is set (CI runs `CI=true`); then missing tools must fail, not skip. */
export function ciIsSet(): boolean {
    const value = process.env.CI;
    return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}

let tools: KerberosToolPaths | undefined;

/** The tool paths, or an error naming the missing tools. */
export function requireTools(): KerberosToolPaths {
    tools ??= findKerberosTools().paths;
    if (!tools) {
        throw new Error(`Kerberos tools missing: ${findKerberosTools().missing.join(", ")}`);
    }
    return tools;
}

/** The environment for a tool: the realm's config files, a given ccache, C locale, UTC. */
export function toolEnv(dir: string, krb5ConfPath: string, ccache: string): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        KRB5_CONFIG: krb5ConfPath,
        KRB5_KDC_PROFILE: join(dir, "kdc.conf"),
        KRB5CCNAME: `FILE:${ccache}`,
        // Fixed locale and zone so klist's timestamps are MM/DD/YY HH:MM:SS in UTC.
        LC_ALL: "C",
        TZ: "UTC",
    };
    delete env.KRB5_KTNAME;
    delete env.KRB5_CLIENT_KTNAME;
    delete env.KRB5_TRACE;
    return env;
}

/** Runs a tool, resolving with stdout; rejects with the tool's stderr on a non-zero exit. */
export function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile(file, args, { env, timeout: 30_000 }, (err, stdout, stderr) => {
            if (err) {
                reject(new Error(`${file} ${args.join(" ")} failed: ${String(stderr).trim() || err.message}`));
            } else {
                resolve(String(stdout));
            }
        });
    });
}

/** A port free for both TCP and UDP on 127.0.0.1 (the KDC binds both). */
export async function freePort(): Promise<number> {
    for (let attempt = 0; attempt < 20; attempt++) {
        const port = await new Promise<number>((resolve, reject) => {
            const server = createServer();
            server.once("error", reject);
            server.listen(0, "127.0.0.1", () => {
                const address = server.address();
                server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
            });
        });
        const udpFree = await new Promise<boolean>((resolve) => {
            const socket = createSocket("udp4");
            socket.once("error", () => resolve(false));
            socket.bind(port, "127.0.0.1", () => socket.close(() => resolve(true)));
        });
        if (port > 1024 && udpFree) {
            return port;
        }
    }
    throw new Error("no free port for the test KDC");
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port; fails if `child` exits first. */
export function waitForPort(port: number, child: ChildProcess, logs: () => string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    return new Promise((resolve, reject) => {
        const attempt = (): void => {
            if (child.exitCode !== null || child.signalCode !== null) {
                reject(new Error(`krb5kdc exited (${child.exitCode ?? child.signalCode}) before listening: ${logs()}`));
                return;
            }
            const socket = new Socket();
            socket.once("connect", () => {
                socket.destroy();
                resolve();
            });
            socket.once("error", () => {
                socket.destroy();
                if (Date.now() > deadline) {
                    reject(new Error(`krb5kdc did not accept connections on port ${port} within ${timeoutMs} ms: ${logs()}`));
                } else {
                    setTimeout(attempt, 50);
                }
            });
            socket.connect(port, "127.0.0.1");
        };
        attempt();
    });
}

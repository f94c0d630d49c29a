/**
 * A throwaway MIT Kerberos realm for tests: a KDC on 127.0.0.1 and a free high port, its database
 * and config in a temp dir, selected through KRB5_CONFIG / KRB5_KDC_PROFILE / KRB5CCNAME so no
 * file under /etc is read or written. Needs the Debian packages krb5-kdc, krb5-admin-server
 * (kadmin.local) and krb5-user (kinit, klist).
 *
 * Tool options: MIT krb5 doc/admin/admin_commands/*.rst (github.com/krb5/krb5), and
 * doc/admin/conf_files/kdc_conf.rst for `kdc_listen`/`kdc_tcp_listen`.
 */
import { ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { freePort, requireTools, run, toolEnv, waitForPort } from "./kdc-tools";
import { KlistEntry, parseKlistKeytab } from "./klist";

export type { KerberosToolPaths } from "./kdc-tools";
export { ciIsSet, findKerberosTools, freePort, KERBEROS_TOOLS } from "./kdc-tools";
export type { KlistEntry } from "./klist";
export { klistTimestamp, parseKlistKeytab } from "./klist";

/** A running throwaway realm. */
export interface TestRealm {
    readonly realm: string;
    readonly dir: string;
    readonly port: number;
    /** `127.0.0.1:<port>`, the KDC address for a krb5.conf. */
    readonly kdcAddress: string;
    /** The harness's own hand-written krb5.conf for the realm. */
    readonly krb5ConfPath: string;
    /** Runs one kadmin.local query and returns its output. */
    kadmin(query: string): Promise<string>;
    /** Creates a principal with random keys (`addprinc -randkey`). */
    addPrincipal(principal: string): Promise<void>;
    /** Writes the principal's keys to `file` (`ktadd`, which also gives it new random keys). */
    exportKeytab(principal: string, file: string, enctypes?: readonly string[]): Promise<void>;
    /** Stops the KDC by its PID and removes the temp dir. */
    stop(): Promise<void>;
}

let current: TestRealm | undefined;
const running = new Set<ChildProcess>();

// Last resort if a test process ends without afterAll: never leave a KDC behind.
process.on("exit", () => {
    for (const child of running) {
        child.kill("SIGKILL");
    }
});

/** Starts a realm (default `SPARK.TEST`). Call `stop()` in afterAll. */
export async function startTestRealm(realm = "SPARK.TEST"): Promise<TestRealm> {
    const paths = requireTools();
    const dir = mkdtempSync(join(tmpdir(), "ss-kdc-"));
    try {
        const port = await freePort();
        const listen = `127.0.0.1:${port}`;
        const krb5ConfPath = join(dir, "krb5.conf");
        writeFileSync(
            join(dir, "kdc.conf"),
            [
                "[kdcdefaults]",
                `    kdc_listen = ${listen}`,
                `    kdc_tcp_listen = ${listen}`,
                "[realms]",
                `    ${realm} = {`,
                `        database_name = ${join(dir, "principal")}`,
                `        key_stash_file = ${join(dir, "stash")}`,
                `        acl_file = ${join(dir, "kadm5.acl")}`,
                `        kdc_listen = ${listen}`,
                `        kdc_tcp_listen = ${listen}`,
                "    }",
                "[logging]",
                `    kdc = FILE:${join(dir, "kdc.log")}`,
                `    admin_server = FILE:${join(dir, "kadmind.log")}`,
                `    default = FILE:${join(dir, "krb5lib.log")}`,
                "",
            ].join("\n"),
        );
        // Written by hand, not by the generator under test, so a generator bug cannot hide here.
        writeFileSync(
            krb5ConfPath,
            `[libdefaults]\n    default_realm = ${realm}\n    dns_lookup_kdc = false\n\n[realms]\n    ${realm} = {\n        kdc = ${listen}\n    }\n`,
        );
        const env = toolEnv(dir, krb5ConfPath, join(dir, "ccache"));
        await run(paths["kdb5_util"], ["create", "-s", "-r", realm, "-P", "throwaway-master-pw"], env);

        const kdc = spawn(paths.krb5kdc, ["-n", "-r", realm], { env, stdio: ["ignore", "pipe", "pipe"] });
        running.add(kdc);
        let output = "";
        kdc.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
        kdc.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
        try {
            await waitForPort(port, kdc, () => output.trim());
        } catch (err) {
            kdc.kill("SIGKILL");
            running.delete(kdc);
            throw err;
        }

        const kadmin = (query: string): Promise<string> => run(paths["kadmin.local"], ["-r", realm, "-q", query], env);
        const handle: TestRealm = {
            realm,
            dir,
            port,
            kdcAddress: listen,
            krb5ConfPath,
            kadmin,
            addPrincipal: async (principal) => {
                await kadmin(`addprinc -randkey ${principal}`);
            },
            exportKeytab: async (principal, file, enctypes) => {
                const e = enctypes && enctypes.length > 0 ? `-e ${enctypes.map((t) => `${t}:normal`).join(",")} ` : "";
                await kadmin(`ktadd -k ${file} ${e}${principal}`);
            },
            stop: async () => {
                await stopProcess(kdc);
                running.delete(kdc);
                if (current === handle) {
                    current = undefined;
                }
                rmSync(dir, { recursive: true, force: true });
            },
        };
        current = handle;
        return handle;
    } catch (err) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
    }
}

async function stopProcess(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
        return;
    }
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    process.kill(child.pid, "SIGTERM");
    const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5_000).unref());
    if ((await Promise.race([exited, timer])) === "timeout") {
        process.kill(child.pid, "SIGKILL");
        await exited;
    }
}

/**
 * Gets a TGT with `kinit -kt file principal` in a fresh credential cache and returns the cache's
 * default principal (from `klist`). Rejects with kinit's error when the keytab does not work.
 * `krb5ConfPath` defaults to the krb5.conf of the most recently started test realm.
 */
export async function kinitWithKeytab(file: string, principal: string, options: { krb5ConfPath?: string } = {}): Promise<{ defaultPrincipal: string }> {
    const paths = requireTools();
    const krb5ConfPath = options.krb5ConfPath ?? current?.krb5ConfPath;
    if (krb5ConfPath === undefined) {
        throw new Error("kinitWithKeytab: no test realm is running; start one or pass krb5ConfPath");
    }
    const dir = mkdtempSync(join(tmpdir(), "ss-kinit-"));
    try {
        const env = toolEnv(current?.dir ?? dir, krb5ConfPath, join(dir, "ccache"));
        await run(paths.kinit, ["-kt", file, principal], env);
        const listing = await run(paths.klist, [], env);
        const match = /^Default principal: (\S+)$/m.exec(listing);
        if (!match) {
            throw new Error(`kinitWithKeytab: klist printed no default principal: ${listing}`);
        }
        return { defaultPrincipal: match[1] as string };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** The raw output of `klist -kte FILE` (never `-K`, which would print keys). */
export async function klistKeytabText(file: string): Promise<string> {
    const paths = requireTools();
    const env = toolEnv(current?.dir ?? tmpdir(), current?.krb5ConfPath ?? "/dev/null", "/dev/null");
    return run(paths.klist, ["-k", "-t", "-e", file], env);
}

/** Lists a keytab with `klist -kte` and parses the lines. */
export async function klistKeytab(file: string): Promise<KlistEntry[]> {
    return parseKlistKeytab(await klistKeytabText(file));
}

import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { planCli, PROJECT_ROOT, readTree, tempDir } from "../helpers/plan-cli";

/**
 * The canary corpus: refused inputs that carry secret material (a real keytab's base64, a bearer
 * token, a password), each run through the plan CLI in process. Every run must exit 1 with one
 * `error:` line, and no 12-character window of the canary may appear on stdout, stderr or in any
 * file the run wrote.
 */

const KEYTAB_B64 = fs.readFileSync(path.join(PROJECT_ROOT, "test/fixtures/kerberos/spark-v2.keytab")).toString("base64");
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.canaryBearerToken0123456789abcdef";
const PASSWORD = "canaryPassw0rd-4e9b1c7d";
const PRINCIPAL = "spark/worker.spark.test@SPARK.TEST";
const KRB = ["--config", `kerberos.principal=${PRINCIPAL}`, "--config", 'kerberos.kdcs=["kdc:88"]', "--config", "kerberos.realm=SPARK.TEST"];

interface Row {
    title: string;
    args: string[];
    canary: string;
    /** The key the error line names. */
    key: string;
}

const ROWS: Row[] = [
    {
        title: "keytab base64 in kerberos.keytabPath",
        args: [...KRB, "--config", `kerberos.keytabPath=${KEYTAB_B64}`],
        canary: KEYTAB_B64,
        key: "kerberos.keytabPath",
    },
    {
        title: "keytab base64 in kerberos.delegationTokenPath",
        args: [...KRB, "--config", `kerberos.delegationTokenPath=${KEYTAB_B64}`],
        canary: KEYTAB_B64,
        key: "kerberos.delegationTokenPath",
    },
    { title: "keytab base64 as the whole kerberos value", args: ["--config", `kerberos=${KEYTAB_B64}`], canary: KEYTAB_B64, key: "kerberos" },
    { title: "keytab base64 in a list as kerberos", args: ["--config", `kerberos=${JSON.stringify([KEYTAB_B64])}`], canary: KEYTAB_B64, key: "kerberos" },
    {
        title: "keytab base64 as a kerberos key",
        args: ["--config", `kerberos=${JSON.stringify({ [KEYTAB_B64.slice(0, 80)]: 1 })}`],
        canary: KEYTAB_B64.slice(0, 80),
        key: "kerberos",
    },
    {
        title: "kerberos.keytab of the wrong type",
        args: [...KRB, "--config", `kerberos.keytab=${JSON.stringify([KEYTAB_B64])}`],
        canary: KEYTAB_B64,
        key: "kerberos.keytab",
    },
    { title: "kerberos.keytab that is not base64", args: [...KRB, "--config", `kerberos.keytab=${KEYTAB_B64}!!`], canary: KEYTAB_B64, key: "kerberos.keytab" },
    { title: "--config with ':' for '='", args: ["--config", `kerberos.keytab:${KEYTAB_B64}`], canary: KEYTAB_B64, key: "--config" },
    { title: "--config with a space for '='", args: ["--config", `kerberos.keytab ${KEYTAB_B64}`], canary: KEYTAB_B64, key: "--config" },
    {
        title: "--config key holding the value",
        args: ["--config", `kerberos.${KEYTAB_B64.slice(0, 40)}.x=1`],
        canary: KEYTAB_B64.slice(0, 40),
        key: "kerberos",
    },
    {
        title: "one-line flow-YAML kubeconfig with a token",
        args: ["--config", `kubeconfig=users: [{name: admin, user: {token: ${TOKEN}}}]`],
        canary: TOKEN,
        key: "kubeconfig",
    },
    {
        title: "base64 kubeconfig taken for a path",
        args: ["--config", `kubeconfig=${Buffer.from(`apiVersion: v1\nusers:\n- user:\n    token: ${TOKEN}\n`).toString("base64")}`],
        canary: Buffer.from(`apiVersion: v1\nusers:\n- user:\n    token: ${TOKEN}\n`).toString("base64"),
        key: "kubeconfig",
    },
    {
        title: "Helm repository with a password in the URL",
        args: ["--config", `operator.repository=https://bot:${PASSWORD}@charts.example.com/spark`],
        canary: PASSWORD,
        key: "operator.repository",
    },
    {
        title: "Helm repository password without a user",
        args: ["--config", `operator.repositoryPassword=${PASSWORD}`],
        canary: PASSWORD,
        key: "operator.repositoryPassword",
    },
    {
        title: "secretEnv with a bad name",
        args: [
            "--config",
            `jobs=[{"name":"j","type":"Python","image":"apache/spark:3.5.3","mainApplicationFile":"local:///x.py","secretEnv":{"1BAD":"${PASSWORD}"}}]`,
        ],
        canary: PASSWORD,
        key: "jobs[0].secretEnv",
    },
];

/** Every 12-character window of the canary that occurs in the text. */
function windowsIn(text: string, canary: string): string[] {
    const found: string[] = [];
    for (let i = 0; i + 12 <= canary.length; i++) {
        if (text.includes(canary.slice(i, i + 12))) found.push(canary.slice(i, i + 12));
    }
    return found;
}

describe("the canary corpus: refused inputs never print or write secret material", () => {
    it("GIVEN the corpus THEN it covers every refused secret input the security review lists", () => {
        expect(ROWS.length).toBeGreaterThanOrEqual(15);
    });

    it.each(ROWS.map((row) => [row.title, row] as const))("%s: one line naming the key, no canary byte anywhere", async (_, row) => {
        const out = path.join(tempDir("canary-"), "plan");
        const result = await planCli(["--stack", "existing", ...row.args, "--out", out]);
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(new RegExp(`^error: ${row.key.replace(/[.[\]]/g, "\\$&")}[:.[]`));
        expect(result.stderr.trim().split("\n")).toHaveLength(1);
        expect(windowsIn(result.stdout + result.stderr, row.canary)).toEqual([]);
        const written = fs.existsSync(out) ? [...readTree(out).values()].join("\n") : "";
        expect(windowsIn(written, row.canary)).toEqual([]);
    });
});

describe("inputs that never end are refused fast with one line", () => {
    const fifoDir = tempDir("fifo-");
    const fifo = path.join(fifoDir, "keytab.fifo");
    execFileSync("mkfifo", [fifo]);
    const big = path.join(fifoDir, "big.keytab");
    fs.writeFileSync(big, Buffer.alloc(1024 * 1024 + 1, 5));
    const link = path.join(fifoDir, "zero-link");
    fs.symlinkSync("/dev/zero", link);

    const cases: [string, string[], RegExp][] = [
        ["kubeconfig=/dev/zero", ["--config", "kubeconfig=/dev/zero"], /^error: kubeconfig: "\/dev\/zero" is a character device, not a regular file/],
        ["a link to /dev/zero as kubeconfig", ["--config", `kubeconfig=${link}`], /^error: kubeconfig: ".*zero-link" is a character device/],
        ["a directory as kubeconfig", ["--config", "kubeconfig=/tmp"], /^error: kubeconfig: "\/tmp" is a directory/],
        ["keytabPath=/dev/zero", [...KRB, "--config", "kerberos.keytabPath=/dev/zero"], /^error: kerberos.keytabPath: "\/dev\/zero" is a character device/],
        ["a FIFO as keytab", [...KRB, "--config", `kerberos.keytabPath=${fifo}`], /^error: kerberos.keytabPath: ".*keytab.fifo" is a FIFO/],
        [
            "a keytab over 1 MiB",
            [...KRB, "--config", `kerberos.keytabPath=${big}`],
            /^error: kerberos.keytabPath: the file at ".*big.keytab" has 1048577 bytes, expected a keytab file of at most 1048576 bytes/,
        ],
        ["a FIFO as delegation token", [...KRB, "--config", `kerberos.delegationTokenPath=${fifo}`], /^error: kerberos.delegationTokenPath: ".*" is a FIFO/],
        ["--policy-config /dev/zero", ["--policy", "--policy-config", "/dev/zero"], /^error: --policy-config: "\/dev\/zero" is a character device/],
    ];
    it.each(cases)("GIVEN %s WHEN planned THEN one line within seconds", async (_, args, expected) => {
        const started = Date.now();
        const result = await planCli(["--stack", "existing", ...args]);
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(expected);
        expect(result.stderr.trim().split("\n")).toHaveLength(1);
        expect(Date.now() - started).toBeLessThan(10_000);
    });

    it.each([
        ["/dev/zero", /^error: --stack-file: "\/dev\/zero" is a character device/],
        [fifo, /^error: --stack-file: ".*" is a FIFO/],
        ["/tmp", /^error: --stack-file: "\/tmp" is a directory/],
    ])("GIVEN --stack-file %s WHEN planned THEN one line", async (file, expected) => {
        const result = await planCli(["--stack-file", file]);
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(expected);
    });
});

describe("prototype keys, --out at a file: one line, never a stack trace", () => {
    it.each([
        [["--config", "operator.__proto__.x=1"], /^error: --config: key "operator.__proto__.x" has the part "__proto__"/],
        [["--config", "__proto__=1"], /^error: --config: key "__proto__" has the part "__proto__"/],
        [["--config", "constructor=1"], /^error: --config: key "constructor" has the part "constructor"/],
        [["--config", 'scheduling={"nodeSelector":{"__proto__":"x"}}'], /^error: scheduling.nodeSelector: has the key "__proto__"/],
        [["--config", 'jobs=[{"name":"j","sparkConf":{"constructor":"x"}}]'], /^error: jobs\[0\].sparkConf: has the key "constructor"/],
        [["--out", "/etc/hostname"], /^error: --out: "\/etc\/hostname" is a file, not a directory/],
        [["--out", "/etc/hostname/plan"], /^error: --out: "\/etc\/hostname\/plan": "\/etc\/hostname" is a file, not a directory/],
    ])("GIVEN %j WHEN planned THEN one line", async (args, expected) => {
        const result = await planCli(["--stack", "existing", ...args]);
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(expected);
        expect(result.stderr).not.toContain("internal");
        expect(result.stderr.trim().split("\n")).toHaveLength(1);
    });

    it("GIVEN a stack file with a __proto__ key WHEN planned THEN one line", async () => {
        const file = path.join(tempDir("proto-"), "Pulumi.p.yaml");
        fs.writeFileSync(file, "config:\n  serverless-spark:cloud: existing\n  serverless-spark:__proto__:\n    x: 1\n");
        const result = await planCli(["--stack-file", file]);
        expect(result.stderr).toMatch(/^error: --stack-file: config: in .* has the key "serverless-spark:__proto__"/);
    });

    it("GIVEN job x-y in namespace a and job y in namespace a-x WHEN planned with --out THEN both manifests are written", async () => {
        const dir = tempDir("names-");
        const job = (name: string, namespace: string) => ({
            name,
            namespace,
            type: "Python",
            image: "apache/spark:3.5.3",
            mainApplicationFile: "local:///x.py",
        });
        const result = await planCli([
            "--stack",
            "existing",
            "--config",
            'jobNamespaces=["a","a-x"]',
            "--config",
            `jobs=${JSON.stringify([job("x-y", "a"), job("y", "a-x")])}`,
            "--out",
            dir,
        ]);
        expect(result.stderr).toBe("");
        const tree = readTree(dir);
        expect(tree.has("manifests/sparkapplication/a/x-y.yaml")).toBe(true);
        expect(tree.has("manifests/sparkapplication/a-x/y.yaml")).toBe(true);
    });
});

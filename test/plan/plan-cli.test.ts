import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { RULES } from "../../policy/rules";
import { KUBECONFIG } from "../fixtures/kubeconfig";
import { planCli, readTree, shippedStacks, stackArgs, tempDir } from "../helpers/plan-cli";

interface Resource {
    type: string;
    name: string;
    parent: string | null;
    custom: boolean;
    inputs: any;
    protect: boolean;
    retainOnDelete: boolean;
    dependsOn: string[];
}

function readResources(dir: string): Resource[] {
    return JSON.parse(fs.readFileSync(path.join(dir, "resources.json"), "utf8"));
}

describe.each(shippedStacks())("npm run plan -- --stack %s", (stack) => {
    it("GIVEN the shipped stack WHEN planned twice THEN it succeeds and writes byte-identical plans", async () => {
        const [a, b] = [tempDir(`plan-${stack}-a-`), tempDir(`plan-${stack}-b-`)];
        const first = await planCli([...stackArgs(stack), "--out", a]);
        expect(first.stderr).toBe("");
        expect(first.status).toBe(0);
        expect(first.stdout).toContain("Resources by type:");
        expect((await planCli([...stackArgs(stack), "--out", b])).status).toBe(0);

        const [treeA, treeB] = [readTree(a), readTree(b)];
        expect([...treeA.keys()].sort()).toEqual([...treeB.keys()].sort());
        for (const [file, content] of treeA) {
            expect(treeB.get(file), file).toBe(content);
        }
        const resources = readResources(a);
        expect(resources.length).toBeGreaterThan(0);
        for (const r of resources) {
            const required = ["custom", "dependsOn", "inputs", "name", "parent", "protect", "provider", "retainOnDelete", "type"];
            // Options recorded only when a resource sets them.
            const optional = ["customTimeouts", "deleteBeforeReplace", "ignoreChanges", "importId", "replaceOnChanges"];
            expect(
                Object.keys(r)
                    .filter((k) => !optional.includes(k))
                    .sort(),
            ).toEqual(required);
        }
        const manifests = [...treeA.keys()].filter((f) => f.startsWith("manifests/"));
        expect(manifests.length).toBe(
            resources.filter((r) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm.sh/")).length,
        );
        for (const file of manifests) {
            expect(treeA.get(file)).not.toMatch(/\[unknown\]|undefined/);
        }
    });
});

describe("npm run plan -- --stack alicloud", () => {
    it("GIVEN the alicloud stack WHEN planned with --out and --policy THEN it writes the ACK, OSS and RAM resources, the manifests and jobs.json, and every policy passes", async () => {
        const dir = tempDir("plan-alicloud-");
        const result = await planCli([...stackArgs("alicloud"), "--out", dir, "--policy"]);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout).toContain("Plan of serverless-spark/alicloud");
        // 43 resources before the History Server (7, 3 of them manifests), ECI log collection (the SLS
        // project, logstore and index), the API server's allow-list (an ACL and 3 entries) and the
        // job namespace's admission guard (a policy and its binding, 2 manifests) and finished-driver
        // reaper (a component, its service account, Role, RoleBinding and CronJob: 4 manifests).
        expect(result.stdout).toMatch(/Wrote .*resources\.json \(64 resources\) and 18 manifests/);
        expect(result.stdout.trimEnd().split("\n").pop()).toMatch(new RegExp(`^${RULES.length} policies passed on 64 resources\\.$`));

        const resources = readResources(dir);
        for (const type of ["alicloud:cs/managedKubernetes:ManagedKubernetes", "alicloud:cs/kubernetesAddon:KubernetesAddon", "alicloud:oss/bucket:Bucket"]) {
            expect(
                resources.filter((r) => r.type === type),
                type,
            ).toHaveLength(1);
        }
        // The job namespace's RAM role and its History Server's.
        expect(resources.filter((r) => r.type === "alicloud:ram/role:Role").map((r) => r.name)).toEqual(
            ["storage-history-spark-jobs", "storage-spark-jobs"].sort(),
        );
        const bucket = resources.find((r) => r.type === "alicloud:oss/bucket:Bucket")!;
        expect(bucket.retainOnDelete).toBe(true);
        const provider = resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
        expect(provider.inputs.kubeconfig).toBe("[secret]");

        const tree = readTree(dir);
        expect([...tree.keys()].filter((f) => f.startsWith("manifests/")).sort()).toEqual(
            [
                "cronjob/spark-jobs/spark-driver-reaper.yaml",
                "deployment/spark-jobs/spark-history.yaml",
                "namespace/spark-jobs.yaml",
                "namespace/spark-operator.yaml",
                "role/spark-jobs/spark-driver-reaper.yaml",
                "role/spark-jobs/spark-driver.yaml",
                "rolebinding/spark-jobs/spark-driver-reaper.yaml",
                "rolebinding/spark-jobs/spark-driver.yaml",
                "service/spark-jobs/spark-history.yaml",
                "serviceaccount/spark-jobs/spark-driver-reaper.yaml",
                "serviceaccount/spark-jobs/spark-driver.yaml",
                "serviceaccount/spark-jobs/spark-executor.yaml",
                "serviceaccount/spark-jobs/spark-history.yaml",
                "sparkapplication/spark-jobs/tpcds-datagen.yaml",
                "sparkapplication/spark-jobs/tpcds-queries.yaml",
                "sparkapplication/spark-jobs/wordcount.yaml",
                "validatingadmissionpolicy/serverless-spark-guard-spark-jobs.yaml",
                "validatingadmissionpolicybinding/serverless-spark-guard-spark-jobs.yaml",
            ].map((f) => path.join("manifests", f)),
        );
        const wordcount = tree.get(path.join("manifests", "sparkapplication/spark-jobs/wordcount.yaml"))!;
        expect(wordcount).toContain(`oss://${bucket.inputs.bucket}/samples/wordcount/input.txt`);
        expect(wordcount).toContain("k8s.aliyun.com/eci-use-specs: 1-4Gi");
        expect(wordcount).toContain("fs.oss.impl: com.aliyun.jindodata.oss.JindoOssFileSystem");
        const jobs = JSON.parse(tree.get("jobs.json")!);
        expect(jobs.map((j: any) => `${j.grid}:${j.namespace}/${j.name}`)).toEqual([
            "eci:spark-jobs/tpcds-datagen",
            "eci:spark-jobs/tpcds-queries",
            "eci:spark-jobs/wordcount",
        ]);
    });
});

describe("npm run plan -- --stack existing", () => {
    it("GIVEN the existing stack WHEN planned THEN it declares the operator without its webhook, restricted namespaces and RBAC", async () => {
        const dir = tempDir("plan-existing-");
        const result = await planCli(["--stack", "existing", "--out", dir]);
        expect(result.status).toBe(0);
        const resources = readResources(dir);
        const byType = (type: string) => resources.filter((r) => r.type === type);

        const [release] = byType("kubernetes:helm.sh/v3:Release");
        expect(release!.inputs).toMatchObject({ chart: "spark-operator", version: "2.5.2", name: "spark-operator", namespace: "spark-operator" });
        expect(release!.inputs.values.spark.jobNamespaces).toEqual(["spark-jobs"]);
        expect(release!.inputs.values.webhook).toEqual({ enable: false });

        const jobNs = byType("kubernetes:core/v1:Namespace").find((r) => r.inputs.metadata.name === "spark-jobs");
        expect(jobNs!.inputs.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
        expect(
            byType("kubernetes:core/v1:ServiceAccount")
                .map((r) => r.inputs.metadata.name)
                .sort(),
        ).toEqual(["spark-driver", "spark-driver-reaper", "spark-executor", "spark-history"]);
        // The History Server reads the HDFS event logs (storage.hdfs.eventLogDir) with the mounted Hadoop configuration.
        expect(byType("kubernetes:apps/v1:Deployment").map((r) => r.inputs.metadata.name)).toEqual(["spark-history"]);
        expect(
            byType("kubernetes:core/v1:ConfigMap")
                .map((r) => r.inputs.metadata.name)
                .sort(),
        ).toEqual(["hadoop-conf", "wordcount-input"]);
        const [role] = byType("kubernetes:rbac.authorization.k8s.io/v1:Role");
        expect(JSON.stringify(role!.inputs.rules)).not.toContain("*");
        // The driver's, and the finished-driver reaper's.
        expect(byType("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding")).toHaveLength(2);
        expect(resources.filter((r) => /ClusterRole/.test(r.type))).toEqual([]);
        expect(byType("kubernetes:policy/v1:PodDisruptionBudget")).toEqual([]);
        expect(fs.readFileSync(path.join(dir, "manifests", "namespace/spark-jobs.yaml"), "utf8")).toContain("pod-security.kubernetes.io/enforce: restricted");
    });

    it("GIVEN --config overrides WHEN planned THEN dotted and namespaced keys reach the program", async () => {
        const dir = tempDir("plan-override-");
        const result = await planCli([
            "--stack",
            "existing",
            "--out",
            dir,
            "--config",
            "operator.webhook=true",
            "--config",
            "operator.webhookReplicas=3",
            "--config",
            'serverless-spark:jobNamespaces=["etl","adhoc"]',
        ]);
        expect(result.stderr).toBe("");
        const release = readResources(dir).find((r) => r.type === "kubernetes:helm.sh/v3:Release")!;
        expect(release.inputs.values.webhook).toMatchObject({ enable: true, replicas: 3 });
        expect(readResources(dir).filter((r) => r.type === "kubernetes:policy/v1:PodDisruptionBudget")).toHaveLength(1);
        // jobNamespaces is a set, taken in sorted order (reordering it changes nothing).
        expect(release.inputs.values.spark.jobNamespaces).toEqual(["adhoc", "etl"]);
        // Keys of the stack file not overridden are kept.
        expect(release.inputs.version).toBe("2.5.2");
    });

    it("GIVEN kubeconfig content with a token WHEN planned THEN the token appears nowhere and the provider input is [secret]", async () => {
        const dir = tempDir("plan-secret-");
        const result = await planCli(["--stack", "existing", "--out", dir, "--config", `kubeconfig=${KUBECONFIG}`]);
        expect(result.status).toBe(0);
        expect(result.stdout).not.toContain("s3cr3t-token-value");
        for (const [file, content] of readTree(dir)) {
            expect(content, file).not.toContain("s3cr3t-token-value");
        }
        const provider = readResources(dir).find((r) => r.type === "pulumi:providers:kubernetes")!;
        expect(provider.inputs.kubeconfig).toBe("[secret]");
    });

    it.each<[string[], string]>([
        [["--config", "operator.webhookReplicas=1"], "error: operator.webhookReplicas: got 1, expected an integer from 2 to 10"],
        [["--config", "cloud=gcp"], 'error: cloud: got "gcp", expected one of aws, alicloud, existing'],
        [["--config", "cloud=aws"], 'error: capacityGrid: is set for cloud "aws", expected it only with cloud: existing'],
        [["--config", 'jobNamespaces=["Bad"]'], 'error: jobNamespaces[0]: got "Bad", expected a DNS-1123 label'],
        [["--config", "operator.chartVersion=latest"], 'error: operator.chartVersion: got "latest", expected a chart version such as 2.5.2'],
        [["--config", "operator.namespace=Ops"], 'error: operator.namespace: got "Ops", expected a DNS-1123 label'],
        [["--config", "kubeconfig=/no/such/file"], 'error: kubeconfig: no readable file at "/no/such/file"'],
        [["--config", "novalue"], 'error: --config: got the key "novalue" with no "=" and no value, expected key=value'],
        [["--bogus"], "error: arguments: Unknown option '--bogus'"],
    ])("GIVEN %j WHEN planned THEN exit 1, one error line, nothing written", async (extra, message) => {
        const dir = path.join(tempDir("plan-bad-"), "out");
        const result = await planCli(["--stack", "existing", "--out", dir, ...extra]);
        expect(result.status).toBe(1);
        expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
        expect(result.stderr).toContain(message);
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(fs.existsSync(dir)).toBe(false);
    });

    it("GIVEN an unknown stack or a missing stack file WHEN planned THEN exit 1 with one line", async () => {
        const unknown = await planCli(["--stack", "nope"]);
        expect(unknown.status).toBe(1);
        expect(unknown.stderr).toBe("error: --stack: no stack file stacks/Pulumi.nope.yaml, expected one of " + shippedStacks().join(", ") + "\n");
        const missing = await planCli(["--stack-file", "/tmp/does-not-exist.yaml"]);
        expect(missing.status).toBe(1);
        expect(missing.stderr).toContain('error: --stack-file: no readable stack file at "/tmp/does-not-exist.yaml"');
    });

    it("GIVEN a stack file outside the project WHEN planned with --stack-file THEN its config is used", async () => {
        const dir = tempDir("plan-file-");
        const file = path.join(dir, "Pulumi.lab.yaml");
        fs.writeFileSync(file, "config:\n  serverless-spark:cloud: existing\n  serverless-spark:jobNamespaces: [lab]\n");
        const result = await planCli(["--stack-file", file, "--out", path.join(dir, "out")]);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain("Plan of serverless-spark/lab");
        const release = readResources(path.join(dir, "out")).find((r) => r.type === "kubernetes:helm.sh/v3:Release")!;
        expect(release.inputs.values.spark.jobNamespaces).toEqual(["lab"]);
    });
});

import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

import { DAG_FILES } from "../../components/airflow/dags";
import { finalSnapshotName } from "../../components/airflow/database/aws";
import { AIRFLOW_TASK_ROLE, AIRFLOW_TASK_RULES, AIRFLOW_TASK_SERVICE_ACCOUNT } from "../../components/airflow/rbac";
import { API_KEY, DB_PASSWORD, FERNET } from "../helpers/airflow";
import { planCli, readTree, stackArgs, tempDir } from "../helpers/plan-cli";

/**
 * The three shipped stacks planned with `airflow.enabled` and the secrets given as
 * `pulumi config set --secret` would (`--secret`): the release, its database and Secrets, the task
 * RBAC and the DAG ConfigMap are declared, no secret byte reaches the plan, and Airflow off declares
 * nothing of it.
 */
const SECRETS = ["--secret", `airflowFernetKey=${FERNET}`, "--secret", `airflowApiSecretKey=${API_KEY}`, "--secret", `airflowDatabasePassword=${DB_PASSWORD}`];

interface PlanResource {
    type: string;
    name: string;
    parent: string | null;
    inputs: Record<string, any>;
    dependsOn: string[];
}

const plans: Record<string, { resources: PlanResource[]; tree: Map<string, string>; stdout: string }> = {};

async function plan(stack: string, extra: string[] = []) {
    const dir = tempDir(`airflow-${stack}-`);
    const result = await planCli([...stackArgs(stack), "--config", "airflow.enabled=true", ...SECRETS, ...extra, "--out", dir]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const tree = readTree(dir);
    return { resources: JSON.parse(tree.get("resources.json")!) as PlanResource[], tree, stdout: result.stdout };
}

beforeAll(async () => {
    for (const stack of ["aws", "alicloud", "existing"]) plans[stack] = await plan(stack);
}, 120_000);

const ofType = (stack: string, type: string) => plans[stack]!.resources.filter((r) => r.type === type);

describe.each(["aws", "alicloud", "existing"])("the %s stack with Airflow on", (stack) => {
    it("GIVEN airflow.enabled WHEN planned THEN the official chart is one Helm release in the airflow namespace, after its Secrets and RBAC", () => {
        const releases = ofType(stack, "kubernetes:helm.sh/v3:Release").filter((r) => r.inputs.chart === "airflow");
        expect(releases).toHaveLength(1);
        const release = releases[0]!;
        expect(release.inputs).toMatchObject({
            name: "airflow",
            version: "1.21.0",
            namespace: "airflow",
            repositoryOpts: { repo: "https://airflow.apache.org" },
        });
        expect(release.inputs.values.executor).toBe("KubernetesExecutor");
        for (const dep of ["kubernetes:core/v1:Secret::spark-airflow-fernet-key", "kubernetes:core/v1:ConfigMap::spark-airflow-dags"]) {
            expect(release.dependsOn).toContain(dep);
        }
        const ns = parseYaml(plans[stack]!.tree.get("manifests/namespace/airflow.yaml")!);
        expect(ns.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    });

    it("GIVEN the secrets WHEN planned THEN they are Kubernetes Secrets whose data is [secret], and no secret byte is anywhere in the plan", () => {
        const names = ofType(stack, "kubernetes:core/v1:Secret")
            .filter((s) => s.inputs.metadata.namespace === "airflow")
            .map((s) => s.inputs.metadata.name)
            .sort();
        expect(names).toEqual(
            [
                "airflow-api-secret-key",
                "airflow-fernet-key",
                "airflow-jwt-secret",
                "airflow-metadata-connection",
                ...(stack === "existing" ? ["airflow-postgresql-auth"] : []),
            ].sort(),
        );
        for (const s of ofType(stack, "kubernetes:core/v1:Secret").filter((r) => r.inputs.metadata.namespace === "airflow")) {
            expect(s.inputs.stringData).toBe("[secret]");
        }
        const everything = [...plans[stack]!.tree.values()].join("\n") + plans[stack]!.stdout;
        for (const secret of [FERNET, API_KEY, DB_PASSWORD]) expect(everything).not.toContain(secret);
    });

    it("GIVEN the job namespaces WHEN planned THEN each has the task Role, bound to the task service account only", () => {
        const role = parseYaml(plans[stack]!.tree.get(`manifests/role/spark-jobs/${AIRFLOW_TASK_ROLE}.yaml`)!);
        expect(role.rules).toEqual(AIRFLOW_TASK_RULES);
        const binding = parseYaml(plans[stack]!.tree.get(`manifests/rolebinding/spark-jobs/${AIRFLOW_TASK_ROLE}.yaml`)!);
        expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: AIRFLOW_TASK_SERVICE_ACCOUNT, namespace: "airflow" }]);
        expect(binding.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: AIRFLOW_TASK_ROLE });
        // Nothing else in the plan is granted to the task service account.
        const grants = [...plans[stack]!.tree.entries()].filter(([f, text]) => /binding/.test(f) && text.includes(AIRFLOW_TASK_SERVICE_ACCOUNT));
        expect(grants.map(([f]) => f)).toEqual([`manifests/rolebinding/spark-jobs/${AIRFLOW_TASK_ROLE}.yaml`]);
    });

    it("GIVEN the DAG ConfigMap WHEN planned THEN it holds the sample DAGs and the SparkApplications the platform renders for its own samples", () => {
        const dags = parseYaml(plans[stack]!.tree.get("manifests/configmap/airflow/airflow-dags.yaml")!).data as Record<string, string>;
        expect(Object.keys(dags).sort()).toEqual(Object.values(DAG_FILES).sort());
        for (const sample of ["wordcount", "tpcds-datagen", "tpcds-queries"]) {
            const own = parseYaml(plans[stack]!.tree.get(`manifests/sparkapplication/spark-jobs/${sample}.yaml`)!);
            const dag = parseYaml(dags[`${sample}.yaml`]!);
            // One source for both: the same spec, except that the DAG's query run is never suspended.
            const { suspend: _suspend, ...ownSpec } = own.spec;
            expect(dag.spec).toEqual(ownSpec);
            expect(dag.kind).toBe("SparkApplication");
        }
    });
});

describe("the metadata database", () => {
    it("GIVEN aws WHEN planned THEN RDS for PostgreSQL is private, encrypted, in the private subnets, reachable on 5432 from the cluster's pods only, with a final snapshot", () => {
        const [db] = ofType("aws", "aws:rds/instance:Instance");
        expect(db!.inputs).toMatchObject({
            engine: "postgres",
            engineVersion: "17",
            instanceClass: "db.t4g.micro",
            publiclyAccessible: false,
            storageEncrypted: true,
            skipFinalSnapshot: false,
            finalSnapshotIdentifier: expect.stringMatching(/^serverless-spark-airflow-final-[0-9a-f]{17}$/),
            password: "[secret]",
        });
        // The snapshot is named after this deployment's security group, so a stack deployed again
        // under the same name does not collide with the snapshot its first destroy left.
        const [sg] = ofType("aws", "aws:ec2/securityGroup:SecurityGroup").filter((r) => r.name.endsWith("-airflow-db-sg"));
        expect(sg).toBeDefined();
        expect(finalSnapshotName("serverless-spark-airflow", "sg-0123456789abcdef0")).toBe("serverless-spark-airflow-final-0123456789abcdef0");
        const [rule] = ofType("aws", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.name.endsWith("-from-pods"));
        expect(rule!.inputs).toMatchObject({ ipProtocol: "tcp", fromPort: 5432, toPort: 5432 });
        expect(rule!.inputs.cidrIpv4).toBeUndefined();
        expect(String(rule!.inputs.referencedSecurityGroupId)).toMatch(/^sg-/);
        const [profile] = ofType("aws", "aws:eks/fargateProfile:FargateProfile").filter((p) => p.name.endsWith("-fargate-services"));
        expect(profile!.inputs.selectors).toEqual([{ namespace: "airflow" }]);
    });

    it("GIVEN alicloud WHEN planned THEN ApsaraDB RDS for PostgreSQL admits the VPC CIDR only, with an account owning its database", () => {
        const [db] = ofType("alicloud", "alicloud:rds/instance:Instance");
        expect(db!.inputs).toMatchObject({ engine: "PostgreSQL", instanceType: "pg.n2.2c.1m", category: "Basic", releasedKeepPolicy: "Lastest" });
        expect(db!.inputs.securityIps).toHaveLength(1);
        expect(db!.inputs.securityIps[0]).not.toBe("0.0.0.0/0");
        expect(ofType("alicloud", "alicloud:rds/rdsAccount:RdsAccount")[0]!.inputs.accountPassword).toBe("[secret]");
        expect(ofType("alicloud", "alicloud:rds/accountPrivilege:AccountPrivilege")[0]!.inputs.privilege).toBe("DBOwner");
    });

    it("GIVEN existing WHEN planned THEN the chart's PostgreSQL runs and no cloud database is declared", () => {
        const release = ofType("existing", "kubernetes:helm.sh/v3:Release").find((r) => r.inputs.chart === "airflow")!;
        expect(release.inputs.values.postgresql.enabled).toBe(true);
        expect(plans.existing!.resources.some((r) => r.type.includes(":rds/"))).toBe(false);
    });

    it("GIVEN the plans WHEN their cost is printed THEN the Airflow pods and the database are in the always-on cost", () => {
        expect(plans.aws!.stdout).toMatch(/airflow scheduler .*0\.5 vCPU \/ 2 GiB/);
        expect(plans.aws!.stdout).toContain("RDS for PostgreSQL db.t4g.micro");
        expect(plans.aws!.stdout).not.toMatch(/airflow (workers|migrateDatabaseJob)/);
        expect(plans.alicloud!.stdout).toContain("ApsaraDB RDS for PostgreSQL");
    });
});

describe("the DAG files", () => {
    const python = spawnSync("python3", ["--version"]).status === 0;
    it.skipIf(!python)("GIVEN every .py file of the DAG ConfigMap WHEN compiled by python3 -m py_compile THEN it compiles", () => {
        const dags = parseYaml(plans.aws!.tree.get("manifests/configmap/airflow/airflow-dags.yaml")!).data as Record<string, string>;
        const dir = tempDir("dags-");
        const files = Object.keys(dags).filter((f) => f.endsWith(".py"));
        expect(files.length).toBe(2);
        for (const f of files) fs.writeFileSync(path.join(dir, f), dags[f]!);
        execFileSync("python3", ["-m", "py_compile", ...files.map((f) => path.join(dir, f))]);
        // A broken file fails the same command (the check can fail).
        fs.writeFileSync(path.join(dir, "broken.py"), "with DAG(:\n");
        expect(spawnSync("python3", ["-m", "py_compile", path.join(dir, "broken.py")]).status).not.toBe(0);
    });
});

describe("Airflow's secrets in the stack config", () => {
    it("GIVEN a secret set without --secret WHEN planned THEN one line names the key and never its value", async () => {
        const result = await planCli([
            ...stackArgs("existing"),
            "--config",
            "airflow.enabled=true",
            "--config",
            `airflowFernetKey=${FERNET}`,
            ...SECRETS.slice(2),
        ]);
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/^error: airflowFernetKey: is set without --secret/);
        expect(result.stderr).not.toContain(FERNET);
    });

    it("GIVEN Airflow on and no secrets WHEN planned THEN one line names the first missing key", async () => {
        const result = await planCli([...stackArgs("existing"), "--config", "airflow.enabled=true"]);
        expect(result.stderr).toMatch(/^error: airflowFernetKey: is missing while airflow.enabled is true/);
    });

    it("GIVEN Airflow off WHEN planned THEN nothing of it is declared", async () => {
        const dir = tempDir("airflow-off-");
        await planCli([...stackArgs("aws"), "--out", dir]);
        const text = readTree(dir).get("resources.json")!;
        expect(text).not.toMatch(/airflow/i);
    });
});

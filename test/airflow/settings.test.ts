import { describe, expect, it } from "vitest";

import { AIRFLOW_SECRET_KEYS, checkAirflowSecrets, deriveJwtSecret, isDatabasePassword, isFernetKey } from "../../components/airflow/secrets";
import { AIRFLOW_DEFAULTS, checkAirflowNamespace, resolveAirflowSettings } from "../../components/airflow/settings";
import { API_KEY, DB_PASSWORD, FERNET } from "../helpers/airflow";
import { oneLineInputError } from "../helpers/errors";

describe("airflow settings", () => {
    it("GIVEN nothing WHEN resolved THEN Airflow is off with the pinned chart, its own namespace and the sample DAGs in a ConfigMap", () => {
        expect(resolveAirflowSettings(undefined)).toEqual({
            enabled: false,
            chartVersion: "1.21.0",
            namespace: "airflow",
            dags: { source: "configmap", samples: true },
            database: { storageGiB: 20, finalSnapshot: true },
        });
        expect(AIRFLOW_DEFAULTS.repository).toBe("https://airflow.apache.org");
    });

    it("GIVEN git DAGs WHEN resolved THEN repo, branch (main by default) and subPath are kept and samples are off", () => {
        const r = resolveAirflowSettings({ enabled: true, dags: { source: "git", repo: "https://github.com/example/dags.git", subPath: "dags" } });
        expect(r.dags).toEqual({ source: "git", samples: false, repo: "https://github.com/example/dags.git", branch: "main", subPath: "dags" });
        // Resolving the resolved settings again changes nothing (the platform re-checks what the stack checked).
        expect(resolveAirflowSettings(r)).toEqual(r);
    });

    it.each([
        [{ enabled: "yes" }, "airflow.enabled"],
        [{ chartVersion: "1.21" }, "airflow.chartVersion"],
        [{ namespace: "Airflow" }, "airflow.namespace"],
        [{ dags: { source: "s3" } }, "airflow.dags.source"],
        [{ dags: { source: "git" } }, "airflow.dags.repo"],
        [{ dags: { repo: "https://github.com/x/y.git" } }, "airflow.dags.repo"],
        [{ dags: { source: "git", repo: "http://github.com/x/y.git" } }, "airflow.dags.repo"],
        [{ dags: { source: "git", repo: "https://github.com/x/y.git", subPath: "../etc" } }, "airflow.dags.subPath"],
        [{ database: { storageGiB: 5 } }, "airflow.database.storageGiB"],
        [{ database: { engine: "mysql" } }, "airflow.database.engine"],
        [{ webserver: true }, "airflow.webserver"],
    ])("GIVEN %j WHEN resolved THEN one line names %s", (settings, key) => {
        const err = oneLineInputError(() => resolveAirflowSettings(settings));
        expect(err.key).toBe(key);
    });

    it("GIVEN a git URL with a token WHEN refused THEN the token is not shown", () => {
        const err = oneLineInputError(() => resolveAirflowSettings({ dags: { source: "git", repo: "https://bot:ghp_secret123@github.com/x/y.git" } }));
        expect(err.message).not.toContain("ghp_secret123");
    });

    it.each(["kube-system", "spark-jobs", "spark-operator"])("GIVEN the namespace %s WHEN checked THEN it is refused", (ns) => {
        expect(oneLineInputError(() => checkAirflowNamespace(ns, ["spark-jobs"], "spark-operator")).key).toBe("airflow.namespace");
    });
});

describe("airflow secrets", () => {
    it("GIVEN generated values WHEN checked THEN they pass", () => {
        expect(isFernetKey(FERNET)).toBe(true);
        expect(isDatabasePassword(DB_PASSWORD)).toBe(true);
        expect(checkAirflowSecrets({ fernetKey: FERNET, apiSecretKey: API_KEY, databasePassword: DB_PASSWORD })).toBeDefined();
    });

    it.each([
        [Buffer.alloc(16, 1).toString("base64url") + "==", false],
        [Buffer.alloc(32, 0xfb).toString("base64"), false],
        [FERNET.replace("=", ""), false],
        [FERNET, true],
    ])("GIVEN the fernet key %s WHEN checked THEN valid is %s", (key, valid) => {
        expect(isFernetKey(key)).toBe(valid);
    });

    it.each([
        ["fernetKey", { apiSecretKey: API_KEY, databasePassword: DB_PASSWORD }],
        ["apiSecretKey", { fernetKey: FERNET, databasePassword: DB_PASSWORD }],
        ["databasePassword", { fernetKey: FERNET, apiSecretKey: API_KEY }],
    ] as const)("GIVEN no %s WHEN checked THEN one line names its config key and says how to make it", (name, values) => {
        const err = oneLineInputError(() => checkAirflowSecrets(values));
        expect(err.key).toBe(AIRFLOW_SECRET_KEYS[name]);
        expect(err.message).toContain("pulumi config set --secret");
    });

    it.each([
        ["fernetKey", { fernetKey: "not-a-fernet-key-canary-7f3a", apiSecretKey: API_KEY, databasePassword: DB_PASSWORD }, "not-a-fernet-key-canary-7f3a"],
        ["apiSecretKey", { fernetKey: FERNET, apiSecretKey: "short-canary-41be", databasePassword: DB_PASSWORD }, "short-canary-41be"],
        ["databasePassword", { fernetKey: FERNET, apiSecretKey: API_KEY, databasePassword: "pass@word/canary" }, "pass@word/canary"],
    ] as const)("GIVEN a malformed %s WHEN checked THEN it is refused without its characters", (name, values, canary) => {
        const err = oneLineInputError(() => checkAirflowSecrets(values));
        expect(err.key).toBe(AIRFLOW_SECRET_KEYS[name]);
        expect(err.message).not.toContain(canary);
    });

    it("GIVEN an API secret key WHEN the JWT secret is derived THEN it is stable, 64 hex characters and differs from the key", async () => {
        const value = (o: ReturnType<typeof deriveJwtSecret>) => new Promise<string>((resolve) => o.apply((v) => resolve(v)));
        const a = await value(deriveJwtSecret(API_KEY));
        expect(a).toMatch(/^[0-9a-f]{64}$/);
        expect(await value(deriveJwtSecret(API_KEY))).toBe(a);
        expect(a).not.toContain(API_KEY);
    });
});

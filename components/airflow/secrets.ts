import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createHmac } from "crypto";

import { InputError } from "../errors";

/**
 * Airflow's secrets: the fernet key (encrypts connections and variables in the metadata database),
 * the API server's secret key (signs session cookies), and the metadata database's password. They
 * come from stack config set with `pulumi config set --secret` (the keys below), reach the cluster
 * only as Kubernetes Secrets the chart is told the names of (`fernetKeySecretName`,
 * `apiSecretKeySecretName`, `jwtSecretName`, `data.metadataSecretName`), and are Pulumi secrets all
 * the way. No error ever shows a secret's characters.
 */

/** The stack config keys (and top-level component arguments) holding Airflow's secrets. */
export const AIRFLOW_SECRET_KEYS = {
    fernetKey: "airflowFernetKey",
    apiSecretKey: "airflowApiSecretKey",
    databasePassword: "airflowDatabasePassword",
} as const;

/** How to make each secret, for the docs and for errors. */
export const AIRFLOW_SECRET_COMMANDS = {
    fernetKey: `pulumi config set --secret ${AIRFLOW_SECRET_KEYS.fernetKey} "$(python3 -c 'import base64,os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())')"`,
    apiSecretKey: `pulumi config set --secret ${AIRFLOW_SECRET_KEYS.apiSecretKey} "$(openssl rand -hex 32)"`,
    databasePassword: `pulumi config set --secret ${AIRFLOW_SECRET_KEYS.databasePassword} "$(openssl rand -hex 15)A1"`,
} as const;

/** Airflow's secret values (Pulumi inputs: a library user may pass Outputs). */
export interface AirflowSecretValues {
    /** URL-safe base64 of 32 random bytes (what `Fernet.generate_key()` makes). */
    fernetKey: pulumi.Input<string>;
    /** The API server's secret key: at least 32 characters. */
    apiSecretKey: pulumi.Input<string>;
    /** The metadata database's password: 16 to 32 letters and digits, with a lower-case letter, an upper-case letter and a digit. */
    databasePassword: pulumi.Input<string>;
}

/** A fernet key: URL-safe base64 (with its `=` padding) of exactly 32 bytes (cryptography's `Fernet(key)` refuses anything else). */
export function isFernetKey(value: string): boolean {
    return /^[A-Za-z0-9_-]{43}=$/.test(value) && Buffer.from(value, "base64url").length === 32;
}

/**
 * A password RDS for PostgreSQL and ApsaraDB RDS for PostgreSQL both take and that needs no escaping
 * in a connection URL: RDS allows 8 to 128 printable characters but not `/`, `"`, `@` or a space
 * (docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html, MasterUserPassword);
 * ApsaraDB 8 to 32 characters with three of upper-case, lower-case, digits and specials
 * (alibabacloud.com/help/en/rds/apsaradb-rds-for-postgresql/create-an-account-1), both read 2026-11-29.
 */
export function isDatabasePassword(value: string): boolean {
    return /^[A-Za-z0-9]{16,32}$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value);
}

/**
 * Checks Airflow's secrets: each given one well formed, and with `required` (Airflow on) each
 * present. Throws an {@link InputError} naming the config key (never the value).
 */
export function checkAirflowSecrets(values: Partial<Record<keyof AirflowSecretValues, unknown>>, required = true): AirflowSecretValues {
    const expected = {
        fernetKey: "URL-safe base64 of 32 random bytes (44 characters ending in =)",
        apiSecretKey: "at least 32 characters without spaces",
        databasePassword: "16 to 32 letters and digits with a lower-case letter, an upper-case letter and a digit",
    };
    const valid = {
        fernetKey: isFernetKey,
        apiSecretKey: (v: string) => /^\S{32,256}$/.test(v),
        databasePassword: isDatabasePassword,
    };
    for (const name of Object.keys(AIRFLOW_SECRET_KEYS) as (keyof AirflowSecretValues)[]) {
        const key = AIRFLOW_SECRET_KEYS[name];
        const value = values[name];
        if (value === undefined) {
            if (!required) continue;
            throw new InputError(key, "is missing while airflow.enabled is true", `${expected[name]}, set with: ${AIRFLOW_SECRET_COMMANDS[name]}`);
        }
        // Outputs (library users) are checked by Kubernetes and the database when they are used.
        if (typeof value === "string" && !valid[name](value)) {
            throw new InputError(
                key,
                `is not valid (${value.length} characters; the value is not shown)`,
                `${expected[name]}, e.g. from: ${AIRFLOW_SECRET_COMMANDS[name]}`,
            );
        }
        if (typeof value !== "string" && !pulumi.Output.isInstance(value)) {
            throw new InputError(key, "is not a string (the value is not shown)", expected[name]);
        }
    }
    return values as AirflowSecretValues;
}

/**
 * The JWT secret Airflow 3 signs its task and API tokens with (`[api_auth] jwt_secret`). The chart
 * generates a random one at every render when none is given (chart 1.21.0
 * `templates/secrets/jwt-secret.yaml`: `randAlphaNum 128`), so each `pulumi up` that upgrades the
 * release would sign tokens with a new key and break tasks in flight. It is derived here from the
 * API secret key instead (HMAC-SHA256, 64 hex characters), so it is stable and needs no key of its own.
 */
export function deriveJwtSecret(apiSecretKey: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.secret(pulumi.output(apiSecretKey).apply((key) => createHmac("sha256", key).update("serverless-spark airflow jwt secret").digest("hex")));
}

/** The Secret names the chart is pointed at, and the keys the chart reads in each. */
export const AIRFLOW_SECRET_NAMES = {
    fernetKey: "airflow-fernet-key",
    apiSecretKey: "airflow-api-secret-key",
    jwtSecret: "airflow-jwt-secret",
    metadata: "airflow-metadata-connection",
    /** The chart's own PostgreSQL (existing clusters): its admin password, key `postgres-password`. */
    postgresAuth: "airflow-postgresql-auth",
} as const;

/** Where the metadata database is, without its password. */
export interface AirflowDatabaseConnection {
    host: pulumi.Input<string>;
    port: pulumi.Input<number>;
    user: string;
    database: string;
    /** psycopg2's `sslmode`: `require` (RDS), `prefer` (ApsaraDB, TLS only once turned on), `disable` (in-cluster). */
    sslmode: "require" | "prefer" | "disable";
}

/** The SQLAlchemy URL the chart reads from the metadata Secret (key `connection`). Letters and digits only in the password, so nothing needs quoting. */
export function metadataConnectionUrl(db: AirflowDatabaseConnection, password: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.secret(
        pulumi
            .all([db.host, db.port, password])
            .apply(([host, port, pw]) => `postgresql://${db.user}:${pw}@${host}:${port}/${db.database}?sslmode=${db.sslmode}`),
    );
}

/** Declares the Secrets the chart references. */
export function declareAirflowSecrets(
    name: string,
    namespace: pulumi.Input<string>,
    secrets: AirflowSecretValues,
    db: AirflowDatabaseConnection,
    chartPostgres: boolean,
    opts: pulumi.CustomResourceOptions,
): k8s.core.v1.Secret[] {
    const labels = { "app.kubernetes.io/part-of": "serverless-spark", "app.kubernetes.io/component": "airflow" };
    const secret = (suffix: string, secretName: string, data: Record<string, pulumi.Input<string>>) =>
        new k8s.core.v1.Secret(
            `${name}-${suffix}`,
            {
                metadata: { name: secretName, namespace, labels },
                type: "Opaque",
                // Secret whatever the config said: these values exist to stay out of plain text.
                stringData: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, pulumi.secret(v)])),
            },
            opts,
        );
    return [
        secret("fernet-key", AIRFLOW_SECRET_NAMES.fernetKey, { "fernet-key": secrets.fernetKey }),
        secret("api-secret-key", AIRFLOW_SECRET_NAMES.apiSecretKey, { "api-secret-key": secrets.apiSecretKey }),
        secret("jwt-secret", AIRFLOW_SECRET_NAMES.jwtSecret, { "jwt-secret": deriveJwtSecret(secrets.apiSecretKey) }),
        secret("metadata", AIRFLOW_SECRET_NAMES.metadata, { connection: metadataConnectionUrl(db, secrets.databasePassword) }),
        ...(chartPostgres ? [secret("postgresql-auth", AIRFLOW_SECRET_NAMES.postgresAuth, { "postgres-password": secrets.databasePassword })] : []),
    ];
}

import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";

import type { AirflowExternalDatabase } from "../airflow";
import type { AirflowSecretValues } from "../secrets";

/**
 * Airflow's metadata database on Alibaba Cloud: ApsaraDB RDS for PostgreSQL, Basic Edition,
 * pay-as-you-go, in the stack's first vSwitch, reachable only from the VPC's CIDR (its IP whitelist),
 * with an account `airflow` owning a database `airflow`.
 *
 * Type: `pg.n2.2c.1m`, general-purpose, 2 cores / 4 GB, the smallest standard type of the Basic
 * series on cloud disks (ApsaraDB RDS for PostgreSQL "规格清单" / primary instance types,
 * help.aliyun.com/document_detail/276990.htm, read 2026-11-29; the Yitian `pg.n2e.1c.1m` is smaller
 * but sold in a few regions only). Storage: ESSD PL1 (`cloud_essd`), 20 GB at least (same page).
 * Engine: PostgreSQL 16, which ApsaraDB lists among its current major versions
 * (alibabacloud.com/help/en/rds/apsaradb-rds-for-postgresql/limits-on-the-creation-of-the-pg-cron-extension,
 * read 2026-11-29).
 */
export const APSARADB_DEFAULTS = Object.freeze({
    engine: "PostgreSQL",
    engineVersion: "16.0",
    instanceType: "pg.n2.2c.1m",
    category: "Basic",
    storageType: "cloud_essd",
    user: "airflow",
    database: "airflow",
});

/** Arguments of {@link AirflowApsaraDatabase}. */
export interface AirflowApsaraDatabaseArgs {
    /** The instance's name. */
    instanceName: string;
    vpcId: pulumi.Input<string>;
    vswitchId: pulumi.Input<string>;
    /** The VPC's CIDR: the only addresses the instance admits. */
    vpcCidr: pulumi.Input<string>;
    password: AirflowSecretValues["databasePassword"];
    /** @default "pg.n2.2c.1m" */
    instanceType?: string;
    /** @default 20 */
    storageGiB?: number;
    /** Keep the last backup when the instance is released. @default true */
    finalSnapshot?: boolean;
}

/** ApsaraDB RDS for PostgreSQL for Airflow (see {@link APSARADB_DEFAULTS}). */
export class AirflowApsaraDatabase extends pulumi.ComponentResource {
    readonly instance: alicloud.rds.Instance;
    readonly account: alicloud.rds.RdsAccount;
    readonly database: alicloud.rds.Database;
    readonly privilege: alicloud.rds.AccountPrivilege;
    /** What Airflow connects to. */
    readonly connection: AirflowExternalDatabase;

    constructor(name: string, args: AirflowApsaraDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("serverless-spark:airflow:AirflowApsaraDatabase", name, {}, opts);
        const child = { parent: this };
        this.instance = new alicloud.rds.Instance(
            name,
            {
                instanceName: args.instanceName,
                engine: APSARADB_DEFAULTS.engine,
                engineVersion: APSARADB_DEFAULTS.engineVersion,
                instanceType: args.instanceType ?? APSARADB_DEFAULTS.instanceType,
                category: APSARADB_DEFAULTS.category,
                instanceStorage: args.storageGiB ?? 20,
                dbInstanceStorageType: APSARADB_DEFAULTS.storageType,
                instanceChargeType: "Postpaid",
                vpcId: args.vpcId,
                vswitchId: args.vswitchId,
                // The VPC only: no 0.0.0.0/0, no public endpoint (none is requested).
                securityIps: [args.vpcCidr],
                // "Lastest" (sic, the API's value) keeps the last backup after the instance is released.
                releasedKeepPolicy: (args.finalSnapshot ?? true) ? "Lastest" : "None",
                autoUpgradeMinorVersion: "Auto",
                tags: { "app.kubernetes.io/part-of": "serverless-spark", component: "airflow" },
            },
            child,
        );
        this.account = new alicloud.rds.RdsAccount(
            `${name}-account`,
            {
                dbInstanceId: this.instance.id,
                accountName: APSARADB_DEFAULTS.user,
                accountPassword: pulumi.secret(args.password),
                accountType: "Normal",
                accountDescription: "Airflow metadata",
            },
            child,
        );
        this.database = new alicloud.rds.Database(
            `${name}-db`,
            { instanceId: this.instance.id, dataBaseName: APSARADB_DEFAULTS.database, characterSet: "UTF8", description: "Airflow metadata" },
            child,
        );
        // DBOwner is the privilege ApsaraDB RDS for PostgreSQL grants (alicloud provider docs, rds.AccountPrivilege).
        this.privilege = new alicloud.rds.AccountPrivilege(
            `${name}-owner`,
            { instanceId: this.instance.id, accountName: this.account.accountName, dbNames: [this.database.dataBaseName], privilege: "DBOwner" },
            child,
        );
        this.connection = {
            host: this.instance.connectionString,
            port: this.instance.port.apply((p) => Number(p) || 5432),
            user: APSARADB_DEFAULTS.user,
            database: APSARADB_DEFAULTS.database,
            // ApsaraDB serves TLS only once SSL is turned on for the instance: use it when it is there.
            sslmode: "prefer",
            dependsOn: [this.instance, this.account, this.database, this.privilege],
        };
        this.registerOutputs({ connectionString: this.instance.connectionString });
    }
}

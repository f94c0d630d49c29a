import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import type { AirflowExternalDatabase } from "../airflow";
import type { AirflowSecretValues } from "../secrets";

/**
 * Airflow's metadata database on AWS: Amazon RDS for PostgreSQL, single-AZ, in the stack's private
 * subnets, not publicly accessible, storage encrypted, reachable on 5432 only from the EKS cluster
 * security group (which every Fargate pod of the cluster carries), a final snapshot on destroy unless
 * turned off.
 *
 * Engine: PostgreSQL 17, given as the major version so RDS creates its current default minor
 * (RDS for PostgreSQL release calendar, docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html,
 * and the upgrade-target table of "Choosing a major version for an RDS for PostgreSQL upgrade",
 * docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.PostgreSQL.MajorVersion.html,
 * which lists 17.x minors as current; read 2026-11-29). Minor versions upgrade themselves in the
 * maintenance window, and extended support (billed per vCPU-hour) is turned off, so an end of
 * standard support upgrades the engine instead of billing.
 *
 * Class: `db.t4g.micro` (2 vCPU burstable, 1 GiB), the smallest Graviton class, which supports
 * PostgreSQL 17; enough for one Airflow's metadata at a few DAGs (raise `airflow.database.instanceClass`
 * for more).
 */
export const RDS_DEFAULTS = Object.freeze({
    engine: "postgres",
    engineVersion: "17",
    instanceClass: "db.t4g.micro",
    storageType: "gp3",
    user: "airflow",
    database: "airflow",
    port: 5432,
    backupRetentionDays: 7,
});

/** Arguments of {@link AirflowRdsDatabase}. */
export interface AirflowRdsDatabaseArgs {
    region: string;
    /** The RDS identifier (letters, digits and hyphens). */
    identifier: string;
    vpcId: pulumi.Input<string>;
    /** The private subnets (at least two zones, as a DB subnet group needs). */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The security group the cluster's pods carry (the EKS cluster security group). */
    podSecurityGroupId: pulumi.Input<string>;
    password: AirflowSecretValues["databasePassword"];
    /** @default "db.t4g.micro" */
    instanceClass?: string;
    /** @default 20 */
    storageGiB?: number;
    /** @default true */
    finalSnapshot?: boolean;
}

/** An RDS identifier from a cluster name: lower-case letters, digits and single hyphens, starting with a letter. */
export function rdsIdentifier(clusterName: string): string {
    const base = clusterName
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, "-")
        .replace(/-+/g, "-")
        .replace(/^[^a-z]+/, "");
    return `${base || "serverless-spark"}-airflow`.slice(0, 54).replace(/-+$/, "");
}

/**
 * The final snapshot's name: `<identifier>-final-<security group id without "sg-">`, within RDS's
 * rules for snapshot identifiers (letters, digits and single hyphens, starting with a letter, at most
 * 255 characters).
 */
export function finalSnapshotName(identifier: string, securityGroupId: string): string {
    return `${identifier}-final-${securityGroupId.replace(/^sg-/, "").replace(/[^a-z0-9]/gi, "")}`;
}

/** Amazon RDS for PostgreSQL for Airflow (see {@link RDS_DEFAULTS}). */
export class AirflowRdsDatabase extends pulumi.ComponentResource {
    readonly instance: aws.rds.Instance;
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly subnetGroup: aws.rds.SubnetGroup;
    /** What Airflow connects to. */
    readonly connection: AirflowExternalDatabase;

    constructor(name: string, args: AirflowRdsDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("serverless-spark:airflow:AirflowRdsDatabase", name, {}, opts);
        const child = { parent: this };
        const finalSnapshot = args.finalSnapshot ?? true;
        this.subnetGroup = new aws.rds.SubnetGroup(
            `${name}-subnets`,
            { region: args.region, name: args.identifier, subnetIds: args.subnetIds, description: `Airflow metadata database ${args.identifier}` },
            child,
        );
        this.securityGroup = new aws.ec2.SecurityGroup(
            `${name}-sg`,
            { region: args.region, vpcId: args.vpcId, name: args.identifier, description: `PostgreSQL of ${args.identifier}, from the cluster's pods only` },
            child,
        );
        const ingress = new aws.vpc.SecurityGroupIngressRule(
            `${name}-from-pods`,
            {
                region: args.region,
                securityGroupId: this.securityGroup.id,
                referencedSecurityGroupId: args.podSecurityGroupId,
                ipProtocol: "tcp",
                fromPort: RDS_DEFAULTS.port,
                toPort: RDS_DEFAULTS.port,
                description: "PostgreSQL from the EKS cluster security group (Fargate pods)",
            },
            child,
        );
        this.instance = new aws.rds.Instance(
            name,
            {
                region: args.region,
                identifier: args.identifier,
                engine: RDS_DEFAULTS.engine,
                engineVersion: RDS_DEFAULTS.engineVersion,
                engineLifecycleSupport: "open-source-rds-extended-support-disabled",
                autoMinorVersionUpgrade: true,
                instanceClass: args.instanceClass ?? RDS_DEFAULTS.instanceClass,
                allocatedStorage: args.storageGiB ?? 20,
                storageType: RDS_DEFAULTS.storageType,
                storageEncrypted: true,
                dbName: RDS_DEFAULTS.database,
                username: RDS_DEFAULTS.user,
                password: pulumi.secret(args.password),
                port: RDS_DEFAULTS.port,
                dbSubnetGroupName: this.subnetGroup.name,
                vpcSecurityGroupIds: [this.securityGroup.id],
                publiclyAccessible: false,
                multiAz: false,
                backupRetentionPeriod: RDS_DEFAULTS.backupRetentionDays,
                copyTagsToSnapshot: true,
                skipFinalSnapshot: !finalSnapshot,
                // Snapshot names are unique per account and region (RDS refuses an existing one with
                // DBSnapshotAlreadyExists), so a name fixed by the identifier would fail the destroy of
                // a stack deployed again under the same name. The security group is created with each
                // deployment, so its id makes the name that deployment's own, and is known before the
                // instance is created (no change on later updates).
                ...(finalSnapshot ? { finalSnapshotIdentifier: this.securityGroup.id.apply((id) => finalSnapshotName(args.identifier, id)) } : {}),
                tags: { "app.kubernetes.io/part-of": "serverless-spark", component: "airflow" },
            },
            { ...child, dependsOn: [ingress] },
        );
        this.connection = {
            host: this.instance.address,
            port: RDS_DEFAULTS.port,
            user: RDS_DEFAULTS.user,
            database: RDS_DEFAULTS.database,
            // RDS for PostgreSQL 15 and later turn rds.force_ssl on by default.
            sslmode: "require",
            dependsOn: [this.instance],
        };
        this.registerOutputs({ address: this.instance.address, identifier: args.identifier });
    }
}

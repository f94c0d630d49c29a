/**
 * Always-on fees that are not pods: control planes, NAT gateways, public addresses, keys. Each is
 * data with its source and the date it was read, like the pod price tables in `prices.ts`. A fee
 * whose unit price the package does not know (traffic-based parts, Alibaba's EIP configuration fee)
 * has `perHour: null` and says why, so a report shows the line instead of silently dropping it.
 */

/** Hours in a month, as AWS and Alibaba price calculators count them (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

/** An always-on fee per unit (one cluster, one gateway, one address, one key). */
export interface FixedFee {
    /** Stable id, e.g. `eks-control-plane`. */
    readonly id: string;
    /** What is billed, for the report. */
    readonly label: string;
    /** Price of one unit for one hour, or null when not known offline. */
    readonly perHour: number | null;
    /** Currency of `perHour`. */
    readonly currency: "USD" | "CNY";
    /** Region (or group) the price is for. */
    readonly region: string;
    /** Where the figure comes from. */
    readonly source: string;
    /** When the source was read. */
    readonly asOf: string;
    /** What the figure leaves out (traffic, requests), or why it is unknown. */
    readonly note?: string;
}

const READ = "2026-11-29";

/**
 * The fixed fees the offline plan knows. Figures from the public pricing pages named in each entry,
 * read 2026-11-29; AWS figures are us-east-1 (like the Fargate table), Alibaba figures those the
 * international site lists in USD.
 */
export const FIXED_FEES = Object.freeze({
    /**
     * EKS: $0.10 per cluster-hour in standard support (https://aws.amazon.com/eks/pricing/; also the AWS
     * Containers blog, "Amazon EKS extended support for Kubernetes versions pricing").
     */
    eksStandard: fee({
        id: "eks-control-plane",
        label: "EKS control plane (standard support)",
        perHour: 0.1,
        currency: "USD",
        region: "all commercial regions",
        source: "https://aws.amazon.com/eks/pricing/",
    }),
    /**
     * EKS: $0.60 per cluster-hour for a version in extended support (upgradePolicy EXTENDED, once the
     * version leaves standard support) (https://aws.amazon.com/eks/pricing/).
     */
    eksExtended: fee({
        id: "eks-control-plane-extended",
        label: "EKS control plane (extended support, once the version leaves standard support)",
        perHour: 0.6,
        currency: "USD",
        region: "all commercial regions",
        source: "https://aws.amazon.com/eks/pricing/",
    }),
    /**
     * NAT gateway hour, us-east-1: $0.045, plus $0.045 per GB processed (https://aws.amazon.com/vpc/pricing/).
     * The one figure here not re-read on 2026-11-29 (no copy of the page was reachable): check it.
     */
    awsNatGateway: fee({
        id: "aws-nat-gateway",
        label: "NAT gateway",
        perHour: 0.045,
        currency: "USD",
        region: "us-east-1",
        source: "https://aws.amazon.com/vpc/pricing/",
        note: "plus $0.045 per GB processed (S3 traffic bypasses it through the gateway endpoint); hourly figure not re-read 2026-11-29",
    }),
    /**
     * Every public IPv4 address, in use or idle, since 2024-02-01: $0.005 per hour
     * (https://aws.amazon.com/vpc/pricing/; the start date from the AWS Networking blog, "Identify and
     * optimize public IPv4 address usage on AWS").
     */
    awsPublicIpv4: fee({
        id: "aws-public-ipv4",
        label: "public IPv4 address (Elastic IP)",
        perHour: 0.005,
        currency: "USD",
        region: "all commercial regions",
        source: "https://aws.amazon.com/vpc/pricing/",
    }),
    /** A customer-managed KMS key: $1 per month, prorated hourly (https://aws.amazon.com/kms/pricing/). */
    awsKmsKey: fee({
        id: "aws-kms-key",
        label: "KMS customer-managed key",
        perHour: 1 / HOURS_PER_MONTH,
        currency: "USD",
        region: "all commercial regions",
        source: "https://aws.amazon.com/kms/pricing/",
        note: "plus $0.03 per 10,000 requests beyond 20,000 a month; each automatic rotation adds $1 a month",
    }),
    /**
     * ACK managed Pro cluster management fee: USD 0.09 per cluster-hour ("prices may vary by region")
     * (https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/product-overview/ack-pro-cluster-billing).
     */
    ackPro: fee({
        id: "ack-pro-cluster",
        label: "ACK managed Pro cluster management fee",
        perHour: 0.09,
        currency: "USD",
        region: "international site (may vary by region)",
        source: "https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/product-overview/ack-pro-cluster-billing",
    }),
    /** ACK managed Basic: no cluster management fee (same page). */
    ackBasic: fee({
        id: "ack-basic-cluster",
        label: "ACK managed Basic cluster (no management fee)",
        perHour: 0,
        currency: "USD",
        region: "all regions",
        source: "https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/product-overview/ack-pro-cluster-billing",
    }),
    /**
     * ACK Serverless: Pro's management fee is free during its public preview, Basic has none
     * (https://www.alibabacloud.com/help/en/ack/serverless-kubernetes/product-overview/ack-serverless-cluster-billing-instructions).
     */
    ackServerless: fee({
        id: "ack-serverless-cluster",
        label: "ACK Serverless cluster management fee (free in public preview)",
        perHour: 0,
        currency: "USD",
        region: "all regions",
        source: "https://www.alibabacloud.com/help/en/ack/serverless-kubernetes/product-overview/ack-serverless-cluster-billing-instructions",
        note: "free while in public preview: check the page before relying on it",
    }),
    /**
     * Internet NAT gateway instance fee: USD 0.043 per hour in Singapore, Tokyo, Virginia, Frankfurt and
     * the other international regions the page lists (0.034 in mainland China regions), plus CU fees by
     * traffic and connections (https://www.alibabacloud.com/help/en/nat-gateway/latest/billing-of-internet-nat-gateways).
     */
    alicloudNatGateway: fee({
        id: "alicloud-nat-gateway",
        label: "Internet NAT gateway instance",
        perHour: 0.043,
        currency: "USD",
        region: "international regions (0.034 in mainland China)",
        source: "https://www.alibabacloud.com/help/en/nat-gateway/latest/billing-of-internet-nat-gateways",
        note: "plus capacity-unit (CU) fees by traffic and connections",
    }),
    /**
     * Pay-as-you-go EIP: a configuration fee when it is attached to a NAT gateway, plus data transfer
     * by GB; the unit price is on the buy page, not in the billing docs
     * (https://www.alibabacloud.com/help/en/eip/product-overview/pay-as-you-go).
     */
    alicloudEip: fee({
        id: "alicloud-eip",
        label: "EIP (pay-by-data-transfer)",
        perHour: null,
        currency: "USD",
        region: "by region",
        source: "https://www.alibabacloud.com/help/en/eip/product-overview/pay-as-you-go",
        note: "configuration fee (attached to a NAT gateway) and data transfer: unit prices only on the buy page",
    }),
    /**
     * An AMP managed collector (`cluster.prometheusScraper`): billed for the hours it is on and the
     * samples it collects, plus the workspace's ingestion, storage and queries
     * (https://aws.amazon.com/prometheus/pricing/). The unit prices were not readable from here on
     * 2026-11-29, so the line is shown unpriced rather than guessed.
     */
    awsPrometheusCollector: fee({
        id: "aws-prometheus-collector",
        label: "Amazon Managed Service for Prometheus collector",
        perHour: null,
        currency: "USD",
        region: "by region",
        source: "https://aws.amazon.com/prometheus/pricing/",
        note: "collector hours and samples collected, plus the workspace's samples ingested and stored: unit prices not read offline",
    }),
    /**
     * KMS on Alibaba is billed per instance or per key version by edition: not priced here
     * (https://www.alibabacloud.com/help/en/kms/key-management-service/product-overview/billing).
     */
    alicloudKmsKey: fee({
        id: "alicloud-kms-key",
        label: "KMS key (given in storage.kmsKeyId)",
        perHour: null,
        currency: "USD",
        region: "by region",
        source: "https://www.alibabacloud.com/help/en/kms/key-management-service/product-overview/billing",
        note: "billed by KMS edition and key version; the key is yours, not declared here",
    }),
    /**
     * RDS for PostgreSQL gp3 storage, us-east-1, single-AZ: $0.115 per GB-month, 3,000 IOPS and
     * 125 MB/s included (https://aws.amazon.com/rds/postgresql/pricing/, as restated with that figure
     * by usage.ai's RDS pricing calculator, June 2026; the AWS page itself was not reachable here).
     * Per GB-hour, so a line counts the allocated GB.
     */
    awsRdsGp3StorageGb: fee({
        id: "aws-rds-gp3-storage",
        label: "RDS gp3 storage (per GB)",
        perHour: 0.115 / HOURS_PER_MONTH,
        currency: "USD",
        region: "us-east-1",
        source: "https://aws.amazon.com/rds/postgresql/pricing/",
        note: "backups up to the database's size are free; beyond that by GB-month",
    }),
    /**
     * ApsaraDB RDS for PostgreSQL pay-as-you-go: priced per instance type and storage on the buy page
     * only, by region (https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-postgresql/billable-items-billing-methods-and-pricing).
     */
    alicloudRdsPostgres: fee({
        id: "alicloud-rds-postgresql",
        label: "ApsaraDB RDS for PostgreSQL instance and storage",
        perHour: null,
        currency: "USD",
        region: "by region",
        source: "https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-postgresql/billable-items-billing-methods-and-pricing",
        note: "pay-as-you-go price of the instance type and ESSD storage: only on the buy page, by region",
    }),
});

/**
 * RDS for PostgreSQL on-demand instance hours, us-east-1, single-AZ, for the classes this package
 * suggests: db.t4g.micro $0.016, db.t4g.small $0.032, db.t4g.medium $0.065 (https://aws.amazon.com/rds/postgresql/pricing/,
 * as listed by infratally.com's "AWS RDS pricing explained (2026)"; not read on the AWS page itself).
 * Another class is a line without a price.
 */
const RDS_POSTGRES_HOURLY: Record<string, number> = { "db.t4g.micro": 0.016, "db.t4g.small": 0.032, "db.t4g.medium": 0.065 };

/** The hourly fee of an RDS for PostgreSQL instance class (single-AZ; twice that for Multi-AZ). */
export function rdsPostgresInstanceFee(instanceClass: string, multiAz = false): FixedFee {
    const hourly = RDS_POSTGRES_HOURLY[instanceClass];
    return fee({
        id: `aws-rds-postgresql-${instanceClass}`,
        label: `RDS for PostgreSQL ${instanceClass}${multiAz ? " (Multi-AZ)" : ""}`,
        perHour: hourly === undefined ? null : hourly * (multiAz ? 2 : 1),
        currency: "USD",
        region: "us-east-1",
        source: "https://aws.amazon.com/rds/postgresql/pricing/",
        ...(hourly === undefined ? { note: `no price for ${instanceClass} in this package: see the pricing page` } : {}),
    });
}

function fee(f: Omit<FixedFee, "asOf">): FixedFee {
    return Object.freeze({ ...f, asOf: READ });
}

/**
 * What ECI spot (preemptible) capacity costs: the market price, which moves with supply and demand
 * and can be up to 90% below pay-as-you-go; `SpotAsPriceGo` bids at most the pay-as-you-go price,
 * `SpotWithPriceLimit` at most its limit. So the offline plan can give a ceiling and a floor, not a
 * price. Alibaba ECS "Preemptible instances" (https://www.alibabacloud.com/help/doc-detail/178880.htm)
 * and "Overview" of preemptible instances (https://www.alibabacloud.com/help/doc-detail/52088.htm),
 * which ECI spot follows (ECI pod annotation docs), read 2026-11-29.
 */
export const ECI_SPOT = Object.freeze({
    /** The lowest share of the pay-as-you-go price the docs promise ("save up to 90%"). */
    floorShare: 0.1,
    source: "https://www.alibabacloud.com/help/doc-detail/178880.htm",
    asOf: READ,
});

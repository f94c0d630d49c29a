import { describeValue, InputError } from "../../errors";

/**
 * AWS region rules, plain functions (no AWS SDK, no API call), shared by the components and the
 * stack config so that a rule is written once.
 */

/** An AWS partition: its ARN prefix, the DNS suffix of its endpoints, and which region codes are its own. */
export interface AwsPartition {
    /** `aws`, `aws-cn`, ... as in `arn:<id>:...`. */
    readonly id: string;
    /** e.g. `amazonaws.com`, `amazonaws.com.cn`, `amazonaws.eu`. */
    readonly dnsSuffix: string;
    readonly regionPattern: RegExp;
}

/**
 * The partitions, as the AWS SDK's own table has them (@aws-sdk/core 3.981, `util-endpoints`
 * `partitions.json`: `id`, `outputs.dnsSuffix`, `regionRegex`; read 2026-11-29).
 * test/aws/region.test.ts checks every row against the SDK's `partition()`.
 */
export const AWS_PARTITIONS: readonly AwsPartition[] = Object.freeze([
    { id: "aws", dnsSuffix: "amazonaws.com", regionPattern: /^(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d{1,2}$/ },
    { id: "aws-cn", dnsSuffix: "amazonaws.com.cn", regionPattern: /^cn-[a-z]+-\d{1,2}$/ },
    { id: "aws-us-gov", dnsSuffix: "amazonaws.com", regionPattern: /^us-gov-[a-z]+-\d{1,2}$/ },
    { id: "aws-eusc", dnsSuffix: "amazonaws.eu", regionPattern: /^eusc-de-[a-z]+-\d{1,2}$/ },
    { id: "aws-iso", dnsSuffix: "c2s.ic.gov", regionPattern: /^us-iso-[a-z]+-\d{1,2}$/ },
    { id: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov", regionPattern: /^us-isob-[a-z]+-\d{1,2}$/ },
    { id: "aws-iso-e", dnsSuffix: "cloud.adc-e.uk", regionPattern: /^eu-isoe-[a-z]+-\d{1,2}$/ },
    { id: "aws-iso-f", dnsSuffix: "csp.hci.ic.gov", regionPattern: /^us-isof-[a-z]+-\d{1,2}$/ },
]);

/** The partition whose region codes include `region`, if any. */
export function partitionOf(region: string): AwsPartition | undefined {
    return AWS_PARTITIONS.find((p) => p.regionPattern.test(region));
}

/** Checks an AWS region code's format against the partitions' (not whether the account has it enabled). */
export function requireAwsRegion(value: unknown, key: string): string {
    if (typeof value !== "string" || partitionOf(value) === undefined) {
        const problem = value === undefined || value === "" ? "not set" : `got ${describeValue(value)}`;
        throw new InputError(key, problem, "an AWS region code such as us-east-1 or eu-west-1");
    }
    return value;
}

/** The ARN partition of a region: `aws`, `aws-cn`, `aws-us-gov`, `aws-eusc`, ... (`aws` for a code of no partition). */
export function awsPartition(region: string): string {
    return partitionOf(region)?.id ?? "aws";
}

/** The DNS suffix of a region's service endpoints, e.g. `amazonaws.com`, `amazonaws.com.cn`, `amazonaws.eu`. */
export function awsDnsSuffix(region: string): string {
    return partitionOf(region)?.dnsSuffix ?? "amazonaws.com";
}

/**
 * The prefix of a region's VPC endpoint service names: the DNS suffix reversed, as AWS names them
 * (`com.amazonaws` and, in China, `cn.com.amazonaws`: Amazon VPC user guide, "Gateway endpoints
 * for Amazon S3", read 2026-11-29). Other partitions follow the same rule by inference, unverified.
 */
export function vpcEndpointServicePrefix(region: string): string {
    return awsDnsSuffix(region).split(".").reverse().join(".");
}

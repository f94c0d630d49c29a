import { describeValue, InputError } from "../../errors";

/**
 * AWS region rules, plain functions (no AWS SDK, no API call), shared by the components and the
 * stack config so that a rule is written once.
 */

/** A region code: `us-east-1`, `ap-southeast-2`, `cn-north-1`, `us-gov-west-1`, `eu-central-2`. */
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/** Checks an AWS region code's format (not whether the account has it enabled). */
export function requireAwsRegion(value: unknown, key: string): string {
    if (typeof value !== "string" || !REGION.test(value)) {
        const problem = value === undefined || value === "" ? "not set" : `got ${describeValue(value)}`;
        throw new InputError(key, problem, "an AWS region code such as us-east-1 or eu-west-1");
    }
    return value;
}

/** The ARN partition of a region: `aws`, `aws-cn` or `aws-us-gov`. */
export function awsPartition(region: string): string {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    return "aws";
}

/** The DNS suffix of a region's service endpoints. */
export function awsDnsSuffix(region: string): string {
    return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
}

import { describeValue, InputError } from "../../errors";

/**
 * Alibaba Cloud region and zone id rules, plain functions (no SDK, no API call), shared by the
 * component and the stack config so that a rule is written once.
 */

/** A region id: `cn-hangzhou`, `ap-southeast-1`, `eu-central-1`, `cn-shanghai-finance-1`. */
const REGION = /^[a-z]{2}(-[a-z]{2,})+(-\d{1,2})?$/;

/** Checks an Alibaba Cloud region id's format (not whether the account can use it). */
export function requireAlicloudRegion(value: unknown, key: string): string {
    if (typeof value !== "string" || !REGION.test(value)) {
        const problem = value === undefined || value === "" ? "not set" : `got ${describeValue(value)}`;
        throw new InputError(key, problem, "an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1");
    }
    return value;
}

/**
 * Whether `zone` can be a zone id of `region`. Zone ids start with their region id and end in one
 * letter, with or without a dash (`cn-hangzhou-h`, `ap-southeast-1a`); which letters exist differs
 * per region and account, which is why zones are never defaulted.
 */
export function isZoneOf(zone: unknown, region: string): boolean {
    return typeof zone === "string" && zone.startsWith(region) && /^-?[a-z]$/.test(zone.slice(region.length));
}

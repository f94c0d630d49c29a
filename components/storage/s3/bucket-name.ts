import { describeValue, InputError } from "../../errors";

/**
 * S3 general-purpose bucket naming rules (AWS S3 User Guide, "Bucket naming rules"), checked
 * before anything is declared.
 */

const CHARS = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;
const IP_LIKE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];
const RULES = "an S3 bucket name: 3-63 lower-case letters, digits, '-' (and '.' for existing buckets), starting and ending with a letter or digit";

/**
 * Checks a bucket name. Names of buckets this package creates may not contain dots: S3A reaches
 * buckets by virtual-hosted HTTPS, and a dotted name breaks the `*.s3.amazonaws.com` certificate.
 * An existing bucket with dots is accepted (S3A then uses path-style requests).
 */
export function requireBucketName(value: unknown, key: string, options: { allowDots: boolean }): string {
    if (typeof value !== "string" || value.length < 3 || value.length > 63 || !CHARS.test(value)) {
        throw new InputError(key, `got ${describeValue(value)}`, RULES);
    }
    const why = bucketNameProblem(value, options.allowDots);
    if (why !== undefined) {
        throw new InputError(key, `got ${describeValue(value)} (${why})`, RULES);
    }
    return value;
}

function bucketNameProblem(name: string, allowDots: boolean): string | undefined {
    if (name.includes(".") && !allowDots) return "dots break S3A's HTTPS access to a new bucket";
    if (name.includes("..")) return "two adjacent dots";
    if (IP_LIKE.test(name)) return "formatted as an IP address";
    const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
    if (prefix !== undefined) return `the prefix ${prefix} is reserved`;
    const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
    if (suffix !== undefined) return `the suffix ${suffix} is reserved`;
    return undefined;
}

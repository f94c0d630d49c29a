/**
 * The region's internal (VPC) OSS endpoint. ECI pods reach it without a NAT gateway or Internet
 * traffic charges (Alibaba Cloud OSS docs, "OSS regions and endpoints", updated 2025-03-19:
 * `oss-<region id>-internal.aliyuncs.com`).
 */
export function ossInternalEndpoint(region: string): string {
    return `oss-${region}-internal.aliyuncs.com`;
}

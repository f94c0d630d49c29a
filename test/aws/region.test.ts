/**
 * The partition table against the AWS SDK's own (`partition()` of @aws-sdk/util-endpoints, a
 * dev-only dependency): an independent truth for which partition, ARN prefix and DNS suffix a
 * region has, instead of our own reading of it.
 */
import { partition as sdkPartition } from "@aws-sdk/util-endpoints";
import { describe, expect, it } from "vitest";

import { AWS_PARTITIONS, awsDnsSuffix, awsPartition, requireAwsRegion, vpcEndpointServicePrefix } from "../../components/cluster/aws/region";

const REGIONS = [
    "us-east-1",
    "us-west-2",
    "eu-central-2",
    "ap-southeast-7",
    "mx-central-1",
    "il-central-1",
    "ca-west-1",
    "cn-north-1",
    "cn-northwest-1",
    "us-gov-west-1",
    "us-gov-east-1",
    "eusc-de-east-1",
    "us-iso-east-1",
    "us-isob-east-1",
    "eu-isoe-west-1",
    "us-isof-south-1",
];

describe("AWS partitions", () => {
    it.each(REGIONS)("GIVEN %s WHEN its partition is looked up THEN it is the SDK's, with the SDK's DNS suffix", (region) => {
        const sdk = sdkPartition(region);
        expect(requireAwsRegion(region, "region")).toBe(region);
        expect(awsPartition(region)).toBe(sdk.name);
        expect(awsDnsSuffix(region)).toBe(sdk.dnsSuffix);
    });

    it("GIVEN every partition the SDK knows WHEN compared THEN the table has each one, none more", () => {
        const sdkNames = new Set(REGIONS.map((r) => sdkPartition(r).name));
        expect(new Set(AWS_PARTITIONS.map((p) => p.id))).toEqual(sdkNames);
    });

    it("GIVEN region codes of no partition WHEN checked THEN each is refused with one line naming the key", () => {
        for (const bad of ["us-east", "useast1", "xx-foo-1", "eusc-fr-east-1x", "US-EAST-1", "us-gov-west", ""]) {
            expect(() => requireAwsRegion(bad, "aws:region")).toThrow(
                /^aws:region: (got ".*"|not set), expected an AWS region code such as us-east-1 or eu-west-1$/,
            );
        }
    });

    it("GIVEN a region WHEN its S3 gateway endpoint is named THEN the prefix is the DNS suffix reversed", () => {
        expect(vpcEndpointServicePrefix("us-east-1")).toBe("com.amazonaws");
        expect(vpcEndpointServicePrefix("cn-north-1")).toBe("cn.com.amazonaws");
        expect(vpcEndpointServicePrefix("eusc-de-east-1")).toBe("eu.amazonaws");
    });
});

import "../../tools/plan/mock-outputs-alicloud-storage";

import { beforeAll, describe, expect, it } from "vitest";

import { requireAlicloudRegion } from "../../components/cluster/alicloud/region";
import { resolveAlicloudConfig } from "../../components/platforms/config/alicloud";
import { resolveOssStorageArgs } from "../../components/storage/oss/args";
import { canPrefixBucketName, derivedBucketName, requireOssBucketName } from "../../components/storage/oss/bucket-name";
import { eciRoleName } from "../../components/storage/oss/role-name";
import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { mockRuntime } from "../helpers/mocks";

let runtime: MockRuntime;
let mod: typeof import("../../components/storage/oss/storage");

beforeAll(async () => {
    runtime = await mockRuntime({ config: { "alicloud:region": "cn-shanghai" } });
    mod = await import("../../components/storage/oss/storage");
});

const BUCKET_RULES = "expected an OSS bucket name: 3-63 lower-case letters, digits and '-', starting and ending with a letter or digit";

describe("OssStorage arguments", () => {
    it("GIVEN only job namespaces WHEN resolved THEN the defaults apply", () => {
        expect(resolveOssStorageArgs({ jobNamespaces: ["etl"] }, "cn-shanghai", "storage")).toEqual({
            region: "cn-shanghai",
            bucket: undefined,
            existingBucket: undefined,
            retainOnDestroy: true,
            versioning: false,
            kmsKeyId: undefined,
            jindoVersion: "6.10.7",
            jobNamespaces: ["etl"],
            eventLogMaxAgeDays: 30,
        });
    });

    it.each([
        [{ bucket: "My_Bucket" }, `bucket: got "My_Bucket", ${BUCKET_RULES}`],
        [{ bucket: "ab" }, `bucket: got "ab", ${BUCKET_RULES}`],
        [{ bucket: "-data" }, `bucket: got "-data", ${BUCKET_RULES}`],
        [{ bucket: "data-" }, `bucket: got "data-", ${BUCKET_RULES}`],
        [{ bucket: "data.lake" }, `bucket: got "data.lake", ${BUCKET_RULES}`],
        [{ bucket: "a".repeat(64) }, `bucket: got "${"a".repeat(64)}", ${BUCKET_RULES}`],
        [{ existingBucket: "Corp-Lake" }, `existingBucket: got "Corp-Lake", ${BUCKET_RULES}`],
        [{ existingBucket: 42 }, `existingBucket: got 42, ${BUCKET_RULES}`],
        [{ bucket: "one", existingBucket: "two" }, "existingBucket: is set together with bucket, expected either a bucket to create or an existing one"],
        [
            { existingBucket: "theirs", versioning: true },
            "versioning: is set for an existing bucket, expected it only for a bucket this package creates (without existingBucket)",
        ],
        [
            { existingBucket: "theirs", retainOnDestroy: false },
            "retainOnDestroy: is set for an existing bucket, expected it only for a bucket this package creates (without existingBucket)",
        ],
        [
            { existingBucket: "theirs", eventLogMaxAgeDays: 30 },
            "eventLogMaxAgeDays: is set for an existing bucket, expected it only for a bucket this package creates",
        ],
        [{ eventLogMaxAgeDays: 3651 }, "eventLogMaxAgeDays: got 3651, expected a whole number of days from 1 to 3650"],
        [{ retainOnDestroy: "no" }, 'retainOnDestroy: got "no", expected true or false'],
        [{ versioning: 1 }, "versioning: got 1, expected true or false"],
        [{ kmsKeyId: "" }, "kmsKeyId: got \"\", expected a KMS key id: letters, digits, '-' and '_'"],
        [{ kmsKeyId: "key id" }, "kmsKeyId: got \"key id\", expected a KMS key id: letters, digits, '-' and '_'"],
        [{ jindoVersion: "6.8" }, 'jindoVersion: got "6.8", expected a JindoSDK release version such as 6.10.7'],
        [{ jindoVersion: "latest" }, 'jindoVersion: got "latest", expected a JindoSDK release version such as 6.10.7'],
        [{ region: "Hangzhou" }, 'region: got "Hangzhou", expected an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1'],
        [{ region: "cn_hangzhou" }, 'region: got "cn_hangzhou", expected an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1'],
        [{ jobNamespaces: [] }, "jobNamespaces: got [], expected at least one namespace name"],
        [{ jobNamespaces: undefined }, "jobNamespaces: got nothing, expected at least one namespace name"],
        [{ jobNamespaces: [""] }, 'jobNamespaces[0]: got "", expected a DNS-1123 label'],
        [{ jobNamespaces: ["etl", "Bad"] }, 'jobNamespaces[1]: got "Bad", expected a DNS-1123 label'],
        [{ jobNamespaces: ["etl", "etl"] }, 'jobNamespaces: "etl" is listed twice, expected each entry once'],
    ])("GIVEN %j WHEN declared THEN one clear error line and nothing registered", async (args, message) => {
        await runtime.settle();
        const before = runtime.registrations.length;
        let thrown: Error | undefined;
        try {
            new mod.OssStorage("bad", { jobNamespaces: ["etl"], ...args } as any);
        } catch (err) {
            thrown = err as Error;
        }
        expect(thrown?.name).toBe("InputError");
        expect(thrown?.message).toContain(message);
        expect(thrown?.message).not.toContain("\n");
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);
    });

    it("GIVEN no bucket name and a component name that cannot start one WHEN declared THEN the error asks for a bucket name", () => {
        expect(() => new mod.OssStorage("Data", { jobNamespaces: ["etl"] })).toThrow(
            "bucket: not set, and the component name \"Data\" cannot start a bucket name, expected a bucket name, or a component name of at most 52 lower-case letters, digits and '-'",
        );
        expect(() => new mod.OssStorage("d".repeat(53), { jobNamespaces: ["etl"] })).toThrow("cannot start a bucket name");
        expect(() => new mod.OssStorage("Data", { jobNamespaces: ["etl"], bucket: "named-data" })).not.toThrow();
    });

    it("GIVEN no region anywhere WHEN resolved THEN the region is reported as not set", () => {
        expect(() => resolveOssStorageArgs({ jobNamespaces: ["etl"] }, undefined, "storage")).toThrow(
            "region: not set, expected an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1",
        );
    });

    it("GIVEN the stack config WHEN an argument is wrong THEN the error names the config key (the component's parser under the config's key)", () => {
        const config = (region: string, storage: unknown) => resolveAlicloudConfig({ region, network: { zoneIds: ["cn-beijing-h", "cn-beijing-i"] }, storage });
        expect(() => config("cn-beijing", { bucket: "UPPER" })).toThrow('storage.bucket: got "UPPER"');
        expect(() => config("beijing", {})).toThrow('alicloud:region: got "beijing"');
        expect(() => config("cn-beijing", { bucket: "a", existingBucket: "b" })).toThrow("storage.existingBucket: is set together with storage.bucket");
    });
});

describe("OSS naming rules", () => {
    it.each(["abc", "data-lake-2026", "0-9", `a${"b".repeat(61)}c`])("GIVEN the bucket name %s WHEN checked THEN it is accepted", (name) => {
        expect(requireOssBucketName(name, "bucket")).toBe(name);
    });

    it.each(["cn-hangzhou", "ap-southeast-1", "cn-shanghai-finance-1", "eu-central-1", "me-east-1"])(
        "GIVEN the region id %s WHEN checked THEN it is accepted",
        (region) => {
            expect(requireAlicloudRegion(region, "region")).toBe(region);
        },
    );

    it("GIVEN a component name WHEN a bucket name is derived THEN it is valid, stable and differs by stack", () => {
        const scope = { organization: "acme", project: "serverless-spark", stack: "prod" };
        const name = derivedBucketName("storage", scope);
        expect(requireOssBucketName(name, "bucket")).toBe(name);
        expect(derivedBucketName("storage", scope)).toBe(name);
        expect(derivedBucketName("storage", { ...scope, stack: "dev" })).not.toBe(name);
        expect(derivedBucketName("s".repeat(52), scope)).toHaveLength(63);
        expect(canPrefixBucketName("s".repeat(52))).toBe(true);
        expect(canPrefixBucketName("s".repeat(53))).toBe(false);
        expect(canPrefixBucketName("my_store")).toBe(false);
    });

    it("GIVEN unusual component names WHEN roles are named THEN names keep to RAM's characters and length", () => {
        const scope = { project: "p", stack: "s" };
        expect(eciRoleName("Data_Store", "etl", scope)).toMatch(/^data-store-etl-[0-9a-f]{7}$/);
        expect(eciRoleName("_x", "etl", scope)).toMatch(/^x-etl-[0-9a-f]{7}$/);
        expect(eciRoleName("storage", "etl", scope)).not.toBe(eciRoleName("storage", "etl", { ...scope, stack: "other" }));
        expect(eciRoleName("s".repeat(80), "etl", scope).length).toBe(64);
    });
});

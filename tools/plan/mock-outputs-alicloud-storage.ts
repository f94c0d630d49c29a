import * as pulumi from "@pulumi/pulumi";

import { defineOutputs, stableHex } from "./mock-outputs";

/**
 * Placeholder outputs of the Alibaba Cloud resources OSS storage declares (OSS bucket and its
 * settings, objects, RAM roles, policies and attachments), shaped like what Alibaba Cloud returns:
 * role ARNs `acs:ram::<16-digit account>:role/<name>`, numeric role ids, bucket endpoints
 * `oss-<region>.aliyuncs.com` and `oss-<region>-internal.aliyuncs.com`. Deterministic from type and
 * name, so two plans of one config are byte-identical. Import this module for its side effect
 * before the program runs.
 */

/** A placeholder account id (Alibaba Cloud account ids are 16 digits). */
const ACCOUNT = "1234567890123456";

function regionOf(): string {
    return pulumi.runtime.getConfig("alicloud:region") ?? "cn-hangzhou";
}

/** A stable run of decimal digits (for numeric ids). */
function stableDigits(length: number, ...parts: string[]): string {
    return BigInt(`0x${stableHex(24, ...parts)}`)
        .toString()
        .padStart(length, "0")
        .slice(-length);
}

defineOutputs("alicloud:oss/bucket:Bucket", (name, inputs) => {
    // Without a name the provider picks `tf-oss-bucket-<timestamp><counter>`.
    const bucket = inputs.bucket ?? `tf-oss-bucket-${stableDigits(26, "bucket", name)}`;
    const region = regionOf();
    return {
        id: bucket,
        state: {
            bucket,
            location: `oss-${region}`,
            extranetEndpoint: `oss-${region}.aliyuncs.com`,
            intranetEndpoint: `oss-${region}-internal.aliyuncs.com`,
            creationDate: "2026-01-01",
            owner: ACCOUNT,
            storageClass: inputs.storageClass ?? "Standard",
            redundancyType: inputs.redundancyType ?? "LRS",
            resourceGroupId: `rg-${stableHex(15, "rg", ACCOUNT)}`,
        },
    };
});
for (const type of [
    "alicloud:oss/bucketAcl:BucketAcl",
    "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption",
    "alicloud:oss/bucketPolicy:BucketPolicy",
    "alicloud:oss/bucketVersioning:BucketVersioning",
]) {
    defineOutputs(type, (_name, inputs) => ({ id: String(inputs.bucket) }));
}
defineOutputs("alicloud:oss/bucketObject:BucketObject", (name, inputs) => ({
    id: String(inputs.key),
    state: {
        etag: stableHex(32, "etag", name, String(inputs.content ?? "")).toUpperCase(),
        contentLength: String(Buffer.byteLength(String(inputs.content ?? ""))),
        versionId: "",
    },
}));

defineOutputs("alicloud:ram/role:Role", (name, inputs) => {
    const roleName = inputs.roleName ?? inputs.name ?? `${name}-${stableHex(7, "role", name)}`;
    return {
        id: roleName,
        state: {
            roleName,
            name: roleName,
            arn: `acs:ram::${ACCOUNT}:role/${roleName}`,
            roleId: stableDigits(19, "role", name),
            createTime: "2026-01-01T00:00:00Z",
            maxSessionDuration: inputs.maxSessionDuration ?? 3600,
        },
    };
});
defineOutputs("alicloud:ram/policy:Policy", (name, inputs) => {
    const policyName = inputs.policyName ?? inputs.name ?? `${name}-${stableHex(7, "policy", name)}`;
    return {
        id: policyName,
        state: { policyName, name: policyName, type: "Custom", defaultVersion: "v1", attachmentCount: 0, createTime: "2026-01-01T00:00:00Z" },
    };
});
defineOutputs("alicloud:ram/rolePolicyAttachment:RolePolicyAttachment", (_name, inputs) => ({
    // The provider's id: `role:<policy name>:<policy type>:<role name>`.
    id: `role:${inputs.policyName}:${inputs.policyType}:${inputs.roleName}`,
}));

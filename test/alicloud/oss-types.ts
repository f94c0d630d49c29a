import type { Plan } from "../../tools/plan/plan-model";
import type { Statement } from "../helpers/mocks";

/** Resource types of OSS storage, for the OSS tests. */
export const O = {
    ossStorage: "serverless-spark:storage:OssStorage",
    bucket: "alicloud:oss/bucket:Bucket",
    acl: "alicloud:oss/bucketAcl:BucketAcl",
    publicAccessBlock: "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock",
    encryption: "alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption",
    bucketPolicy: "alicloud:oss/bucketPolicy:BucketPolicy",
    versioning: "alicloud:oss/bucketVersioning:BucketVersioning",
    bucketObject: "alicloud:oss/bucketObject:BucketObject",
    role: "alicloud:ram/role:Role",
    policy: "alicloud:ram/policy:Policy",
    attachment: "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment",
} as const;

export type { Statement };

/** Every policy document the plan declares (role trusts, RAM policies, bucket policies), parsed. */
export function ramDocuments(plan: Plan): { ref: string; type: string; statements: Statement[] }[] {
    const docs: { ref: string; type: string; statements: Statement[] }[] = [];
    for (const r of plan.resources) {
        const text =
            r.type === O.role
                ? r.inputs.assumeRolePolicyDocument
                : r.type === O.policy
                  ? r.inputs.policyDocument
                  : r.type === O.bucketPolicy
                    ? r.inputs.policy
                    : undefined;
        if (typeof text === "string") {
            docs.push({ ref: `${r.type}::${r.name}`, type: r.type, statements: JSON.parse(text).Statement });
        }
    }
    return docs;
}

/** `x` or `[x, ...]` as a list. */
export function list<T>(value: T | T[] | undefined): T[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

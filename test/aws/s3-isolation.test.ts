/**
 * Namespaces as isolation boundaries for data, checked by an independent IAM evaluator
 * (@cloud-copilot/iam-simulate, which implements AWS's policy evaluation logic and validates actions,
 * resource types and condition keys against AWS's published service reference) rather than by
 * reading our own JSON back.
 *
 * The requests are the ones S3A makes for each file-system call (apache/hadoop
 * hadoop-tools/hadoop-aws/src/site/markdown/tools/hadoop-aws/assumed_roles.md and S3AFileSystem,
 * read 2026-11-29): getFileStatus is a HEAD of the key then a LIST of `key/`; create, rename and
 * delete are PUT, COPY (GET + PUT) and DELETE of objects; multipart uploads list and abort parts.
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { describe, expect, it } from "vitest";

import { sparkNamespaceAccessPolicy, tlsOnlyBucketPolicy } from "../../components/storage/s3/policies";

const ACCOUNT = "123456789012";
const BUCKET = "data-bucket-0a1b2c3";
const ARN = `arn:aws:s3:::${BUCKET}`;

type Request = { action: string; key?: string; prefix?: string; bucket?: string; tls?: boolean };

async function decide(namespace: string, request: Request): Promise<string> {
    const bucketArn = `arn:aws:s3:::${request.bucket ?? BUCKET}`;
    const simulation: Simulation = {
        identityPolicies: [{ name: `spark-${namespace}`, policy: sparkNamespaceAccessPolicy(ARN, namespace) }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: tlsOnlyBucketPolicy(bucketArn),
        request: {
            action: request.action,
            principal: `arn:aws:sts::${ACCOUNT}:assumed-role/storage-${namespace}-1a2b3c4/spark`,
            resource: { accountId: ACCOUNT, resource: request.key === undefined ? bucketArn : `${bucketArn}/${request.key}` },
            contextVariables: {
                "aws:SecureTransport": String(request.tls ?? true),
                ...(request.prefix === undefined ? {} : { "s3:prefix": request.prefix }),
            },
        },
    };
    const result = await runSimulation(simulation, {});
    if (result.resultType === "error") {
        throw new Error(`the simulator refused the request ${JSON.stringify(request)}: ${JSON.stringify(result.errors)}`);
    }
    return result.overallResult;
}

/** What Spark in namespace `etl` does through S3A: each must be allowed. */
const OWN_WORK: [string, Request][] = [
    ["getFileStatus of its data root: HEAD the key", { action: "s3:GetObject", key: "namespaces/etl" }],
    ["getFileStatus of its data root: LIST the prefix", { action: "s3:ListBucket", prefix: "namespaces/etl/" }],
    ["list the event log directory", { action: "s3:ListBucket", prefix: "namespaces/etl/spark-events/" }],
    ["write an event log", { action: "s3:PutObject", key: "namespaces/etl/spark-events/eventlog_v2_spark-1/events_1_spark-1" }],
    ["write TPC-DS data", { action: "s3:PutObject", key: "namespaces/etl/tpcds/sf1/data/store_sales/part-0.parquet" }],
    ["read it back", { action: "s3:GetObject", key: "namespaces/etl/tpcds/sf1/data/store_sales/part-0.parquet" }],
    ["delete a directory marker", { action: "s3:DeleteObject", key: "namespaces/etl/tpcds/" }],
    ["rename: delete the source after the copy", { action: "s3:DeleteObject", key: "namespaces/etl/out/_temporary/0/part-0" }],
    ["abort its multipart upload", { action: "s3:AbortMultipartUpload", key: "namespaces/etl/out/part-0" }],
    ["list the parts of its upload", { action: "s3:ListMultipartUploadParts", key: "namespaces/etl/out/part-0" }],
    ["list pending uploads (committer clean-up)", { action: "s3:ListBucketMultipartUploads" }],
    ["find the bucket's region", { action: "s3:GetBucketLocation" }],
    ["read the shared WordCount input: HEAD", { action: "s3:GetObject", key: "samples/wordcount/input.txt" }],
    ["read the shared WordCount input: LIST when HEAD finds no file", { action: "s3:ListBucket", prefix: "samples/wordcount/input.txt/" }],
];

/** What Spark in namespace `etl` must never do. */
const FORBIDDEN: [string, Request][] = [
    ["read another namespace's data", { action: "s3:GetObject", key: "namespaces/adhoc/tpcds/sf1/data/part-0.parquet" }],
    ["overwrite another namespace's data", { action: "s3:PutObject", key: "namespaces/adhoc/tpcds/sf1/data/part-0.parquet" }],
    ["delete another namespace's event log", { action: "s3:DeleteObject", key: "namespaces/adhoc/spark-events/eventlog_v2_spark-9/events_1_spark-9" }],
    ["abort another namespace's upload", { action: "s3:AbortMultipartUpload", key: "namespaces/adhoc/out/part-0" }],
    ["list another namespace's files", { action: "s3:ListBucket", prefix: "namespaces/adhoc/" }],
    ["list the namespaces", { action: "s3:ListBucket", prefix: "namespaces/" }],
    ["list the bucket's root", { action: "s3:ListBucket", prefix: "" }],
    ["list without a prefix", { action: "s3:ListBucket" }],
    ["reach a namespace whose name starts with its own", { action: "s3:PutObject", key: "namespaces/etl2/x" }],
    ["list a namespace whose name starts with its own", { action: "s3:ListBucket", prefix: "namespaces/etl2/" }],
    ["write the shared inputs", { action: "s3:PutObject", key: "samples/wordcount/input.txt" }],
    ["delete the shared inputs", { action: "s3:DeleteObject", key: "samples/wordcount/input.txt" }],
    ["write at the bucket's root", { action: "s3:PutObject", key: "etl/x" }],
    ["reach another bucket", { action: "s3:GetObject", key: "namespaces/etl/x", bucket: "someone-elses-bucket" }],
    ["change the bucket policy", { action: "s3:PutBucketPolicy" }],
];

describe("S3: one namespace's identity against the bucket, evaluated by an IAM policy simulator", () => {
    it.each(OWN_WORK)("GIVEN namespace etl WHEN it would %s THEN S3 allows it", async (_what, request) => {
        expect(await decide("etl", request)).toBe("Allowed");
    });

    it.each(FORBIDDEN)("GIVEN namespace etl WHEN it would %s THEN S3 denies it", async (_what, request) => {
        expect(await decide("etl", request)).not.toBe("Allowed");
    });

    it("GIVEN every own request of namespace etl WHEN made by namespace adhoc on etl's keys THEN each one that touches etl's prefix is denied", async () => {
        const crossing = OWN_WORK.filter(([, r]) => (r.key ?? r.prefix ?? "").startsWith("namespaces/etl"));
        expect(crossing.length).toBeGreaterThan(8);
        for (const [what, request] of crossing) {
            expect(await decide("adhoc", request), what).not.toBe("Allowed");
        }
    });

    it("GIVEN its own data WHEN asked for without TLS THEN the bucket policy denies it explicitly", async () => {
        expect(await decide("etl", { action: "s3:GetObject", key: "namespaces/etl/x", tls: false })).toBe("ExplicitlyDenied");
    });
});

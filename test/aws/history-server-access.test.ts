/**
 * The History Server's IRSA policy, checked by an independent IAM evaluator
 * (@cloud-copilot/iam-simulate), like test/aws/s3-isolation.test.ts: the S3A requests of the
 * server's listing, replay and cleaner (getFileStatus is a HEAD of the key then a LIST of `key/`;
 * the cleaner deletes a log's objects) are allowed on its namespace's event logs, and every write,
 * every read of data and everything in another namespace is denied.
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { describe, expect, it } from "vitest";

import { historyServerAccessPolicy, tlsOnlyBucketPolicy } from "../../components/storage/s3/policies";

const ACCOUNT = "123456789012";
const ARN = "arn:aws:s3:::data-bucket-0a1b2c3";
type Request = { action: string; key?: string; prefix?: string };

async function decide(request: Request): Promise<string> {
    const simulation: Simulation = {
        identityPolicies: [{ name: "history-etl", policy: historyServerAccessPolicy(ARN, "etl") }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: tlsOnlyBucketPolicy(ARN),
        request: {
            action: request.action,
            principal: `arn:aws:sts::${ACCOUNT}:assumed-role/storage-history-etl-1a2b3c4/history`,
            resource: { accountId: ACCOUNT, resource: request.key === undefined ? ARN : `${ARN}/${request.key}` },
            contextVariables: { "aws:SecureTransport": "true", ...(request.prefix === undefined ? {} : { "s3:prefix": request.prefix }) },
        },
    };
    const result = await runSimulation(simulation, {});
    if (result.resultType === "error") throw new Error(`the simulator refused ${JSON.stringify(request)}: ${JSON.stringify(result.errors)}`);
    return result.overallResult;
}

const LOG = "namespaces/etl/spark-events/eventlog_v2_spark-1/events_1_spark-1";

const ALLOWED: [string, Request][] = [
    ["getFileStatus of the log directory: HEAD the key", { action: "s3:GetObject", key: "namespaces/etl/spark-events" }],
    ["getFileStatus of the log directory: LIST it", { action: "s3:ListBucket", prefix: "namespaces/etl/spark-events/" }],
    ["list one application's rolling log", { action: "s3:ListBucket", prefix: "namespaces/etl/spark-events/eventlog_v2_spark-1/" }],
    ["read an event log", { action: "s3:GetObject", key: LOG }],
    ["expire an event log (the cleaner)", { action: "s3:DeleteObject", key: LOG }],
    ["find the bucket's region", { action: "s3:GetBucketLocation" }],
];

const DENIED: [string, Request][] = [
    ["write an event log", { action: "s3:PutObject", key: LOG }],
    ["write anywhere in its namespace", { action: "s3:PutObject", key: "namespaces/etl/out/part-0" }],
    ["replace the log directory marker", { action: "s3:PutObject", key: "namespaces/etl/spark-events/" }],
    ["read its namespace's data", { action: "s3:GetObject", key: "namespaces/etl/tpcds/sf1/data/part-0.parquet" }],
    ["delete its namespace's data", { action: "s3:DeleteObject", key: "namespaces/etl/tpcds/sf1/data/part-0.parquet" }],
    ["list its namespace's data", { action: "s3:ListBucket", prefix: "namespaces/etl/" }],
    ["list its namespace's data under a look-alike prefix", { action: "s3:ListBucket", prefix: "namespaces/etl/spark-eventsX/" }],
    ["read the shared inputs", { action: "s3:GetObject", key: "samples/wordcount/input.txt" }],
    ["read another namespace's event log", { action: "s3:GetObject", key: "namespaces/adhoc/spark-events/eventlog_v2_spark-9/events_1_spark-9" }],
    ["delete another namespace's event log", { action: "s3:DeleteObject", key: "namespaces/adhoc/spark-events/eventlog_v2_spark-9/events_1_spark-9" }],
    ["list another namespace's event logs", { action: "s3:ListBucket", prefix: "namespaces/adhoc/spark-events/" }],
    ["list the bucket's root", { action: "s3:ListBucket", prefix: "" }],
    ["start a multipart upload's listing", { action: "s3:ListBucketMultipartUploads" }],
    ["abort an upload", { action: "s3:AbortMultipartUpload", key: LOG }],
    ["change the bucket policy", { action: "s3:PutBucketPolicy" }],
];

describe("S3: the History Server's identity against the bucket, evaluated by an IAM policy simulator", () => {
    it.each(ALLOWED)("GIVEN the etl History Server WHEN it would %s THEN S3 allows it", async (_what, request) => {
        expect(await decide(request)).toBe("Allowed");
    });

    it.each(DENIED)("GIVEN the etl History Server WHEN it would %s THEN S3 denies it", async (_what, request) => {
        expect(await decide(request)).not.toBe("Allowed");
    });

    it("GIVEN its policy WHEN read THEN no statement grants a write action or a wildcard", () => {
        const actions = historyServerAccessPolicy(ARN, "etl").Statement.flatMap((s) => [s.Action].flat());
        expect(actions.filter((a) => /Put|Abort|\*/.test(String(a)))).toEqual([]);
    });
});

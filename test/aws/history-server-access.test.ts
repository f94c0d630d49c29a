/**
 * The History Server's IRSA policy, checked by an independent IAM evaluator
 * (@cloud-copilot/iam-simulate), like test/aws/s3-isolation.test.ts: for each job namespace's
 * server, the S3A requests of its listing and replay (getFileStatus is a HEAD of the key then a LIST
 * of `key/`) are allowed on that namespace's event logs, and every write, every delete (the bucket's
 * lifecycle rules expire the logs, not the server), every read of data and everything in another
 * namespace is denied.
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { describe, expect, it } from "vitest";

import { historyServerAccessPolicy, tlsOnlyBucketPolicy } from "../../components/storage/s3/policies";

const ACCOUNT = "123456789012";
const ARN = "arn:aws:s3:::data-bucket-0a1b2c3";
const NAMESPACES = ["etl", "adhoc"] as const;
type Namespace = (typeof NAMESPACES)[number];
type Request = { action: string; key?: string; prefix?: string };

async function decide(namespace: Namespace, request: Request): Promise<string> {
    const simulation: Simulation = {
        identityPolicies: [{ name: `history-${namespace}`, policy: historyServerAccessPolicy(ARN, namespace) }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: tlsOnlyBucketPolicy(ARN),
        request: {
            action: request.action,
            principal: `arn:aws:sts::${ACCOUNT}:assumed-role/storage-history-${namespace}-1a2b3c4/history`,
            resource: { accountId: ACCOUNT, resource: request.key === undefined ? ARN : `${ARN}/${request.key}` },
            contextVariables: { "aws:SecureTransport": "true", ...(request.prefix === undefined ? {} : { "s3:prefix": request.prefix }) },
        },
    };
    const result = await runSimulation(simulation, {});
    if (result.resultType === "error") throw new Error(`the simulator refused ${JSON.stringify(request)}: ${JSON.stringify(result.errors)}`);
    return result.overallResult;
}

const other = (namespace: Namespace): Namespace => (namespace === "etl" ? "adhoc" : "etl");
const log = (namespace: Namespace) => `namespaces/${namespace}/spark-events/eventlog_v2_spark-1/events_1_spark-1`;

const ALLOWED = (ns: Namespace): [string, Request][] => [
    ["getFileStatus of the log directory: HEAD the key", { action: "s3:GetObject", key: `namespaces/${ns}/spark-events` }],
    ["getFileStatus of the log directory: LIST it", { action: "s3:ListBucket", prefix: `namespaces/${ns}/spark-events/` }],
    ["list one application's rolling log", { action: "s3:ListBucket", prefix: `namespaces/${ns}/spark-events/eventlog_v2_spark-1/` }],
    ["read an event log", { action: "s3:GetObject", key: log(ns) }],
    ["read an application's status file", { action: "s3:GetObject", key: `namespaces/${ns}/spark-events/eventlog_v2_spark-1/appstatus_spark-1` }],
    ["find the bucket's region", { action: "s3:GetBucketLocation" }],
];

const DENIED = (ns: Namespace): [string, Request][] => [
    ["write an event log", { action: "s3:PutObject", key: log(ns) }],
    ["write anywhere in its namespace", { action: "s3:PutObject", key: `namespaces/${ns}/out/part-0` }],
    ["replace the log directory marker", { action: "s3:PutObject", key: `namespaces/${ns}/spark-events/` }],
    ["delete an event log (the lifecycle rule expires them)", { action: "s3:DeleteObject", key: log(ns) }],
    ["delete the log directory marker", { action: "s3:DeleteObject", key: `namespaces/${ns}/spark-events/` }],
    ["read its namespace's data", { action: "s3:GetObject", key: `namespaces/${ns}/tpcds/sf1/data/part-0.parquet` }],
    ["delete its namespace's data", { action: "s3:DeleteObject", key: `namespaces/${ns}/tpcds/sf1/data/part-0.parquet` }],
    ["list its namespace's data", { action: "s3:ListBucket", prefix: `namespaces/${ns}/` }],
    ["list its namespace's data under a look-alike prefix", { action: "s3:ListBucket", prefix: `namespaces/${ns}/spark-eventsX/` }],
    ["read the shared inputs", { action: "s3:GetObject", key: "samples/wordcount/input.txt" }],
    ["read another namespace's event log", { action: "s3:GetObject", key: log(other(ns)) }],
    ["delete another namespace's event log", { action: "s3:DeleteObject", key: log(other(ns)) }],
    ["list another namespace's event logs", { action: "s3:ListBucket", prefix: `namespaces/${other(ns)}/spark-events/` }],
    ["list the bucket's root", { action: "s3:ListBucket", prefix: "" }],
    ["start a multipart upload's listing", { action: "s3:ListBucketMultipartUploads" }],
    ["abort an upload", { action: "s3:AbortMultipartUpload", key: log(ns) }],
    ["change the bucket's lifecycle rules", { action: "s3:PutLifecycleConfiguration" }],
    ["change the bucket policy", { action: "s3:PutBucketPolicy" }],
];

describe.each(NAMESPACES)("S3: the %s History Server's identity against the bucket, evaluated by an IAM policy simulator", (ns) => {
    it.each(ALLOWED(ns))(`GIVEN the ${ns} History Server WHEN it would %s THEN S3 allows it`, async (_what, request) => {
        expect(await decide(ns, request)).toBe("Allowed");
    });

    it.each(DENIED(ns))(`GIVEN the ${ns} History Server WHEN it would %s THEN S3 denies it`, async (_what, request) => {
        expect(await decide(ns, request)).not.toBe("Allowed");
    });

    it(`GIVEN the ${ns} server's policy WHEN read THEN it grants only listing, reading and the bucket's region: no write, delete or wildcard action`, () => {
        const actions = historyServerAccessPolicy(ARN, ns).Statement.flatMap((s) => [s.Action].flat());
        expect([...new Set(actions)].sort()).toEqual(["s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket"]);
    });
});

/**
 * The History Server's RAM policy on OSS, as rendered: for each job namespace's server, exactly the
 * listing (`oss:ListObjects` under `oss:Prefix` of its own event logs), the bucket metadata JindoSDK
 * reads and `oss:GetObject` on its own event logs; no write, no delete (the bucket's lifecycle rules
 * expire the logs), nothing of its namespace's data or of another namespace. No RAM evaluator is
 * available offline, so besides the document itself, requests are matched against it the way RAM
 * documents its matching (Allow statements; `*` in a resource matches any characters; a StringLike
 * condition must hold for the request's `oss:Prefix`), which is enough for these Allow-only policies.
 */
import { describe, expect, it } from "vitest";

import { historyServerOssPolicy, type RamPolicyDocument } from "../../components/storage/oss/policies";

const BUCKET = "storage-0a1b2c3d4e";
const B = `acs:oss:*:*:${BUCKET}`;
const NAMESPACES = ["etl", "adhoc"] as const;
type Namespace = (typeof NAMESPACES)[number];
type Request = { action: string; key?: string; prefix?: string };

const glob = (pattern: string) =>
    new RegExp(
        `^${pattern
            .split("*")
            .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
            .join(".*")}$`,
    );
const asList = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());

/** Whether an Allow statement of the document covers the request (these policies have no Deny). */
function allows(policy: RamPolicyDocument, request: Request): boolean {
    const resource = request.key === undefined ? B : `${B}/${request.key}`;
    return policy.Statement.some((s) => {
        if (s.Effect !== "Allow" || !asList(s.Action).includes(request.action)) return false;
        if (!asList(s.Resource).some((r) => glob(r).test(resource))) return false;
        const prefixes = s.Condition?.StringLike?.["oss:Prefix"];
        return prefixes === undefined || (request.prefix !== undefined && prefixes.some((p) => glob(p).test(request.prefix!)));
    });
}

const other = (ns: Namespace): Namespace => (ns === "etl" ? "adhoc" : "etl");
const log = (ns: Namespace) => `namespaces/${ns}/spark-events/eventlog_v2_spark-1/events_1_spark-1`;

describe.each(NAMESPACES)("OSS: the %s History Server's RAM policy", (ns) => {
    const policy = historyServerOssPolicy(BUCKET, ns);

    it("GIVEN the rendered document WHEN read THEN it lists and reads the namespace's event logs under oss:Prefix and nothing else", () => {
        expect(policy).toEqual({
            Version: "1",
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["oss:ListObjects"],
                    Resource: [B],
                    Condition: { StringLike: { "oss:Prefix": [`namespaces/${ns}/spark-events/*`] } },
                },
                { Effect: "Allow", Action: ["oss:GetBucketInfo", "oss:GetBucketLocation"], Resource: [B] },
                { Effect: "Allow", Action: ["oss:GetObject"], Resource: [`${B}/namespaces/${ns}/spark-events`, `${B}/namespaces/${ns}/spark-events/*`] },
            ],
        });
    });

    it.each<[string, Request]>([
        ["list its event logs", { action: "oss:ListObjects", prefix: `namespaces/${ns}/spark-events/` }],
        ["list one application's rolling log", { action: "oss:ListObjects", prefix: `namespaces/${ns}/spark-events/eventlog_v2_spark-1/` }],
        ["read an event log", { action: "oss:GetObject", key: log(ns) }],
        ["look for a file named like the directory", { action: "oss:GetObject", key: `namespaces/${ns}/spark-events` }],
        ["read the bucket's metadata", { action: "oss:GetBucketInfo" }],
    ])("GIVEN a request to %s WHEN matched against the document THEN it is allowed", (_what, request) => {
        expect(allows(policy, request)).toBe(true);
    });

    it.each<[string, Request]>([
        ["write an event log", { action: "oss:PutObject", key: log(ns) }],
        ["delete an event log (the lifecycle rule expires them)", { action: "oss:DeleteObject", key: log(ns) }],
        ["delete the directory marker", { action: "oss:DeleteObject", key: `namespaces/${ns}/spark-events/.keep` }],
        ["read its namespace's data", { action: "oss:GetObject", key: `namespaces/${ns}/tpcds/sf1/data/part-0.parquet` }],
        ["list its namespace's data", { action: "oss:ListObjects", prefix: `namespaces/${ns}/` }],
        ["list a look-alike prefix", { action: "oss:ListObjects", prefix: `namespaces/${ns}/spark-eventsX/` }],
        ["list without a prefix", { action: "oss:ListObjects" }],
        ["read the shared inputs", { action: "oss:GetObject", key: "samples/wordcount/input.txt" }],
        ["read another namespace's event log", { action: "oss:GetObject", key: log(other(ns)) }],
        ["list another namespace's event logs", { action: "oss:ListObjects", prefix: `namespaces/${other(ns)}/spark-events/` }],
        ["change the bucket's lifecycle rules", { action: "oss:PutBucketLifecycle" }],
    ])("GIVEN a request to %s WHEN matched against the document THEN it is not allowed", (_what, request) => {
        expect(allows(policy, request)).toBe(false);
    });

    it("GIVEN objects encrypted with a KMS key WHEN rendered THEN the server may only decrypt with that key", () => {
        const withKms = historyServerOssPolicy(BUCKET, ns, { region: "cn-hangzhou", keyId: "key-0123abcd" });
        expect(withKms.Statement.at(-1)).toEqual({ Effect: "Allow", Action: ["kms:Decrypt"], Resource: ["acs:kms:cn-hangzhou:*:key/key-0123abcd"] });
        expect(withKms.Statement.slice(0, -1)).toEqual(policy.Statement);
    });
});

/**
 * The serverless-spark policy pack: `pulumi preview --policy-pack policy` (run `npm install` in this
 * folder first). Every policy is mandatory; `--policy-pack-config` can switch one to advisory or
 * disabled, and set a policy's own options (see README).
 */
import { PolicyPack } from "@pulumi/policy";

import { policies } from "./policies";

new PolicyPack("serverless-spark", {
    description: "serverless-spark guardrails: restricted pods, least-privilege IAM/RAM and RBAC, safe buckets, private cluster endpoints.",
    enforcementLevel: "mandatory",
    policies,
});

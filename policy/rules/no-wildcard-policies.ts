import type { ResourceRule } from "./types";
import { asList, isObj, Obj, parsePolicyDocument, PolicyStatement, statementLabel, strings } from "./util";

/**
 * No `*` actions or resources in the Allow statements of IAM (AWS) and RAM (Alibaba Cloud) policies,
 * S3 and OSS bucket policies included. Deny statements may use wildcards (a TLS-only `Deny s3:*` is
 * what a bucket should have).
 */

/** A policy document a resource carries, and where (for messages). */
interface Document {
    field: string;
    document: unknown;
}

const POLICY_FIELD = (props: Obj): Document[] => (props.policy === undefined ? [] : [{ field: "policy", document: props.policy }]);

/** The policy documents of each resource type the rule covers. */
const DOCUMENTS: Record<string, (props: Obj) => Document[]> = {
    "aws:iam/policy:Policy": POLICY_FIELD,
    "aws:iam/rolePolicy:RolePolicy": POLICY_FIELD,
    "aws:iam/userPolicy:UserPolicy": POLICY_FIELD,
    "aws:iam/groupPolicy:GroupPolicy": POLICY_FIELD,
    "aws:iam/role:Role": (props) =>
        asList(props.inlinePolicies)
            .filter(isObj)
            .filter((p) => p.policy !== undefined)
            .map((p) => ({ field: `inlinePolicies[${JSON.stringify(p.name ?? "")}]`, document: p.policy })),
    "aws:s3/bucketPolicy:BucketPolicy": POLICY_FIELD,
    "aws:s3/bucket:Bucket": POLICY_FIELD,
    "aws:s3/bucketV2:BucketV2": POLICY_FIELD,
    "alicloud:ram/policy:Policy": (props) => [
        ...(props.policyDocument !== undefined ? [{ field: "policyDocument", document: props.policyDocument }] : []),
        ...(props.document !== undefined ? [{ field: "document", document: props.document }] : []),
        // The deprecated structured form: statements [{ effect, actions, resources }].
        ...(props.statements !== undefined
            ? [
                  {
                      field: "statements",
                      document: {
                          Statement: asList(props.statements)
                              .filter(isObj)
                              .map((s) => ({ Effect: s.effect, Action: s.actions, Resource: s.resources })),
                      },
                  },
              ]
            : []),
    ],
    "alicloud:oss/bucketPolicy:BucketPolicy": POLICY_FIELD,
    "alicloud:oss/bucket:Bucket": POLICY_FIELD,
};

/**
 * Any `*` in an action: `*`, `service:*`, and partial ones such as `s3:Get*` or `iam:Pass*`, which
 * grant every present and future action with that prefix.
 */
export function isWildcardAction(action: string): boolean {
    return action.includes("*");
}

/**
 * `*`, or an ARN whose resource part names nothing or only a prefix (`arn:aws:s3:::*`,
 * `arn:aws:s3:::prod-*` followed by an object path, `acs:oss:*:*:b*`). Wildcard
 * region or account fields are fine when the resource part names something
 * (`acs:oss:*:*:my-bucket/*`, `arn:aws:s3:::my-bucket/*`).
 */
export function isWildcardResource(resource: string): boolean {
    if (resource === "*") return true;
    const parts = resource.split(":");
    const fixedFields = parts[0] === "arn" ? 5 : parts[0] === "acs" ? 4 : undefined;
    if (fixedFields === undefined || parts.length <= fixedFields) return false;
    // The resource's own name (up to the first slash or colon) must be spelt out: `prod-*` or `b*`
    // names every bucket with that prefix; a `*` after it (`my-bucket/*`, `...:log-stream:*`) is fine.
    const name = parts.slice(fixedFields).join(":").split(/[/:]/)[0]!;
    return name.includes("*");
}

/** Wildcard violations of one policy document. */
export function wildcardViolations(document: unknown, field: string): string[] {
    const parsed = parsePolicyDocument(document);
    if (parsed.kind === "opaque") return [];
    if (parsed.kind === "invalid") return [`${field} ${parsed.reason}, so it cannot be checked`];
    return parsed.statements.flatMap((statement, i) => statementViolations(statement, `${field}: ${statementLabel(statement, i)}`));
}

function statementViolations(statement: PolicyStatement, where: string): string[] {
    if (statement.Effect === "Deny") return [];
    const out: string[] = [];
    for (const action of strings(statement.Action).filter(isWildcardAction)) {
        out.push(`${where} allows action ${JSON.stringify(action)}; name the actions needed`);
    }
    if (statement.NotAction !== undefined) out.push(`${where} allows NotAction (every other action); name the actions needed`);
    for (const resource of strings(statement.Resource).filter(isWildcardResource)) {
        out.push(`${where} allows resource ${JSON.stringify(resource)}; name the resources`);
    }
    if (statement.NotResource !== undefined) out.push(`${where} allows NotResource (every other resource); name the resources`);
    return out;
}

export const noWildcardPolicies: ResourceRule = {
    kind: "resource",
    name: "no-wildcard-policies",
    description: "IAM, RAM, S3 and OSS policy statements that Allow name their actions and resources: no `*`, no `service:*` (Deny may use wildcards).",
    check(type, props) {
        const documents = DOCUMENTS[type];
        return documents ? documents(props).flatMap(({ field, document }) => wildcardViolations(document, field)) : [];
    },
};

import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import * as policySdk from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { describe, expect, it, vi } from "vitest";
import { parse as parseYaml } from "yaml";

import { policies, snapshot } from "../../policy/policies";
import { RULES } from "../../policy/rules";
import { PROJECT_ROOT } from "../helpers/plan-cli";

/** What the PolicyPack constructor was given (the real one starts the analyzer server). */
const constructed: { name: string; args: any }[] = [];

/** The sentinel the engine sends for a string unknown at preview (@pulumi/policy proxy.js). */
const UNKNOWN_STRING = pulumi.runtime.unknownValue;
/** Wraps props the way the analyzer does: reading an unknown value throws. */
const asEngineProps = (props: Record<string, unknown>) => (policySdk as any).unknownCheckingProxy(props) as Record<string, any>;

const byName = (name: string) => policies.find((p) => p.name === name)!;

function resourceArgs(type: string, props: Record<string, unknown>, config: Record<string, unknown> = {}): ResourceValidationArgs {
    return {
        type,
        props,
        urn: `urn:pulumi:dev::serverless-spark::${type}::r`,
        name: "r",
        opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        },
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => config as T,
        notApplicable: () => {
            throw new Error("not applicable");
        },
    };
}

function validate(name: string, args: ResourceValidationArgs): string[] {
    const messages: string[] = [];
    const v = (byName(name) as ResourceValidationPolicy).validateResource as (a: ResourceValidationArgs, r: (m: string) => void) => void;
    v(args, (m) => messages.push(m));
    return messages;
}

function policyResource(type: string, name: string, props: Record<string, unknown>, extra: Partial<PolicyResource> = {}): PolicyResource {
    const { opts, ...rest } = resourceArgs(type, props);
    return {
        ...rest,
        urn: `urn:pulumi:dev::serverless-spark::${type}::${name}`,
        name,
        opts,
        dependencies: [],
        propertyDependencies: {},
        ...extra,
    } as PolicyResource;
}

function validateStack(name: string, resources: PolicyResource[], config: Record<string, unknown> = {}): { message: string; urn?: string }[] {
    const out: { message: string; urn?: string }[] = [];
    const args: StackValidationArgs = {
        resources,
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable: () => {
            throw new Error("not applicable");
        },
    };
    (byName(name) as StackValidationPolicy).validateStack(args, (message, urn) => out.push({ message, urn }));
    return out;
}

describe("the policy pack", () => {
    it("GIVEN policy/index.ts WHEN loaded THEN it builds one mandatory PolicyPack from every rule", async () => {
        // Mock @pulumi/policy as policy/index.ts resolves it (policy/node_modules once installed there).
        const sdkPath = createRequire(path.join(PROJECT_ROOT, "policy", "index.ts")).resolve("@pulumi/policy");
        vi.doMock(sdkPath, async () => ({
            ...(await vi.importActual<typeof import("@pulumi/policy")>(sdkPath)),
            PolicyPack: class {
                constructor(name: string, args: unknown) {
                    constructed.push({ name, args });
                }
            },
        }));
        const { policies: packPolicies } = await import("../../policy/policies");
        await import("../../policy/index");
        expect(constructed).toHaveLength(1);
        expect(constructed[0]!.name).toBe("serverless-spark");
        expect(constructed[0]!.args.enforcementLevel).toBe("mandatory");
        expect(constructed[0]!.args.policies).toBe(packPolicies);
        expect(packPolicies.map((p) => p.name)).toEqual(policies.map((p) => p.name));
    });

    it("GIVEN the rules WHEN wrapped THEN each becomes a resource or stack policy with its name, description and config schema", () => {
        expect(policies.map((p) => p.name)).toEqual(RULES.map((r) => r.name));
        expect(new Set(policies.map((p) => p.name)).size).toBe(policies.length);
        for (const rule of RULES) {
            const policy = byName(rule.name);
            expect(policy.description).toBe(rule.description);
            expect(policy.description).not.toContain("\n");
            expect(
                typeof (rule.kind === "resource" ? (policy as ResourceValidationPolicy).validateResource : (policy as StackValidationPolicy).validateStack),
            ).toBe("function");
            expect(policy.configSchema).toEqual(rule.configSchema);
        }
        expect(byName("ack-api-server-private").configSchema?.properties.allowPublicApiServer).toMatchObject({ type: "boolean", default: false });
    });

    it("GIVEN a privileged Deployment WHEN validateResource runs THEN the violation is reported", () => {
        const props = {
            spec: {
                template: {
                    spec: {
                        securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
                        containers: [{ name: "c", securityContext: { privileged: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } }],
                    },
                },
            },
        };
        expect(validate("pod-security-restricted", resourceArgs("kubernetes:apps/v1:Deployment", props))).toEqual([
            'pod template: container "c": securityContext.privileged must not be true',
        ]);
    });

    it("GIVEN an IAM policy allowing * WHEN validateResource runs THEN it is reported, and a scoped one is not", () => {
        const bad = { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/*" }] }) };
        const good = {
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] }),
        };
        expect(validate("no-wildcard-policies", resourceArgs("aws:iam/policy:Policy", asEngineProps(bad)))).toHaveLength(1);
        expect(validate("no-wildcard-policies", resourceArgs("aws:iam/policy:Policy", asEngineProps(good)))).toEqual([]);
    });

    it("GIVEN a policy document unknown at preview WHEN validateResource runs THEN the engine's UnknownValueError propagates (it reports 'can't run during preview')", () => {
        const args = resourceArgs("aws:iam/rolePolicy:RolePolicy", asEngineProps({ policy: UNKNOWN_STRING, role: "r" }));
        expect(() => validate("no-wildcard-policies", args)).toThrow(
            expect.objectContaining({ constructor: expect.objectContaining({ name: "UnknownValueError" }) }),
        );
    });

    it("GIVEN the ACK policy's config WHEN it opts out THEN a public API server passes", () => {
        const ack = [policyResource("alicloud:cs/managedKubernetes:ManagedKubernetes", "ack", asEngineProps({ slbInternetEnabled: true }))];
        expect(validateStack("ack-api-server-private", ack)).toHaveLength(1);
        expect(validateStack("ack-api-server-private", ack, { allowPublicApiServer: true })).toEqual([]);
    });
});

describe("the pack's stack policies", () => {
    /** An S3 bucket at the first preview: generated name, ids and ARNs unknown, settings tied by property dependencies. */
    function previewStack(withBlock: boolean): PolicyResource[] {
        const bucket = policyResource(
            "aws:s3/bucket:Bucket",
            "data-bucket",
            asEngineProps({ bucket: "data-bucket-1a2b3c", forceDestroy: false, arn: UNKNOWN_STRING }),
        );
        const settings = [
            policyResource(
                "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                "own",
                asEngineProps({ bucket: UNKNOWN_STRING, rule: { objectOwnership: "BucketOwnerEnforced" } }),
            ),
            policyResource(
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "sse",
                asEngineProps({ bucket: UNKNOWN_STRING, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }),
            ),
            policyResource("aws:s3/bucketPolicy:BucketPolicy", "tls", asEngineProps({ bucket: UNKNOWN_STRING, policy: UNKNOWN_STRING })),
            ...(withBlock
                ? [
                      policyResource(
                          "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                          "pab",
                          asEngineProps({
                              bucket: UNKNOWN_STRING,
                              blockPublicAcls: true,
                              blockPublicPolicy: true,
                              ignorePublicAcls: true,
                              restrictPublicBuckets: true,
                          }),
                      ),
                  ]
                : []),
        ].map((r) => Object.assign(r, { dependencies: [bucket], propertyDependencies: { bucket: [bucket] } }));
        return [bucket, ...settings];
    }

    it("GIVEN a complete bucket at preview (unknown names and policy) WHEN validateStack runs THEN it passes: retainOnDelete is not visible to the pack", () => {
        expect(validateStack("bucket-private-encrypted-tls-retained", previewStack(true))).toEqual([]);
    });

    it("GIVEN a bucket without a public-access block WHEN validateStack runs THEN the violation names the bucket's URN", () => {
        expect(validateStack("bucket-private-encrypted-tls-retained", previewStack(false))).toEqual([
            { message: expect.stringContaining("has no BucketPublicAccessBlock"), urn: "urn:pulumi:dev::serverless-spark::aws:s3/bucket:Bucket::data-bucket" },
        ]);
    });

    it("GIVEN a ClusterRoleBinding of spark-driver WHEN validateStack runs THEN it is reported with its URN", () => {
        const crb = policyResource(
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
            "crb",
            asEngineProps({
                roleRef: { kind: "ClusterRole", name: "view" },
                subjects: [{ kind: "ServiceAccount", name: "spark-driver", namespace: "spark-jobs" }],
            }),
        );
        expect(validateStack("spark-rbac-namespaced", [crb])).toEqual([
            { message: expect.stringContaining("ClusterRoleBinding binds service account spark-jobs/spark-driver"), urn: crb.urn },
        ]);
    });

    it("GIVEN engine props with unknowns WHEN snapshot THEN they become [unknown] and the rest is copied", () => {
        expect(snapshot(asEngineProps({ a: UNKNOWN_STRING, b: [1, { c: UNKNOWN_STRING }], d: { e: "x" } }))).toEqual({
            a: "[unknown]",
            b: [1, { c: "[unknown]" }],
            d: { e: "x" },
        });
    });
});

describe("the policy folder as Pulumi installs it", () => {
    const policyDir = path.join(PROJECT_ROOT, "policy");
    const rootPackage = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"));
    const packPackage = JSON.parse(fs.readFileSync(path.join(policyDir, "package.json"), "utf8"));

    function sources(dir: string): string[] {
        return fs
            .readdirSync(dir, { withFileTypes: true })
            .flatMap((e) =>
                e.isDirectory() ? (e.name === "node_modules" ? [] : sources(path.join(dir, e.name))) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
            );
    }
    const specifiers = (file: string) =>
        [...fs.readFileSync(file, "utf8").matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)["']([^"']+)["']/g)].map((m) => m[1]!);

    it("GIVEN PulumiPolicy.yaml and package.json WHEN read THEN the runtime is nodejs and the SDK versions match the root's", () => {
        expect(parseYaml(fs.readFileSync(path.join(policyDir, "PulumiPolicy.yaml"), "utf8"))).toMatchObject({ runtime: "nodejs" });
        expect(packPackage.version).toMatch(/^\d+\.\d+\.\d+$/);
        expect(packPackage.dependencies["@pulumi/policy"]).toBe(rootPackage.devDependencies["@pulumi/policy"]);
        expect(packPackage.dependencies["@pulumi/pulumi"]).toBe(rootPackage.devDependencies["@pulumi/pulumi"]);
    });

    it("GIVEN every source file of the pack WHEN its imports are read THEN none leaves policy/ and the rules import no package at all", () => {
        const files = sources(policyDir);
        expect(files.length).toBeGreaterThan(5);
        for (const file of files) {
            for (const spec of specifiers(file)) {
                if (spec.startsWith(".")) {
                    expect(path.resolve(path.dirname(file), spec).startsWith(policyDir + path.sep), `${file}: ${spec}`).toBe(true);
                } else {
                    expect(path.relative(policyDir, file).startsWith("rules"), `${file} imports ${spec}`).toBe(false);
                    expect(Object.keys(packPackage.dependencies), `${file} imports ${spec}`).toContain(spec);
                }
            }
        }
    });
});

import "../../tools/plan/mock-outputs-alicloud-storage";

import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { childrenOf, mockRuntime, one, planOf, ref } from "../helpers/mocks";
import { list, O, ramDocuments } from "./oss-types";

let runtime: MockRuntime;
let mod: typeof import("../../components/storage/oss/storage");
let names: typeof import("../../components/storage/oss/bucket-name");

beforeAll(async () => {
    runtime = await mockRuntime({ config: { "alicloud:region": "cn-hangzhou" } });
    mod = await import("../../components/storage/oss/storage");
    names = await import("../../components/storage/oss/bucket-name");
});

function valueOf<T>(output: pulumi.Input<T>): Promise<T> {
    return new Promise((resolve) => pulumi.output(output).apply((v) => resolve(v as T)));
}

const handle = (name: string) => ({ name, namespace: new pulumi.ComponentResource("test:index:Namespace", `ns-${name}`) });
const ROLE_NAME = /^[a-z0-9-]{1,56}-[0-9a-f]{7}$/;

describe("OssStorage: the bucket", () => {
    it("GIVEN defaults WHEN declared THEN a private, encrypted, TLS-only bucket is kept on destroy, with one role per namespace and the sample objects", async () => {
        const storage = new mod.OssStorage("data", { jobNamespaces: ["etl", "adhoc"], wordCountText: "to be or not to be\n" });
        const plan = await planOf(runtime);
        expect(childrenOf(plan, { type: O.ossStorage, name: "data" })).toEqual(
            [
                ref(O.bucket, "data-bucket"),
                ref(O.publicAccessBlock, "data-public-access"),
                ref(O.acl, "data-acl"),
                ref(O.encryption, "data-encryption"),
                ref(O.bucketPolicy, "data-tls-only"),
                ref(O.role, "data-etl"),
                ref(O.role, "data-adhoc"),
                ref(O.policy, "data-etl"),
                ref(O.policy, "data-adhoc"),
                ref(O.attachment, "data-etl"),
                ref(O.attachment, "data-adhoc"),
                ref(O.bucketObject, "data-etl-spark-events"),
                ref(O.bucketObject, "data-adhoc-spark-events"),
                ref(O.bucketObject, "data-wordcount-input"),
            ].sort(),
        );

        const bucketName = await valueOf(storage.bucketName);
        expect(bucketName).toMatch(/^data-[0-9a-f]{10}$/);
        expect(bucketName).toBe(names.derivedBucketName("data", { organization: "", project: "serverless-spark", stack: "test" }));
        // Each namespace's rolling event logs expire after 30 days (the History Server only reads);
        // the `.keep` markers are outside the rules' prefixes.
        expect(one(plan, O.bucket, "data-bucket").inputs).toEqual({
            bucket: bucketName,
            forceDestroy: false,
            lifecycleRules: [
                { id: "expire-spark-events-adhoc", prefix: "namespaces/adhoc/spark-events/eventlog_v2_", enabled: true, expirations: [{ days: 30 }] },
                { id: "expire-spark-events-etl", prefix: "namespaces/etl/spark-events/eventlog_v2_", enabled: true, expirations: [{ days: 30 }] },
            ],
        });
        expect(storage.eventLogExpiry).toEqual({ by: "lifecycle", maxAgeDays: 30 });
        expect(one(plan, O.publicAccessBlock, "data-public-access").inputs).toEqual({ bucket: bucketName, blockPublicAccess: true });
        expect(one(plan, O.acl, "data-acl").inputs).toEqual({ bucket: bucketName, acl: "private" });
        expect(one(plan, O.encryption, "data-encryption").inputs).toEqual({ bucket: bucketName, sseAlgorithm: "AES256" });
        expect(JSON.parse(one(plan, O.bucketPolicy, "data-tls-only").inputs.policy as string)).toEqual({
            Version: "1",
            Statement: [
                {
                    Effect: "Deny",
                    Principal: ["*"],
                    Action: ["oss:*"],
                    Resource: [`acs:oss:*:*:${bucketName}`, `acs:oss:*:*:${bucketName}/*`],
                    Condition: { Bool: { "acs:SecureTransport": ["false"] } },
                },
            ],
        });
        for (const [type, name] of [
            [O.bucket, "data-bucket"],
            [O.publicAccessBlock, "data-public-access"],
            [O.acl, "data-acl"],
            [O.encryption, "data-encryption"],
            [O.bucketPolicy, "data-tls-only"],
        ] as const) {
            expect(one(plan, type, name).retainOnDelete).toBe(true);
        }
        // The settings change the bucket one at a time.
        expect(one(plan, O.acl, "data-acl").dependsOn).toContain(ref(O.publicAccessBlock, "data-public-access"));
        expect(one(plan, O.encryption, "data-encryption").dependsOn).toContain(ref(O.acl, "data-acl"));
        expect(one(plan, O.bucketPolicy, "data-tls-only").dependsOn).toContain(ref(O.encryption, "data-encryption"));
        expect(one(plan, O.role, "data-etl").retainOnDelete).toBe(false);
        expect(one(plan, O.bucketObject, "data-etl-spark-events").retainOnDelete).toBe(false);

        expect(one(plan, O.bucketObject, "data-etl-spark-events").inputs).toMatchObject({ bucket: bucketName, key: "namespaces/etl/spark-events/.keep" });
        expect(one(plan, O.bucketObject, "data-adhoc-spark-events").inputs).toMatchObject({ bucket: bucketName, key: "namespaces/adhoc/spark-events/.keep" });
        expect(one(plan, O.bucketObject, "data-etl-spark-events").inputs.content).not.toBe("");
        const adhoc = JSON.parse(one(plan, O.policy, "data-adhoc").inputs.policyDocument as string);
        const b = `acs:oss:*:*:${bucketName}`;
        expect(adhoc.Statement).toEqual([
            { Effect: "Allow", Action: ["oss:ListObjects"], Resource: [b], Condition: { StringLike: { "oss:Prefix": ["namespaces/adhoc/*", "samples/*"] } } },
            { Effect: "Allow", Action: ["oss:ListMultipartUploads", "oss:GetBucketInfo", "oss:GetBucketLocation"], Resource: [b] },
            {
                Effect: "Allow",
                Action: ["oss:GetObject", "oss:PutObject", "oss:DeleteObject", "oss:AbortMultipartUpload", "oss:ListParts"],
                Resource: [`${b}/namespaces/adhoc`, `${b}/namespaces/adhoc/*`],
            },
            { Effect: "Allow", Action: ["oss:GetObject"], Resource: [`${b}/samples/*`] },
        ]);
        const wordCount = one(plan, O.bucketObject, "data-wordcount-input");
        expect(wordCount.inputs).toMatchObject({ bucket: bucketName, key: "samples/wordcount/input.txt", content: "to be or not to be\n" });
        expect(wordCount.dependsOn).toContain(ref(O.bucketPolicy, "data-tls-only"));
        expect(await valueOf(storage.wordCountInput!)).toBe(`oss://${bucketName}/samples/wordcount/input.txt`);
        expect(await valueOf(storage.dataRoot)).toBe(`oss://${bucketName}`);
        expect(await valueOf(storage.namespaceDataRoot("etl"))).toBe(`oss://${bucketName}/namespaces/etl`);
        expect(storage.type).toBe("oss");
        expect(await valueOf(storage.bucket!.intranetEndpoint)).toBe("oss-cn-hangzhou-internal.aliyuncs.com");
    });

    it("GIVEN retainOnDestroy false, versioning and a KMS key WHEN declared THEN nothing is retained, versioning is on and SSE uses the key", async () => {
        new mod.OssStorage("scratch", {
            jobNamespaces: ["etl"],
            bucket: "my-scratch-data",
            retainOnDestroy: false,
            versioning: true,
            kmsKeyId: "key-0123abcd",
        });
        const plan = await planOf(runtime);
        const bucketResources = plan.resources.filter(
            (r) => r.parent === ref(O.ossStorage, "scratch") && r.type.startsWith("alicloud:oss/bucket") && r.type !== O.bucketObject,
        );
        expect(bucketResources.map((r) => r.type).sort()).toEqual([O.bucket, O.acl, O.bucketPolicy, O.publicAccessBlock, O.encryption, O.versioning].sort());
        bucketResources.forEach((r) => expect(r.retainOnDelete).toBe(false));
        expect(one(plan, O.bucket, "scratch-bucket").inputs.bucket).toBe("my-scratch-data");
        expect(one(plan, O.versioning, "scratch-versioning").inputs).toEqual({ bucket: "my-scratch-data", status: "Enabled" });
        expect(one(plan, O.versioning, "scratch-versioning").dependsOn).toContain(ref(O.bucketPolicy, "scratch-tls-only"));
        expect(one(plan, O.encryption, "scratch-encryption").inputs).toEqual({
            bucket: "my-scratch-data",
            sseAlgorithm: "KMS",
            kmsMasterKeyId: "key-0123abcd",
        });
        const access = JSON.parse(one(plan, O.policy, "scratch-etl").inputs.policyDocument as string);
        expect(access.Statement[4]).toEqual({
            Effect: "Allow",
            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
            Resource: ["acs:kms:cn-hangzhou:*:key/key-0123abcd"],
        });
    });

    it("GIVEN an existing bucket WHEN declared THEN no bucket resource is made and the roles are scoped to it", async () => {
        const storage = new mod.OssStorage("theirs", { jobNamespaces: ["etl"], existingBucket: "corp-data-lake" });
        const plan = await planOf(runtime);
        expect(childrenOf(plan, { type: O.ossStorage, name: "theirs" })).toEqual(
            [ref(O.role, "theirs-etl"), ref(O.policy, "theirs-etl"), ref(O.attachment, "theirs-etl"), ref(O.bucketObject, "theirs-etl-spark-events")].sort(),
        );
        const access = JSON.parse(one(plan, O.policy, "theirs-etl").inputs.policyDocument as string);
        expect(access.Statement.map((s: { Resource: string[] }) => s.Resource)).toEqual([
            ["acs:oss:*:*:corp-data-lake"],
            ["acs:oss:*:*:corp-data-lake"],
            ["acs:oss:*:*:corp-data-lake/namespaces/etl", "acs:oss:*:*:corp-data-lake/namespaces/etl/*"],
            ["acs:oss:*:*:corp-data-lake/samples/*"],
        ]);
        expect(one(plan, O.bucketObject, "theirs-etl-spark-events").inputs.bucket).toBe("corp-data-lake");
        expect(one(plan, O.bucketObject, "theirs-etl-spark-events").dependsOn).toEqual([]);
        expect(storage.bucket).toBeUndefined();
        expect(storage.wordCountInput).toBeUndefined();
        expect(await valueOf(storage.dataRoot)).toBe("oss://corp-data-lake");
        // No lifecycle rules: PutBucketLifecycle would replace the owner's.
        expect(storage.eventLogExpiry).toEqual({ by: "owner" });
    });
});

describe("OssStorage: one RAM role per job namespace", () => {
    it("GIVEN two namespaces WHEN declared THEN each role trusts only the ECS service and its custom policy allows only JindoSDK's actions on this bucket", async () => {
        const storage = new mod.OssStorage("lake", { jobNamespaces: ["etl", "adhoc"], bucket: "lake-data-2026" });
        const plan = await planOf(runtime);
        const roleNames = new Set<string>();
        for (const ns of ["etl", "adhoc"]) {
            const role = one(plan, O.role, `lake-${ns}`);
            const roleName = role.inputs.roleName as string;
            expect(roleName).toMatch(new RegExp(`^lake-${ns}-[0-9a-f]{7}$`));
            expect(roleName).toBe(storage.access[ns]!.roleName);
            roleNames.add(roleName);
            expect(JSON.parse(role.inputs.assumeRolePolicyDocument as string)).toEqual({
                Version: "1",
                Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: ["ecs.aliyuncs.com"] } }],
            });
            expect(role.inputs.document).toBeUndefined();
            expect(role.inputs.name).toBeUndefined();

            const policy = one(plan, O.policy, `lake-${ns}`);
            expect(policy.inputs.policyName).toBe(roleName);
            // Each namespace's policy names its own prefix only.
            const resources = JSON.parse(policy.inputs.policyDocument as string).Statement.flatMap((st: { Resource: string[] }) => st.Resource);
            expect(resources).toContain(`acs:oss:*:*:lake-data-2026/namespaces/${ns}/*`);
            expect(resources.filter((r: string) => r.includes("/namespaces/") && !r.includes(`/namespaces/${ns}`))).toEqual([]);
            expect(one(plan, O.attachment, `lake-${ns}`).inputs).toEqual({ roleName, policyName: roleName, policyType: "Custom" });
            expect(await valueOf(storage.access[ns]!.role.arn)).toBe(`acs:ram::1234567890123456:role/${roleName}`);
        }
        expect(roleNames.size).toBe(2);
    });

    it("GIVEN a long component name and namespace WHEN roles are named THEN names fit RAM's 64 characters and stay distinct", async () => {
        const longNs = `n${"x".repeat(61)}`;
        const storage = new mod.OssStorage("a-very-long-storage-component-name", { jobNamespaces: [`${longNs}a`, `${longNs}b`], bucket: "long-names-bucket" });
        const [a, b] = [storage.access[`${longNs}a`]!.roleName, storage.access[`${longNs}b`]!.roleName];
        for (const roleName of [a, b]) {
            expect(roleName.length).toBeLessThanOrEqual(64);
            expect(roleName).toMatch(ROLE_NAME);
            expect(roleName.startsWith("a-very-long-storage-component-name-n")).toBe(true);
        }
        expect(a).not.toBe(b);
        await planOf(runtime);
    });

    it("GIVEN every storage declared WHEN its policies are parsed THEN no Allow has a * action or a bare * resource, and oss:* appears only in the TLS Deny", async () => {
        const plan = await planOf(runtime);
        expect(plan.unknowns).toBe(0);
        const docs = ramDocuments(plan);
        expect(docs.length).toBeGreaterThan(8);
        for (const { type, statements } of docs) {
            for (const s of statements) {
                if (s.Effect === "Allow") {
                    list(s.Action).forEach((a) => expect(a).not.toContain("*"));
                    list(s.Resource).forEach((r) => expect(r).not.toBe("*"));
                }
                if (list(s.Action).includes("oss:*")) {
                    expect(type).toBe(O.bucketPolicy);
                    expect(s.Effect).toBe("Deny");
                    expect(s.Condition).toEqual({ Bool: { "acs:SecureTransport": ["false"] } });
                }
            }
        }
    });
});

describe("OssStorage: what jobs get", () => {
    it("GIVEN a job namespace WHEN jobs are wired THEN they get the namespace's ECI role annotation, JindoSDK settings, packages, repository and event logs", async () => {
        const storage = new mod.OssStorage("wired", { jobNamespaces: ["etl"], bucket: "wired-data", region: "ap-southeast-1", wordCountText: "a b a\n" });
        expect(storage.serviceAccountAnnotations("etl")).toEqual({});
        expect(storage.namespaceLabels("etl")).toEqual({});

        const integration = storage.integrate(handle("etl"), {});
        expect(integration.source).toBe("storage");
        expect(integration.podAnnotations).toEqual({ "k8s.aliyun.com/eci-ram-role-name": storage.access.etl!.roleName });
        expect(integration.hadoopConf).toEqual({
            "fs.oss.impl": "com.aliyun.jindodata.oss.JindoOssFileSystem",
            "fs.AbstractFileSystem.oss.impl": "com.aliyun.jindodata.oss.OSS",
            "fs.oss.endpoint": "oss-ap-southeast-1-internal.aliyuncs.com",
            "fs.oss.https.enable": "true",
            "fs.oss.credentials.provider": "com.aliyun.jindodata.oss.auth.EcsStsCredentialsProvider",
            // JindoSDK's native pool capped, and the same room added to every pod's overhead.
            "fs.oss.memory.pool.size.max.mb": "1024",
            "fs.oss.memory.buffer.size.max.mb": "1024",
            "mapreduce.fileoutputcommitter.algorithm.version": "2",
        });
        const { "spark.eventLog.dir": eventLogDir, ...sparkConf } = integration.sparkConf!;
        // No Ivy setting here: the job spec sets `spark.jars.ivy` whenever it fetches packages (test/jobs/spark-job.test.ts).
        expect(sparkConf).toEqual({
            "spark.eventLog.enabled": "true",
            "spark.eventLog.rolling.enabled": "true",
            "spark.eventLog.rolling.maxFileSize": "64m",
        });
        expect(await valueOf(eventLogDir!)).toBe("oss://wired-data/namespaces/etl/spark-events/");
        expect(integration.deps).toEqual({
            packages: ["com.aliyun.jindodata:jindo-core:6.10.7", "com.aliyun.jindodata:jindo-sdk:6.10.7"],
            repositories: ["https://jindodata-binary.oss-cn-shanghai.aliyuncs.com/mvn-repo/"],
        });
        const access = storage.access.etl!;
        expect(integration.dependsOn).toEqual([access.role, access.policy, access.attachment, storage.eventLogDirectories.etl, storage.wordCountObject]);
        expect(integration.nativeMemoryMiB).toBe(1024);
        expect(integration.driverSecrets).toBeUndefined();
        expect(integration.configMapMounts).toBeUndefined();
        await planOf(runtime);
    });

    it("GIVEN a JindoSDK version WHEN jobs are wired THEN both packages use it", async () => {
        const storage = new mod.OssStorage("pinned", { jobNamespaces: ["etl"], existingBucket: "pinned-data", jindoVersion: "6.9.1" });
        expect(storage.integrate(handle("etl"), {}).deps!.packages).toEqual(["com.aliyun.jindodata:jindo-core:6.9.1", "com.aliyun.jindodata:jindo-sdk:6.9.1"]);
        await planOf(runtime);
    });

    it("GIVEN a namespace the storage does not know WHEN asked for it THEN one clear error", async () => {
        const storage = new mod.OssStorage("known", { jobNamespaces: ["etl"], existingBucket: "known-data" });
        const message = 'namespace: got "other", which has no OSS role, expected one of the storage\'s job namespaces: etl';
        expect(() => storage.integrate(handle("other"), {})).toThrow(message);
        expect(() => storage.serviceAccountAnnotations("other")).toThrow(message);
        expect(() => storage.namespaceLabels("other")).toThrow(message);
        await planOf(runtime);
    });
});

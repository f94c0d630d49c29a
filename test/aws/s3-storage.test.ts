import "../../tools/plan/mock-outputs-aws";

import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { childrenOf, mockRuntime, one, planOf, ref } from "../helpers/mocks";
import { A, iamDocuments, list } from "./aws-types";

let runtime: MockRuntime;
let mod: typeof import("../../components/aws");

beforeAll(async () => {
    runtime = await mockRuntime({ config: { "aws:region": "us-east-1" } });
    mod = await import("../../components/aws");
});

function valueOf<T>(output: pulumi.Input<T>): Promise<T> {
    return new Promise((resolve) => pulumi.output(output).apply((v) => resolve(v as T)));
}

const ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
const irsa = { oidcProviderArn: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`, oidcIssuerUrl: `https://${ISSUER}` };
const handle = (name: string) => ({ name, namespace: new pulumi.ComponentResource("test:index:Namespace", `ns-${name}`) });

describe("S3Storage", () => {
    it("GIVEN defaults WHEN declared THEN a protected bucket, one IRSA role per namespace and the sample objects are its children", async () => {
        const storage = new mod.S3Storage("data", { jobNamespaces: ["etl", "adhoc"], irsa, wordCountText: "to be or not to be\n" });
        const plan = await planOf(runtime);
        expect(childrenOf(plan, { type: A.s3Storage, name: "data" })).toEqual(
            [
                ref(A.bucket, "data-bucket"),
                ref(A.publicAccessBlock, "data-public-access"),
                ref(A.ownershipControls, "data-ownership"),
                ref(A.encryption, "data-encryption"),
                ref(A.bucketPolicy, "data-tls-only"),
                ref("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "data-lifecycle"),
                ref(A.role, "data-etl"),
                ref(A.role, "data-adhoc"),
                ref(A.rolePolicy, "data-etl"),
                ref(A.rolePolicy, "data-adhoc"),
                ref(A.bucketObject, "data-etl-spark-events"),
                ref(A.bucketObject, "data-adhoc-spark-events"),
                ref(A.bucketObject, "data-wordcount-input"),
            ].sort(),
        );

        const bucketName = await valueOf(storage.bucketName);
        expect(bucketName).toMatch(/^data-bucket-[0-9a-f]{7}$/);
        const arn = `arn:aws:s3:::${bucketName}`;
        for (const [type, name] of [
            [A.bucket, "data-bucket"],
            [A.publicAccessBlock, "data-public-access"],
            [A.ownershipControls, "data-ownership"],
            [A.encryption, "data-encryption"],
            [A.bucketPolicy, "data-tls-only"],
            ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "data-lifecycle"],
        ] as const) {
            expect(one(plan, type, name).retainOnDelete).toBe(true);
        }
        // Incomplete multipart uploads are aborted after 7 days by default, and each namespace's rolling
        // event logs expire after 30 (the History Server only reads), the directory markers outside the rules.
        expect(one(plan, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "data-lifecycle").inputs).toMatchObject({
            rules: [
                {
                    id: "abort-incomplete-multipart-uploads",
                    status: "Enabled",
                    filter: { prefix: "" },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                },
                {
                    id: "expire-spark-events-adhoc",
                    status: "Enabled",
                    filter: { prefix: "namespaces/adhoc/spark-events/eventlog_v2_" },
                    expiration: { days: 30 },
                },
                {
                    id: "expire-spark-events-etl",
                    status: "Enabled",
                    filter: { prefix: "namespaces/etl/spark-events/eventlog_v2_" },
                    expiration: { days: 30 },
                },
            ],
        });
        for (const ns of ["etl", "adhoc"]) {
            const marker = one(plan, A.bucketObject, `data-${ns}-spark-events`).inputs.key as string;
            expect(marker.startsWith(`namespaces/${ns}/spark-events/eventlog_v2_`)).toBe(false);
        }
        expect(storage.eventLogExpiry).toEqual({ by: "lifecycle", maxAgeDays: 30 });
        expect(one(plan, A.role, "data-etl").retainOnDelete).toBe(false);
        expect(one(plan, A.bucket, "data-bucket").inputs).toEqual({ region: "us-east-1", forceDestroy: false });
        expect(one(plan, A.publicAccessBlock, "data-public-access").inputs).toEqual({
            region: "us-east-1",
            bucket: bucketName,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        expect(one(plan, A.ownershipControls, "data-ownership").inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
        expect(one(plan, A.encryption, "data-encryption").inputs.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
        expect(JSON.parse(one(plan, A.bucketPolicy, "data-tls-only").inputs.policy as string).Statement).toEqual([
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [arn, `${arn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ]);

        const trust = JSON.parse(one(plan, A.role, "data-etl").inputs.assumeRolePolicy as string);
        expect(trust.Statement).toEqual([
            {
                Effect: "Allow",
                Principal: { Federated: irsa.oidcProviderArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${ISSUER}:sub`]: ["system:serviceaccount:etl:spark-driver", "system:serviceaccount:etl:spark-executor"],
                        [`${ISSUER}:aud`]: "sts.amazonaws.com",
                    },
                },
            },
        ]);
        const access = JSON.parse(one(plan, A.rolePolicy, "data-adhoc").inputs.policy as string);
        // The namespace's own prefix, read-only shared inputs; what this allows and denies is evaluated in s3-isolation.test.ts.
        expect(access.Statement).toEqual([
            {
                Sid: "SparkListOwnAndSharedPrefixes",
                Effect: "Allow",
                Action: "s3:ListBucket",
                Resource: arn,
                Condition: { StringLike: { "s3:prefix": ["namespaces/adhoc/*", "samples/*"] } },
            },
            { Sid: "SparkBucketMetadata", Effect: "Allow", Action: ["s3:ListBucketMultipartUploads", "s3:GetBucketLocation"], Resource: arn },
            {
                Sid: "SparkReadWriteOwnPrefix",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
                Resource: [`${arn}/namespaces/adhoc`, `${arn}/namespaces/adhoc/*`],
            },
            { Sid: "SparkReadSharedInputs", Effect: "Allow", Action: "s3:GetObject", Resource: `${arn}/samples/*` },
        ]);
        expect(one(plan, A.rolePolicy, "data-adhoc").inputs.role).toMatch(/^data-adhoc-/);

        expect(one(plan, A.bucketObject, "data-etl-spark-events").inputs).toMatchObject({
            bucket: bucketName,
            key: "namespaces/etl/spark-events/",
            content: "",
        });
        expect(one(plan, A.bucketObject, "data-adhoc-spark-events").inputs).toMatchObject({
            bucket: bucketName,
            key: "namespaces/adhoc/spark-events/",
            content: "",
        });
        expect(one(plan, A.bucketObject, "data-wordcount-input").inputs).toMatchObject({
            bucket: bucketName,
            key: "samples/wordcount/input.txt",
            content: "to be or not to be\n",
        });
        expect(one(plan, A.bucketObject, "data-wordcount-input").dependsOn).toContain(ref(A.bucketPolicy, "data-tls-only"));
        expect(await valueOf(storage.wordCountInput!)).toBe(`s3a://${bucketName}/samples/wordcount/input.txt`);
        expect(await valueOf(storage.dataRoot)).toBe(`s3a://${bucketName}`);
        expect(await valueOf(storage.namespaceDataRoot("adhoc"))).toBe(`s3a://${bucketName}/namespaces/adhoc`);
        expect(() => storage.namespaceDataRoot("other")).toThrow('namespace: got "other", which has no S3 role');
        expect(storage.type).toBe("s3");
    });

    it("GIVEN downloadConnector WHEN jobs are wired THEN they get hadoop-aws 3.3.4 and the SDK v1 bundle as packages, and samples keep the stock image", async () => {
        const storage = new mod.S3Storage("dl", { jobNamespaces: ["etl"], irsa, region: "eu-central-1", downloadConnector: true });
        expect(storage.integrate(handle("etl"), {}).deps).toEqual({
            packages: ["org.apache.hadoop:hadoop-aws:3.3.4", "com.amazonaws:aws-java-sdk-bundle:1.12.262"],
        });
        expect(storage.sampleImage).toBeUndefined();
    });

    it("GIVEN a job namespace WHEN its service accounts and jobs are wired THEN IRSA annotates both and jobs get S3A for the image's own connector and event logs, no packages", async () => {
        const storage = new mod.S3Storage("wired", { jobNamespaces: ["etl"], irsa, region: "eu-central-1" });
        const annotations = await valueOf(storage.serviceAccountAnnotations("etl"));
        expect(await valueOf(annotations["eks.amazonaws.com/role-arn"]!)).toMatch(/^arn:aws:iam::123456789012:role\/wired-etl-[0-9a-f]{7}$/);
        expect(annotations["eks.amazonaws.com/sts-regional-endpoints"]).toBe("true");
        expect(storage.namespaceLabels("etl")).toEqual({});

        const integration = storage.integrate(handle("etl"), {});
        const bucketName = await valueOf(storage.bucketName);
        expect(integration.source).toBe("storage");
        expect(integration.hadoopConf).toEqual({
            "fs.s3a.impl": "org.apache.hadoop.fs.s3a.S3AFileSystem",
            "fs.s3a.aws.credentials.provider": "com.amazonaws.auth.WebIdentityTokenCredentialsProvider",
            // Hadoop 3.4 (SDK v2) images load the v2 class for it; Hadoop 3.3 ignores the key.
            "fs.s3a.aws.credentials.provider.mapping":
                "com.amazonaws.auth.WebIdentityTokenCredentialsProvider=software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider",
            "fs.s3a.endpoint": "s3.eu-central-1.amazonaws.com",
            "fs.s3a.endpoint.region": "eu-central-1",
            "fs.s3a.path.style.access": "false",
            "fs.s3a.fast.upload": "true",
            "fs.s3a.fast.upload.buffer": "disk",
            "fs.s3a.multipart.size": "128M",
            "fs.s3a.threads.max": "40",
            "fs.s3a.connection.maximum": "100",
            "fs.s3a.directory.marker.retention": "keep",
            "mapreduce.fileoutputcommitter.algorithm.version": "1",
        });
        const { "spark.eventLog.dir": eventLogDir, ...sparkConf } = integration.sparkConf!;
        // No Ivy setting here: the job spec sets `spark.jars.ivy` whenever it fetches packages (test/jobs/spark-job.test.ts).
        expect(sparkConf).toEqual({
            "spark.eventLog.enabled": "true",
            "spark.eventLog.rolling.enabled": "true",
            "spark.eventLog.rolling.maxFileSize": "64m",
        });
        expect(await valueOf(eventLogDir!)).toBe(`s3a://${bucketName}/namespaces/etl/spark-events/`);
        expect(integration.deps).toBeUndefined();
        expect(storage.sampleImage).toBe("public.ecr.aws/data-on-eks/spark3.5.3-scala2.12-java17-python3-ubuntu-tpcds:v2");
        expect(integration.dependsOn).toEqual([storage.roles.etl, storage.rolePolicies.etl, storage.eventLogDirectories.etl]);
        expect(() => storage.serviceAccountAnnotations("other")).toThrow(
            'namespace: got "other", which has no S3 role, expected one of the storage\'s job namespaces: etl',
        );
    });

    it("GIVEN retainOnDestroy false and versioning WHEN declared THEN nothing is retained and versioning is enabled", async () => {
        new mod.S3Storage("scratch", { jobNamespaces: ["etl"], irsa, bucket: "my-scratch-data", retainOnDestroy: false, versioning: true });
        const plan = await planOf(runtime);
        const bucketResources = plan.resources.filter((r) => r.parent === ref(A.s3Storage, "scratch") && r.type.startsWith("aws:s3/bucket"));
        expect(bucketResources.map((r) => r.type)).toContain(A.versioning);
        bucketResources.forEach((r) => expect(r.retainOnDelete).toBe(false));
        expect(one(plan, A.bucket, "scratch-bucket").inputs.bucket).toBe("my-scratch-data");
        expect(one(plan, A.versioning, "scratch-versioning").inputs).toMatchObject({
            bucket: "my-scratch-data",
            versioningConfiguration: { status: "Enabled" },
        });
    });

    it("GIVEN an existing bucket WHEN declared THEN no bucket resource is made and roles are scoped to it", async () => {
        const storage = new mod.S3Storage("theirs", { jobNamespaces: ["etl"], irsa, existingBucket: "corp.data-lake" });
        const plan = await planOf(runtime);
        expect(childrenOf(plan, { type: A.s3Storage, name: "theirs" })).toEqual(
            [ref(A.role, "theirs-etl"), ref(A.rolePolicy, "theirs-etl"), ref(A.bucketObject, "theirs-etl-spark-events")].sort(),
        );
        const access = JSON.parse(one(plan, A.rolePolicy, "theirs-etl").inputs.policy as string);
        expect(access.Statement.map((s: { Resource: string }) => s.Resource)).toEqual([
            "arn:aws:s3:::corp.data-lake",
            "arn:aws:s3:::corp.data-lake",
            ["arn:aws:s3:::corp.data-lake/namespaces/etl", "arn:aws:s3:::corp.data-lake/namespaces/etl/*"],
            "arn:aws:s3:::corp.data-lake/samples/*",
        ]);
        expect(storage.integrate(handle("etl"), {}).hadoopConf!["fs.s3a.path.style.access"]).toBe("true");
        expect(storage.wordCountInput).toBeUndefined();
        // No lifecycle configuration: S3 keeps one per bucket, and the owner's stays theirs.
        expect(plan.resources.some((r) => r.type === "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration" && r.name.startsWith("theirs"))).toBe(
            false,
        );
        expect(storage.eventLogExpiry).toEqual({ by: "owner" });
    });

    it("GIVEN eventLogMaxAgeDays WHEN a bucket is created THEN each namespace's expiry rule uses it", async () => {
        const storage = new mod.S3Storage("brief", { jobNamespaces: ["etl"], irsa, eventLogMaxAgeDays: 7 });
        const plan = await planOf(runtime);
        const rules = one(plan, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "brief-lifecycle").inputs.rules as { id: string }[];
        expect(rules.find((r) => r.id === "expire-spark-events-etl")).toEqual({
            id: "expire-spark-events-etl",
            status: "Enabled",
            filter: { prefix: "namespaces/etl/spark-events/eventlog_v2_" },
            expiration: { days: 7 },
        });
        expect(storage.eventLogExpiry).toEqual({ by: "lifecycle", maxAgeDays: 7 });
    });

    it("GIVEN every storage declared WHEN its IAM policies are parsed THEN no Allow has a * action or a * resource", async () => {
        const plan = await planOf(runtime);
        const docs = iamDocuments(plan);
        expect(docs.length).toBeGreaterThan(5);
        for (const { statements } of docs) {
            for (const s of statements.filter((st) => st.Effect === "Allow")) {
                list(s.Action).forEach((a) => expect(a).not.toContain("*"));
                list(s.Resource).forEach((r) => expect(r).not.toBe("*"));
            }
        }
    });

    it.each([
        [{ bucket: "My_Bucket" }, 'bucket: got "My_Bucket", expected an S3 bucket name'],
        [{ bucket: "ab" }, 'bucket: got "ab"'],
        [{ bucket: "data.lake" }, 'bucket: got "data.lake" (dots break S3A\'s HTTPS access to a new bucket)'],
        [{ bucket: "xn--data" }, 'bucket: got "xn--data" (the prefix xn-- is reserved)'],
        [{ bucket: "data-s3alias" }, "(the suffix -s3alias is reserved)"],
        [{ existingBucket: "192.168.1.10" }, 'existingBucket: got "192.168.1.10" (formatted as an IP address)'],
        [{ existingBucket: "a..b" }, "(two adjacent dots)"],
        [{ bucket: "one", existingBucket: "two" }, "existingBucket: is set together with bucket, expected either a bucket to create or an existing one"],
        [{ existingBucket: "theirs", versioning: true }, "versioning: is set for an existing bucket"],
        [
            { existingBucket: "theirs", eventLogMaxAgeDays: 30 },
            "eventLogMaxAgeDays: is set for an existing bucket, expected it only for a bucket this package creates",
        ],
        [{ eventLogMaxAgeDays: 0 }, "eventLogMaxAgeDays: got 0, expected a whole number of days from 1 to 3650"],
        [{ eventLogMaxAgeDays: 1.5 }, "eventLogMaxAgeDays: got 1.5, expected a whole number of days from 1 to 3650"],
        [{ region: "mars-1" }, 'region: got "mars-1"'],
        [{ jobNamespaces: ["Bad"] }, 'jobNamespaces[0]: got "Bad"'],
    ])("GIVEN %j WHEN declared THEN one clear error and nothing registered", async (args, message) => {
        const before = runtime.registrations.length;
        expect(() => new mod.S3Storage("bad", { jobNamespaces: ["etl"], irsa, ...args } as any)).toThrow(message);
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);
    });

    it("GIVEN no bucket name and a component name that cannot start one WHEN declared THEN the error asks for a bucket name", () => {
        expect(() => new mod.S3Storage("Data", { jobNamespaces: ["etl"], irsa })).toThrow(
            'bucket: not set, and the component name "Data" cannot start a bucket name',
        );
    });
});

import * as path from "path";
import { describe, expect, it } from "vitest";

import { AWS_CONFIG_KEYS, AwsNamespaces, resolveAwsConfig as resolveAwsInput } from "../../components/platforms/config/aws";
import { readStackFile, toEngineConfig } from "../../tools/plan/stack-config";
import { cloudInput } from "../helpers/cloud-config";
import { PROJECT_ROOT, shippedStackValues } from "../helpers/plan-cli";

const STACK_FILE = path.join(PROJECT_ROOT, "stacks", "Pulumi.aws.yaml");

/** Raw config as the engine passes it: fully-qualified keys, structured values JSON-encoded. */
function raw(values: Record<string, unknown>): Record<string, string> {
    return toEngineConfig({ "aws:region": "us-east-1", ...values });
}

/** The resolver given an engine config map's AWS keys. */
const resolveAwsConfig = (engine: Record<string, string>, namespaces?: AwsNamespaces) => resolveAwsInput(cloudInput("aws", engine), namespaces);

describe("resolveAwsConfig", () => {
    it("GIVEN only aws:region WHEN resolved THEN every default applies", () => {
        expect(resolveAwsConfig({ "aws:region": "eu-west-1" })).toEqual({
            region: "eu-west-1",
            cluster: {
                name: "serverless-spark",
                version: "1.36",
                publicEndpoint: false,
                publicAccessCidrs: [],
                privateAccessCidrs: [],
                adminPrincipalArn: undefined,
                logRetentionDays: 90,
                controlPlaneLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
                upgradePolicy: "STANDARD",
                adoptLogGroup: false,
                prometheusScraper: false,
                prometheusWorkspaceArn: undefined,
            },
            network: {},
            storage: {},
        });
    });

    it("GIVEN the shipped stack file WHEN resolved THEN it is valid and keeps what it says", () => {
        const config = resolveAwsConfig(toEngineConfig(shippedStackValues("aws")), {
            jobNamespaces: ["spark-jobs"],
            operatorNamespace: "spark-operator",
        });
        expect(config.region).toBe("us-east-1");
        expect(config.cluster).toMatchObject({ name: "serverless-spark", publicEndpoint: true, publicAccessCidrs: ["1.2.3.4/32"] });
        expect(config.network).toEqual({ natGateways: "single" });
        expect(config.storage).toEqual({ retainOnDestroy: true, versioning: false });
    });

    it("GIVEN an existing VPC and an existing bucket WHEN resolved THEN they are taken as given", () => {
        const network = {
            vpcId: "vpc-0a1b2c3d4e5f67890",
            privateSubnetIds: ["subnet-0a1b2c3d4e5f67890", "subnet-0fedcba9876543210"],
            publicSubnetIds: ["subnet-0123456789abcdef0"],
        };
        const config = resolveAwsConfig(raw({ "serverless-spark:network": network, "serverless-spark:storage": { existingBucket: "corp.data-lake" } }));
        expect(config.network).toEqual(network);
        expect(config.storage).toEqual({ existingBucket: "corp.data-lake" });
    });

    it("GIVEN the shipped stack file without its user's admin network WHEN resolved THEN it fails naming cluster.publicAccessCidrs (the file has no default CIDR)", () => {
        expect(() => resolveAwsConfig(toEngineConfig(readStackFile(STACK_FILE, "--stack")))).toThrow(
            "cluster.publicAccessCidrs: got nothing, expected 1 to 40 IPv4 CIDRs allowed to reach the public endpoint",
        );
    });

    it("GIVEN cluster.adoptLogGroup WHEN resolved THEN the stack adopts the log group a destroyed cluster left", () => {
        expect(resolveAwsConfig(raw({ "serverless-spark:cluster": { adoptLogGroup: true } })).cluster.adoptLogGroup).toBe(true);
    });

    it("GIVEN other projects' keys WHEN resolved THEN they are ignored", () => {
        expect(() => resolveAwsConfig(raw({ "serverless-spark:cloud": "aws", "serverless-spark:samples": ["wordcount"], "aws:profile": "dev" }))).not.toThrow();
    });

    it("GIVEN the exported key schemas WHEN listed THEN they are the three structured project keys", () => {
        expect(Object.keys(AWS_CONFIG_KEYS)).toEqual(["cluster", "network", "storage"]);
    });

    const tooMany = { jobNamespaces: Array.from({ length: 49 }, (_, i) => `team-${i}`), operatorNamespace: "spark-operator" };
    it.each([
        [{ "aws:region": undefined }, undefined, "aws:region: not set, expected an AWS region code such as us-east-1"],
        [{ "aws:region": "us-east" }, undefined, 'aws:region: got "us-east", expected an AWS region code such as us-east-1'],
        [{ "aws:region": "US-EAST-1" }, undefined, 'aws:region: got "US-EAST-1"'],
        [
            { "serverless-spark:network": { publicSubnetIds: ["subnet-0123456789abcdef0"] } },
            undefined,
            "network.privateSubnetIds: got none, only public subnets, expected at least two private subnets: Fargate runs pods only in private subnets",
        ],
        [
            {},
            tooMany,
            "jobNamespaces: got 49 job namespaces, which with kube-system and the operator namespace need 11 Fargate profiles, expected at most 48 job namespaces",
        ],
        [{ "serverless-spark:storage": { bucket: "Spark_Data" } }, undefined, 'storage.bucket: got "Spark_Data", expected an S3 bucket name'],
        [{ "serverless-spark:storage": { existingBucket: "a" } }, undefined, 'storage.existingBucket: got "a"'],
        [
            { "serverless-spark:storage": { existingBucket: "theirs", retainOnDestroy: false } },
            undefined,
            "storage.retainOnDestroy: is set for an existing bucket",
        ],
        [{ "serverless-spark:storage": { type: "oss" } }, undefined, 'storage.type: got "oss", expected s3 (the storage of cloud: aws)'],
        [
            { "serverless-spark:storage": { bucket: "ok-name", size: 3 } },
            undefined,
            "storage.size: unknown config key, expected one of type, bucket, existingBucket, retainOnDestroy, versioning",
        ],
        [{ "serverless-spark:cluster": { publicEndpoint: "yes" } }, undefined, 'cluster.publicEndpoint: got "yes", expected true or false'],
        [{ "serverless-spark:cluster": { publicEndpoint: true } }, undefined, "cluster.publicAccessCidrs: got nothing, expected 1 to 40 IPv4 CIDRs"],
        [
            { "serverless-spark:cluster": { publicAccessCidrs: ["1.2.3.0/24"] } },
            undefined,
            "cluster.publicAccessCidrs: is set while cluster.publicEndpoint is false, expected cluster.publicEndpoint: true, or no public CIDRs",
        ],
        [
            { "serverless-spark:cluster": { publicEndpoint: true, publicAccessCidrs: ["1.2.3.0/33"] } },
            undefined,
            'cluster.publicAccessCidrs[0]: got "1.2.3.0/33"',
        ],
        [{ "serverless-spark:cluster": { adminPrincipalArn: "admin" } }, undefined, 'cluster.adminPrincipalArn: got "admin", expected an IAM role or user ARN'],
        [{ "serverless-spark:cluster": { publicAccessCidrs: [42] } }, undefined, "cluster.publicAccessCidrs[0]: got 42, expected IPv4 CIDR"],
        [{ "serverless-spark:cluster": { name: "_x" } }, undefined, 'cluster.name: got "_x"'],
        [{ "serverless-spark:cluster": { version: "latest" } }, undefined, 'cluster.version: got "latest"'],
        [{ "serverless-spark:network": { natGateways: "many" } }, undefined, 'network.natGateways: got "many", expected single or perZone'],
        [
            { "serverless-spark:network": { availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"] } },
            undefined,
            "network.availabilityZones: got",
        ],
        [{ "serverless-spark:network": { vpcCidr: "10.0.0.1/16" } }, undefined, 'network.vpcCidr: got "10.0.0.1/16"'],
        [{ "serverless-spark:network": "not an object" }, undefined, 'network: got "not an object", expected an object with availabilityZones'],
    ])("GIVEN %j WHEN resolved THEN one line naming the key", (values, namespaces, message) => {
        const config = raw(values);
        for (const [key, value] of Object.entries(values)) {
            if (value === undefined) delete config[key];
        }
        let error: Error | undefined;
        try {
            resolveAwsConfig(config, namespaces);
        } catch (err) {
            error = err as Error;
        }
        expect(error?.name).toBe("InputError");
        expect(error?.message).toContain(message);
        expect(error?.message).not.toContain("\n");
    });
});

describe("cluster.upgradePolicy", () => {
    it("GIVEN nothing, or EXTENDED WHEN resolved THEN STANDARD by default (the EKS API's own default is EXTENDED), EXTENDED when asked", () => {
        expect(resolveAwsConfig({ "aws:region": "eu-west-1" }).cluster.upgradePolicy).toBe("STANDARD");
        expect(resolveAwsConfig(raw({ "serverless-spark:cluster": { upgradePolicy: "EXTENDED" } })).cluster.upgradePolicy).toBe("EXTENDED");
    });
});

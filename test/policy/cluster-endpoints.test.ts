import { describe, expect, it } from "vitest";

import { ackApiServerPrivate, eksPrivateEncrypted, eksPublicEndpointAllowList } from "../../policy/rules";

const EKS = "aws:eks/cluster:Cluster";
const ACK = "alicloud:cs/managedKubernetes:ManagedKubernetes";
const ASK = "alicloud:cs/serverlessKubernetes:ServerlessKubernetes";

/** An EKS cluster as the project declares it (private endpoint, public one behind a CIDR allow-list, KMS). */
function eks(): Record<string, any> {
    return {
        name: "serverless-spark",
        vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["1.2.3.0/24"], subnetIds: ["subnet-1", "subnet-2"] },
        encryptionConfig: { provider: { keyArn: "arn:aws:kms:us-east-1:123456789012:key/k" }, resources: ["secrets"] },
    };
}

describe("eks-private-endpoint-encrypted-secrets", () => {
    const check = (props: Record<string, any>, type = EKS) => eksPrivateEncrypted.check(type, props, {});

    it("GIVEN the project's EKS cluster WHEN checked THEN there is no violation", () => {
        expect(check(eks())).toEqual([]);
    });

    it("GIVEN the older list form of encryptionConfig WHEN checked THEN it counts", () => {
        expect(check({ ...eks(), encryptionConfig: [eks().encryptionConfig] })).toEqual([]);
    });

    it.each([
        ["the private endpoint is off", (c: any) => (c.vpcConfig.endpointPrivateAccess = false), "vpcConfig.endpointPrivateAccess must be true"],
        ["the private endpoint is left to the default", (c: any) => delete c.vpcConfig.endpointPrivateAccess, "vpcConfig.endpointPrivateAccess must be true"],
        ["there is no encryptionConfig", (c: any) => delete c.encryptionConfig, "encryptionConfig must encrypt secrets with a KMS key"],
        ["encryption has no key", (c: any) => delete c.encryptionConfig.provider, "encryptionConfig must encrypt secrets with a KMS key"],
        ["encryption does not cover secrets", (c: any) => (c.encryptionConfig.resources = []), "encryptionConfig must encrypt secrets with a KMS key"],
    ])("GIVEN a cluster where %s WHEN checked THEN it is reported", (_, mutate, message) => {
        const cluster = eks();
        mutate(cluster);
        expect(check(cluster)).toEqual([expect.stringContaining(message)]);
    });

    it("GIVEN other types WHEN checked THEN nothing is reported", () => {
        expect(check({}, "aws:eks/fargateProfile:FargateProfile")).toEqual([]);
    });
});

describe("eks-public-endpoint-allow-list", () => {
    const check = (props: Record<string, any>, config = {}) => eksPublicEndpointAllowList.check(EKS, props, config);

    it("GIVEN the project's EKS cluster (public endpoint behind an allow-list) WHEN checked THEN there is no violation", () => {
        expect(check(eks())).toEqual([]);
    });

    it("GIVEN a private-only endpoint WHEN checked THEN there is nothing to allow-list", () => {
        const cluster = eks();
        cluster.vpcConfig = { endpointPrivateAccess: true, endpointPublicAccess: false };
        expect(check(cluster)).toEqual([]);
    });

    it.each([
        ["0.0.0.0/0 in the list", (c: any) => (c.vpcConfig.publicAccessCidrs = ["1.2.3.0/24", "0.0.0.0/0"]), "includes 0.0.0.0/0"],
        ["no list (EKS's default is 0.0.0.0/0)", (c: any) => delete c.vpcConfig.publicAccessCidrs, "publicAccessCidrs is unset on a public endpoint"],
        [
            "the public endpoint left to EKS's default with no list",
            (c: any) => (delete c.vpcConfig.endpointPublicAccess, delete c.vpcConfig.publicAccessCidrs),
            "publicAccessCidrs is unset",
        ],
    ])("GIVEN %s WHEN checked THEN it is reported, and the policy's config can allow it", (_, mutate, message) => {
        const cluster = eks();
        mutate(cluster);
        expect(check(cluster)).toEqual([expect.stringContaining(message)]);
        expect(check(cluster, { allowPublicAccessFromAnywhere: true })).toEqual([]);
    });
});

describe("ack-api-server-private", () => {
    const check = (type: string, props: Record<string, any>, config: Record<string, unknown> = {}) => ackApiServerPrivate.check(type, props, config);

    it("GIVEN ACK with slbInternetEnabled false and ASK without a public endpoint WHEN checked THEN there is no violation", () => {
        expect(check(ACK, { name: "c", slbInternetEnabled: false })).toEqual([]);
        expect(check(ASK, { name: "c", endpointPublicAccessEnabled: false })).toEqual([]);
        // ASK's default is no public endpoint.
        expect(check(ASK, { name: "c" })).toEqual([]);
    });

    it("GIVEN ACK with slbInternetEnabled true WHEN checked THEN it is reported with the opt-out named", () => {
        expect(check(ACK, { slbInternetEnabled: true })).toEqual([
            "slbInternetEnabled is true: the API server gets an internet-facing SLB; set slbInternetEnabled: false, or set allowPublicApiServer: true in this policy's config for a stack that exposes it on purpose",
        ]);
    });

    it("GIVEN ACK without slbInternetEnabled WHEN checked THEN it is reported (the provider's default is true)", () => {
        expect(check(ACK, {})).toEqual([expect.stringContaining("slbInternetEnabled is unset (the provider's default is true)")]);
        expect(check("alicloud:cs/kubernetes:Kubernetes", {})).toHaveLength(1);
    });

    it("GIVEN ASK with a public endpoint WHEN checked THEN it is reported", () => {
        expect(check(ASK, { endpointPublicAccessEnabled: true })).toEqual([
            expect.stringContaining("endpointPublicAccessEnabled is true: the API server gets a public EIP"),
        ]);
    });

    it("GIVEN the opt-out in the policy's config WHEN a public API server is declared THEN nothing is reported", () => {
        expect(check(ACK, { slbInternetEnabled: true }, { allowPublicApiServer: true })).toEqual([]);
        expect(check(ASK, { endpointPublicAccessEnabled: true }, { allowPublicApiServer: true })).toEqual([]);
        expect(check(ACK, { slbInternetEnabled: true }, { allowPublicApiServer: false })).toHaveLength(1);
    });

    it("GIVEN the rule WHEN its config schema is read THEN the opt-out is a boolean defaulting to false", () => {
        expect(ackApiServerPrivate.configSchema?.properties.allowPublicApiServer).toMatchObject({ type: "boolean", default: false });
    });
});

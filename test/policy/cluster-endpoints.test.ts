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
    const res = (type: string, props: Record<string, any>, name = "c") => ({ id: `${type}::${name}`, type, name, props, dependsOn: [], protect: false });
    const acl = (...entries: string[]) => [
        res("alicloud:slb/acl:Acl", { name: "api" }, "api"),
        ...entries.map((entry, i) => res("alicloud:slb/aclEntryAttachment:AclEntryAttachment", { aclId: "acl-1", entry }, `e${i}`)),
    ];
    const check = (resources: ReturnType<typeof res>[], config: Record<string, unknown> = {}) =>
        ackApiServerPrivate.check(resources, config).map((v) => v.message);

    it("GIVEN ACK with slbInternetEnabled false and ASK without a public endpoint WHEN checked THEN there is no violation", () => {
        expect(check([res(ACK, { name: "c", slbInternetEnabled: false })])).toEqual([]);
        expect(check([res(ASK, { name: "c", endpointPublicAccessEnabled: false })])).toEqual([]);
        // ASK's default is no public endpoint.
        expect(check([res(ASK, { name: "c" })])).toEqual([]);
    });

    it("GIVEN ACK with slbInternetEnabled true and no ACL WHEN checked THEN it is reported with the opt-out named", () => {
        expect(check([res(ACK, { slbInternetEnabled: true })])).toEqual([
            "slbInternetEnabled is true: the API server gets an internet endpoint and the stack declares no allow-list ACL (alicloud.slb.Acl with entries); keep it private, or set allowPublicApiServer: true in this policy's config for a stack that exposes it on purpose",
        ]);
        // An ACL without entries admits no one through the list and proves nothing.
        expect(check([res(ACK, { slbInternetEnabled: true }), ...acl()])).toHaveLength(1);
    });

    it("GIVEN a public ACK with an allow-list ACL WHEN checked THEN it passes, unless the list admits 0.0.0.0/0", () => {
        expect(check([res(ACK, { slbInternetEnabled: true }), ...acl("1.2.3.4/32", "100.104.0.0/16")])).toEqual([]);
        expect(check([res(ACK, { slbInternetEnabled: true }), ...acl("0.0.0.0/0", "100.104.0.0/16")])).toEqual([
            expect.stringContaining("its allow-list ACL admits 0.0.0.0/0"),
        ]);
    });

    it("GIVEN ACK without slbInternetEnabled WHEN checked THEN it is reported (the provider's default is true)", () => {
        expect(check([res(ACK, {})])).toEqual([expect.stringContaining("slbInternetEnabled is unset (the provider's default is true)")]);
        expect(check([res("alicloud:cs/kubernetes:Kubernetes", {})])).toHaveLength(1);
    });

    it("GIVEN ASK with a public endpoint WHEN checked THEN it is reported", () => {
        expect(check([res(ASK, { endpointPublicAccessEnabled: true })])).toEqual([
            expect.stringContaining("endpointPublicAccessEnabled is true: the API server gets a public EIP"),
        ]);
    });

    it("GIVEN the opt-out in the policy's config WHEN a public API server is declared THEN nothing is reported", () => {
        expect(check([res(ACK, { slbInternetEnabled: true })], { allowPublicApiServer: true })).toEqual([]);
        expect(check([res(ASK, { endpointPublicAccessEnabled: true })], { allowPublicApiServer: true })).toEqual([]);
        expect(check([res(ACK, { slbInternetEnabled: true })], { allowPublicApiServer: false })).toHaveLength(1);
    });

    it("GIVEN the rule WHEN its config schema is read THEN the opt-out is a boolean defaulting to false", () => {
        expect(ackApiServerPrivate.configSchema?.properties.allowPublicApiServer).toMatchObject({ type: "boolean", default: false });
    });
});

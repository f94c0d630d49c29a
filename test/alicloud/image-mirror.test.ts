import { beforeAll, describe, expect, it, vi } from "vitest";

import { checkMirrorCollisions, mirroredImage, parseImageReference, requireImageRegistry } from "../../components/images";
import { DRIVER_REAPER_IMAGE } from "../../components/rbac/driver-reaper";
import { Plan } from "../../tools/plan/plan-model";
import { oneLineInputError } from "../helpers/errors";
import { imagesOf } from "../helpers/images";
import { userSettings } from "../helpers/plan-cli";
import { planStack as planShippedStack } from "../helpers/schema-plans";
import { AL } from "./alicloud-types";

/**
 * `cluster.imageRegistry`: every image from a public registry the platform deploys is pulled from
 * the user's mirror instead, under `<registry>/<last path segment>:<tag>`; nothing else changes.
 */

const MIRROR = "registry-vpc.ap-southeast-1.aliyuncs.com/spark-mirror";
const RELEASE = "kubernetes:helm.sh/v3:Release";

describe("mirroredImage", () => {
    it("GIVEN the platform's public images WHEN mirrored THEN each becomes the mirror plus its last path segment, tag kept", () => {
        expect(mirroredImage("apache/spark:3.5.3", MIRROR)).toBe(`${MIRROR}/spark:3.5.3`);
        expect(mirroredImage("docker.io/apache/spark:3.5.3", MIRROR)).toBe(`${MIRROR}/spark:3.5.3`);
        expect(mirroredImage("ghcr.io/kubeflow/spark-operator/controller:2.5.2", MIRROR)).toBe(`${MIRROR}/controller:2.5.2`);
        expect(mirroredImage("public.ecr.aws/data-on-eks/spark3.5.3-scala2.12-java17-python3-ubuntu-tpcds:v2", MIRROR)).toBe(
            `${MIRROR}/spark3.5.3-scala2.12-java17-python3-ubuntu-tpcds:v2`,
        );
        expect(mirroredImage(DRIVER_REAPER_IMAGE, MIRROR)).toBe(`${MIRROR}/kubectl:v1.35.0`);
        const digest = `sha256:${"a".repeat(64)}`;
        expect(mirroredImage(`quay.io/org/tool@${digest}`, MIRROR)).toBe(`${MIRROR}/tool@${digest}`);
    });

    it("GIVEN an image in a registry of the user's own, or no mirror WHEN mirrored THEN it is left as it is", () => {
        expect(mirroredImage("registry-vpc.ap-southeast-1.aliyuncs.com/team/etl:1.0", MIRROR)).toBe("registry-vpc.ap-southeast-1.aliyuncs.com/team/etl:1.0");
        expect(mirroredImage("123456789012.dkr.ecr.us-east-1.amazonaws.com/etl:1.0", MIRROR)).toBe("123456789012.dkr.ecr.us-east-1.amazonaws.com/etl:1.0");
        expect(mirroredImage("apache/spark:3.5.3", undefined)).toBe("apache/spark:3.5.3");
    });

    it("GIVEN Docker Hub's short forms WHEN parsed THEN the first component is a registry only with a dot, a port or localhost", () => {
        expect(parseImageReference("apache/spark:3.5.3")).toEqual({ path: "apache/spark", tag: "3.5.3" });
        expect(parseImageReference("localhost:5000/spark:3.5.3")).toEqual({ registry: "localhost:5000", path: "spark", tag: "3.5.3" });
        expect(parseImageReference("Apache/Spark")).toBeUndefined();
    });

    it("GIVEN two different images whose copies share a name WHEN checked THEN the second is refused in one line naming its key; the same image twice passes", () => {
        const err = oneLineInputError(() =>
            checkMirrorCollisions(
                [
                    { key: "historyServer", image: "apache/spark:3.5.3" },
                    { key: "jobs[0].image", image: "bitnami/spark:3.5.3" },
                ],
                MIRROR,
            ),
        );
        expect(err.message).toBe(
            `jobs[0].image: got "bitnami/spark:3.5.3", whose copy in the mirror is ${MIRROR}/spark:3.5.3, as is historyServer's "apache/spark:3.5.3", expected images whose last path segments and tags differ, or the image in a registry of your own (not mirrored)`,
        );
        expect(() =>
            checkMirrorCollisions(
                [
                    { key: "a", image: "apache/spark:3.5.3" },
                    { key: "b", image: "docker.io/apache/spark:3.5.3" },
                ],
                MIRROR,
            ),
        ).not.toThrow();
        expect(() =>
            checkMirrorCollisions(
                [
                    { key: "a", image: "apache/spark:3.5.3" },
                    { key: "b", image: "bitnami/spark:3.5.3" },
                ],
                undefined,
            ),
        ).not.toThrow();
    });
});

describe("requireImageRegistry", () => {
    it.each([
        ["registry-vpc.ap-southeast-1.aliyuncs.com/spark-mirror"],
        ["crpi-abc123-vpc.ap-southeast-1.personal.cr.aliyuncs.com/spark"],
        ["corp-registry-vpc.ap-southeast-1.cr.aliyuncs.com/mirror/spark"],
        ["harbor.corp.example:8443/proxy"],
    ])("GIVEN %s WHEN checked for a cluster in ap-southeast-1 THEN it is taken", (value) => {
        expect(requireImageRegistry(value, "imageRegistry", "ap-southeast-1")).toBe(value);
    });

    it.each([
        ["https://registry-vpc.ap-southeast-1.aliyuncs.com/spark", "got", "a registry of your own and its namespace"],
        ["registry-vpc.ap-southeast-1.aliyuncs.com/spark/", "got", "a registry of your own and its namespace"],
        ["registry-vpc.ap-southeast-1.aliyuncs.com/spark:1.0", "got", "a registry of your own and its namespace"],
        ["ghcr.io/kubeflow", "a public registry the images come from", "a registry of your own"],
        ["mirror/spark", "whose first part is not a registry host", "a registry of your own"],
        ["registry.ap-southeast-1.aliyuncs.com", "an ACR registry without a namespace", "registry.ap-southeast-1.aliyuncs.com/<namespace>"],
        [
            "registry-vpc.cn-hangzhou.aliyuncs.com/spark",
            "the VPC endpoint of cn-hangzhou while the cluster is in ap-southeast-1",
            "an ACR endpoint in ap-southeast-1",
        ],
    ])("GIVEN %s WHEN checked THEN one line names imageRegistry: %s", (value, problem, expected) => {
        const err = oneLineInputError(() => requireImageRegistry(value, "imageRegistry", "ap-southeast-1"));
        expect(err.key).toBe("imageRegistry");
        expect(err.problem).toContain(problem);
        expect(err.expected).toContain(expected);
    });
});

describe("the shipped alicloud stack with cluster.imageRegistry", () => {
    const planStack = (overrides: string[] = []): Promise<Plan> => planShippedStack("alicloud", [...userSettings("alicloud"), ...overrides], vi.resetModules);
    let plain: Plan;
    let mirrored: Plan;

    beforeAll(async () => {
        plain = await planStack(['cluster.imageCaches=["apache/spark:3.5.3"]', 'sparkConnect={"enabled":true}']);
        mirrored = await planStack([
            `cluster.imageRegistry=${JSON.stringify(MIRROR)}`,
            'cluster.imageCaches=["apache/spark:3.5.3"]',
            'sparkConnect={"enabled":true}',
        ]);
    }, 120_000);

    it("GIVEN no mirror WHEN planned THEN the platform pulls from Docker Hub, ghcr.io, public.ecr.aws and registry.k8s.io as published", () => {
        const images = new Set(imagesOf(plain));
        expect(images).toEqual(
            new Set([
                "apache/spark:3.5.3",
                "ghcr.io/kubeflow/spark-operator/controller",
                "public.ecr.aws/data-on-eks/spark3.5.3-scala2.12-java17-python3-ubuntu-tpcds:v2",
                DRIVER_REAPER_IMAGE,
            ]),
        );
        expect((plain.resources.find((r) => r.type === RELEASE)!.inputs.values as Record<string, unknown>).image).toBeUndefined();
    });

    it("GIVEN a mirror WHEN planned THEN every image the platform pulls (operator, samples, History Server, Spark Connect, reaper, image cache) comes from it", () => {
        const images = imagesOf(mirrored);
        expect(images.length).toBe(imagesOf(plain).length);
        expect(new Set(images)).toEqual(
            new Set([
                `${MIRROR}/spark:3.5.3`,
                `${MIRROR}/controller`,
                `${MIRROR}/spark3.5.3-scala2.12-java17-python3-ubuntu-tpcds:v2`,
                `${MIRROR}/kubectl:v1.35.0`,
            ]),
        );
        expect((mirrored.resources.find((r) => r.type === RELEASE)!.inputs.values as Record<string, unknown>).image).toEqual({
            registry: MIRROR,
            repository: "controller",
        });
        expect(mirrored.resources.find((r) => r.type === AL.imageCache)!.inputs.images).toEqual([`${MIRROR}/spark:3.5.3`]);
    });

    it("GIVEN a mirror WHEN planned THEN the same resources are declared under the same names (only image fields differ)", () => {
        expect(mirrored.resources.map((r) => `${r.type}::${r.name}`)).toEqual(plain.resources.map((r) => `${r.type}::${r.name}`));
    });
});

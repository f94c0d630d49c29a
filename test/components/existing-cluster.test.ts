import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { SECRET_PLACEHOLDER } from "../../tools/plan/plan-model";
import { KUBECONFIG } from "../fixtures/kubeconfig";
import { childrenOf, mockRuntime, one, planOf, T } from "../helpers/mocks";

let runtime: MockRuntime;
let mod: typeof import("../../components/cluster/existing");

beforeAll(async () => {
    runtime = await mockRuntime();
    mod = await import("../../components/cluster/existing");
});

describe("ExistingCluster", () => {
    it("GIVEN kubeconfig content WHEN declared THEN the provider gets it as a secret, with a stable cluster identifier", async () => {
        const cluster = new mod.ExistingCluster("lab", {
            kubeconfig: KUBECONFIG,
            scheduling: { nodeSelector: { type: "virtual-kubelet" } },
            capacityGrid: "eci",
        });
        const plan = await planOf(runtime);
        expect(childrenOf(plan, { type: T.existingCluster, name: "lab" })).toEqual([`${T.k8sProvider}::lab-k8s`]);
        expect(one(plan, T.k8sProvider, "lab-k8s").inputs).toEqual({ kubeconfig: SECRET_PLACEHOLDER, clusterIdentifier: "lab" });
        expect(JSON.stringify(plan)).not.toContain("s3cr3t-token-value");
        expect(cluster.capacityGrid).toBe("eci");
        expect(cluster.scheduling).toEqual({ nodeSelector: { type: "virtual-kubelet" }, tolerations: [], podAnnotations: {}, podLabels: {} });
        expect(cluster.readyResources).toEqual([]);
    });

    it("GIVEN a kubeconfig path and a context WHEN declared THEN the provider reads the path itself", async () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kc-")), "config");
        fs.writeFileSync(file, KUBECONFIG);
        new mod.ExistingCluster("pathy", { kubeconfig: file, context: "lab-admin", clusterIdentifier: "lab-cluster" });
        const plan = await planOf(runtime);
        expect(one(plan, T.k8sProvider, "pathy-k8s").inputs).toEqual({ kubeconfig: file, context: "lab-admin", clusterIdentifier: "lab-cluster" });
    });

    it("GIVEN no kubeconfig WHEN declared THEN the ambient one is used and the grid defaults to none", async () => {
        const cluster = new mod.ExistingCluster("ambient");
        const plan = await planOf(runtime);
        expect(one(plan, T.k8sProvider, "ambient-k8s").inputs).toEqual({ clusterIdentifier: "ambient" });
        expect(cluster.capacityGrid).toBe("none");
    });

    it.each([
        [{ kubeconfig: "/nonexistent/kubeconfig" }, 'kubeconfig: no readable file at "/nonexistent/kubeconfig"'],
        [{ kubeconfig: "apiVersion: v1\nclusters: []\n" }, "kubeconfig: the kubeconfig has no clusters or no contexts"],
        [{ kubeconfig: "apiVersion: v1\n  bad: [yaml\n" }, "kubeconfig: the kubeconfig is not valid YAML"],
        [{ kubeconfig: KUBECONFIG, context: "other" }, 'context: got "other", which is not in the kubeconfig, expected one of lab-admin'],
        [{ capacityGrid: "gke" }, 'capacityGrid: got "gke", expected one of fargate, eci, none'],
    ])("GIVEN %j WHEN declared THEN one clear error and nothing registered", async (args, message) => {
        const before = runtime.registrations.length;
        expect(() => new mod.ExistingCluster("bad", args as any)).toThrow(message);
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);
    });
});

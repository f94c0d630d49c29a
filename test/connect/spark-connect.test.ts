import { beforeAll, describe, expect, it } from "vitest";

import { schedulingProfile } from "../../components/cluster/types";
import { resolveSparkConnectSettings, SPARK_CONNECT_NAME, sparkConnectObject } from "../../components/jobs/connect";
import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { mockRuntime, planOf } from "../helpers/mocks";

const CONNECT = "kubernetes:sparkoperator.k8s.io/v1alpha1:SparkConnect";

let runtime: MockRuntime;
let lib: typeof import("../../components");

beforeAll(async () => {
    runtime = await mockRuntime();
    lib = await import("../../components");
});

function render(grid: "fargate" | "eci" | "none", settings: unknown = { enabled: true }) {
    return sparkConnectObject({
        namespace: "etl",
        settings: resolveSparkConnectSettings(settings),
        scheduling: schedulingProfile(grid === "none" ? {} : { podLabels: { "eks.amazonaws.com/fargate-profile": "spark" } }),
        capacityGrid: grid,
        integrations: [],
    }) as any;
}

describe("Spark Connect servers", () => {
    it("GIVEN a platform by default WHEN planned THEN there is no SparkConnect", async () => {
        const cluster = new lib.ExistingCluster("c0", {});
        new lib.ServerlessSparkPlatform("c0", { cluster, jobNamespaces: ["etl"] });
        const plan = await planOf(runtime);
        expect(plan.resources.filter((r) => r.type === CONNECT && r.name.startsWith("c0-"))).toEqual([]);
    });

    it("GIVEN sparkConnect enabled WHEN planned THEN each job namespace has one SparkConnect and nothing exposes it", async () => {
        const cluster = new lib.ExistingCluster("c1", {});
        new lib.ServerlessSparkPlatform("c1", { cluster, jobNamespaces: ["etl", "adhoc"], sparkConnect: { enabled: true } });
        const plan = await planOf(runtime);
        const objects = plan.resources.filter((r) => r.type === CONNECT && r.name.startsWith("c1-"));
        expect(objects.map((r) => (r.inputs.metadata as any).namespace).sort()).toEqual(["adhoc", "etl"]);
        for (const r of objects) expect((r.inputs.spec as any).server.service).toBeUndefined();
        expect(plan.resources.filter((r) => r.name.startsWith("c1-") && r.type === "kubernetes:core/v1:Service")).toEqual([]);
    });

    it("GIVEN the Fargate grid WHEN rendered THEN the server fills a billed shape, executors scale from zero under restricted templates", () => {
        const o = render("fargate", { enabled: true, executors: 4, executorCores: 2 });
        expect(o).toMatchObject({
            apiVersion: "sparkoperator.k8s.io/v1alpha1",
            kind: "SparkConnect",
            metadata: { name: SPARK_CONNECT_NAME, namespace: "etl" },
        });
        const server = o.spec.server.template.spec;
        const c = server.containers[0];
        expect(c.name).toBe("spark-kubernetes-driver");
        expect(c.resources.limits).toEqual({ cpu: c.resources.requests.cpu, memory: c.resources.requests.memory });
        // 1 vCPU / 4 GB less Fargate's 256 MiB and the 128 MiB headroom.
        expect(c.resources.limits).toEqual({ cpu: "1000m", memory: "3712Mi" });
        expect(server.serviceAccountName).toBe("spark-driver");
        expect(server.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
        expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
        expect(o.spec.executor).toMatchObject({ cores: 2, template: { spec: { serviceAccountName: "spark-executor" } } });
        expect(o.spec.dynamicAllocation).toEqual({ enabled: true, initialExecutors: 0, minExecutors: 0, maxExecutors: 4, shuffleTrackingEnabled: true });
        expect(o.spec.sparkConf["spark.kubernetes.authenticate.executor.serviceAccountName"]).toBe("spark-executor");
        expect(o.spec.sparkConf["spark.jars.packages"]).toBe("org.apache.spark:spark-connect_2.12:3.5.3");
        expect(o.spec.server.template.metadata.labels["eks.amazonaws.com/fargate-profile"]).toBe("spark");
    });

    it("GIVEN the ECI grid WHEN rendered THEN both pods pin their ECI spec; a Spark 4 image needs no package", () => {
        const o = render("eci", { enabled: true, image: "apache/spark:4.0.1" });
        expect(o.spec.server.template.metadata.annotations["k8s.aliyun.com/eci-use-specs"]).toBeDefined();
        expect(o.spec.executor.template.metadata.annotations["k8s.aliyun.com/eci-use-specs"]).toBeDefined();
        expect(o.spec.sparkVersion).toBe("4.0.1");
        expect(o.spec.sparkConf["spark.jars.packages"]).toBeUndefined();
    });

    it.each([
        [{ enabled: "yes" }, /^sparkConnect\.enabled: got "yes", expected true or false$/],
        [{ executors: 0 }, /^sparkConnect\.executors: got 0, expected a whole number from 1 to 100$/],
        [{ serverCores: 0.3 }, /^sparkConnect\.serverCores: got 0\.3/],
        [{ image: "apache/spark:3.3.2" }, /^sparkConnect\.image: .*expected Spark 3\.4 or later/],
        [{ sparkConf: { "spark.driver.extraJavaOptions": "-Da=1 -Db=2" } }, /^sparkConnect\.sparkConf\.spark\.driver\.extraJavaOptions: .*shell/],
        [{ colour: 1 }, /^sparkConnect\.colour: is not a known setting/],
    ])("GIVEN bad settings %j WHEN resolved THEN one line names the key", (settings, message) => {
        expect(() => resolveSparkConnectSettings(settings)).toThrow(message);
    });

    it("GIVEN bad settings WHEN the platform is made THEN it is refused before any resource", () => {
        const cluster = new lib.ExistingCluster("c2", {});
        expect(() => new lib.ServerlessSparkPlatform("c2", { cluster, sparkConnect: { enabled: true, executors: -1 } })).toThrow(
            /sparkConnect\.executors: got -1/,
        );
    });
});

import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { childrenOf, mockRuntime, one, planOf, T } from "../helpers/mocks";

let runtime: MockRuntime;
let operatorModule: typeof import("../../components/operator/operator");

beforeAll(async () => {
    runtime = await mockRuntime();
    // Imported after the mocks are set, as Pulumi's testing guide requires.
    operatorModule = await import("../../components/operator/operator");
});

describe("SparkOperator", () => {
    it("GIVEN defaults WHEN declared THEN it installs chart 2.5.2 under the pinned release name without the admission webhook", async () => {
        new operatorModule.SparkOperator("op", {
            jobNamespaces: ["jobs-a", "jobs-b"],
            scheduling: {
                nodeSelector: { type: "virtual-kubelet" },
                tolerations: [{ key: "virtual-kubelet.io/provider", operator: "Equal", value: "alibabacloud", effect: "NoSchedule" }],
                podAnnotations: { "k8s.aliyun.com/eci-auto-imc": "true" },
                podLabels: {},
            },
        });
        const plan = await planOf(runtime);
        const component = one(plan, T.operator, "op");
        expect(childrenOf(plan, component)).toEqual([`${T.namespace}::op-ns`, `${T.release}::op`]);

        const ns = one(plan, T.namespace, "op-ns");
        expect(ns.inputs.metadata).toEqual({
            name: "spark-operator",
            labels: {
                "pod-security.kubernetes.io/enforce": "restricted",
                "pod-security.kubernetes.io/enforce-version": "latest",
                "pod-security.kubernetes.io/audit": "restricted",
                "pod-security.kubernetes.io/warn": "restricted",
            },
        });

        const release = one(plan, T.release, "op");
        expect(release.parent).toBe(`${T.operator}::op`);
        expect(release.inputs).toMatchObject({
            name: "spark-operator",
            chart: "spark-operator",
            version: "2.5.2",
            namespace: "spark-operator",
            repositoryOpts: { repo: "https://kubeflow.github.io/spark-operator" },
            createNamespace: false,
            atomic: true,
        });
        const values = release.inputs.values as any;
        expect(values.spark).toEqual({ jobNamespaces: ["jobs-a", "jobs-b"], serviceAccount: { create: false }, rbac: { create: false } });
        expect(values.controller.resources).toEqual({ requests: { cpu: "1", memory: "1792Mi" }, limits: { cpu: "1", memory: "1792Mi" } });
        // Four concurrent reconciles (spark-submit JVMs) instead of the chart's ten: they share 1792 Mi.
        expect(values.controller.workers).toBe(4);
        // Off, the chart renders no webhook object, so no other webhook value is passed.
        expect(values.webhook).toEqual({ enable: false });
        expect(values.prometheus.metrics.enable).toBe(true);
        expect(values.controller.nodeSelector).toEqual({ type: "virtual-kubelet" });
        expect(values.controller.tolerations).toEqual([{ key: "virtual-kubelet.io/provider", operator: "Equal", value: "alibabacloud", effect: "NoSchedule" }]);
        expect(values.controller.annotations).toEqual({ "k8s.aliyun.com/eci-auto-imc": "true" });
        expect(release.dependsOn).toContain(`${T.namespace}::op-ns`);
    });

    it("GIVEN webhook: true WHEN declared THEN the webhook runs 2 replicas placed like the controller, under a PodDisruptionBudget", async () => {
        new operatorModule.SparkOperator("opw", {
            jobNamespaces: ["jobs-a"],
            webhook: true,
            createNamespace: false,
            scheduling: {
                nodeSelector: { type: "virtual-kubelet" },
                tolerations: [],
                podAnnotations: { "k8s.aliyun.com/eci-auto-imc": "true" },
                podLabels: {},
            },
        });
        const plan = await planOf(runtime);
        expect(childrenOf(plan, { type: T.operator, name: "opw" })).toEqual([`${T.release}::opw`, `${T.pdb}::opw-webhook-pdb`]);
        const values = one(plan, T.release, "opw").inputs.values as any;
        expect(values.webhook).toMatchObject({ enable: true, replicas: 2, podDisruptionBudget: { enable: false } });
        expect(values.webhook.resources).toEqual({ requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "250m", memory: "256Mi" } });
        expect(values.webhook.nodeSelector).toEqual({ type: "virtual-kubelet" });
        expect(values.webhook.annotations).toEqual({ "k8s.aliyun.com/eci-auto-imc": "true" });

        const pdb = one(plan, T.pdb, "opw-webhook-pdb");
        expect(pdb.inputs).toEqual({
            apiVersion: "policy/v1",
            kind: "PodDisruptionBudget",
            metadata: { name: "spark-operator-webhook", namespace: "spark-operator" },
            spec: {
                minAvailable: 1,
                selector: {
                    matchLabels: {
                        "app.kubernetes.io/name": "spark-operator",
                        "app.kubernetes.io/instance": "spark-operator",
                        "app.kubernetes.io/component": "webhook",
                    },
                },
            },
        });
    });

    it("GIVEN a custom version, namespace and 3 webhook replicas WHEN declared THEN values follow", async () => {
        new operatorModule.SparkOperator("op2", {
            jobNamespaces: ["x"],
            chartVersion: "2.4.0",
            namespace: "ops",
            createNamespace: false,
            webhook: true,
            webhookReplicas: 3,
        });
        const plan = await planOf(runtime);
        expect(childrenOf(plan, { type: T.operator, name: "op2" })).toEqual([`${T.release}::op2`, `${T.pdb}::op2-webhook-pdb`]);
        const release = one(plan, T.release, "op2");
        expect(release.inputs).toMatchObject({ version: "2.4.0", namespace: "ops" });
        expect((release.inputs.values as any).webhook.replicas).toBe(3);
    });

    it.each([
        [{ jobNamespaces: [] }, "jobNamespaces: got [], expected at least one namespace name"],
        [{ jobNamespaces: ["Bad_NS"] }, 'jobNamespaces[0]: got "Bad_NS", expected a DNS-1123 label'],
        [{ jobNamespaces: ["a", "a"] }, 'jobNamespaces: "a" is listed twice, expected each entry once'],
        [{ jobNamespaces: ["a"], webhook: true, webhookReplicas: 1 }, "webhookReplicas: got 1, expected an integer from 2 to 10"],
        [{ jobNamespaces: ["a"], webhook: true, webhookReplicas: 2.5 }, "webhookReplicas: got 2.5, expected an integer from 2 to 10"],
        [
            { jobNamespaces: ["a"], webhookReplicas: 3 },
            "webhookReplicas: applies to the admission webhook, which is off, expected webhook: true beside it, or no webhookReplicas",
        ],
        [
            { jobNamespaces: ["a"], webhook: false, webhookResources: { cpu: "250m", memory: "256Mi" } },
            "webhookResources: applies to the admission webhook, which is off",
        ],
        [{ jobNamespaces: ["a"], webhook: "yes" }, 'webhook: got "yes", expected true or false'],
        [{ jobNamespaces: ["a"], chartVersion: "latest" }, 'chartVersion: got "latest", expected a chart version such as 2.5.2'],
        [{ jobNamespaces: ["a"], namespace: "-x" }, 'namespace: got "-x", expected a DNS-1123 label'],
        [{ jobNamespaces: ["a"], controllerResources: { cpu: "one", memory: "1Gi" } }, 'controllerResources.cpu: got "one", expected a Kubernetes quantity'],
    ])("GIVEN bad args %j WHEN declared THEN it fails with one clear line and registers nothing", async (args, message) => {
        const before = runtime.registrations.length;
        expect(() => new operatorModule.SparkOperator("bad", args as any)).toThrow(message);
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);
    });
});

describe("operator resources beyond any virtual node", () => {
    it("GIVEN a controller larger than the largest Fargate or ECI shape WHEN resolved THEN it is refused with one line", async () => {
        const { resolveSparkOperatorSettings } = await import("../../components/operator/settings");
        expect(() => resolveSparkOperatorSettings({ controllerResources: { cpu: "1", memory: "1000000000000000000000000000000Gi" } })).toThrow(
            'controllerResources.memory: got "1000000000000000000000000000000Gi", expected at most 512Gi, the largest virtual-node shape',
        );
        expect(() => resolveSparkOperatorSettings({ controllerResources: { cpu: "200", memory: "1Gi" } })).toThrow(
            'controllerResources.cpu: got "200", expected at most 64 CPUs, the largest virtual-node shape',
        );
        expect(resolveSparkOperatorSettings({ controllerResources: { cpu: "2", memory: "4Gi" } }).controllerResources).toEqual({ cpu: "2", memory: "4Gi" });
    });
});

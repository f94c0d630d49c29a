import { describe, expect, it } from "vitest";

import { EMPTY_SCHEDULING_PROFILE } from "../../components/cluster/types";
import { sparkPodTemplate } from "../../components/jobs/pod-template";
import { podSecurityRestricted, restrictedViolations, sparkPod } from "../../policy/rules";

const check = (type: string, props: Record<string, any>) => podSecurityRestricted.check(type, props, {});

/** A pod spec that meets the restricted profile. */
function goodPodSpec(): Record<string, any> {
    return {
        securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
        containers: [
            {
                name: "app",
                image: "example/app:1",
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } },
                ports: [{ containerPort: 8080 }],
            },
        ],
        volumes: [
            { name: "tmp", emptyDir: {} },
            { name: "conf", configMap: { name: "conf" } },
            { name: "token", projected: { sources: [] } },
        ],
    };
}

const podOf = (spec: Record<string, any>, metadata: Record<string, any> = {}) => ({ metadata, spec });

/** The pod templates the project emits for Spark (components/jobs/pod-template.ts). */
function projectTemplate(role: "driver" | "executor") {
    return sparkPodTemplate({
        role,
        scheduling: { ...EMPTY_SCHEDULING_PROFILE, nodeSelector: { "eks.amazonaws.com/compute-type": "fargate" } },
        ephemeralStorage: "4Gi",
        runAsUser: 185,
        configMapMounts: { "hadoop-conf": { configMap: "hadoop-conf", mountPath: "/etc/hadoop/conf" } },
    });
}

function sparkApp(overrides: { driver?: Record<string, any>; executor?: Record<string, any>; spec?: Record<string, any> } = {}) {
    return {
        apiVersion: "sparkoperator.k8s.io/v1beta2",
        kind: "SparkApplication",
        metadata: { name: "wordcount", namespace: "spark-jobs" },
        spec: {
            type: "Scala",
            mode: "cluster",
            driver: { cores: 1, serviceAccount: "spark-driver", template: projectTemplate("driver"), ...overrides.driver },
            executor: { cores: 1, instances: 1, serviceAccount: "spark-executor", template: projectTemplate("executor"), ...overrides.executor },
            ...overrides.spec,
        },
    };
}

const SPARK_APP = "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication";
const SCHEDULED = "kubernetes:sparkoperator.k8s.io/v1beta2:ScheduledSparkApplication";

describe("pod-security-restricted: good pods", () => {
    it("GIVEN a restricted pod spec WHEN checked THEN there is no violation", () => {
        expect(restrictedViolations(podOf(goodPodSpec()), "pod")).toEqual([]);
    });

    it("GIVEN container-level runAsNonRoot and seccomp instead of pod-level WHEN checked THEN it is accepted", () => {
        const spec = goodPodSpec();
        spec.securityContext = {};
        spec.containers[0].securityContext = {
            ...spec.containers[0].securityContext,
            runAsNonRoot: true,
            seccompProfile: { type: "Localhost", localhostProfile: "p.json" },
        };
        expect(restrictedViolations(podOf(spec), "pod")).toEqual([]);
    });

    it.each([
        ["kubernetes:core/v1:Pod", (spec: any) => ({ metadata: { name: "p" }, spec })],
        ["kubernetes:apps/v1:Deployment", (spec: any) => ({ spec: { template: { spec } } })],
        ["kubernetes:apps/v1:StatefulSet", (spec: any) => ({ spec: { template: { spec } } })],
        ["kubernetes:apps/v1:DaemonSet", (spec: any) => ({ spec: { template: { spec } } })],
        ["kubernetes:batch/v1:Job", (spec: any) => ({ spec: { template: { spec } } })],
        ["kubernetes:batch/v1:CronJob", (spec: any) => ({ spec: { jobTemplate: { spec: { template: { spec } } } } })],
    ])("GIVEN a restricted %s WHEN checked THEN there is no violation, and a privileged one is caught", (type, wrap) => {
        expect(check(type, wrap(goodPodSpec()))).toEqual([]);
        const bad = goodPodSpec();
        bad.containers[0].securityContext.privileged = true;
        expect(check(type, wrap(bad))).toEqual([expect.stringContaining('container "app": securityContext.privileged must not be true')]);
    });

    it("GIVEN the project's SparkApplication (driver and executor pod templates) WHEN checked THEN there is no violation", () => {
        expect(check(SPARK_APP, sparkApp())).toEqual([]);
        expect(check(SCHEDULED, { spec: { schedule: "@daily", template: sparkApp().spec } })).toEqual([]);
    });

    it("GIVEN operator fields that are restricted themselves WHEN they override a template THEN the pod passes", () => {
        const app = sparkApp({
            driver: {
                podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
            },
        });
        expect(check(SPARK_APP, app)).toEqual([]);
    });

    it("GIVEN security only in the operator's webhook fields WHEN there is no template THEN the pod built without the webhook is reported", () => {
        // The platform installs the webhook only with operator.webhook: true; without it these fields never reach the pod.
        const app = sparkApp({
            driver: {
                template: undefined,
                podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
            },
        });
        const driver = sparkPod(app.spec, "driver");
        expect(restrictedViolations(driver, "driver pod")).toEqual([]);
        expect(check(SPARK_APP, app)).toEqual(
            expect.arrayContaining([
                'driver pod: container "spark-kubernetes-driver": securityContext.allowPrivilegeEscalation must be false',
                'driver pod: container "spark-kubernetes-driver": runAsNonRoot must be true (on the container or the pod securityContext)',
            ]),
        );
    });

    it("GIVEN resources the rule does not cover WHEN checked THEN nothing is reported", () => {
        expect(check("kubernetes:core/v1:ConfigMap", { data: {} })).toEqual([]);
        expect(check("kubernetes:helm.sh/v3:Release", { values: {} })).toEqual([]);
        expect(check("aws:s3/bucket:Bucket", {})).toEqual([]);
    });
});

describe("pod-security-restricted: bad pods", () => {
    const cases: [string, (spec: any) => void, string][] = [
        ["hostNetwork", (s) => (s.hostNetwork = true), "pod: hostNetwork must not be true"],
        ["hostPID", (s) => (s.hostPID = true), "pod: hostPID must not be true"],
        ["hostIPC", (s) => (s.hostIPC = true), "pod: hostIPC must not be true"],
        ["hostPath volume", (s) => s.volumes.push({ name: "root", hostPath: { path: "/" } }), 'pod: volume "root" is a hostPath volume'],
        ["nfs volume", (s) => s.volumes.push({ name: "share", nfs: { server: "x", path: "/" } }), 'pod: volume "share" is a nfs volume'],
        ["no pod or container runAsNonRoot", (s) => delete s.securityContext.runAsNonRoot, 'container "app": runAsNonRoot must be true'],
        [
            "container runAsNonRoot false",
            (s) => (s.containers[0].securityContext.runAsNonRoot = false),
            'container "app": securityContext.runAsNonRoot must not be false',
        ],
        ["pod runAsNonRoot false", (s) => (s.securityContext.runAsNonRoot = false), "pod: securityContext.runAsNonRoot must not be false"],
        ["runAsUser 0", (s) => (s.containers[0].securityContext.runAsUser = 0), 'container "app": securityContext.runAsUser must not be 0'],
        ["allowPrivilegeEscalation unset", (s) => delete s.containers[0].securityContext.allowPrivilegeEscalation, "allowPrivilegeEscalation must be false"],
        ["allowPrivilegeEscalation true", (s) => (s.containers[0].securityContext.allowPrivilegeEscalation = true), "allowPrivilegeEscalation must be false"],
        ["privileged", (s) => (s.containers[0].securityContext.privileged = true), "privileged must not be true"],
        ["capabilities not dropped", (s) => (s.containers[0].securityContext.capabilities.drop = ["NET_RAW"]), "capabilities.drop must include ALL"],
        [
            "capability added",
            (s) => s.containers[0].securityContext.capabilities.add.push("SYS_ADMIN"),
            'capabilities.add may only hold NET_BIND_SERVICE, got "SYS_ADMIN"',
        ],
        ["no seccomp", (s) => delete s.securityContext.seccompProfile, 'container "app": seccompProfile.type must be RuntimeDefault or Localhost'],
        [
            "seccomp Unconfined",
            (s) => (s.containers[0].securityContext.seccompProfile = { type: "Unconfined" }),
            'securityContext.seccompProfile.type must be RuntimeDefault or Localhost, got "Unconfined"',
        ],
        ["host port", (s) => (s.containers[0].ports[0].hostPort = 80), "port 8080 must not set hostPort (got 80)"],
        ["procMount", (s) => (s.containers[0].securityContext.procMount = "Unmasked"), "procMount must be Default"],
        [
            "unsafe sysctl",
            (s) => (s.securityContext.sysctls = [{ name: "kernel.msgmax", value: "1" }]),
            'sysctl "kernel.msgmax" is not one of the safe sysctls',
        ],
        ["SELinux user", (s) => (s.securityContext.seLinuxOptions = { user: "system_u" }), "seLinuxOptions.user must not be set"],
        ["AppArmor unconfined", (s) => (s.securityContext.appArmorProfile = { type: "Unconfined" }), "appArmorProfile.type must not be Unconfined"],
        ["hostProcess", (s) => (s.securityContext.windowsOptions = { hostProcess: true }), "windowsOptions.hostProcess must not be true"],
        ["bad init container", (s) => (s.initContainers = [{ name: "init" }]), 'init container "init": securityContext.allowPrivilegeEscalation must be false'],
    ];

    it.each(cases)("GIVEN a pod with %s WHEN checked THEN it is a violation", (_, mutate, expected) => {
        const spec = goodPodSpec();
        mutate(spec);
        const violations = restrictedViolations(podOf(spec), "pod");
        expect(violations).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
    });

    it("GIVEN an unconfined AppArmor annotation WHEN checked THEN it is a violation", () => {
        const pod = podOf(goodPodSpec(), { annotations: { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" } });
        expect(restrictedViolations(pod, "pod")).toEqual([expect.stringContaining("must be runtime/default or localhost/<profile>")]);
    });
});

describe("pod-security-restricted: SparkApplication driver and executor pods", () => {
    it("GIVEN no pod templates and no security fields WHEN checked THEN both pods are reported with what is missing", () => {
        const app = sparkApp({ driver: { template: undefined }, executor: { template: undefined } });
        const violations = check(SPARK_APP, app);
        for (const role of ["driver", "executor"]) {
            expect(violations).toEqual(
                expect.arrayContaining([
                    `${role} pod: container "spark-kubernetes-${role}": securityContext.allowPrivilegeEscalation must be false`,
                    `${role} pod: container "spark-kubernetes-${role}": securityContext.capabilities.drop must include ALL`,
                    `${role} pod: container "spark-kubernetes-${role}": runAsNonRoot must be true (on the container or the pod securityContext)`,
                ]),
            );
        }
    });

    it("GIVEN the operator's securityContext replacing the template's WHEN it drops the hardening THEN the Spark container is reported", () => {
        const app = sparkApp({ executor: { securityContext: { privileged: true } } });
        expect(check(SPARK_APP, app)).toEqual([
            'executor pod: container "spark-kubernetes-executor": securityContext.privileged must not be true',
            'executor pod: container "spark-kubernetes-executor": securityContext.allowPrivilegeEscalation must be false',
            'executor pod: container "spark-kubernetes-executor": securityContext.capabilities.drop must include ALL',
        ]);
    });

    it("GIVEN a podSecurityContext running as root WHEN it replaces the template's THEN the pod is reported", () => {
        const app = sparkApp({ driver: { podSecurityContext: { runAsUser: 0, fsGroup: 185 } } });
        expect(check(SPARK_APP, app)).toEqual(["driver pod: securityContext.runAsUser must not be 0"]);
    });

    it("GIVEN hostNetwork, a hostPath app volume and an unhardened sidecar WHEN checked THEN each is reported", () => {
        const app = sparkApp({
            driver: { hostNetwork: true, sidecars: [{ name: "log-shipper", image: "x" }] },
            spec: { volumes: [{ name: "host", hostPath: { path: "/var/log" } }] },
        });
        const violations = check(SPARK_APP, app);
        expect(violations).toEqual(
            expect.arrayContaining([
                "driver pod: hostNetwork must not be true",
                expect.stringContaining('driver pod: volume "host" is a hostPath volume'),
                expect.stringContaining('executor pod: volume "host" is a hostPath volume'),
                'driver pod: container "log-shipper": securityContext.allowPrivilegeEscalation must be false',
            ]),
        );
        expect(violations.some((v) => v.startsWith("executor pod: hostNetwork"))).toBe(false);
    });

    it("GIVEN a ScheduledSparkApplication whose template runs privileged WHEN checked THEN it is reported", () => {
        const template = sparkApp({ driver: { securityContext: { privileged: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } } }).spec;
        expect(check(SCHEDULED, { spec: { schedule: "@daily", template } })).toEqual([
            'driver pod: container "spark-kubernetes-driver": securityContext.privileged must not be true',
        ]);
    });

    it("GIVEN a template WHEN the Spark pod is built THEN the input is not modified", () => {
        const app = sparkApp({ driver: { securityContext: { privileged: true } } });
        const before = JSON.stringify(app);
        sparkPod(app.spec, "driver");
        expect(JSON.stringify(app)).toBe(before);
    });
});

import { beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { mockRuntime, planOf } from "../helpers/mocks";

let runtime: MockRuntime;
let lib: typeof import("../../components");

beforeAll(async () => {
    runtime = await mockRuntime();
    lib = await import("../../components");
});

const APP = "kubernetes:sparkoperator.k8s.io/v1beta2:SparkApplication";
const CRON = "kubernetes:batch/v1:CronJob";

async function platform(name: string, capacityGrid: "fargate" | "eci" | "none", reapFinishedDrivers?: boolean) {
    const cluster = new lib.ExistingCluster(name, { capacityGrid });
    new lib.ServerlessSparkPlatform(name, {
        cluster,
        jobNamespaces: ["etl"],
        samples: { wordcount: true },
        ...(reapFinishedDrivers === undefined ? {} : { reapFinishedDrivers }),
    });
    const plan = await planOf(runtime);
    const mine = plan.resources.filter((r) => r.name.startsWith(`${name}-`));
    const app = mine.find((r) => r.type === APP)!.inputs.spec as any;
    return { mine, app, cron: mine.find((r) => r.type === CRON) };
}

describe("finished jobs: the driver reaper", () => {
    it("GIVEN a billed grid WHEN the platform is declared THEN a CronJob deletes finished drivers and jobs keep their application (no TTL)", async () => {
        const { mine, app, cron } = await platform("f", "fargate");
        expect(app.timeToLiveSeconds).toBeUndefined();
        const spec = cron!.inputs.spec as any;
        expect(spec).toMatchObject({ schedule: "*/15 * * * *", concurrencyPolicy: "Forbid", successfulJobsHistoryLimit: 0 });
        expect(spec.jobTemplate.spec).toMatchObject({ backoffLimit: 0, ttlSecondsAfterFinished: 60 });
        const pod = spec.jobTemplate.spec.template.spec;
        const commands = [...pod.initContainers, ...pod.containers].map((c: any) => c.args.join(" "));
        expect(commands).toEqual([
            "delete pods --namespace etl --selector spark-role=driver --field-selector status.phase==Succeeded --ignore-not-found --wait=false",
            "delete pods --namespace etl --selector spark-role=driver --field-selector status.phase==Failed --ignore-not-found --wait=false",
        ]);
        expect(pod.serviceAccountName).toBe("spark-driver-reaper");
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
        for (const c of [...pod.initContainers, ...pod.containers]) {
            expect(c.image).toMatch(/^registry\.k8s\.io\/kubectl:v1\.\d+\.\d+$/);
            expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true });
            // Requests = limits: Fargate's smallest shape once its 256 MiB are added.
            expect(c.resources.requests).toEqual(c.resources.limits);
        }
        const role = mine.find((r) => r.type === "kubernetes:rbac.authorization.k8s.io/v1:Role" && (r.inputs.metadata as any).name === "spark-driver-reaper")!;
        expect(role.inputs.rules).toEqual([{ apiGroups: [""], resources: ["pods"], verbs: ["list", "delete"] }]);
    });

    it("GIVEN ECI WHEN declared THEN the reaper's pod is pinned to ECI's smallest spec", async () => {
        const { cron } = await platform("e", "eci");
        expect((cron!.inputs.spec as any).jobTemplate.spec.template.metadata.annotations).toMatchObject({ "k8s.aliyun.com/eci-use-specs": "0.25-0.5Gi" });
    });

    it("GIVEN reapFinishedDrivers false on a billed grid WHEN declared THEN no reaper, and jobs are deleted 600 s after they finish", async () => {
        const { cron, app } = await platform("k", "fargate", false);
        expect(cron).toBeUndefined();
        expect(app.timeToLiveSeconds).toBe(600);
    });

    it("GIVEN a cluster with no billing grid WHEN declared THEN no reaper and no TTL: nothing is billed per pod there", async () => {
        const { cron, app } = await platform("n", "none");
        expect(cron).toBeUndefined();
        expect(app.timeToLiveSeconds).toBeUndefined();
    });
});

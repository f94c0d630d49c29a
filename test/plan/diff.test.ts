import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import {
    diffPlans,
    fieldChanges,
    isEmptyDiff,
    JobReport,
    nestingExceeds,
    PLAN_MAX_NESTING,
    PlanSnapshot,
    readPlanDir,
    renderPath,
} from "../../tools/plan/diff";
import { PlanResource } from "../../tools/plan/plan-model";
import { diffMarker, renderDiff, REPORT_LIMIT } from "../../tools/plan/render-diff";
import { oneLineInputError } from "../helpers/errors";
import { tempDir } from "../helpers/plan-cli";

const K8S = "pulumi:providers:kubernetes::cluster-k8s";

function resource(type: string, name: string, over: Partial<PlanResource> = {}): PlanResource {
    return {
        type,
        name,
        parent: "serverless-spark:index:ServerlessSparkPlatform::spark",
        custom: true,
        inputs: {},
        protect: false,
        retainOnDelete: false,
        dependsOn: [],
        provider: K8S,
        ...over,
    };
}

function job(name: string, over: Record<string, unknown> = {}): JobReport {
    const pod = (cpu: number, gib: number, price: number) => ({
        billed: { memoryGiB: gib, vcpu: cpu },
        memoryShare: 1,
        pricePerHour: price,
        requested: { cpu, cpuLimit: cpu, memoryMiB: gib * 1024 - 256 },
        vcpuShare: 1,
        warnings: [],
    });
    return {
        costPerHour: 0.5,
        costUnknownBecause: null,
        currency: "USD",
        driver: pod(1, 3, 0.05),
        executor: pod(4, 16, 0.225),
        executors: 2,
        grid: "fargate",
        kind: "SparkApplication",
        name,
        namespace: "spark-jobs",
        sizing: "fit",
        ...over,
    };
}

function basePlan(): PlanSnapshot {
    return {
        resources: [
            resource("serverless-spark:index:ServerlessSparkPlatform", "spark", { parent: null, custom: false, provider: null }),
            resource("kubernetes:helm.sh/v3:Release", "spark-operator", {
                inputs: { values: { webhook: { replicas: 2 }, spark: { jobNamespaces: ["spark-jobs"] } }, chart: "spark-operator" },
            }),
            resource("kubernetes:core/v1:Secret", "keytab", { inputs: { stringData: "[secret]", metadata: { name: "keytab" } } }),
        ],
        jobs: [job("wordcount")],
    };
}

const render = (diff: ReturnType<typeof diffPlans>, limit?: number) => renderDiff(diff, { stack: "existing", project: "serverless-spark", limit });

describe("diffPlans", () => {
    it("GIVEN two identical plans WHEN diffed THEN the diff is empty and the report is the marker, the heading and 'No changes'", () => {
        const diff = diffPlans(basePlan(), basePlan());
        expect(isEmptyDiff(diff)).toBe(true);
        expect(diff.counts).toEqual({ before: 3, after: 3, unchanged: 3 });
        const report = render(diff);
        expect(report.split("\n")[0]).toBe(diffMarker("existing"));
        expect(report).toContain("### Offline plan diff: `serverless-spark/existing`");
        expect(report).toContain("**No changes**");
        expect(report).not.toMatch(/#### (Changed|Added|Removed|Jobs)/);
    });

    it("GIVEN a changed input WHEN diffed THEN exactly that resource changes, with a dotted path and old -> new", () => {
        const head = basePlan();
        (head.resources[1]!.inputs as any).values.webhook.replicas = 3;
        const diff = diffPlans(basePlan(), head);
        expect(diff.changed.map((c) => c.ref)).toEqual(["kubernetes:helm.sh/v3:Release::spark-operator"]);
        expect(diff.changed[0]!.inputs).toEqual([{ path: "values.webhook.replicas", kind: "changed", before: 2, after: 3 }]);
        expect(diff.counts.unchanged).toBe(2);
        expect(render(diff)).toContain("~     values.webhook.replicas: 2 -> 3");
    });

    it("GIVEN resources only on one side WHEN diffed THEN they are added or removed, with protect/retainOnDelete warnings", () => {
        const head = basePlan();
        head.resources.push(resource("kubernetes:core/v1:Namespace", "etl-ns", { protect: true }));
        const base = basePlan();
        base.resources.push(resource("aws:s3/bucket:Bucket", "data", { retainOnDelete: true, protect: true, provider: null }));
        const diff = diffPlans(base, head);
        expect(diff.added.map((r) => r.ref)).toEqual(["kubernetes:core/v1:Namespace::etl-ns"]);
        expect(diff.removed.map((r) => r.ref)).toEqual(["aws:s3/bucket:Bucket::data"]);
        const report = render(diff);
        expect(report).toMatch(/^\+ kubernetes:core\/v1:Namespace::etl-ns .*\[protect\]$/m);
        expect(report).toMatch(/^- aws:s3\/bucket:Bucket::data/m);
        expect(report).toContain("protected: pulumi up refuses to delete it");
        expect(report).toContain("retainOnDelete: leaves the stack, the object itself is kept");
        expect(report).toContain("**1 to add**, **1 to remove**");
    });

    it("GIVEN the same name and parent under another type WHEN diffed THEN the pair is called a type change", () => {
        const base = basePlan();
        base.resources.push(resource("kubernetes:policy/v1beta1:PodDisruptionBudget", "pdb"));
        const head = basePlan();
        head.resources.push(resource("kubernetes:policy/v1:PodDisruptionBudget", "pdb"));
        const diff = diffPlans(base, head);
        expect(diff.added[0]!.sameNameAs).toBe("kubernetes:policy/v1beta1:PodDisruptionBudget::pdb");
        expect(diff.removed[0]!.sameNameAs).toBe("kubernetes:policy/v1:PodDisruptionBudget::pdb");
        expect(render(diff)).toContain("a type change; the URN changes");
    });

    it("GIVEN options that change WHEN diffed THEN protect, retainOnDelete, dependsOn and provider changes are listed", () => {
        const head = basePlan();
        Object.assign(head.resources[2]!, {
            protect: true,
            retainOnDelete: true,
            dependsOn: ["kubernetes:core/v1:Namespace::ns"],
            provider: "pulumi:providers:kubernetes::other",
        });
        const [change] = diffPlans(basePlan(), head).changed;
        expect(change).toMatchObject({
            protect: { before: false, after: true },
            retainOnDelete: { before: false, after: true },
            dependsOn: { added: ["kubernetes:core/v1:Namespace::ns"], removed: [] },
            provider: { before: K8S, after: "pulumi:providers:kubernetes::other" },
            inputs: [],
        });
        const report = render(diffPlans(basePlan(), head));
        expect(report).toContain("~     protect: false -> true");
        expect(report).toContain("+     dependsOn: kubernetes:core/v1:Namespace::ns");
        expect(report).toContain(`!     provider changed: ${K8S} -> pulumi:providers:kubernetes::other`);
        expect(report).not.toMatch(/will be replaced/i);
    });

    it("GIVEN a re-parented resource WHEN the parent's type changes THEN the report says re-parented and that the URN changes", () => {
        const base = basePlan();
        base.resources.push(resource("serverless-spark:rbac:SparkNamespace", "ns-a", { custom: false, provider: null }));
        base.resources.push(resource("serverless-spark:operator:SparkOperator", "op", { custom: false, provider: null }));
        const head = structuredClone(base);
        base.resources.push(resource("kubernetes:core/v1:ConfigMap", "cm", { parent: "serverless-spark:rbac:SparkNamespace::ns-a" }));
        head.resources.push(resource("kubernetes:core/v1:ConfigMap", "cm", { parent: "serverless-spark:operator:SparkOperator::op" }));
        const [moved] = diffPlans(base, head).changed;
        expect(moved!.parent).toEqual({ before: "serverless-spark:rbac:SparkNamespace::ns-a", after: "serverless-spark:operator:SparkOperator::op" });
        expect(moved!.urnTypes).toEqual({
            before: "serverless-spark:index:ServerlessSparkPlatform$serverless-spark:rbac:SparkNamespace$kubernetes:core/v1:ConfigMap",
            after: "serverless-spark:index:ServerlessSparkPlatform$serverless-spark:operator:SparkOperator$kubernetes:core/v1:ConfigMap",
        });
        const report = render(diffPlans(base, head));
        expect(report).toContain("!     re-parented: serverless-spark:rbac:SparkNamespace::ns-a -> serverless-spark:operator:SparkOperator::op\n");
        expect(report).toMatch(/^! {5}its URN changes: types .*SparkNamespace.* -> .*SparkOperator.*; unless an alias links them/m);
        expect(report).not.toMatch(/replaced/i);

        // Same parent type, other parent name: the URN (which holds types, not names) stays.
        const sameType = structuredClone(base);
        sameType.resources.push(resource("serverless-spark:rbac:SparkNamespace", "ns-b", { custom: false, provider: null }));
        const head2 = structuredClone(sameType);
        head2.resources.find((r) => r.name === "cm")!.parent = "serverless-spark:rbac:SparkNamespace::ns-b";
        const [same] = diffPlans(sameType, head2).changed;
        expect(same!.urnTypes).toBeUndefined();
        expect(render(diffPlans(sameType, head2))).toContain("ns-b; same parent types, so the URN does not change");
    });

    it("GIVEN a component re-parented under another type WHEN diffed THEN its unchanged children are flagged: their URNs change too", () => {
        const base = basePlan();
        base.resources.push(resource("serverless-spark:rbac:SparkNamespace", "ns", { custom: false, provider: null }));
        base.resources.push(resource("kubernetes:core/v1:ConfigMap", "cm", { parent: "serverless-spark:rbac:SparkNamespace::ns" }));
        const head = structuredClone(base);
        head.resources.find((r) => r.name === "ns")!.parent = "serverless-spark:operator:SparkOperator::spark-operator";
        const diff = diffPlans(base, head);
        expect(diff.changed.map((c) => [c.name, Boolean(c.parent), Boolean(c.urnTypes)])).toEqual([
            ["ns", true, true],
            ["cm", false, true],
        ]);
        expect(render(diff)).toContain("!     its URN changes (an ancestor was re-parented): types ");
    });

    it("GIVEN a changed provider resource WHEN diffed THEN the report counts the resources using it", () => {
        const base = basePlan();
        base.resources.push(resource("pulumi:providers:kubernetes", "cluster-k8s", { provider: null, inputs: { kubeconfig: "[secret]", context: "a" } }));
        const head = structuredClone(base);
        (head.resources[3]!.inputs as any).context = "b";
        const [change] = diffPlans(base, head).changed;
        expect(change!.usedBy).toBe(2);
        expect(render(diffPlans(base, head))).toContain("2 resources use this provider");
    });
});

describe("secrets in the diff", () => {
    it("GIVEN [secret] on both sides WHEN diffed THEN nothing changes (a changed secret value is invisible to the plan)", () => {
        // The two plans may hold different keytabs: both are "[secret]", so the plan cannot tell.
        expect(diffPlans(basePlan(), basePlan()).changed).toEqual([]);
    });

    it("GIVEN a value that becomes secret or stops being one WHEN diffed THEN the plain side shows and the secret side stays [secret]", () => {
        expect(fieldChanges({ a: "[secret]", b: "plain" }, { a: "now-plain", b: "[secret]" })).toEqual([
            { path: "a", kind: "changed", before: "[secret]", after: "now-plain", secret: "no longer secret" },
            { path: "b", kind: "changed", before: "plain", after: "[secret]", secret: "now secret" },
        ]);
        const head = basePlan();
        (head.resources[2]!.inputs as any).stringData = { "krb5.keytab": "[secret]" };
        const report = render(diffPlans(basePlan(), head));
        expect(report).toContain('~     stringData: [secret] -> {"krb5.keytab":[secret]}\n');
        expect(report).not.toContain('"[secret]"');
    });
});

describe("field paths and values", () => {
    it("GIVEN odd keys and list indices WHEN rendered THEN paths are dotted with brackets where needed", () => {
        expect(renderPath(["metadata", "labels", "app.kubernetes.io/name"])).toBe('metadata.labels["app.kubernetes.io/name"]');
        expect(renderPath(["spec", "driver", "env", 0, "value"])).toBe("spec.driver.env[0].value");
        expect(renderPath(["sparkConf", "spark-jobs"])).toBe('sparkConf["spark-jobs"]');
    });

    it("GIVEN a plain list that grows WHEN diffed THEN it is one change of the whole list, and same-length lists change per index", () => {
        expect(fieldChanges({ ns: ["a"] }, { ns: ["a", "b"] })).toEqual([{ path: "ns", kind: "changed", before: ["a"], after: ["a", "b"] }]);
        expect(fieldChanges({ args: ["x", "1"] }, { args: ["x", "2"] })).toEqual([{ path: "args[1]", kind: "changed", before: "1", after: "2" }]);
        expect(fieldChanges({ a: 1, b: { c: 1 } }, { b: { c: 1, d: 2 } })).toEqual([
            { path: "a", kind: "removed", before: 1 },
            { path: "b.d", kind: "added", after: 2 },
        ]);
    });

    it("GIVEN long values WHEN rendered THEN they are cut with their length, on one line inside a diff block", () => {
        const head = basePlan();
        (head.resources[1]!.inputs as any).chart = `x${"y".repeat(500)}\n\`\`\`\n<!-- injected -->`;
        const report = render(diffPlans(basePlan(), head));
        const line = report.split("\n").find((l) => l.startsWith("~     chart:"))!;
        expect(line).toMatch(/\.\.\. \(\d+ chars\)$/);
        expect(line.length).toBeLessThan(300);
        expect(report).not.toContain("<!-- injected -->");
        for (const l of report.split("\n")) {
            if (l.startsWith("```")) expect(l).toMatch(/^```(diff)?$/);
        }
    });
});

describe("jobs in the diff", () => {
    it("GIVEN more executors WHEN diffed THEN the jobs table shows executors and cost, and the totals", () => {
        const head = basePlan();
        head.jobs = [job("wordcount", { executors: 4, costPerHour: 0.95 })];
        const diff = diffPlans(basePlan(), head);
        expect(diff.jobs.changes).toHaveLength(1);
        expect(diff.jobs.cost).toMatchObject({ before: 0.5, after: 0.95, currency: "USD" });
        const report = render(diff);
        expect(report).toContain("| spark-jobs/wordcount | executors | 2 | 4 |");
        expect(report).toContain("|  | job /h at full scale | 0.5000 USD | 0.9500 USD |");
        expect(report).toContain("All jobs at full scale: 0.5000 USD/h -> 0.9500 USD/h (+0.4500).");
        expect(report.indexOf("executors")).toBeLessThan(report.indexOf("job /h at full scale"));
    });

    it("GIVEN a job added and a warning with table syntax WHEN diffed THEN the table rows are escaped", () => {
        const head = basePlan();
        head.jobs = [job("wordcount", { driver: { ...job("x").driver, warnings: ["a | b <c>"] } }), job("etl")];
        const report = render(diffPlans(basePlan(), head));
        expect(report).toMatch(
            /\| spark-jobs\/etl \| added \| {2}\| driver 1 vCPU \/ 3 GiB billed; 2 executor\(s\) 4 vCPU \/ 16 GiB billed; 0\.5000 USD\/h \|/,
        );
        expect(report).toContain("a \\| b &lt;c&gt;");
    });

    it("GIVEN a base plan without jobs.json WHEN diffed THEN jobs are not compared and the report says so", () => {
        const base = basePlan();
        base.jobs = null;
        const diff = diffPlans(base, basePlan());
        expect(diff.jobs).toMatchObject({ compared: false, missing: ["base"] });
        expect(render(diff)).toContain("Job sizing was not compared (the base plan has no jobs.json)");
    });
});

describe("report size", () => {
    it("GIVEN thousands of changes WHEN rendered THEN the report stays under 60,000 characters, fences close and a note says it was cut", () => {
        const many = (value: number): PlanSnapshot => ({
            resources: Array.from({ length: 3000 }, (_, i) =>
                resource("kubernetes:core/v1:ConfigMap", `cm-${String(i).padStart(4, "0")}`, { inputs: { data: { key: value } } }),
            ),
            jobs: [],
        });
        const report = render(diffPlans(many(1), many(2)));
        expect(report.length).toBeLessThanOrEqual(REPORT_LIMIT);
        expect(report.split("\n")[0]).toBe(diffMarker("existing"));
        expect((report.match(/^```/gm) ?? []).length % 2).toBe(0);
        expect(report).toMatch(
            /\*\*Report cut at 60,000 characters\*\* .*: \d+ of 3000 resource entries not shown\. The whole report: `npm run plan -- --stack existing --diff BASE_DIR`\./,
        );
        // A resource is shown whole or not at all.
        expect(report).toMatch(/~ {5}data\.key: 1 -> 2\n```\n\n\*\*Report cut/);
        expect(report).toContain("**3000 to change**");
    });

    it("GIVEN a small limit WHEN rendered THEN the same rules hold", () => {
        const head = basePlan();
        (head.resources[1]!.inputs as any).values.webhook.replicas = 3;
        const report = render(diffPlans(basePlan(), head), 900);
        expect(report.length).toBeLessThanOrEqual(900);
        expect((report.match(/^```/gm) ?? []).length % 2).toBe(0);
        expect(report).toContain("1 of 1 resource entries and other sections not shown");
    });
});

describe("readPlanDir", () => {
    it("GIVEN a missing directory, a directory without resources.json or a bad file WHEN read THEN an InputError names --diff and the value", () => {
        const empty = tempDir("plan-diff-empty-");
        const bad = tempDir("plan-diff-bad-");
        fs.writeFileSync(path.join(bad, "resources.json"), '{"not": "a list"}');
        const cases: [string, RegExp][] = [
            [path.join(empty, "nope"), /^--diff: ".*nope" does not exist, expected a directory written by `npm run plan -- --out DIR`/],
            [empty, /^--diff: ".*" has no resources.json, expected a directory written by/],
            [bad, /^--diff: ".*resources.json" is not a plan's resource list, expected/],
            ["", /^--diff: got an empty path/],
        ];
        for (const [dir, message] of cases) {
            let error: unknown;
            try {
                readPlanDir(dir, "--diff");
            } catch (err) {
                error = err;
            }
            expect(error).toBeInstanceOf(InputError);
            expect((error as Error).message).toMatch(message);
        }
    });

    it("GIVEN a plan without jobs.json and without provider fields WHEN read THEN jobs are null and providers default", () => {
        const dir = tempDir("plan-diff-old-");
        const { provider: _provider, ...old } = resource("kubernetes:core/v1:Namespace", "ns");
        fs.writeFileSync(path.join(dir, "resources.json"), JSON.stringify([old]));
        expect(readPlanDir(dir, "--diff")).toEqual({ resources: [{ ...old, provider: null }], jobs: null });
    });

    /** A ConfigMap whose `data.x` holds `levels` nested objects: {a: {a: ... "leaf"}}. */
    function nested(levels: number): PlanResource {
        let value: unknown = "leaf";
        for (let i = 0; i < levels; i++) value = { a: value };
        return resource("kubernetes:core/v1:ConfigMap", "deep", { inputs: { data: { x: value } } });
    }

    it("GIVEN a base nested 8000 deep WHEN read THEN one line names --diff and the depth, before anything is compared", () => {
        const dir = tempDir("plan-diff-deep-");
        // Written as text: JSON.stringify itself overflows at this depth.
        const deep = `${'{"a":'.repeat(8000)}"leaf"${"}".repeat(8000)}`;
        fs.writeFileSync(path.join(dir, "resources.json"), JSON.stringify([nested(0)]).replace('"leaf"', deep));
        expect(oneLineInputError(() => readPlanDir(dir, "--diff")).message).toMatch(
            new RegExp(`^--diff: ".*resources.json" nests objects or lists more than ${PLAN_MAX_NESTING} deep, expected a directory written by`),
        );
    });

    it("GIVEN a base just inside the nesting limit WHEN read, compared and reported THEN the report is written without overflowing the stack", () => {
        const dir = tempDir("plan-diff-limit-");
        // resources.json adds 4 levels (list, resource, inputs, data) around the nested value.
        const base = nested(PLAN_MAX_NESTING - 5);
        fs.writeFileSync(path.join(dir, "resources.json"), JSON.stringify([base]));
        const read = readPlanDir(dir, "--diff");
        const after: PlanSnapshot = { resources: [{ ...base, inputs: { data: { x: "flat" } } }], jobs: null };
        const report = renderDiff(diffPlans(read, after), { stack: "existing", project: "serverless-spark" });
        expect(report).toContain("deep");
    });

    it("GIVEN values at and beyond a limit WHEN measured THEN only deeper ones exceed it", () => {
        expect(nestingExceeds("scalar", 0)).toBe(false);
        expect(nestingExceeds({}, 0)).toBe(true);
        expect(nestingExceeds({ a: [1] }, 2)).toBe(false);
        expect(nestingExceeds({ a: [[]] }, 2)).toBe(true);
        expect(nestingExceeds([{ a: 1 }, { b: { c: {} } }], 3)).toBe(true);
    });
});

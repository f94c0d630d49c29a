import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { roleArnWithoutPath, SCRAPER_USER, scraperConfiguration } from "../../components/cluster/aws/prometheus-scraper";
import { resolveEksClusterSettings } from "../../components/cluster/aws/validate";
import { InputError } from "../../components/errors";
import type { PlanResource } from "../../tools/plan/plan-model";
import { planCli, stackArgs, tempDir } from "../helpers/plan-cli";

const SCRAPER = "aws:amp/scraper:Scraper";
const WORKSPACE = "aws:amp/workspace:Workspace";
const ENTRY = "aws:eks/accessEntry:AccessEntry";
const ROLE = "kubernetes:rbac.authorization.k8s.io/v1:Role";
const BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding";

/** The offline plan of the shipped aws stack with extra `--config` assignments, as resources.json. */
async function planAws(...config: string[]): Promise<{ resources: PlanResource[]; cost: any }> {
    const out = tempDir("plan-amp-");
    const result = await planCli([...stackArgs("aws"), ...config.flatMap((c) => ["--config", c]), "--out", out]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    return {
        resources: JSON.parse(fs.readFileSync(path.join(out, "resources.json"), "utf8")),
        cost: JSON.parse(fs.readFileSync(path.join(out, "platform-cost.json"), "utf8")),
    };
}

const ofType = (resources: PlanResource[], type: string) => resources.filter((r) => r.type === type);

describe("the AMP managed collector's scrape configuration", () => {
    const config = parse(scraperConfiguration(["spark-operator", "etl", "adhoc"]));

    it("GIVEN namespaces WHEN rendered THEN pods are discovered in those namespaces only, in a stable order, without YAML aliases", () => {
        const text = scraperConfiguration(["spark-operator", "etl", "adhoc"]);
        expect(text).not.toMatch(/[&*]a\d/);
        expect(config.scrape_configs.map((j: any) => j.job_name)).toEqual(["annotated-pods", "spark-executors"]);
        for (const job of config.scrape_configs) {
            expect(job.kubernetes_sd_configs).toEqual([{ role: "pod", namespaces: { names: ["adhoc", "etl", "spark-operator"] } }]);
        }
        expect(scraperConfiguration(["b", "a"])).toBe(scraperConfiguration(["a", "b"]));
    });

    it("GIVEN a pod's address and its prometheus.io/port annotation WHEN relabelled THEN the target is the annotated port (Prometheus anchors its regexes)", () => {
        const rule = config.scrape_configs[0].relabel_configs.find((r: any) => r.target_label === "__address__");
        const apply = (address: string, port: string) =>
            `${address};${port}`.replace(new RegExp(`^(?:${rule.regex})$`), rule.replacement.replace(/\$(\d)/g, "$$$1"));
        expect(apply("10.0.32.7:7078", "4040")).toBe("10.0.32.7:4040");
        expect(apply("10.0.32.7", "8080")).toBe("10.0.32.7:8080");
    });

    it("GIVEN the executors' job WHEN rendered THEN it keeps annotated driver pods only and reads Spark's executor endpoint", () => {
        const job = config.scrape_configs[1];
        expect(job.metrics_path).toBe("/metrics/executors/prometheus");
        expect(job.relabel_configs.slice(0, 2)).toEqual([
            { source_labels: ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"], regex: "true", action: "keep" },
            { source_labels: ["__meta_kubernetes_pod_label_spark_role"], regex: "driver", action: "keep" },
        ]);
    });

    it("GIVEN the scraper's service-linked role WHEN mapped THEN the access entry names it without its path", () => {
        expect(
            roleArnWithoutPath(
                "arn:aws:iam::123456789012:role/aws-service-role/scraper.aps.amazonaws.com/AWSServiceRoleForAmazonPrometheusScraper_94e9c92f-32c2-4",
            ),
        ).toBe("arn:aws:iam::123456789012:role/AWSServiceRoleForAmazonPrometheusScraper_94e9c92f-32c2-4");
        expect(roleArnWithoutPath("arn:aws-cn:iam::123456789012:role/Plain")).toBe("arn:aws-cn:iam::123456789012:role/Plain");
        expect(roleArnWithoutPath("not-an-arn")).toBe("not-an-arn");
    });
});

describe("cluster.prometheusScraper and cluster.prometheusWorkspaceArn", () => {
    const refused = (input: unknown): string => {
        try {
            resolveEksClusterSettings(input, "serverless-spark");
        } catch (err) {
            expect(err).toBeInstanceOf(InputError);
            return (err as Error).message;
        }
        throw new Error("accepted");
    };

    it("GIVEN a workspace without the scraper, a malformed ARN or a non-boolean WHEN resolved THEN one line names the setting", () => {
        expect(refused({ prometheusWorkspaceArn: "arn:aws:aps:us-east-1:123456789012:workspace/ws-1" })).toBe(
            "prometheusWorkspaceArn: is set but prometheusScraper is not true, expected prometheusScraper: true with it, or no workspace",
        );
        expect(refused({ prometheusScraper: true, prometheusWorkspaceArn: "ws-1234" })).toMatch(
            /^prometheusWorkspaceArn: got "ws-1234", expected an AMP workspace ARN such as arn:aws:aps:/,
        );
        expect(refused({ prometheusScraper: "yes" })).toMatch(/^prometheusScraper: .*expected true or false$/);
        expect(resolveEksClusterSettings({}, "x").prometheusScraper).toBe(false);
    });

    it("GIVEN the shipped aws stack WHEN planned without the setting THEN no collector, workspace or scraper rights are declared", async () => {
        const { resources } = await planAws();
        expect([SCRAPER, WORKSPACE].flatMap((t) => ofType(resources, t))).toEqual([]);
        expect(ofType(resources, ROLE).filter((r) => (r.inputs as any).metadata.name === "prometheus-scraper")).toEqual([]);
    });

    it("GIVEN prometheusScraper WHEN planned THEN the collector scrapes through the cluster's subnets and security group into a new workspace, mapped to its user, and reads pods only where it scrapes", async () => {
        const { resources, cost } = await planAws("cluster.prometheusScraper=true");
        const [scraper] = ofType(resources, SCRAPER);
        const [workspace] = ofType(resources, WORKSPACE);
        expect(workspace!.inputs).toEqual({ region: "us-east-1", alias: "serverless-spark" });
        const cluster = resources.find((r) => r.type === "aws:eks/cluster:Cluster")!;
        const subnets = ofType(resources, "aws:ec2/subnet:Subnet").filter((s) => (s.inputs as any).tags?.["kubernetes.io/role/internal-elb"] === "1");
        const source = (scraper!.inputs as any).source.eks;
        expect(source.clusterArn).toBe(`arn:aws:eks:us-east-1:123456789012:cluster/${(cluster.inputs as any).name}`);
        expect(source.subnetIds).toHaveLength(subnets.length);
        expect(source.subnetIds.length).toBeGreaterThanOrEqual(2);
        expect(source.securityGroupIds).toEqual([expect.stringMatching(/^sg-[0-9a-f]{17}$/)]);
        expect((scraper!.inputs as any).destination.amp.workspaceArn).toMatch(/^arn:aws:aps:us-east-1:123456789012:workspace\/ws-/);
        expect(parse((scraper!.inputs as any).scrapeConfiguration).scrape_configs[0].kubernetes_sd_configs[0].namespaces.names).toEqual([
            "spark-jobs",
            "spark-operator",
        ]);

        const entry = ofType(resources, ENTRY).find((e) => (e.inputs as any).userName === SCRAPER_USER)!;
        expect(entry.inputs).toMatchObject({
            type: "STANDARD",
            principalArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\/AWSServiceRoleForAmazonPrometheusScraper_[0-9a-f]+$/),
        });

        const roles = ofType(resources, ROLE).filter((r) => (r.inputs as any).metadata.name === "prometheus-scraper");
        expect(roles.map((r) => (r.inputs as any).metadata.namespace).sort()).toEqual(["spark-jobs", "spark-operator"]);
        for (const role of roles) expect((role.inputs as any).rules).toEqual([{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }]);
        const bindings = ofType(resources, BINDING).filter((r) => (r.inputs as any).metadata.name === "prometheus-scraper");
        expect(bindings).toHaveLength(2);
        for (const b of bindings) expect((b.inputs as any).subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: SCRAPER_USER }]);

        const line = cost.lines.find((l: any) => l.item === "Amazon Managed Service for Prometheus collector");
        expect(line).toMatchObject({ kind: "fee", perMonth: null, source: "https://aws.amazon.com/prometheus/pricing/" });
    });

    it("GIVEN a workspace ARN WHEN planned THEN the collector writes there and no workspace is created", async () => {
        const arn = "arn:aws:aps:us-east-1:123456789012:workspace/ws-0123abcd-4567-89ef-0123-456789abcdef";
        const { resources } = await planAws("cluster.prometheusScraper=true", `cluster.prometheusWorkspaceArn=${arn}`);
        expect(ofType(resources, WORKSPACE)).toEqual([]);
        expect((ofType(resources, SCRAPER)[0]!.inputs as any).destination).toEqual({ amp: { workspaceArn: arn } });
    });
});

import { describe, expect, it } from "vitest";

import { parseStackConfig } from "../../components/platforms/config/resolve";

/** Config as the engine passes it: every value a string, structured values JSON-encoded. */
const base = { cloud: "existing" };

describe("parseStackConfig", () => {
    it("GIVEN only cloud: existing WHEN parsed THEN defaults apply", () => {
        expect(parseStackConfig(base)).toEqual({
            cloud: "existing",
            existing: {
                kubeconfig: undefined,
                context: undefined,
                capacityGrid: "none",
                scheduling: { nodeSelector: {}, tolerations: [], podAnnotations: {}, podLabels: {} },
            },
            jobNamespaces: ["spark-jobs"],
            operator: {},
            capacityGrid: "none",
            samples: { wordcount: false, tpcds: undefined },
            jobs: [],
            prices: undefined,
            historyServer: { enabled: true, maxAgeDays: 30 },
            metrics: true,
            sparkConnect: { enabled: false, executors: 2, executorCores: 1, serverCores: 1, sparkConf: {} },
            airflow: {
                enabled: false,
                chartVersion: "1.21.0",
                namespace: "airflow",
                dags: { source: "configmap", samples: true },
                database: { storageGiB: 20, finalSnapshot: true },
            },
        });
        expect(parseStackConfig({ ...base, metrics: "false" }).metrics).toBe(false);
        expect(() => parseStackConfig({ ...base, metrics: '"yes"' })).toThrow(/^metrics: .*expected true or false/);
    });

    it("GIVEN structured values as JSON strings WHEN parsed THEN they are decoded by their key's type", () => {
        const config = parseStackConfig({
            ...base,
            jobNamespaces: JSON.stringify(["a", "b"]),
            operator: JSON.stringify({ chartVersion: "2.5.1", namespace: "ops", webhook: true, webhookReplicas: 3 }),
            capacityGrid: "fargate",
            scheduling: JSON.stringify({ nodeSelector: { "eks.amazonaws.com/compute-type": "fargate" } }),
        });
        expect(config.jobNamespaces).toEqual(["a", "b"]);
        expect(config.operator).toEqual({ chartVersion: "2.5.1", namespace: "ops", webhook: true, webhookReplicas: 3 });
        expect(config.existing.capacityGrid).toBe("fargate");
        expect(config.existing.scheduling.nodeSelector).toEqual({ "eks.amazonaws.com/compute-type": "fargate" });
    });

    // One bad value per documented key: each fails with one line naming the key, the value and what is expected.
    it.each<[Record<string, string>, string]>([
        [{}, "cloud: got nothing, expected one of aws, alicloud, existing"],
        [{ cloud: "gcp" }, 'cloud: got "gcp", expected one of aws, alicloud, existing'],
        [{ cloud: "aws" }, "aws:region: not set, expected an AWS region code such as us-east-1"],
        [{ cloud: "alicloud" }, "alicloud:region: not set, expected an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1"],
        [{ ...base, cluster: '{"name": "x"}' }, 'cluster: is set for cloud "existing", expected it only with cloud: aws or alicloud'],
        [{ cloud: "aws", kubeconfig: "/tmp/x" }, 'kubeconfig: is set for cloud "aws", expected it only with cloud: existing'],
        [{ ...base, kubeconfig: "/does/not/exist" }, 'kubeconfig: no readable file at "/does/not/exist" (ENOENT), expected a path to a kubeconfig file'],
        [{ ...base, kubeconfig: "apiVersion: v1\nkind: Config\n" }, "kubeconfig: the kubeconfig has no clusters or no contexts"],
        [{ ...base, jobNamespaces: "spark-jobs" }, 'jobNamespaces: got "spark-jobs", expected a list of namespace names'],
        [{ ...base, jobNamespaces: "[]" }, "jobNamespaces: got [], expected at least one namespace name"],
        [{ ...base, jobNamespaces: '["ok", 5]' }, "jobNamespaces[1]: got 5, expected a namespace name"],
        [{ ...base, jobNamespaces: '["Not_Valid"]' }, 'jobNamespaces[0]: got "Not_Valid", expected a DNS-1123 label'],
        [{ ...base, jobNamespaces: '["a","a"]' }, 'jobNamespaces: "a" is listed twice, expected each entry once'],
        [{ ...base, operator: "fast" }, 'operator: got "fast", expected an object with chartVersion, namespace, webhook, ...'],
        [{ ...base, operator: '{"chartVersion": "latest"}' }, 'operator.chartVersion: got "latest", expected a chart version such as 2.5.2'],
        [{ ...base, operator: '{"chartVersion": 2}' }, "operator.chartVersion: got 2, expected a chart version string"],
        [{ ...base, operator: '{"namespace": "Spark Operator"}' }, 'operator.namespace: got "Spark Operator", expected a DNS-1123 label'],
        [{ ...base, operator: '{"webhookReplicas": 1}' }, "operator.webhookReplicas: got 1, expected an integer from 2 to 10"],
        [{ ...base, operator: '{"webhookReplicas": "two"}' }, 'operator.webhookReplicas: got "two", expected an integer from 2 to 10'],
        [{ ...base, operator: '{"webhookReplica": 2}' }, "operator.webhookReplica: unknown config key, expected one of chartVersion, repository"],
        [{ ...base, capacityGrid: "spot" }, 'capacityGrid: got "spot", expected one of fargate, eci, none'],
        [
            { ...base, scheduling: '{"tolerations": [{"effect": "Never"}]}' },
            'scheduling.tolerations[0].effect: got "Never", expected NoSchedule, PreferNoSchedule or NoExecute',
        ],
        [
            { ...base, jobs: JSON.stringify([{ name: "a", type: "Java", image: "apache/spark:3.5.3", mainApplicationFile: "x", driver: { corez: 1 } }]) },
            "jobs[0].driver.corez: unknown config key, expected one of cores, memory, ephemeralStorage",
        ],
        [{ ...base, nameSpaces: "[]" }, "nameSpaces: unknown config key, expected one of cloud, kubeconfig"],
    ])("GIVEN %j WHEN parsed THEN it fails with one clear line", (raw, message) => {
        let error: Error | undefined;
        try {
            parseStackConfig(raw);
        } catch (err) {
            error = err as Error;
        }
        expect(error?.name).toBe("InputError");
        expect(error?.message).toContain(message);
        expect(error?.message).not.toContain("\n");
    });
});

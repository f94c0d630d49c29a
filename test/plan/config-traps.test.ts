import { describe, expect, it } from "vitest";

import { hintForEncryptedKey, hintForScalarOverride } from "../../tools/plan/config-hints";
import { unsetKey } from "../../tools/plan/stack-config";
import { planCli, stackArgs } from "../helpers/plan-cli";

/**
 * `--config` traps: text that parses as a number, keys that cannot be removed, and messages that
 * name options the command does not have.
 */
const set = (text: string) => ({ kind: "set" as const, text });

describe("a number where the program wants text", () => {
    it("GIVEN cluster.version=1.36 on the aws stack WHEN planned THEN the one error line says how to quote it", async () => {
        const result = await planCli([...stackArgs("aws"), "--config", "cluster.version=1.36"]);
        expect(result.status).toBe(1);
        expect(result.stderr).toBe(
            `error: cluster.version: got 1.36, expected a Kubernetes version string such as "1.36" (--config read 1.36 as a number; to pass it as text, quote it: --config 'cluster.version="1.36"')\n`,
        );
    });

    it("GIVEN the quoted value WHEN planned THEN it is taken", async () => {
        const result = await planCli([...stackArgs("aws"), "--config", 'cluster.version="1.36"']);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
    });

    it("GIVEN a refusal that asks for a number WHEN hinted THEN there is no hint", () => {
        expect(hintForScalarOverride("operator.webhookReplicas: got 1, expected an integer from 2 to 10", [set("operator.webhookReplicas=1")])).toBe("");
    });

    it("GIVEN a component's refusal of a namespaced key WHEN hinted THEN the hint quotes the key as written", () => {
        const message = 'AwsSparkPlatform "data": cluster.version: got 1.3, expected a Kubernetes version string such as "1.36"';
        expect(hintForScalarOverride(message, [set("serverless-spark:cluster.version=1.30")])).toBe(
            ` (--config read 1.30 as a number; to pass it as text, quote it: --config 'serverless-spark:cluster.version="1.30"')`,
        );
    });

    it("GIVEN a refusal of another key, or a string value WHEN hinted THEN there is no hint", () => {
        expect(hintForScalarOverride("cluster.version: got 1.36, expected a string", [set("operator.webhookReplicas=3")])).toBe("");
        expect(hintForScalarOverride('cluster.mode: got "x", expected one of managed, serverless', [set("cluster.mode=x")])).toBe("");
    });
});

describe("--unset", () => {
    it("GIVEN a nested key WHEN unset THEN only that key goes, and the stack's siblings stay", () => {
        const config: Record<string, unknown> = { "p:cluster": { publicEndpoint: true, publicAccessCidrs: ["1.2.3.4/32"] }, "p:cloud": "aws" };
        unsetKey(config, "cluster.publicAccessCidrs", "p");
        unsetKey(config, "cloud", "p");
        expect(config).toEqual({ "p:cluster": { publicEndpoint: true } });
    });

    it.each(["cluster.nope", "nope", "cloud.deeper"])("GIVEN %s, which the stack does not set, WHEN unset THEN it is refused", (key) => {
        expect(() => unsetKey({ "p:cluster": { version: "1.36" }, "p:cloud": "aws" }, key, "p")).toThrow(
            `--unset: ${key} is not set in the stack file or an earlier --config, expected a key the stack sets`,
        );
    });

    it("GIVEN the aws stack WHEN the allow-list is unset and the endpoint made private THEN it plans", async () => {
        const result = await planCli([...stackArgs("aws"), "--unset", "cluster.publicAccessCidrs", "--config", "cluster.publicEndpoint=false"]);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
    });

    it("GIVEN --config then --unset of the same key WHEN planned THEN the later one wins", async () => {
        const result = await planCli(["--stack", "existing", "--config", "operator.webhookReplicas=1", "--unset", "operator.webhookReplicas"]);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
    });
});

describe("messages name only options that exist", () => {
    it("GIVEN a refusal of an encrypted key WHEN hinted THEN the hint says a placeholder was planned and offers --config with the key in its short form", () => {
        expect(hintForEncryptedKey("kubeconfig: no readable file at the path given (37 characters)", ["p:kubeconfig"], "p")).toBe(
            " (kubeconfig is encrypted in the stack file: the offline plan cannot decrypt it and planned a placeholder in its place; to check the value itself, pass it with --config kubeconfig=VALUE)",
        );
        expect(hintForEncryptedKey("context: got x", ["p:kubeconfig"], "p")).toBe("");
    });
});

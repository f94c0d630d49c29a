import { describe, expect, it } from "vitest";

import { applyOverride, secretKeysOf, SECURE_PLACEHOLDER, toEngineConfig } from "../../tools/plan/stack-config";

describe("applyOverride", () => {
    it("GIVEN dotted keys WHEN applied THEN nested values are set under the project namespace without losing siblings", () => {
        const config: Record<string, unknown> = { "serverless-spark:operator": { chartVersion: "2.5.2" } };
        applyOverride(config, "operator.webhookReplicas=3", "serverless-spark");
        applyOverride(config, "cloud=existing", "serverless-spark");
        applyOverride(config, "aws:region=us-west-2", "serverless-spark");
        applyOverride(config, "a.b.c=true", "serverless-spark");
        expect(config).toEqual({
            "serverless-spark:operator": { chartVersion: "2.5.2", webhookReplicas: 3 },
            "serverless-spark:cloud": "existing",
            "aws:region": "us-west-2",
            "serverless-spark:a": { b: { c: true } },
        });
    });

    it("GIVEN values WHEN applied THEN JSON is parsed and anything else is a string", () => {
        const config: Record<string, unknown> = {};
        applyOverride(config, "x=[1,2]", "p");
        applyOverride(config, "y=2.5.2", "p");
        applyOverride(config, "z=a=b", "p");
        expect(config).toEqual({ "p:x": [1, 2], "p:y": "2.5.2", "p:z": "a=b" });
    });

    it.each(["=1", "noequals", "a..b=1", "ns:=1"])("GIVEN %s WHEN applied THEN it is refused", (bad) => {
        expect(() => applyOverride({}, bad, "p")).toThrow(/^--config: /);
    });
});

describe("toEngineConfig", () => {
    it("GIVEN mixed values WHEN converted THEN strings stay raw and structures are JSON", () => {
        expect(toEngineConfig({ "p:a": "x", "p:b": 3, "p:c": { d: [1] } })).toEqual({ "p:a": "x", "p:b": "3", "p:c": '{"d":[1]}' });
    });

    it("GIVEN encrypted values, whole and under --path, WHEN converted THEN each is a placeholder and their top-level keys are secret", () => {
        const config = { "p:k": { secure: "v1:abc" }, "p:o": { a: "plain", b: { secure: "v1:def" } }, "p:plain": { a: 1 } };
        expect(toEngineConfig(config)).toEqual({
            "p:k": SECURE_PLACEHOLDER,
            "p:o": JSON.stringify({ a: "plain", b: SECURE_PLACEHOLDER }),
            "p:plain": '{"a":1}',
        });
        expect(secretKeysOf(config)).toEqual(["p:k", "p:o"]);
    });
});

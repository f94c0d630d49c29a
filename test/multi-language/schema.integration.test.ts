import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";

import { platformJobSchema as jobSchema, tpcdsSettingsSchema as tpcdsSchema } from "../../components/jobs/shape";
import { sparkOperatorSettingsSchema as operatorSchema } from "../../components/operator/settings";
import { ALICLOUD_CONFIG_KEYS } from "../../components/platforms/config/alicloud";
import { AWS_CONFIG_KEYS } from "../../components/platforms/config/aws";
import { hdfsStorageSchema } from "../../components/platforms/config/hdfs";
import { kerberosSchema } from "../../components/platforms/config/kerberos";
import { stackKeysOf } from "../../components/platforms/config/resolve";
import { schedulingSchema, topLevelKeys } from "../../components/platforms/config/schema";
import { PROJECT_ROOT } from "../helpers/plan-cli";

/**
 * The multi-language schema, inferred offline by the Pulumi SDK's own analyzer (the code behind
 * `pulumi package add` for a TypeScript component package) from plugin/index.ts: it must list the
 * three top-level components with every stack config key as a documented input, and the outputs.
 * The analyzer type-checks the package, so this takes seconds: an integration test.
 */
const PLUGIN = path.join(PROJECT_ROOT, "plugin");
const TOKEN = (name: string) => `serverless-spark:index:${name}`;

interface Property {
    description?: string;
    $ref?: string;
    items?: Property;
}
interface Schema {
    name: string;
    resources: Record<
        string,
        { isComponent: boolean; inputProperties: Record<string, Property>; properties: Record<string, Property>; requiredInputs: string[] }
    >;
    types: Record<string, { type: string; properties?: Record<string, Property>; enum?: { value: string }[] }>;
}

let schema: Schema;
beforeAll(async () => {
    const plugin = await import("../../plugin/index");
    const provider = new ComponentProvider({
        components: [plugin.ExistingSparkPlatform, plugin.AwsSparkPlatform, plugin.AlicloudSparkPlatform],
        dirname: PLUGIN,
        name: "serverless-spark",
    });
    schema = JSON.parse(await provider.getSchema()) as Schema;
}, 120_000);

/** The keys a zod object schema knows. */
const keysOf = (s: unknown) => Object.keys((s as { shape: Record<string, unknown> }).shape).sort();
/** The properties of a type the analyzer inferred. */
const propertiesOf = (type: string) => Object.keys(schema.types[TOKEN(type)]?.properties ?? {}).sort();
/** `$ref` of a property (through a list), as the type's short name. */
const refOf = (p: Property) => (p.$ref ?? p.items?.$ref)?.replace("#/types/serverless-spark:index:", "");

describe("the inferred multi-language schema", () => {
    it("GIVEN the plugin entry WHEN analyzed THEN it has exactly the three top-level components", () => {
        expect(schema.name).toBe("serverless-spark");
        expect(Object.keys(schema.resources).sort()).toEqual(["AlicloudSparkPlatform", "AwsSparkPlatform", "ExistingSparkPlatform"].map(TOKEN));
        for (const resource of Object.values(schema.resources)) expect(resource.isComponent).toBe(true);
    });

    it.each([
        ["ExistingSparkPlatform", "existing", []],
        ["AwsSparkPlatform", "aws", ["region"]],
        ["AlicloudSparkPlatform", "alicloud", ["region"]],
    ] as const)("GIVEN %s WHEN analyzed THEN its inputs are the %s stack's config keys, each documented", (component, cloud, extra) => {
        const inputs = schema.resources[TOKEN(component)]!.inputProperties;
        expect(Object.keys(inputs).sort()).toEqual([...stackKeysOf(cloud), ...extra].sort());
        for (const [key, property] of Object.entries(inputs)) expect(property.description, `${component}.${key}`).toBeTruthy();
        expect(schema.resources[TOKEN(component)]!.requiredInputs).toEqual([]);
    });

    // The platform's outputs; the cloud components add their cluster's and storage's; ACK its API server's ACL binding.
    const platformOutputs = ["capacityGrid", "dataRoot", "historyServers", "jobNamespaces", "jobs", "operatorNamespace", "operatorRelease", "serviceAccounts"];
    const cloudOutputs = [...platformOutputs, "bucket", "clusterName", "kubeconfig", "logs", "region"].sort();
    it.each([
        ["ExistingSparkPlatform", platformOutputs],
        ["AwsSparkPlatform", [...cloudOutputs, "prometheusWorkspaceArn"].sort()],
        ["AlicloudSparkPlatform", [...cloudOutputs, "apiServerAclBinding"].sort()],
    ])("GIVEN %s WHEN analyzed THEN its outputs are documented plain outputs", (component, outputs) => {
        const properties = schema.resources[TOKEN(component)]!.properties;
        expect(Object.keys(properties).sort()).toEqual(outputs);
        for (const [key, property] of Object.entries(properties)) expect(property.description, `${component}.${key}`).toBeTruthy();
    });

    it("GIVEN every nested type WHEN analyzed THEN it has the keys the config parser knows", () => {
        const inputs = (component: string) => schema.resources[TOKEN(component)]!.inputProperties;
        const pairs: [string | undefined, unknown][] = [
            [refOf(inputs("AwsSparkPlatform").operator!), operatorSchema],
            [refOf(inputs("AwsSparkPlatform").jobs!), jobSchema],
            [refOf(inputs("AwsSparkPlatform").tpcds!), tpcdsSchema],
            [refOf(inputs("AwsSparkPlatform").prices!), topLevelKeys.prices.schema.unwrap()],
            [refOf(inputs("AwsSparkPlatform").kerberos!), kerberosSchema],
            [refOf(inputs("ExistingSparkPlatform").scheduling!), schedulingSchema],
            [refOf(schema.types[TOKEN("ExistingStorageConfig")]!.properties!.hdfs!), hdfsStorageSchema],
            [refOf(inputs("AwsSparkPlatform").cluster!), AWS_CONFIG_KEYS.cluster],
            [refOf(inputs("AwsSparkPlatform").network!), AWS_CONFIG_KEYS.network],
            [refOf(inputs("AwsSparkPlatform").storage!), AWS_CONFIG_KEYS.storage],
            [refOf(inputs("AlicloudSparkPlatform").cluster!), ALICLOUD_CONFIG_KEYS.cluster],
            [refOf(inputs("AlicloudSparkPlatform").network!), ALICLOUD_CONFIG_KEYS.network],
            [refOf(inputs("AlicloudSparkPlatform").storage!), ALICLOUD_CONFIG_KEYS.storage],
        ];
        for (const [type, zodSchema] of pairs) {
            expect(type).toBeDefined();
            expect(propertiesOf(type!), type).toEqual(keysOf(zodSchema));
        }
        expect(propertiesOf("ExistingStorageConfig")).toEqual(["hdfs", "type"]);
    });

    it("GIVEN every type WHEN analyzed THEN each property is documented and the enums hold the values the parser takes", () => {
        for (const [token, type] of Object.entries(schema.types)) {
            for (const [key, property] of Object.entries(type.properties ?? {})) expect(property.description, `${token}.${key}`).toBeTruthy();
        }
        const values = (name: string) => schema.types[TOKEN(name)]!.enum!.map((e) => e.value);
        expect(values("Sample")).toEqual(["wordcount", "tpcds"]);
        expect(values("CapacityGridName")).toEqual(["fargate", "eci", "none"]);
        expect(values("SparkApplicationType")).toEqual(["Scala", "Java", "Python", "R"]);
        expect(values("ClusterMode")).toEqual(["managed", "serverless"]);
        expect(values("NatGateways")).toEqual(["single", "perZone"]);
        expect(values("PriceTableName")).toEqual(["fargate-us-east-1", "eci-international", "eci-china"]);
    });

    it("GIVEN the committed schema fixture WHEN compared with the inferred schema THEN they are equal", async () => {
        // test/fixtures/multi-language/schema.json is what the fast unit test
        // test/multi-language/examples.test.ts checks the examples/multi-language programs against;
        // this keeps it from going stale. Re-record after an intended change with
        // `UPDATE_SCHEMA_FIXTURE=1 npx vitest run test/multi-language/schema.integration.test.ts`,
        // then `npx biome format --write test/fixtures/multi-language/schema.json`.
        const fs = await import("node:fs");
        const fixture = path.join(PROJECT_ROOT, "test", "fixtures", "multi-language", "schema.json");
        if (process.env.UPDATE_SCHEMA_FIXTURE === "1") fs.writeFileSync(fixture, `${JSON.stringify(schema, null, 2)}\n`);
        expect(schema).toEqual(JSON.parse(fs.readFileSync(fixture, "utf8")));
    });
});

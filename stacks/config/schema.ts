import { z } from "zod";

/**
 * The shape of the `serverless-spark:*` stack config: types and known keys only. Value rules (name
 * formats, ranges, files) belong to the components and are applied in `validate.ts`, so a rule is
 * written once whether a user comes through stack config or through the library.
 *
 * Each message is the "expected" half of the one-line error `key: got X, expected <message>`.
 */

const stringMap = (what: string) => z.record(z.string(), z.string({ error: `${what} values as strings` }), { error: `a map of ${what}` });

const tolerationSchema = z.strictObject(
    {
        key: z.string({ error: "a string" }).optional(),
        operator: z.enum(["Exists", "Equal"], { error: "Exists or Equal" }).optional(),
        value: z.string({ error: "a string" }).optional(),
        effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"], { error: "NoSchedule, PreferNoSchedule or NoExecute" }).optional(),
        tolerationSeconds: z.int({ error: "an integer" }).optional(),
    },
    { error: "a toleration object {key, operator, value, effect}" },
);

export const schedulingSchema = z.strictObject(
    {
        nodeSelector: stringMap("node labels").optional(),
        tolerations: z.array(tolerationSchema, { error: "a list of tolerations" }).optional(),
        podAnnotations: stringMap("pod annotations").optional(),
        podLabels: stringMap("pod labels").optional(),
    },
    { error: "an object with nodeSelector, tolerations, podAnnotations, podLabels" },
);

const resourcesSchema = z.strictObject(
    {
        cpu: z.string({ error: "a Kubernetes CPU quantity string such as \"1\" or \"500m\"" }),
        memory: z.string({ error: "a Kubernetes memory quantity string such as \"1792Mi\"" }),
    },
    { error: "an object {cpu, memory}" },
);

export const operatorSchema = z.strictObject(
    {
        chartVersion: z.string({ error: "a chart version string such as \"2.5.2\"" }).optional(),
        repository: z.url({ error: "an https URL of a Helm repository" }).optional(),
        namespace: z.string({ error: "a namespace name" }).optional(),
        releaseName: z.string({ error: "a Helm release name" }).optional(),
        webhookReplicas: z.int({ error: "an integer from 2 to 10" }).optional(),
        controllerResources: resourcesSchema.optional(),
        webhookResources: resourcesSchema.optional(),
    },
    { error: "an object with chartVersion, namespace, webhookReplicas, ..." },
);

export const CLOUDS = ["aws", "alicloud", "existing"] as const;
export type Cloud = (typeof CLOUDS)[number];

/**
 * Top-level keys, each tagged with whether its config value is a plain string (taken as-is, like
 * `pulumi config get`) or structured (JSON-decoded, like `config.getObject`).
 */
export const topLevelKeys = {
    cloud: { structured: false, schema: z.enum(CLOUDS, { error: `one of ${CLOUDS.join(", ")}` }) },
    kubeconfig: { structured: false, schema: z.string({ error: "a kubeconfig path or content" }).optional() },
    context: { structured: false, schema: z.string({ error: "a kubeconfig context name" }).optional() },
    capacityGrid: {
        structured: false,
        schema: z.enum(["fargate", "eci", "none"], { error: "one of fargate, eci, none" }).optional(),
    },
    scheduling: { structured: true, schema: schedulingSchema.optional() },
    jobNamespaces: {
        structured: true,
        schema: z.array(z.string({ error: "a namespace name" }), { error: "a list of namespace names" }).optional(),
    },
    operator: { structured: true, schema: operatorSchema.optional() },
} as const;

export type TopLevelKey = keyof typeof topLevelKeys;

export const stackConfigSchema = z.strictObject(
    Object.fromEntries(Object.entries(topLevelKeys).map(([key, spec]) => [key, spec.schema])) as {
        [K in TopLevelKey]: (typeof topLevelKeys)[K]["schema"];
    },
);

/** The stack config after the shape check. */
export type RawStackConfig = z.infer<typeof stackConfigSchema>;

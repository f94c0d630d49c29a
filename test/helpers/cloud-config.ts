import { decodeStructured } from "../../components/shape";

/**
 * The cloud keys of an engine config map (fully-qualified keys, JSON-encoded values, as
 * `pulumi.runtime.allConfig()` gives them) as the cloud resolvers take them: the provider's region
 * and the decoded `cluster`, `network` and `storage`.
 */
export function cloudInput(
    provider: "aws" | "alicloud",
    engine: Record<string, string>,
): { region: unknown; cluster?: unknown; network?: unknown; storage?: unknown } {
    const value = (key: string) => {
        const text = engine[`serverless-spark:${key}`];
        return text === undefined ? undefined : decodeStructured(text);
    };
    return { region: engine[`${provider}:region`], cluster: value("cluster"), network: value("network"), storage: value("storage") };
}

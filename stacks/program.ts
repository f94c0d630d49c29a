import * as pulumi from "@pulumi/pulumi";

import { ExistingSparkPlatform } from "../components";
import { readStackConfig } from "./config/read";

/**
 * The Pulumi program: the stack's config, checked before anything is declared, becomes the
 * arguments of the one top-level component for its cloud. A cloud's module (and SDK) is loaded only
 * for that cloud. `adoptRootChildren` keeps the names and URNs the stacks had before the top-level
 * components existed (0.1), so an upgrade replaces nothing.
 */
export async function runProgram(): Promise<Record<string, pulumi.Input<unknown>>> {
    const { config, args, secretTransformation } = readStackConfig();
    // Every resource the component declares inherits the transformation (secret config stays secret).
    const opts = { adoptRootChildren: true, ...(secretTransformation ? { transformations: [secretTransformation] } : {}) };
    if (config.cloud === "aws") {
        const { AwsSparkPlatform } = await import("../components/aws");
        const platform = new AwsSparkPlatform("spark", args, opts);
        return { cloud: config.cloud, ...cloudOutputs(platform), ...platformOutputs(platform) };
    }
    if (config.cloud === "alicloud") {
        const { AlicloudSparkPlatform } = await import("../components/alicloud");
        const platform = new AlicloudSparkPlatform("spark", args, opts);
        return { cloud: config.cloud, ...cloudOutputs(platform), ...platformOutputs(platform), apiServerAclBinding: platform.apiServerAclBinding };
    }
    const platform = new ExistingSparkPlatform("spark", args, opts);
    return { cloud: config.cloud, ...platformOutputs(platform), dataRoot: platform.dataRoot };
}

type PlatformOutputs = Pick<
    ExistingSparkPlatform,
    "operatorNamespace" | "operatorRelease" | "jobNamespaces" | "capacityGrid" | "jobs" | "serviceAccounts" | "historyServers"
>;

function platformOutputs(p: PlatformOutputs): Record<string, pulumi.Input<unknown>> {
    return {
        operatorNamespace: p.operatorNamespace,
        operatorRelease: p.operatorRelease,
        jobNamespaces: p.jobNamespaces,
        capacityGrid: p.capacityGrid,
        jobs: p.jobs,
        serviceAccounts: p.serviceAccounts,
        historyServers: p.historyServers,
    };
}

interface CloudOutputs {
    kubeconfig: pulumi.Output<string>;
    clusterName: pulumi.Output<string>;
    region: pulumi.Output<string>;
    bucket: pulumi.Output<string>;
    dataRoot: pulumi.Output<string>;
    logs: pulumi.Output<string>;
}

function cloudOutputs(p: CloudOutputs): Record<string, pulumi.Input<unknown>> {
    return { kubeconfig: p.kubeconfig, clusterName: p.clusterName, region: p.region, bucket: p.bucket, dataRoot: p.dataRoot, logs: p.logs };
}

import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/**
 * Fargate's built-in log router (Fluent Bit, run by Fargate beside each pod): without the
 * `aws-logging` ConfigMap in the `aws-observability` namespace, Fargate pods' logs go nowhere once
 * the pod is gone. EKS user guide, "Start AWS Fargate logging for your cluster"
 * (docs.aws.amazon.com/eks/latest/userguide/fargate-logging.html, read 2026-11-29): the namespace
 * carries the label `aws-observability: enabled`, the ConfigMap holds Fluent Bit sections
 * (`output.conf` at least), and the pod execution role may write the log group. Fargate reads the
 * ConfigMap when a pod starts, so pods started before it exist log nothing.
 */
export const FARGATE_LOGGING_NAMESPACE = "aws-observability";

/** The Fluent Bit output: every container log line to one CloudWatch group, a stream per pod container. */
export function fargateLogOutput(region: string, logGroupName: string): string {
    return [
        "[OUTPUT]",
        "    Name cloudwatch_logs",
        "    Match *",
        `    region ${region}`,
        `    log_group_name ${logGroupName}`,
        "    log_stream_prefix fargate-",
        // The group is declared (with its retention); the router must not create one without it.
        "    auto_create_group false",
        "",
    ].join("\n");
}

/** The actions Fargate's log router needs on its group (fargate-logging.html), on that group only. */
export function fargateLoggingPolicy(logGroupArn: string): object {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "FargateLogRouter",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                Resource: [logGroupArn, `${logGroupArn}:log-stream:*`],
            },
        ],
    };
}

export interface FargateLoggingArgs {
    region: string;
    clusterName: string;
    retentionDays: number;
    podExecutionRole: aws.iam.Role;
    provider: k8s.Provider;
    /** Kubernetes objects wait for these (the cluster's Fargate profiles and CoreDNS). */
    dependsOn: pulumi.Resource[];
}

/** Declares the log group, the role's right to write it, and the router's namespace and ConfigMap. */
export function declareFargateLogging(name: string, args: FargateLoggingArgs, parent: pulumi.Resource): pulumi.Resource[] {
    const child = { parent };
    const logGroupName = `/aws/eks/${args.clusterName}/fargate`;
    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-fargate-logs`,
        { region: args.region, name: logGroupName, retentionInDays: args.retentionDays },
        child,
    );
    const policy = new aws.iam.RolePolicy(
        `${name}-fargate-logs`,
        { role: args.podExecutionRole.name, policy: logGroup.arn.apply((arn) => JSON.stringify(fargateLoggingPolicy(arn))) },
        child,
    );
    const k8sOpts = { parent, provider: args.provider, dependsOn: args.dependsOn };
    const namespace = new k8s.core.v1.Namespace(
        `${name}-aws-observability`,
        { metadata: { name: FARGATE_LOGGING_NAMESPACE, labels: { "aws-observability": "enabled" } } },
        k8sOpts,
    );
    const configMap = new k8s.core.v1.ConfigMap(
        `${name}-aws-logging`,
        {
            metadata: { name: "aws-logging", namespace: FARGATE_LOGGING_NAMESPACE },
            data: { "output.conf": fargateLogOutput(args.region, logGroupName) },
        },
        { ...k8sOpts, dependsOn: [...args.dependsOn, namespace, policy] },
    );
    return [policy, configMap];
}

import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";

import type { AlicloudNetworkPlan } from "./network-plan";

/** Arguments of {@link AlicloudVpc}: a validated plan (see `planAlicloudNetwork`). */
export interface AlicloudVpcArgs {
    /** The new-VPC plan from `planAlicloudNetwork`. @default none (required) */
    plan: Extract<AlicloudNetworkPlan, { kind: "new" }>;
    /**
     * A deploy-time check the VPC waits for (the cluster's `preflight`): when it fails, nothing billed
     * is created.
     * @default none
     */
    gate?: pulumi.Output<true>;
}

/**
 * A VPC for ACK and its ECI pods: one vSwitch per zone (control plane, pods), an enhanced internet NAT
 * gateway in the first zone's vSwitch with a pay-by-traffic EIP, and one SNAT entry per vSwitch, so
 * pods without public IPs can pull images and fetch connector jars.
 *
 * Alibaba VPCs have no public subnets or internet gateway: creating an internet NAT gateway adds the
 * 0.0.0.0/0 route to the VPC's system route table, and SNAT entries decide which vSwitches use it.
 */
export class AlicloudVpc extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly vswitchIds: pulumi.Output<string[]>;
    readonly natGateway: alicloud.vpc.NatGateway;
    readonly eip: alicloud.ecs.EipAddress;
    /** The SNAT entries: pods have egress once these exist. */
    readonly egress: alicloud.vpc.SnatEntry[];

    constructor(name: string, args: AlicloudVpcArgs, opts?: pulumi.ComponentResourceOptions) {
        super("serverless-spark:cluster:AlicloudVpc", name, {}, opts);
        const child = { parent: this };
        const { plan } = args;

        // An Output of no resources: the VPC is registered only once the gate resolves, and its
        // failure is the gate's own one-line error.
        const vpc = new alicloud.vpc.Network(
            name,
            { vpcName: name, cidrBlock: plan.vpcCidr, description: "serverless-spark: ACK and ECI pods" },
            { ...child, ...(args.gate ? { dependsOn: args.gate.apply((): pulumi.Resource[] => []) } : {}) },
        );
        const vswitches = plan.vswitches.map(
            ({ zoneId, cidr }) =>
                new alicloud.vpc.Switch(`${name}-${zoneId}`, { vswitchName: `${name}-${zoneId}`, vpcId: vpc.id, zoneId, cidrBlock: cidr }, child),
        );

        // Enhanced is the only NAT type the provider still creates, billed pay-as-you-go by LCU
        // (`natType`, `internetChargeType` docs, @pulumi/alicloud 3.108.0, read 2026-11-21).
        this.natGateway = new alicloud.vpc.NatGateway(
            `${name}-nat`,
            {
                vpcId: vpc.id,
                vswitchId: vswitches[0]!.id,
                natGatewayName: `${name}-nat`,
                natType: "Enhanced",
                networkType: "internet",
                paymentType: "PayAsYouGo",
                internetChargeType: "PayByLcu",
                description: "serverless-spark: egress of ECI pods",
            },
            child,
        );
        // Billed by traffic: image pulls are bursty, so a bandwidth-billed EIP would idle most of the time.
        this.eip = new alicloud.ecs.EipAddress(
            `${name}-nat`,
            {
                // EIP and SNAT entry names must start with a letter; the component name need not.
                addressName: `eip-${name}-nat`,
                paymentType: "PayAsYouGo",
                internetChargeType: "PayByTraffic",
                bandwidth: String(plan.eipBandwidthMbps),
                description: "serverless-spark: NAT gateway egress",
            },
            child,
        );
        const association = new alicloud.ecs.EipAssociation(
            `${name}-nat`,
            { allocationId: this.eip.id, instanceId: this.natGateway.id, instanceType: "Nat" },
            child,
        );

        // An SNAT entry can only use an EIP already bound to the gateway.
        this.egress = plan.vswitches.map(
            ({ zoneId }, i) =>
                new alicloud.vpc.SnatEntry(
                    `${name}-${zoneId}`,
                    {
                        snatTableId: this.natGateway.snatTableIds,
                        sourceVswitchId: vswitches[i]!.id,
                        snatIp: this.eip.ipAddress,
                        snatEntryName: `snat-${name}-${zoneId}`,
                    },
                    { parent: this, dependsOn: [association] },
                ),
        );

        this.vpcId = vpc.id;
        this.vswitchIds = pulumi.all(vswitches.map((v) => v.id));
        this.registerOutputs({ vpcId: this.vpcId, vswitchIds: this.vswitchIds, natGatewayId: this.natGateway.id, eipAddress: this.eip.ipAddress });
    }
}

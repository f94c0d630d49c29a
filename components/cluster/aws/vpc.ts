import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import type { NetworkPlan } from "./network-plan";
import { vpcEndpointServicePrefix } from "./region";

/** Arguments of {@link FargateVpc}: a validated plan (see `planNetwork`). */
export interface FargateVpcArgs {
    region: string;
    plan: Extract<NetworkPlan, { kind: "new" }>;
}

/**
 * A VPC for Fargate pods: per zone a private subnet (pods, control-plane interfaces) routed to a NAT
 * gateway and a small public subnet (NAT gateways only, no public IPs on launch); one NAT gateway or
 * one per zone; and an S3 gateway endpoint so Spark's S3 traffic skips the NAT gateway.
 */
export class FargateVpc extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly privateSubnetIds: pulumi.Output<string[]>;
    readonly publicSubnetIds: pulumi.Output<string[]>;
    /** What pods need for egress (NAT routes, the S3 endpoint): pods must not start before these. */
    readonly egress: pulumi.Resource[];

    constructor(name: string, args: FargateVpcArgs, opts?: pulumi.ComponentResourceOptions) {
        super("serverless-spark:cluster:FargateVpc", name, {}, opts);
        const child = { parent: this };
        const { region, plan } = args;
        const tags = (suffix: string, extra: Record<string, string> = {}) => ({ Name: `${name}${suffix}`, ...extra });

        const vpc = new aws.ec2.Vpc(name, { region, cidrBlock: plan.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: tags("") }, child);
        const igw = new aws.ec2.InternetGateway(`${name}-igw`, { region, vpcId: vpc.id, tags: tags("-igw") }, child);
        const publicRoutes = new aws.ec2.RouteTable(`${name}-public`, { region, vpcId: vpc.id, tags: tags("-public") }, child);
        const internet = new aws.ec2.Route(
            `${name}-public-internet`,
            { region, routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
            child,
        );

        const publicSubnets: aws.ec2.Subnet[] = [];
        const privateSubnets: aws.ec2.Subnet[] = [];
        for (const { zone, kind, privateCidr, publicCidr } of plan.zones) {
            // An ID is the same physical zone in every account; a name is mapped per account.
            const placement = kind === "id" ? { availabilityZoneId: zone } : { availabilityZone: zone };
            const pub = new aws.ec2.Subnet(
                `${name}-public-${zone}`,
                {
                    region,
                    vpcId: vpc.id,
                    cidrBlock: publicCidr,
                    ...placement,
                    mapPublicIpOnLaunch: false,
                    tags: tags(`-public-${zone}`, { "kubernetes.io/role/elb": "1" }),
                },
                child,
            );
            new aws.ec2.RouteTableAssociation(`${name}-public-${zone}`, { region, subnetId: pub.id, routeTableId: publicRoutes.id }, child);
            publicSubnets.push(pub);
            privateSubnets.push(
                new aws.ec2.Subnet(
                    `${name}-private-${zone}`,
                    {
                        region,
                        vpcId: vpc.id,
                        cidrBlock: privateCidr,
                        ...placement,
                        mapPublicIpOnLaunch: false,
                        tags: tags(`-private-${zone}`, { "kubernetes.io/role/internal-elb": "1" }),
                    },
                    child,
                ),
            );
        }

        // NAT gateways live in public subnets and need the internet gateway attached first.
        const natZones = plan.natGateways === "perZone" ? plan.zones.length : 1;
        const nats: aws.ec2.NatGateway[] = [];
        for (let i = 0; i < natZones; i++) {
            const zone = plan.zones[i]!.zone;
            const ip = new aws.ec2.Eip(`${name}-nat-${zone}`, { region, domain: "vpc", tags: tags(`-nat-${zone}`) }, { parent: this, dependsOn: [igw] });
            nats.push(
                new aws.ec2.NatGateway(
                    `${name}-nat-${zone}`,
                    { region, allocationId: ip.allocationId, subnetId: publicSubnets[i]!.id, connectivityType: "public", tags: tags(`-nat-${zone}`) },
                    { parent: this, dependsOn: [internet] },
                ),
            );
        }

        const egress: pulumi.Resource[] = [];
        const privateRouteTables: aws.ec2.RouteTable[] = [];
        plan.zones.forEach(({ zone }, i) => {
            const table = new aws.ec2.RouteTable(`${name}-private-${zone}`, { region, vpcId: vpc.id, tags: tags(`-private-${zone}`) }, child);
            privateRouteTables.push(table);
            const nat = nats[Math.min(i, nats.length - 1)]!;
            egress.push(
                new aws.ec2.Route(
                    `${name}-private-${zone}-egress`,
                    { region, routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id },
                    child,
                ),
                new aws.ec2.RouteTableAssociation(`${name}-private-${zone}`, { region, subnetId: privateSubnets[i]!.id, routeTableId: table.id }, child),
            );
        });

        if (plan.s3GatewayEndpoint) {
            const prefix = vpcEndpointServicePrefix(region);
            egress.push(
                new aws.ec2.VpcEndpoint(
                    `${name}-s3`,
                    {
                        region,
                        vpcId: vpc.id,
                        serviceName: `${prefix}.${region}.s3`,
                        vpcEndpointType: "Gateway",
                        routeTableIds: privateRouteTables.map((t) => t.id),
                        tags: tags("-s3"),
                    },
                    child,
                ),
            );
        }

        this.vpcId = vpc.id;
        this.privateSubnetIds = pulumi.all(privateSubnets.map((s) => s.id));
        this.publicSubnetIds = pulumi.all(publicSubnets.map((s) => s.id));
        this.egress = egress;
        this.registerOutputs({ vpcId: this.vpcId, privateSubnetIds: this.privateSubnetIds, publicSubnetIds: this.publicSubnetIds });
    }
}

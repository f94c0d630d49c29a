import "../../tools/plan/mock-outputs-alicloud";

import { describe, expect, it } from "vitest";

import { ACK_ROLES, ECI_SERVICE_LINKED_ROLES, missingRoles, missingRolesError } from "../../components/cluster/alicloud/preflight";
import { InputError } from "../../components/errors";
import { invokeRule } from "../../tools/plan/mock-outputs";
import { runProgram } from "../../tools/plan/mock-runtime";
import { mockRuntime, one, planOf, programError } from "../helpers/mocks";
import { AL, ref } from "./alicloud-types";

/**
 * The pre-flight check (`preflight: true`): ACK's roles for the cluster looked up before the cluster
 * is created; a missing one stops the deployment with one line, and the cluster is never registered.
 */

const ROLES_TOKEN = "alicloud:ram/getRoles:getRoles";
const network = { zoneIds: ["ap-southeast-1a", "ap-southeast-1b"] };

/** An account that has only these roles (whatever the check asks for). */
const accountWith = (roles: string[]) => (inputs: Record<string, any>) => {
    const asked = /^\^\((.*)\)\$$/.exec(String(inputs.nameRegex))![1]!.split("|");
    const names = asked.filter((n) => roles.includes(n));
    return { id: "roles", ids: names, names, roles: names.map((name) => ({ id: name, name, arn: `acs:ram::1:role/${name}` })) };
};

describe("missingRoles", () => {
    it("GIVEN an account's role names WHEN checked per mode THEN the ACK roles that mode assumes and ECI's service-linked roles it lacks", () => {
        expect(missingRoles("managed", ["AliyunCSDefaultRole", "AliyunServiceRoleForECI"])).toEqual({
            ack: ["AliyunCSManagedKubernetesRole", "AliyunCSManagedNetworkRole", "AliyunCSManagedVKRole"],
            eci: ["AliyunServiceRoleForECIVnode"],
        });
        expect(missingRoles("serverless", [...ACK_ROLES.serverless, ...ECI_SERVICE_LINKED_ROLES])).toEqual({ ack: [], eci: [] });
        expect(missingRoles("serverless", ACK_ROLES.managed).ack).toEqual(["AliyunCSServerlessKubernetesRole"]);
    });

    it("GIVEN missing roles WHEN reported THEN one line names the setting and each role", () => {
        expect(missingRolesError(["AliyunCSManagedVKRole"]).message).toBe(
            "preflight: found the account without ACK's role AliyunCSManagedVKRole, expected ACK activated and its default roles authorized first (the console's one-click authorization, or docs/alicloud.md \"A fresh account\")",
        );
    });
});

describe("AlicloudServerlessCluster with preflight", () => {
    it("GIVEN a fresh account (no ACK role authorized) WHEN deployed with preflight THEN it stops with one line naming the missing roles, before the cluster is registered", async () => {
        const runtime = await mockRuntime({ config: { "alicloud:region": "ap-southeast-1" }, invokes: { [ROLES_TOKEN]: accountWith([]) } });
        const { AlicloudServerlessCluster } = await import("../../components/cluster/alicloud/cluster");
        const error = await programError(runtime, () => void new AlicloudServerlessCluster("pf", { network, preflight: true, logs: { enabled: false } }));
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message).toBe(
            'AlicloudServerlessCluster "pf": preflight: found the account without ACK\'s roles AliyunCSDefaultRole, AliyunCSManagedKubernetesRole, AliyunCSManagedNetworkRole, AliyunCSManagedVKRole, expected ACK activated and its default roles authorized first (the console\'s one-click authorization, or docs/alicloud.md "A fresh account")',
        );
        expect(runtime.registrations.filter((r) => r.type === AL.managedKubernetes)).toEqual([]);
        // Nothing billed either: the network waits for the check too.
        expect(runtime.registrations.filter((r) => ([AL.vpc, AL.vswitch, AL.natGateway] as string[]).includes(r.type))).toEqual([]);
    });

    it("GIVEN an account with ACK's roles but not ECI's service-linked ones WHEN deployed with preflight THEN the cluster is declared after the check, as without it", async () => {
        const runtime = await mockRuntime({
            config: { "alicloud:region": "ap-southeast-1" },
            invokes: { [ROLES_TOKEN]: accountWith([...ACK_ROLES.managed]) },
        });
        const { AlicloudServerlessCluster } = await import("../../components/cluster/alicloud/cluster");
        await runProgram(runtime, () => ({ default: () => void new AlicloudServerlessCluster("ok", { network, preflight: true, logs: { enabled: false } }) }));
        const plan = await planOf(runtime);
        const cluster = one(plan, AL.managedKubernetes, "ok");
        expect(cluster.dependsOn).toEqual(expect.arrayContaining(network.zoneIds.map((z) => ref(AL.snatEntry, `ok-vpc-${z}`))));
        // The VPC waited for the check, and its description is the one it has without it.
        expect(one(plan, AL.vpc, "ok-vpc").inputs).toMatchObject({ description: "serverless-spark: ACK and ECI pods" });
    });

    it("GIVEN the placeholder answer of the offline plan WHEN asked for the check's roles THEN every role is there (a plan with preflight shows the cluster)", () => {
        const answer = invokeRule(ROLES_TOKEN)!({ nameRegex: `^(${[...ACK_ROLES.managed, ...ECI_SERVICE_LINKED_ROLES].join("|")})$` }) as { names: string[] };
        expect(missingRoles("managed", answer.names)).toEqual({ ack: [], eci: [] });
    });
});

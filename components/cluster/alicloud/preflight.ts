import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";

import { checkComponentArgs, InputError } from "../../errors";
import type { ClusterMode } from "./args";

/**
 * The pre-flight check of a fresh account (`preflight: true`): before the ACK cluster is created,
 * the RAM roles ACK and ECI assume for this cluster are looked up (`alicloud.ram.getRoles`, which
 * needs only `ram:ListRoles`), and a missing one stops `pulumi up` with one line naming it, instead
 * of a `CreateCluster` failure 10 minutes in.
 *
 * The roles, from ACK's "ACK default roles" page
 * (https://www.alibabacloud.com/help/en/container-service-for-kubernetes/latest/ack-default-roles,
 * read 2026-11-29), only those the parts this component installs assume: cluster management
 * (`AliyunCSDefaultRole`), the managed or serverless control plane, Terway's network add-on, and the
 * virtual-node add-on (the finding's list; ACK's quick authorization grants a dozen more, for
 * storage, monitoring, logs and audit). ECI's service-linked roles are created on first use when the
 * deploying principal may call `ram:CreateServiceLinkedRole`, so their absence is a warning only.
 *
 * What it cannot see: whether ACK is activated. The provider's only data source for it
 * (`alicloud.cs.getAckService`) activates ACK when asked (`enable: "On"`, which accepts ACK's terms
 * and cannot be undone) and answers nothing otherwise (terraform-provider-alicloud
 * `data_source_alicloud_ack_service.go`, read 2026-11-29), so the check does not call it.
 */

/** The ACK roles each mode's cluster and add-ons assume. */
export const ACK_ROLES: Readonly<Record<ClusterMode, readonly string[]>> = {
    managed: ["AliyunCSDefaultRole", "AliyunCSManagedKubernetesRole", "AliyunCSManagedNetworkRole", "AliyunCSManagedVKRole"],
    serverless: ["AliyunCSDefaultRole", "AliyunCSServerlessKubernetesRole", "AliyunCSManagedNetworkRole"],
};

/** ECI's service-linked roles (ECI "Service-linked roles for virtual nodes", read 2026-11-29). */
export const ECI_SERVICE_LINKED_ROLES: readonly string[] = ["AliyunServiceRoleForECI", "AliyunServiceRoleForECIVnode"];

/** What the account lacks, from the role names it has. */
export function missingRoles(mode: ClusterMode, present: readonly string[]): { ack: string[]; eci: string[] } {
    const has = new Set(present);
    return { ack: ACK_ROLES[mode].filter((r) => !has.has(r)), eci: ECI_SERVICE_LINKED_ROLES.filter((r) => !has.has(r)) };
}

/** The one-line error for missing ACK roles (`key` is the setting that asked for the check). */
export function missingRolesError(missing: readonly string[], key = "preflight"): InputError {
    return new InputError(
        key,
        `found the account without ACK's role${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`,
        'ACK activated and its default roles authorized first (the console\'s one-click authorization, or docs/alicloud.md "A fresh account")',
    );
}

/**
 * Looks the roles up at deploy time and resolves once they are all there; throws the one-line
 * error otherwise (the cluster waits for it). A missing ECI service-linked role is logged.
 */
export function preflightGate(mode: ClusterMode, componentName: string, parent: pulumi.Resource): pulumi.Output<true> {
    const names = [...ACK_ROLES[mode], ...ECI_SERVICE_LINKED_ROLES];
    const found = alicloud.ram.getRolesOutput({ nameRegex: `^(${names.join("|")})$` }, { parent });
    return found.names.apply((present) => {
        const missing = missingRoles(mode, present ?? []);
        if (missing.eci.length > 0) {
            pulumi.log.warn(
                `ECI's service-linked role${missing.eci.length === 1 ? "" : "s"} ${missing.eci.join(", ")} not found: ECI creates them on first use if the principal running pulumi up may call ram:CreateServiceLinkedRole`,
                parent,
            );
        }
        return checkComponentArgs("AlicloudServerlessCluster", componentName, () => {
            if (missing.ack.length > 0) throw missingRolesError(missing.ack);
            return true as const;
        });
    });
}

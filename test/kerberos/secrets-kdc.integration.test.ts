/**
 * KerberosSecrets against a real MIT KDC (see ./kdc-harness.ts): the keytab a realm exports goes
 * through the stack config and the component into the Secret's registration, and what the
 * Secret would hold still logs in. Skipped where the Debian tools are missing, except under CI,
 * where their absence fails the run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { mockRuntime, one, planOf } from "../helpers/mocks";
import { ciIsSet, findKerberosTools, kinitWithKeytab, startTestRealm, TestRealm } from "./kdc-harness";

const { paths, missing } = findKerberosTools();
const INSTALL = "apt-get install -y krb5-kdc krb5-admin-server krb5-user";

if (!paths && ciIsSet()) {
    describe("Kerberos tools", () => {
        it("are installed", () => {
            throw new Error(`Kerberos tools missing but CI is set: ${missing.join(", ")} (${INSTALL})`);
        });
    });
}

const title = paths ? "KerberosSecrets with a real MIT KDC" : `KerberosSecrets with a real MIT KDC (skipped: ${missing.join(", ")} not installed; ${INSTALL})`;

const { specialSigKey: SDK_SIG_KEY, specialSecretSig: SDK_SECRET_SIG } = pulumi.runtime;

/** The value inside the SDK's secret marker; fails unless `value` is marked secret. */
function unwrapSecret(value: unknown): unknown {
    expect(value).toMatchObject({ [SDK_SIG_KEY]: SDK_SECRET_SIG });
    return (value as { value: unknown }).value;
}

describe.skipIf(!paths)(title, () => {
    const PRINCIPAL = "spark/jobs.spark.test@SPARK.TEST";
    let realm: TestRealm;
    let runtime: MockRuntime;
    const file = (name: string): string => join(realm.dir, name);

    beforeAll(async () => {
        realm = await startTestRealm("SPARK.TEST");
        await realm.addPrincipal(PRINCIPAL);
        await realm.exportKeytab(PRINCIPAL, file("spark.keytab"));
        runtime = await mockRuntime();
    }, 60_000);

    afterAll(async () => {
        await realm?.stop();
    }, 30_000);

    it("GIVEN a keytab exported by the KDC WHEN it goes through stack config and KerberosSecrets THEN the Secret holds it byte for byte, as a secret, and kinit works with it", async () => {
        const { resolveKerberosConfig } = await import("../../components/platforms/config/kerberos");
        const { KerberosSecrets } = await import("../../components/kerberos/secrets");

        // Stack config with the real file system and a generated krb5.conf pointing at the test KDC.
        const args = resolveKerberosConfig({ principal: PRINCIPAL, keytabPath: file("spark.keytab"), kdcs: [realm.kdcAddress] });
        const kerberos = new KerberosSecrets("kdc", args);
        const namespace = new k8s.core.v1.Namespace("ns-etl", { metadata: { name: "etl" } });
        const integration = kerberos.integrate({ name: "etl", namespace }, {});
        const plan = await planOf(runtime);

        // The plan masks the keytab; the raw registration carries it inside the SDK's secret marker.
        expect(one(plan, "kubernetes:core/v1:Secret", "kdc-etl-keytab").inputs.data).toBe("[secret]");
        const registration = runtime.registrations.find((r) => r.type === "kubernetes:core/v1:Secret" && r.name === "kdc-etl-keytab");
        expect(registration).toBeDefined();
        const data = unwrapSecret(registration!.inputs.data) as Record<string, string>;
        expect(Object.keys(data)).toEqual(["krb5.keytab"]);
        const decoded = Buffer.from(data["krb5.keytab"]!, "base64");
        expect(decoded.equals(readFileSync(file("spark.keytab")))).toBe(true);

        // What a driver pod would find: the keytab at the mount path and krb5.conf from the ConfigMap.
        writeFileSync(file("mounted.keytab"), decoded);
        const cm = runtime.registrations.find((r) => r.type === "kubernetes:core/v1:ConfigMap" && r.name === "kdc-etl-krb5");
        const krb5Conf = (cm!.inputs.data as Record<string, string>)["krb5.conf"]!;
        expect(krb5Conf).toContain(`kdc = ${realm.kdcAddress}`);
        writeFileSync(file("mounted-krb5.conf"), krb5Conf);
        expect(await kinitWithKeytab(file("mounted.keytab"), PRINCIPAL, { krb5ConfPath: file("mounted-krb5.conf") })).toEqual({ defaultPrincipal: PRINCIPAL });

        expect(integration.sparkConf).toMatchObject({
            "spark.kerberos.principal": PRINCIPAL,
            "spark.kerberos.keytab": "local:///mnt/secrets/spark-kerberos-keytab/krb5.keytab",
        });
    });
});

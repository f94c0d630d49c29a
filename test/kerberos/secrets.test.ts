import { inspect } from "node:util";

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

import { InputError } from "../../components/errors";
import type { SecretContent as SecretContentType } from "../../components/kerberos/secrets";
import { PLATFORM_OBJECT_LABELS } from "../../components/rbac/guard";
import type { MockRuntime } from "../../tools/plan/mock-runtime";
import { childrenOf, mockRuntime, one, planOf, T } from "../helpers/mocks";
import { buildKeytab, EntrySpec, SECRET_MARKER } from "./keytab-builder";

let runtime: MockRuntime;
let mod: typeof import("../../components/kerberos/secrets");

const KS = "serverless-spark:kerberos:KerberosSecrets";
const SECRET = "kubernetes:core/v1:Secret";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
const SDK_SECRET = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig };

const PRINCIPAL = "spark/etl.example.com@EXAMPLE.COM";
const spark: EntrySpec = { components: ["spark", "etl.example.com"], realm: "EXAMPLE.COM", kvno: 2, enctype: 18 };
const KEYTAB = buildKeytab([spark, { ...spark, enctype: 17 }]);
const CONF = "[libdefaults]\n default_realm = EXAMPLE.COM\n[realms]\n EXAMPLE.COM = {\n  kdc = kdc.example.com\n }\n";
// A Hadoop token storage file: "HDTS", format 0, then (here) arbitrary bytes.
const TOKEN = Uint8Array.from([...Buffer.from("HDTS"), 0, ...Buffer.from(SECRET_MARKER)]);

beforeAll(async () => {
    runtime = await mockRuntime();
    mod = await import("../../components/kerberos/secrets");
});

function handle(name: string): { name: string; namespace: k8s.core.v1.Namespace } {
    return { name, namespace: new k8s.core.v1.Namespace(`ns-${name}`, { metadata: { name } }) };
}

describe("SecretContent", () => {
    it("GIVEN bytes WHEN printed, inspected or serialized THEN only the length shows, and base64 is a Pulumi secret", async () => {
        const content = mod.SecretContent.fromBytes(KEYTAB);
        for (const text of [String(content), `${content}`, JSON.stringify({ content }), inspect(content), inspect({ content }, { depth: 5 })]) {
            expect(text).toContain(`[secret, ${KEYTAB.length} bytes]`);
            expect(text).not.toContain(SECRET_MARKER);
            expect(text).not.toContain(Buffer.from(KEYTAB).toString("base64").slice(0, 12));
        }
        expect(content.byteLength).toBe(KEYTAB.length);
        expect(Buffer.from(content.revealBytes()).equals(Buffer.from(KEYTAB))).toBe(true);
        expect(await pulumi.isSecret(content.base64)).toBe(true);
        expect(content.base64).toBe(content.base64);
    });

    it("GIVEN base64 with line breaks WHEN wrapped THEN the bytes decode; invalid text is refused without being echoed", () => {
        const text = Buffer.from(KEYTAB)
            .toString("base64")
            .replace(/(.{20})/g, "$1\n");
        expect(Buffer.from(mod.SecretContent.fromBase64(text, "kerberos.keytab").revealBytes()).equals(Buffer.from(KEYTAB))).toBe(true);
        const bad = "SECRETKEY!!notbase64";
        expect(() => mod.SecretContent.fromBase64(bad, "kerberos.keytab")).toThrow(
            /^kerberos\.keytab: is not valid base64 \(20 characters after removing whitespace\)/,
        );
        try {
            mod.SecretContent.fromBase64(bad, "kerberos.keytab");
        } catch (err) {
            expect((err as Error).message).not.toContain("SECRETKEY");
        }
        expect(() => mod.SecretContent.fromBase64("", "kerberos.keytab")).toThrow(/is not valid base64/);
    });
});

describe("KerberosSecrets with a keytab", () => {
    it("GIVEN two job namespaces WHEN integrated THEN each gets a keytab Secret (data a Pulumi secret) and a krb5.conf ConfigMap, and jobs get the local: keytab conf", async () => {
        const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
        const ks = new mod.KerberosSecrets("krb", { principal: PRINCIPAL, keytab: mod.SecretContent.fromBytes(KEYTAB), krb5Conf: CONF });
        const etl = handle("etl");
        const adhoc = handle("adhoc");
        const integration = ks.integrate(etl, { providers: [provider] });
        ks.integrate(adhoc, { providers: [provider] });
        const plan = await planOf(runtime);

        expect(one(plan, KS, "krb").parent).toBeNull();
        expect(childrenOf(plan, { type: KS, name: "krb" })).toEqual(
            [`${SECRET}::krb-etl-keytab`, `${CONFIG_MAP}::krb-etl-krb5`, `${SECRET}::krb-adhoc-keytab`, `${CONFIG_MAP}::krb-adhoc-krb5`].sort(),
        );
        for (const ns of ["etl", "adhoc"]) {
            const secret = one(plan, SECRET, `krb-${ns}-keytab`);
            expect(secret.parent).toBe(`${KS}::krb`);
            expect(secret.provider).toBe(`${T.k8sProvider}::k8s`);
            expect(secret.dependsOn).toEqual([`${T.namespace}::ns-${ns}`]);
            expect(secret.inputs).toEqual({
                apiVersion: "v1",
                kind: "Secret",
                metadata: { name: "spark-kerberos-keytab", namespace: ns, labels: PLATFORM_OBJECT_LABELS },
                type: "Opaque",
                data: "[secret]",
            });

            const cm = one(plan, CONFIG_MAP, `krb-${ns}-krb5`);
            expect(cm.parent).toBe(`${KS}::krb`);
            expect(cm.provider).toBe(`${T.k8sProvider}::k8s`);
            expect(cm.dependsOn).toEqual([`${T.namespace}::ns-${ns}`]);
            expect(cm.inputs).toEqual({
                apiVersion: "v1",
                kind: "ConfigMap",
                metadata: { name: "spark-kerberos-krb5", namespace: ns, labels: PLATFORM_OBJECT_LABELS },
                data: { "krb5.conf": CONF },
            });
        }
        // Nothing in the plan (resources, the component's outputs) carries key material.
        const text = JSON.stringify(plan);
        expect(text).not.toContain(SECRET_MARKER);
        expect(text).not.toContain(Buffer.from(KEYTAB).toString("base64").slice(0, 24));

        // The raw registration keeps the SDK's secret marker around the data with the base64 keytab.
        const raw = runtime.registrations.find((r) => r.type === SECRET && r.name === "krb-etl-keytab")!;
        expect(raw.inputs.data).toEqual({ ...SDK_SECRET, value: { "krb5.keytab": Buffer.from(KEYTAB).toString("base64") } });

        expect(integration).toEqual({
            source: "kerberos",
            sparkConf: {
                "spark.kerberos.principal": PRINCIPAL,
                "spark.kerberos.keytab": "local:///mnt/secrets/spark-kerberos-keytab/krb5.keytab",
                "spark.kubernetes.kerberos.krb5.configMapName": "spark-kerberos-krb5",
            },
            hadoopConf: { "hadoop.security.authentication": "kerberos" },
            driverSecrets: { "spark-kerberos-keytab": "/mnt/secrets/spark-kerberos-keytab" },
            dependsOn: [ks.objects.etl!.secret, ks.objects.etl!.krb5Conf],
        });
        // The keytab goes to the driver only: executors get delegation tokens from it.
        expect(integration.executorSecrets).toBeUndefined();
        expect(() => ks.integrate(etl, {})).toThrow(/namespace etl is already integrated/);
    });

    it("GIVEN KDCs, a name prefix, a mount dir and a caller's parent WHEN integrated THEN the generated krb5.conf and those names are used", async () => {
        const owner = new pulumi.ComponentResource("test:index:Owner", "owner");
        const ks = new mod.KerberosSecrets("gen", {
            principal: PRINCIPAL,
            keytab: mod.SecretContent.fromBytes(buildKeytab([spark, { ...spark, enctype: 23 }])),
            kdcs: ["kdc1.example.com:88", "kdc2.example.com"],
            adminServer: "kdc1.example.com",
            namePrefix: "etl-krb",
            keytabMountDir: "/opt/spark/keytab",
        });
        expect(ks.weakKeys).toEqual([`${PRINCIPAL} kvno 2 arcfour-hmac`]);
        expect(ks.krb5Conf).toContain("kdc = kdc1.example.com:88");
        const integration = ks.integrate(handle("jobs"), { parent: owner });
        expect(integration.sparkConf).toEqual({
            "spark.kerberos.principal": PRINCIPAL,
            "spark.kerberos.keytab": "local:///opt/spark/keytab/krb5.keytab",
            "spark.kubernetes.kerberos.krb5.configMapName": "etl-krb-krb5",
        });
        expect(integration.driverSecrets).toEqual({ "etl-krb-keytab": "/opt/spark/keytab" });
        const plan = await planOf(runtime);
        const secret = one(plan, SECRET, "gen-jobs-keytab");
        expect(secret.parent).toBe("test:index:Owner::owner");
        expect(secret.inputs.metadata).toEqual({ name: "etl-krb-keytab", namespace: "jobs", labels: PLATFORM_OBJECT_LABELS });
        const cm = one(plan, CONFIG_MAP, "gen-jobs-krb5");
        expect((cm.inputs.data as any)["krb5.conf"]).toBe(ks.krb5Conf);
        expect((cm.inputs.data as any)["krb5.conf"]).toContain("admin_server = kdc1.example.com");
    });
});

describe("KerberosSecrets with a delegation token", () => {
    it("GIVEN a token instead of a keytab WHEN integrated THEN a token Secret (key hadoop.token) and Spark's tokenSecret conf, no principal", async () => {
        const ks = new mod.KerberosSecrets("tok", { principal: PRINCIPAL, delegationToken: mod.SecretContent.fromBytes(TOKEN), krb5Conf: CONF });
        expect(ks.credentials).toBe("delegationToken");
        const integration = ks.integrate(handle("tokjobs"), {});
        const plan = await planOf(runtime);
        expect(childrenOf(plan, { type: KS, name: "tok" })).toEqual([`${CONFIG_MAP}::tok-tokjobs-krb5`, `${SECRET}::tok-tokjobs-token`]);
        const secret = one(plan, SECRET, "tok-tokjobs-token");
        expect(secret.inputs).toEqual({
            apiVersion: "v1",
            kind: "Secret",
            metadata: { name: "spark-kerberos-token", namespace: "tokjobs", labels: PLATFORM_OBJECT_LABELS },
            type: "Opaque",
            data: "[secret]",
        });
        const raw = runtime.registrations.find((r) => r.type === SECRET && r.name === "tok-tokjobs-token")!;
        expect(raw.inputs.data).toEqual({ ...SDK_SECRET, value: { "hadoop.token": Buffer.from(TOKEN).toString("base64") } });
        expect(JSON.stringify(plan)).not.toContain(SECRET_MARKER);
        expect(integration.sparkConf).toEqual({
            "spark.kubernetes.kerberos.tokenSecret.name": "spark-kerberos-token",
            "spark.kubernetes.kerberos.tokenSecret.itemKey": "hadoop.token",
            "spark.kubernetes.kerberos.krb5.configMapName": "spark-kerberos-krb5",
        });
        expect(integration.driverSecrets).toBeUndefined();
        expect(integration.dependsOn).toEqual([ks.objects.tokjobs!.secret, ks.objects.tokjobs!.krb5Conf]);
    });
});

describe("KerberosSecrets refuses", () => {
    const keytab = (): SecretContentType => mod.SecretContent.fromBytes(KEYTAB);
    const token = (): SecretContentType => mod.SecretContent.fromBytes(TOKEN);

    it.each<[string, () => object, string | RegExp]>([
        ["a malformed principal", () => ({ principal: "spark", keytab: keytab(), krb5Conf: CONF }), /^kerberos\.principal: principal "spark" has no @REALM/],
        [
            "a keytab for another principal",
            () => ({ principal: "other@EXAMPLE.COM", keytab: keytab(), krb5Conf: CONF }),
            /^kerberos\.keytab: the keytab holds keys for spark\/etl\.example\.com@EXAMPLE\.COM but not for other@EXAMPLE\.COM/,
        ],
        [
            "a weak-only keytab",
            () => ({ principal: PRINCIPAL, keytab: mod.SecretContent.fromBytes(buildKeytab([{ ...spark, enctype: 23 }])), krb5Conf: CONF }),
            /^kerberos\.keytab: the keytab has only weak or unknown encryption types/,
        ],
        [
            "a krb5.conf without the realm",
            () => ({ principal: PRINCIPAL, keytab: keytab(), krb5Conf: "[realms]\n A.COM = {\n  kdc = a\n }\n" }),
            /^kerberos\.krb5ConfPath: the krb5\.conf defines realms A\.COM but not EXAMPLE\.COM/,
        ],
        [
            "both krb5Conf and kdcs",
            () => ({ principal: PRINCIPAL, keytab: keytab(), krb5Conf: CONF, kdcs: ["kdc"] }),
            /^kerberos\.kdcs: is given together with kerberos\.krb5ConfPath/,
        ],
        ["neither krb5Conf nor kdcs", () => ({ principal: PRINCIPAL, keytab: keytab() }), /^kerberos\.krb5ConfPath: is missing and so is kerberos\.kdcs/],
        [
            "a keytab and a token",
            () => ({ principal: PRINCIPAL, keytab: keytab(), delegationToken: token(), krb5Conf: CONF }),
            /^kerberos\.delegationToken: is given together with kerberos\.keytab, expected either a keytab/,
        ],
        ["no credentials", () => ({ principal: PRINCIPAL, krb5Conf: CONF }), /^kerberos\.keytab: is missing and so is kerberos\.delegationToken/],
        [
            "raw bytes instead of SecretContent",
            () => ({ principal: PRINCIPAL, keytab: KEYTAB, krb5Conf: CONF }),
            /^kerberos\.keytab: got raw bytes, expected a SecretContent/,
        ],
        [
            "an empty keytab",
            () => ({ principal: PRINCIPAL, keytab: mod.SecretContent.fromBytes(new Uint8Array(0)), krb5Conf: CONF }),
            /^kerberos\.keytab: is empty \(0 bytes\)/,
        ],
        [
            "a token that is not a token file",
            () => ({ principal: PRINCIPAL, delegationToken: keytab(), krb5Conf: CONF }),
            /^kerberos\.delegationToken: is not a Hadoop token file/,
        ],
        [
            "a token file of an unknown format",
            () => ({ principal: PRINCIPAL, delegationToken: mod.SecretContent.fromBytes(Uint8Array.from([...Buffer.from("HDTS"), 7, 1])), krb5Conf: CONF }),
            /^kerberos\.delegationToken: has token storage format 7/,
        ],
        [
            "a token with a krb5.conf lacking the realm",
            () => ({ principal: PRINCIPAL, delegationToken: token(), krb5Conf: "[realms]\n A.COM = {\n  kdc = a\n }\n" }),
            /^kerberos\.krb5ConfPath: the krb5\.conf defines realms A\.COM/,
        ],
        [
            "a token with a wrong realm",
            () => ({ principal: PRINCIPAL, delegationToken: token(), kdcs: ["kdc:88"], realm: "OTHER.COM" }),
            /^kerberos\.realm: "OTHER\.COM" differs from the realm of kerberos\.principal/,
        ],
        [
            "a token with adminServer but a krb5.conf",
            () => ({ principal: PRINCIPAL, delegationToken: token(), krb5Conf: CONF, adminServer: "kdc" }),
            /^kerberos\.adminServer: is given with kerberos\.krb5ConfPath/,
        ],
        [
            "a bad name prefix",
            () => ({ principal: PRINCIPAL, keytab: keytab(), krb5Conf: CONF, namePrefix: "Spark_Kerberos" }),
            /^kerberos\.namePrefix: got "Spark_Kerberos", expected a DNS-1123 label/,
        ],
        [
            "a relative mount dir",
            () => ({ principal: PRINCIPAL, keytab: keytab(), krb5Conf: CONF, keytabMountDir: "keytab" }),
            /^kerberos\.keytabMountDir: got "keytab", expected an absolute directory path/,
        ],
        [
            "a mount dir with ..",
            () => ({ principal: PRINCIPAL, keytab: keytab(), krb5Conf: CONF, keytabMountDir: "/mnt/../etc" }),
            /^kerberos\.keytabMountDir: got "\/mnt\/\.\.\/etc"/,
        ],
    ])("GIVEN %s WHEN declared THEN one clear line without key bytes, and nothing registered", async (_what, args, message) => {
        await runtime.settle();
        const before = runtime.registrations.length;
        let error: unknown;
        try {
            new mod.KerberosSecrets("bad", args() as any);
        } catch (err) {
            error = err;
        }
        expect(error).toBeInstanceOf(InputError);
        const text = (error as Error).message;
        // The component is named first, then the key and the problem.
        const prefix = 'KerberosSecrets "bad": ';
        expect(text.startsWith(prefix)).toBe(true);
        expect(text.slice(prefix.length)).toMatch(message);
        expect(text).not.toContain("\n");
        expect(text).not.toContain(SECRET_MARKER);
        await runtime.settle();
        expect(runtime.registrations.length).toBe(before);
    });
});

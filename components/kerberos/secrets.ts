/**
 * The Pulumi side of Kerberos: per job namespace, a Secret with the keytab (or a delegation token)
 * and a ConfigMap with krb5.conf, plus the Spark conf that points the driver at them. Everything is
 * validated with ./validate before the first resource is declared.
 *
 * How Spark 3.5 treats the keytab (checked in apache/spark, see ./README.md for the references):
 * with the Kubeflow operator, spark-submit runs in cluster mode inside the operator pod. A keytab
 * given as a `local:` URI is left alone there: SparkSubmit.prepareSubmitEnvironment neither checks
 * that the file exists nor logs in from it (it only does so for non-`local:` keytabs), and
 * KerberosConfDriverFeatureStep (`needKeytabUpload` is false for `local:` URIs) neither uploads it
 * into a Secret nor rewrites `spark.kerberos.keytab`; it also skips creating delegation tokens at
 * submission because a keytab is set. So the operator pod needs neither the keytab nor a ticket.
 * Inside the driver pod, spark-submit runs again in client mode: there the `local:` prefix is
 * stripped to a plain path, the file must exist (we mount the Secret there with
 * `spark.kubernetes.driver.secrets.<name>=<dir>`), the driver logs in from it, and
 * HadoopDelegationTokenManager (which also strips `local:`) obtains and renews delegation tokens
 * and hands them to the executors. Executors therefore never see the keytab.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

import { checkComponentArgs } from "../errors";
import { integrationChildOptions } from "../jobs/integration-options";
import type { JobIntegration, JobNamespaceHandle, NamespaceIntegrator } from "../jobs/types";
import { HISTORY_SERVER_ROLE, PLATFORM_OBJECT_LABELS, SPARK_ROLE_LABEL } from "../rbac/guard";
import type { HistoryServerLogin } from "../storage/types";
import { DELEGATION_TOKEN_KEY, KerberosCredentialKind, KerberosSecretsArgs, KEYTAB_SECRET_KEY, KRB5_CONF_KEY, resolveKerberosSecretsArgs } from "./args";
import { describeKeytabEntry } from "./keytab";
import { SecretContent } from "./secret-content";

// The arguments and their parser live in ./args; callers keep importing them from here.
export {
    DEFAULT_KERBEROS_NAME_PREFIX,
    DELEGATION_TOKEN_KEY,
    type KerberosCredentialKind,
    type KerberosSecretsArgs,
    KEYTAB_SECRET_KEY,
    KRB5_CONF_KEY,
    type ResolvedKerberosSecrets,
    resolveKerberosSecretsArgs,
} from "./args";
export { SecretContent } from "./secret-content";

/**
 * Kerberos credentials for Spark jobs, per job namespace: the keytab (or a delegation token) as a
 * Secret whose data is a Pulumi secret, krb5.conf as a ConfigMap, and the Spark conf that uses them
 * without the operator's webhook. The keytab is mounted into the driver only (executors get
 * delegation tokens from the driver); see the module comment for how Spark handles the `local:`
 * keytab URI.
 */
export class KerberosSecrets extends pulumi.ComponentResource implements NamespaceIntegrator {
    /** Which credentials jobs get. */
    readonly credentials: KerberosCredentialKind;
    /** The principal (as given). */
    readonly principal: string;
    /** The krb5.conf shipped to the pods. */
    readonly krb5Conf: string;
    /** Names of the objects declared in each job namespace. */
    readonly keytabSecretName: string;
    readonly krb5ConfigMapName: string;
    readonly tokenSecretName: string;
    /** Where the keytab Secret is mounted in the driver pod. */
    readonly keytabMountDir: string;
    /** Weak or unknown keytab entries of the principal (`principal kvno N enctype`), also logged as a warning. */
    readonly weakKeys: readonly string[];
    /** The Secrets and ConfigMaps declared so far, by namespace name. */
    readonly objects: Record<string, { secret: k8s.core.v1.Secret; krb5Conf: k8s.core.v1.ConfigMap }> = {};

    private readonly componentName: string;
    private readonly secretContent: SecretContent;

    constructor(name: string, args: KerberosSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        const checked = checkComponentArgs("KerberosSecrets", name, () => resolveKerberosSecretsArgs(args));
        super("serverless-spark:kerberos:KerberosSecrets", name, {}, opts);
        this.componentName = name;
        this.credentials = checked.credentials;
        this.principal = checked.principal.name;
        this.krb5Conf = checked.krb5Conf;
        this.keytabSecretName = checked.keytabSecretName;
        this.krb5ConfigMapName = checked.krb5ConfigMapName;
        this.tokenSecretName = checked.tokenSecretName;
        this.keytabMountDir = checked.keytabMountDir;
        this.secretContent = (checked.credentials === "keytab" ? args.keytab : args.delegationToken) as SecretContent;
        this.weakKeys = checked.weakEntries.map(describeKeytabEntry);
        if (this.weakKeys.length > 0) {
            pulumi.log.warn(`kerberos.keytab: keeps weak or unknown keys besides strong ones: ${this.weakKeys.join(", ")}`, this);
        }
        // Names only: nothing secret is registered as an output.
        this.registerOutputs({
            credentials: this.credentials,
            principal: this.principal,
            secretName: this.credentials === "keytab" ? this.keytabSecretName : this.tokenSecretName,
            krb5ConfigMapName: this.krb5ConfigMapName,
        });
    }

    /**
     * Declares, in one job namespace, the credentials Secret and the krb5.conf ConfigMap (both
     * waiting for the namespace) and returns the Spark conf for jobs there.
     * @param opts options for those objects (parent and Kubernetes provider); the parent defaults to this component
     */
    integrate(ns: JobNamespaceHandle, opts: pulumi.ComponentResourceOptions = {}): JobIntegration {
        if (this.objects[ns.name] !== undefined) {
            throw new Error(`KerberosSecrets ${this.componentName}: namespace ${ns.name} is already integrated`);
        }
        const child = integrationChildOptions(this, opts, [ns.namespace]);
        const keytab = this.credentials === "keytab";
        const secret = new k8s.core.v1.Secret(
            `${this.componentName}-${ns.name}-${keytab ? "keytab" : "token"}`,
            {
                metadata: { name: keytab ? this.keytabSecretName : this.tokenSecretName, namespace: ns.name, labels: PLATFORM_OBJECT_LABELS },
                type: "Opaque",
                data: { [keytab ? KEYTAB_SECRET_KEY : DELEGATION_TOKEN_KEY]: this.secretContent.base64 },
            },
            child,
        );
        const krb5Conf = new k8s.core.v1.ConfigMap(
            `${this.componentName}-${ns.name}-krb5`,
            {
                metadata: { name: this.krb5ConfigMapName, namespace: ns.name, labels: PLATFORM_OBJECT_LABELS },
                data: { [KRB5_CONF_KEY]: this.krb5Conf },
            },
            child,
        );
        this.objects[ns.name] = { secret, krb5Conf };
        const common = {
            source: "kerberos",
            // Hadoop only logs in (and asks for tokens) when its security is switched on.
            hadoopConf: { "hadoop.security.authentication": "kerberos" },
            dependsOn: [secret, krb5Conf],
        };
        if (keytab) {
            return {
                ...common,
                sparkConf: {
                    "spark.kerberos.principal": this.principal,
                    // local: = already in the driver's file system; see the module comment.
                    "spark.kerberos.keytab": `local://${this.keytabMountDir}/${KEYTAB_SECRET_KEY}`,
                    "spark.kubernetes.kerberos.krb5.configMapName": this.krb5ConfigMapName,
                },
                driverSecrets: { [this.keytabSecretName]: this.keytabMountDir },
            };
        }
        return {
            ...common,
            sparkConf: {
                "spark.kubernetes.kerberos.tokenSecret.name": this.tokenSecretName,
                "spark.kubernetes.kerberos.tokenSecret.itemKey": DELEGATION_TOKEN_KEY,
                "spark.kubernetes.kerberos.krb5.configMapName": this.krb5ConfigMapName,
            },
        };
    }

    /**
     * What a job namespace's Spark History Server adds to log in to a Kerberized HDFS as the jobs'
     * principal, from the namespace's keytab: `spark.history.kerberos.enabled`, `.principal` and
     * `.keytab` (apache/spark `docs/monitoring.md`, "Spark History Server Configuration Options",
     * read 2026-11-29: "required if the history server is accessing HDFS files on a secure Hadoop
     * cluster"; `HistoryServer.initSecurity` logs in from the keytab before the provider starts, and
     * Hadoop's RPC client logs in again from it when the ticket expires), the keytab Secret mounted
     * where the driver has it, krb5.conf at `/etc/krb5.conf` (where Spark mounts it in drivers and the
     * JDK looks by default), and the pod role the namespace's guard lets hold the keytab. Undefined
     * with a delegation token: Spark's History Server cannot log in from one, nor renew it.
     * Declares nothing; call it after {@link integrate} for the namespace.
     */
    historyServerLogin(namespace: string): HistoryServerLogin | undefined {
        const objects = this.objects[namespace];
        if (objects === undefined) {
            throw new Error(`KerberosSecrets ${this.componentName}: namespace ${namespace} is not integrated`);
        }
        if (this.credentials !== "keytab") {
            return undefined;
        }
        return {
            sparkConf: {
                "spark.history.kerberos.enabled": "true",
                "spark.history.kerberos.principal": this.principal,
                "spark.history.kerberos.keytab": `${this.keytabMountDir}/${KEYTAB_SECRET_KEY}`,
            },
            hadoopConf: { "hadoop.security.authentication": "kerberos" },
            volumes: [
                {
                    volume: { name: "kerberos-keytab", secret: { secretName: this.keytabSecretName } },
                    mount: { name: "kerberos-keytab", mountPath: this.keytabMountDir, readOnly: true },
                },
                {
                    volume: { name: "krb5-conf", configMap: { name: this.krb5ConfigMapName } },
                    mount: { name: "krb5-conf", mountPath: "/etc/krb5.conf", subPath: KRB5_CONF_KEY, readOnly: true },
                },
            ],
            podLabels: { [SPARK_ROLE_LABEL]: HISTORY_SERVER_ROLE },
            dependsOn: [objects.secret, objects.krb5Conf],
        };
    }
}

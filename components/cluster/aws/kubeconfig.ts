/** What an EKS kubeconfig is built from. */
export interface EksKubeconfigInput {
    clusterName: string;
    /** The API server URL (`https://<id>.gr7.<region>.eks.amazonaws.com`). */
    endpoint: string;
    /** Base64 PEM of the cluster's certificate authority. */
    certificateAuthorityData: string;
    region: string;
    /** The AWS profile the Pulumi AWS provider uses (`aws:profile`): the token is minted with it too. */
    profile?: string;
    /** The role the provider assumes (`aws:assumeRoles`): the token is minted as that role too. */
    roleArn?: string;
}

/**
 * A kubeconfig for an EKS cluster that holds no credential: kubectl and the Kubernetes provider run
 * `aws eks get-token` (AWS CLI v2) where they run, with the profile and role the AWS provider uses
 * when it has them (as pulumi-eks's `providerCredentialOpts` does), else the ambient credentials. The
 * token is minted per call, so nothing in the file expires.
 */
export function eksKubeconfig(input: EksKubeconfigInput): Record<string, unknown> {
    const name = input.clusterName;
    return {
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server: input.endpoint, "certificate-authority-data": input.certificateAuthorityData } }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
        users: [
            {
                name,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: [
                            "eks",
                            "get-token",
                            "--cluster-name",
                            name,
                            "--region",
                            input.region,
                            ...(input.roleArn ? ["--role-arn", input.roleArn] : []),
                            ...(input.profile ? ["--profile", input.profile] : []),
                            "--output",
                            "json",
                        ],
                    },
                },
            },
        ],
    };
}

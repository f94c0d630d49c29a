/**
 * Pod Security Admission labels that make the API server enforce the `restricted` profile on a
 * namespace (https://kubernetes.io/docs/concepts/security/pod-security-admission/).
 * `audit` and `warn` are set too, so a violation is also visible in audit logs and kubectl output.
 */
export function restrictedNamespaceLabels(): Record<string, string> {
    return {
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "latest",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
    };
}

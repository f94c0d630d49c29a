import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/**
 * Options for an object declared by `integrate`: the caller's options (parent, provider or the
 * Kubernetes one of `providers`), the parent defaulting to `owner`, and `dependsOn` extended with
 * `extra` (the namespace).
 */
export function integrationChildOptions(owner: pulumi.Resource, opts: pulumi.ComponentResourceOptions, extra: pulumi.Resource[]): pulumi.CustomResourceOptions {
    const given = opts.dependsOn;
    let dependsOn: pulumi.Resource[] | pulumi.Input<pulumi.Resource>[];
    if (given === undefined) {
        dependsOn = extra;
    } else if (Array.isArray(given)) {
        dependsOn = [...given, ...extra];
    } else if (pulumi.Resource.isInstance(given)) {
        dependsOn = [given, ...extra];
    } else {
        // A promise or output of resources cannot be extended without resolving it.
        throw new Error("integrate: opts.dependsOn must be a resource or a list of resources");
    }
    // Custom resources take one `provider`: pick the Kubernetes one from a component's `providers`.
    const { providers, ...rest } = opts;
    const list = providers === undefined ? [] : Array.isArray(providers) ? providers : Object.values(providers);
    const provider = rest.provider ?? list.find((p) => k8s.Provider.isInstance(p));
    return { ...rest, parent: rest.parent ?? owner, dependsOn, ...(provider === undefined ? {} : { provider }) };
}

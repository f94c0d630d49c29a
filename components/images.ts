import { describeValue, InputError } from "./errors";

/**
 * Image mirrors: a registry of the user's own that holds copies of the public images the platform
 * pulls (the Spark operator, the samples, the History Server, Spark Connect, the driver reaper,
 * image caches and jobs), for clusters that cannot or should not pull from public registries:
 * mainland China regions, where pulls from Docker Hub, ghcr.io, gcr.io, Quay and public.ecr.aws "can
 * fail due to network issues" (ACR "Subscribe to image tags",
 * https://www.alibabacloud.com/help/en/acr/user-guide/subscribe-to-image-tags, read 2026-11-29), or
 * clusters whose pods all leave through one NAT address (Docker Hub's anonymous pull limit is per
 * address).
 *
 * The rule, one for every image: an image from a public registry (below) becomes
 * `<registry>/<its last path segment>[:tag][@digest]`, so `apache/spark:3.5.3` becomes
 * `<registry>/spark:3.5.3` and `ghcr.io/kubeflow/spark-operator/controller:2.5.2` becomes
 * `<registry>/controller:2.5.2`. The last segment only, because an ACR repository sits directly in
 * a namespace (`<host>/<namespace>/<repository>`: ACR "Manage namespaces",
 * https://www.alibabacloud.com/help/en/container-registry/latest/manage-namespaces, read
 * 2026-11-29), which a copy keeping `apache/spark` as its path would not fit. Images in any other
 * registry (your own, already) are left as they are. Pure functions: the stack config layer uses
 * them too.
 */

/** Registries the mirror replaces: the public ones the platform's defaults and common Spark images come from. */
export const PUBLIC_REGISTRIES: readonly string[] = [
    "docker.io",
    "index.docker.io",
    "registry-1.docker.io",
    "ghcr.io",
    "gcr.io",
    "k8s.gcr.io",
    "registry.k8s.io",
    "quay.io",
    "public.ecr.aws",
    "mcr.microsoft.com",
];

/** An image reference, split: `registry` is undefined for Docker Hub's short form (`apache/spark:3.5.3`). */
export interface ImageReference {
    registry?: string;
    /** The repository path, e.g. `apache/spark` or `kubeflow/spark-operator/controller`. */
    path: string;
    tag?: string;
    digest?: string;
}

const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const HOST = "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::\\d{1,5})?";
/** The distribution reference grammar (distribution/reference), simplified: host, path, tag, digest. */
const REFERENCE = new RegExp(
    `^(?:(?<registry>${HOST})/)?(?<path>${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(?<tag>\\w[\\w.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$`,
);

/**
 * Splits an image reference, or undefined when it is not one. A first component is a registry only
 * when it has a dot or a port or is `localhost`, as Docker reads it (`apache/spark` is Docker Hub's).
 */
export function parseImageReference(image: string): ImageReference | undefined {
    const match = REFERENCE.exec(image);
    if (!match?.groups) return undefined;
    let { registry, path } = match.groups as { registry?: string; path: string };
    if (registry !== undefined && !/[.:]/.test(registry) && registry !== "localhost") {
        // `library/foo` style: the "registry" was the first path component.
        if (!new RegExp(`^${PATH_COMPONENT}$`).test(registry)) return undefined;
        path = `${registry}/${path}`;
        registry = undefined;
    }
    return {
        ...(registry !== undefined ? { registry } : {}),
        path,
        ...(match.groups.tag !== undefined ? { tag: match.groups.tag } : {}),
        ...(match.groups.digest !== undefined ? { digest: match.groups.digest } : {}),
    };
}

/** Whether the image comes from a public registry the mirror stands in for (Docker Hub when no registry is named). */
export function isPublicImage(ref: ImageReference): boolean {
    const host = ref.registry?.toLowerCase();
    return host === undefined || PUBLIC_REGISTRIES.includes(host) || host.endsWith(".gcr.io");
}

/**
 * The image to pull: `image` itself without a mirror or when it is not from a public registry (or
 * not a parsable reference, which the job checks refuse on their own), else its copy in `registry`.
 */
export function mirroredImage(image: string, registry: string | undefined): string {
    if (registry === undefined) return image;
    const ref = parseImageReference(image);
    if (ref === undefined || !isPublicImage(ref)) return image;
    const name = ref.path.split("/").at(-1)!;
    return `${registry}/${name}${ref.tag !== undefined ? `:${ref.tag}` : ""}${ref.digest !== undefined ? `@${ref.digest}` : ""}`;
}

/**
 * ACR's registry hosts, by region: Personal Edition `registry[-vpc].<region>.aliyuncs.com` (instances
 * before 2024-09-09) and `crpi-<id>[-vpc].<region>.personal.cr.aliyuncs.com` (since), Enterprise
 * Edition `<instance>-registry[-vpc].<region>.cr.aliyuncs.com` (ACR "Exclusive endpoints of Personal
 * Edition instances", https://www.alibabacloud.com/help/en/acr/user-guide/individual-edition-instance-independent-domain-name-capacity-limit,
 * read 2026-11-29).
 */
const ACR_HOST = /^(?:registry|[a-z0-9-]+-registry|crpi-[a-z0-9]+)(?<vpc>-vpc)?\.(?<region>[a-z]{2}-[a-z0-9-]+?)(?:\.personal\.cr|\.cr)?\.aliyuncs\.com$/;

const REGISTRY_SETTING = new RegExp(`^(?<host>${HOST})(?<path>(?:/${PATH_COMPONENT})*)$`);

/**
 * Checks an image registry setting (`host[:port][/namespace...]`, no scheme, tag or trailing slash)
 * and returns it. A public registry is refused (it is where the images come from), and so is an ACR
 * host without a namespace; with `region`, an ACR VPC endpoint of another region is refused (ACR's
 * endpoints are per region, and a VPC endpoint is reached from that region's VPCs: ACR "Configure a
 * VPC ACL", https://www.alibabacloud.com/help/en/acr/user-guide/configure-access-over-vpcs, read
 * 2026-11-29).
 */
export function requireImageRegistry(value: unknown, key: string, region?: string, example = "registry-vpc.<region>.aliyuncs.com/<namespace>"): string {
    const expected = `a registry of your own and its namespace, such as ${example} (no https://, no tag)`;
    const match = typeof value === "string" ? REGISTRY_SETTING.exec(value) : null;
    if (match?.groups === undefined) {
        throw new InputError(key, `got ${describeValue(value)}`, expected);
    }
    const host = match.groups.host!.toLowerCase();
    const hostName = host.replace(/:\d+$/, "");
    if (PUBLIC_REGISTRIES.includes(hostName) || hostName.endsWith(".gcr.io")) {
        throw new InputError(key, `got ${describeValue(value)}, a public registry the images come from`, expected);
    }
    if (!hostName.includes(".") && hostName !== "localhost") {
        throw new InputError(key, `got ${describeValue(value)}, whose first part is not a registry host`, expected);
    }
    const acr = ACR_HOST.exec(hostName)?.groups;
    if (acr !== undefined) {
        if (match.groups.path === "") {
            throw new InputError(key, `got ${describeValue(value)}, an ACR registry without a namespace`, `${value}/<namespace>`);
        }
        if (region !== undefined && acr.vpc !== undefined && acr.region !== region) {
            throw new InputError(
                key,
                `got ${describeValue(value)}, the VPC endpoint of ${acr.region} while the cluster is in ${region}`,
                `an ACR endpoint in ${region}, such as registry-vpc.${region}.aliyuncs.com/<namespace>`,
            );
        }
    }
    return value as string;
}

/**
 * Refuses two different images whose copies would have the same name in the mirror (`apache/spark:3.5.3`
 * and `bitnami/spark:3.5.3` both become `<registry>/spark:3.5.3`): one of them would run the other's code.
 * @param images each image with the key it was given under
 */
export function checkMirrorCollisions(images: readonly { key: string; image: string }[], registry: string | undefined): void {
    if (registry === undefined) return;
    const seen = new Map<string, { key: string; image: string }>();
    for (const entry of images) {
        const mirrored = mirroredImage(entry.image, registry);
        const earlier = seen.get(mirrored);
        if (earlier !== undefined && canonical(earlier.image) !== canonical(entry.image)) {
            throw new InputError(
                entry.key,
                `got ${describeValue(entry.image)}, whose copy in the mirror is ${mirrored}, as is ${earlier.key}'s ${describeValue(earlier.image)}`,
                "images whose last path segments and tags differ, or the image in a registry of your own (not mirrored)",
            );
        }
        seen.set(mirrored, entry);
    }
}

/** One spelling of an image for comparison: Docker Hub's hosts and its `library/` namespace made explicit. */
function canonical(image: string): string {
    const ref = parseImageReference(image);
    if (ref === undefined) return image;
    const host = ref.registry?.toLowerCase() ?? "docker.io";
    const dockerHub = host === "docker.io" || host === "index.docker.io" || host === "registry-1.docker.io";
    const path = dockerHub && !ref.path.includes("/") ? `library/${ref.path}` : ref.path;
    return `${dockerHub ? "docker.io" : host}/${path}:${ref.tag ?? (ref.digest ? "" : "latest")}@${ref.digest ?? ""}`;
}

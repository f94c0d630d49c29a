import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";

/** Where an image cache is built: ECI runs a temporary container group there to pull the images. */
export interface ImageCachePlacement {
    vswitchId: pulumi.Input<string>;
    securityGroupId: pulumi.Input<string>;
    /** What gives that container group egress (the SNAT entries), when the component made it. */
    egress: pulumi.Resource[];
}

/**
 * One ECI image cache holding `images`, so even the first pod of a job skips the pull (pods find it
 * through `k8s.aliyun.com/eci-auto-imc`). It pulls through the NAT gateway, so no EIP is attached
 * (ECI recommends NAT over an EIP for the cache's pull, `alicloud.eci.ImageCache` docs,
 * @pulumi/alicloud 3.108.0). Its size is ECI's default (20 GiB): enough for a few Spark images.
 * It is built in the cluster's security group, so a new cluster (a mode switch) rebuilds it.
 */
export function createImageCache(
    name: string,
    cacheName: string,
    images: string[],
    placement: ImageCachePlacement,
    parent: pulumi.Resource,
): alicloud.eci.ImageCache {
    return new alicloud.eci.ImageCache(
        name,
        { imageCacheName: cacheName, images, vswitchId: placement.vswitchId, securityGroupId: placement.securityGroupId },
        { parent, dependsOn: placement.egress },
    );
}

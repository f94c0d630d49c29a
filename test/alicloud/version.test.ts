import { describe, expect, it } from "vitest";

import { newestPatchOf, parseAckVersion } from "../../components/cluster/alicloud/version";
import { InputError } from "../../components/errors";

const creatable = ["1.34.10-aliyun.1", "1.36.2-aliyun.1", "1.35.7-aliyun.1", "1.36.10-aliyun.1", "1.35.7-aliyun.2"];

describe("ACK versions", () => {
    it("GIVEN nothing, a minor or an exact version WHEN parsed THEN ACK's newest, a minor to resolve, or the version as given", () => {
        expect(parseAckVersion(undefined)).toEqual({ kind: "newest" });
        expect(parseAckVersion("1.36")).toEqual({ kind: "minor", minor: "1.36" });
        expect(parseAckVersion("1.36.2-aliyun.1")).toEqual({ kind: "exact", version: "1.36.2-aliyun.1" });
    });

    it.each(["1.36.1", "v1.36", "1", "1.36-aliyun.1", ""])("GIVEN %j WHEN parsed THEN one line naming version", (bad) => {
        expect(() => parseAckVersion(bad)).toThrow(InputError);
        expect(() => parseAckVersion(bad)).toThrow(/^version: got ".*", expected a Kubernetes minor such as "1\.36"/);
    });

    it("GIVEN a minor WHEN resolved against ACK's list THEN its newest patch, compared as numbers (1.36.10 after 1.36.2)", () => {
        expect(newestPatchOf("1.36", creatable, "ap-southeast-1")).toBe("1.36.10-aliyun.1");
        expect(newestPatchOf("1.35", creatable, "ap-southeast-1")).toBe("1.35.7-aliyun.2");
        // 1.3 is not a prefix of 1.34 or 1.36.
        expect(() => newestPatchOf("1.3", creatable, "ap-southeast-1")).toThrow(InputError);
    });

    it("GIVEN a minor the region does not create WHEN resolved THEN one line naming the minors it does", () => {
        expect(() => newestPatchOf("1.33", creatable, "ap-southeast-1")).toThrow(
            'version: got "1.33", which ACK does not create in ap-southeast-1, expected one of the minors it creates there: 1.36, 1.35, 1.34',
        );
        expect(() => newestPatchOf("1.36", [], "xx-none-1")).toThrow(
            'version: got "1.36", which ACK does not create in xx-none-1, expected a region where ACK creates clusters',
        );
    });
});

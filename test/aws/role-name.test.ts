import { describe, expect, it } from "vitest";

import { irsaRoleResourceName } from "../../components/storage/s3/role-name";

describe("IRSA role resource names", () => {
    it("GIVEN a name that fits WHEN named THEN it is <component>-<namespace>, as it always was", () => {
        expect(irsaRoleResourceName("storage", "spark-jobs")).toBe("storage-spark-jobs");
    });

    it.each([49, 50, 63])("GIVEN a %i-character namespace WHEN named THEN the role name Pulumi makes (+ 8 characters) fits IAM's 64", (length) => {
        const namespace = `n${"a".repeat(length - 2)}z`;
        const name = irsaRoleResourceName("storage", namespace);
        expect(name.length + 8).toBeLessThanOrEqual(64);
        expect(name.startsWith("storage-n")).toBe(true);
        expect(name).toMatch(/-[0-9a-f]{8}$/);
    });

    it("GIVEN two long namespaces that share a prefix WHEN named THEN the names differ", () => {
        const a = `${"x".repeat(60)}-a`;
        const b = `${"x".repeat(60)}-b`;
        expect(irsaRoleResourceName("storage", a)).not.toBe(irsaRoleResourceName("storage", b));
    });
});

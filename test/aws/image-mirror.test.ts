import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { resolveEksClusterSettings } from "../../components/cluster/aws/validate";
import type { PlanResource } from "../../tools/plan/plan-model";
import { API_KEY, DB_PASSWORD, FERNET } from "../helpers/airflow";
import { oneLineInputError } from "../helpers/errors";
import { imagesOf } from "../helpers/images";
import { planCli, stackArgs, tempDir } from "../helpers/plan-cli";

/**
 * `cluster.imageRegistry` on EKS: Fargate caches no image between pods and all pods leave through
 * the NAT gateway's one address, so with Airflow (a pull of apache/airflow per task) Docker Hub's
 * anonymous limit per address is shared by every pod; a registry of the user's own takes every
 * public image instead.
 */

const MIRROR = "123456789012.dkr.ecr.us-east-1.amazonaws.com/mirror";
const EVERYTHING = [
    "--config",
    "airflow.enabled=true",
    "--config",
    "sparkConnect.enabled=true",
    "--secret",
    `airflowFernetKey=${FERNET}`,
    "--secret",
    `airflowApiSecretKey=${API_KEY}`,
    "--secret",
    `airflowDatabasePassword=${DB_PASSWORD}`,
];

async function planAws(...extra: string[]): Promise<PlanResource[]> {
    const out = tempDir("plan-aws-mirror-");
    const result = await planCli([...stackArgs("aws"), ...EVERYTHING, ...extra, "--out", out]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    return JSON.parse(fs.readFileSync(path.join(out, "resources.json"), "utf8"));
}

describe("the shipped aws stack with cluster.imageRegistry", () => {
    it("GIVEN Airflow and Spark Connect on WHEN planned without and with a mirror THEN the public images (Docker Hub's apache/airflow among them) all come from the mirror, under the same resource names", async () => {
        const plain = await planAws();
        const mirrored = await planAws("--config", `cluster.imageRegistry=${MIRROR}`);
        const published = new Set(imagesOf({ resources: plain }));
        expect(published).toContain("apache/airflow:3.2.0");
        const copies = imagesOf({ resources: mirrored });
        expect(copies.length).toBe(imagesOf({ resources: plain }).length);
        for (const image of copies) expect(image.startsWith(`${MIRROR}/`), image).toBe(true);
        expect(new Set(copies)).toContain(`${MIRROR}/airflow:3.2.0`);
        expect(mirrored.map((r) => `${r.type}::${r.name}`)).toEqual(plain.map((r) => `${r.type}::${r.name}`));
    }, 60_000);

    it("GIVEN a public registry or a URL WHEN resolved THEN one line names imageRegistry with an ECR example", () => {
        for (const value of ["docker.io/library", `https://${MIRROR}`]) {
            const err = oneLineInputError(() => resolveEksClusterSettings({ imageRegistry: value }, "serverless-spark"));
            expect(err.key).toBe("imageRegistry");
            expect(err.expected).toContain("<account>.dkr.ecr.<region>.amazonaws.com/<prefix>");
        }
        expect(resolveEksClusterSettings({ imageRegistry: MIRROR }, "x").imageRegistry).toBe(MIRROR);
    });
});

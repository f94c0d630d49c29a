import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";

import { PROJECT_ROOT, tempDir } from "../helpers/plan-cli";

/**
 * The package as a platform engineer installs it: `npm pack` (which runs `prepare`, the build a git
 * or path install also runs), then `npm install <tarball>` into an empty project, which typechecks
 * a program importing the three entry points under `moduleResolution` node10 and node16, and plans
 * the user's-program fixture with the installed `serverless-spark` command.
 *
 * Offline and quick: the package's dependencies and the Pulumi SDKs it wants as peers are linked
 * in from this checkout's node_modules before `npm install --offline`, which keeps links that
 * satisfy the ranges, so npm unpacks the tarball alone and downloads nothing.
 */
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const TSC = path.join(PROJECT_ROOT, "node_modules/typescript/bin/tsc");

let project: string;
let packed: { name: string; files: { path: string }[] };

beforeAll(() => {
    const work = tempDir("package-install-");
    const [result] = JSON.parse(
        execFileSync(NPM, ["pack", "--json", "--pack-destination", work], { cwd: PROJECT_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
    );
    packed = result;
    project = path.join(work, "lab");
    fs.mkdirSync(path.join(project, "node_modules/@pulumi"), { recursive: true });
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "lab", version: "1.0.0", private: true }));
    const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"));
    const optional = Object.keys(manifest.peerDependenciesMeta ?? {}).filter((name) => manifest.peerDependenciesMeta[name].optional);
    const required = Object.keys(manifest.peerDependencies).filter((name) => !optional.includes(name));
    for (const name of [...Object.keys(manifest.dependencies), ...required]) link(name);
    execFileSync(NPM, ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", path.join(work, result.filename)], {
        cwd: project,
        stdio: "pipe",
    });
    // What the user adds beside the package: the cloud SDKs (optional peers, which npm prunes as
    // extraneous when linked before the install) and Node's types.
    for (const name of [...optional, "@types/node"]) link(name);
    for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "index.ts"]) {
        fs.copyFileSync(path.join(PROJECT_ROOT, "test/fixtures/user-program", file), path.join(project, file));
    }
    fs.writeFileSync(
        path.join(project, "entries.ts"),
        [
            'import { ExistingSparkPlatform, SparkJob } from "serverless-spark";',
            'import { AlicloudSparkPlatform, OssStorage } from "serverless-spark/alicloud";',
            'import { AwsSparkPlatform, EksFargateCluster } from "serverless-spark/aws";',
            "export const components = [ExistingSparkPlatform, SparkJob, AwsSparkPlatform, EksFargateCluster, AlicloudSparkPlatform, OssStorage];",
            "",
        ].join("\n"),
    );
}, 120_000);

/** Links a package from this checkout's node_modules into the user's project. */
function link(name: string): void {
    const target = fs.realpathSync(path.join(PROJECT_ROOT, "node_modules", name));
    fs.mkdirSync(path.dirname(path.join(project, "node_modules", name)), { recursive: true });
    fs.symlinkSync(target, path.join(project, "node_modules", name), "dir");
}

describe("the packed package", () => {
    it("GIVEN npm pack WHEN listed THEN it holds the built library, the plan command, LICENSE and CHANGELOG, and no sources, tests or source maps", () => {
        const files = packed.files.map((f) => f.path);
        for (const expected of [
            "LICENSE",
            "CHANGELOG.md",
            "README.md",
            "package.json",
            "dist/components/index.js",
            "dist/components/aws.d.ts",
            "dist/bin/serverless-spark.js",
            "dist/tools/plan/main.js",
            "dist/policy/rules/index.js",
        ]) {
            expect(files).toContain(expected);
        }
        expect(files.filter((f) => !/^(dist\/|LICENSE$|CHANGELOG\.md$|README\.md$|package\.json$)/.test(f))).toEqual([]);
        expect(files.filter((f) => f.endsWith(".map") || (f.endsWith(".ts") && !f.endsWith(".d.ts")) || /test|fixture/.test(f))).toEqual([]);
    });
});

describe("installed from the tarball", () => {
    it.each(["node10", "node16"])("GIVEN moduleResolution %s WHEN a program imports serverless-spark, /aws and /alicloud THEN it typechecks", (resolution) => {
        const module = resolution === "node10" ? "commonjs" : resolution;
        const result = spawnSync(
            process.execPath,
            [
                TSC,
                "--noEmit",
                "--strict",
                "--skipLibCheck",
                "--esModuleInterop",
                "--types",
                "node",
                "--target",
                "ES2022",
                "--module",
                module,
                "--moduleResolution",
                resolution,
                "index.ts",
                "entries.ts",
            ],
            { cwd: project, encoding: "utf8" },
        );
        expect(result.stdout + result.stderr).toBe("");
        expect(result.status).toBe(0);
    });

    it("GIVEN the user's project WHEN npx serverless-spark plan --stack dev runs THEN it plans the user's program", () => {
        const result = spawnSync(path.join(project, "node_modules/.bin/serverless-spark"), ["plan", "--stack", "dev"], {
            cwd: project,
            encoding: "utf8",
            env: { ...process.env, PULUMI_CONFIG: undefined, KUBECONFIG: undefined },
            timeout: 60_000,
        });
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        // 19 before the job namespace's admission guard (a ValidatingAdmissionPolicy and its binding).
        expect(result.stdout).toMatch(/^Plan of lab-spark\/dev: 26 resources/);
        expect(result.stdout).toContain("acme:observability:Dashboard");
        expect(result.stdout).toContain("etl/nightly-pi (scheduled)");
    });
});

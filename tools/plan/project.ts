import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";

import { InputError } from "../../components/errors";

/**
 * A Pulumi project as the offline plan reads it: `Pulumi.yaml` (or `Pulumi.yml`), the program it
 * names and where its stack files live. The same rules as the Pulumi CLI, so the plan runs the
 * program `pulumi up` would run, whether it is this repository's or a user's.
 */

/** What `Pulumi.yaml` says about the project. */
export interface ProjectFile {
    name: string;
    /** The program, relative to the project root: a file, or a directory Node resolves. */
    main: string;
    /** Where `Pulumi.<stack>.yaml` files live, relative to the project root. */
    stackConfigDir: string;
}

const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];

/**
 * The directory holding `Pulumi.yaml`: `start` or its nearest parent with one, as the Pulumi CLI
 * looks for it (so the plan also runs from a subdirectory of the project).
 */
export function findProjectRoot(start: string): string {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
        if (PROJECT_FILES.some((f) => fs.existsSync(path.join(dir, f)))) return dir;
        if (path.dirname(dir) === dir) {
            throw new InputError("project", `no Pulumi.yaml in ${path.resolve(start)} or any directory above it`, "to run in a Pulumi project's directory");
        }
    }
}

/** Reads `Pulumi.yaml` at the project root (one InputError naming the file on a mistake). */
export function readProjectFile(projectRoot: string): ProjectFile {
    const file = PROJECT_FILES.map((f) => path.join(projectRoot, f)).find((f) => fs.existsSync(f));
    if (file === undefined) {
        throw new InputError("project", `no Pulumi.yaml in ${projectRoot}`, "a Pulumi project directory");
    }
    let doc: unknown;
    try {
        doc = parseYaml(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new InputError("project", `${file} is not valid YAML (${String((err as Error).message).split("\n")[0]})`, "a Pulumi project file");
    }
    const project = (doc ?? {}) as { name?: unknown; main?: unknown; stackConfigDir?: unknown };
    if (typeof project.name !== "string" || project.name === "") {
        throw new InputError("project", `${file} has no name`, "name: <project name>");
    }
    for (const key of ["main", "stackConfigDir"] as const) {
        if (project[key] !== undefined && typeof project[key] !== "string") {
            throw new InputError("project", `${key} in ${file} is not a string`, "a path relative to the project");
        }
    }
    // Pulumi's defaults: the program is the project directory itself, stack files sit beside Pulumi.yaml.
    return { name: project.name, main: (project.main as string | undefined) ?? ".", stackConfigDir: (project.stackConfigDir as string | undefined) ?? "." };
}

/**
 * The file Node loads for the project's program: `main` itself when it is a file; for a directory
 * (Pulumi's default, the project root) its package.json `main`, else `index.ts`, else `index.js`,
 * as Pulumi's Node.js runtime resolves it.
 */
export function programEntry(projectRoot: string, project: ProjectFile): string {
    const main = path.resolve(projectRoot, project.main);
    if (fs.existsSync(main) && fs.statSync(main).isFile()) return main;
    if (fs.existsSync(main) && fs.statSync(main).isDirectory()) {
        const pkgMain = readPackageMain(main);
        const candidates = [...(pkgMain ? [pkgMain, `${pkgMain}.ts`, `${pkgMain}.js`, path.join(pkgMain, "index.ts")] : []), "index.ts", "index.js"];
        const found = candidates.map((c) => path.resolve(main, c)).find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
        if (found !== undefined) return found;
    }
    throw new InputError(
        "project",
        `main: ${JSON.stringify(project.main)} is not a program in ${projectRoot}`,
        "a file, or a directory with index.ts, index.js or a package.json main",
    );
}

function readPackageMain(dir: string): string | undefined {
    try {
        const main = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).main;
        return typeof main === "string" ? main : undefined;
    } catch {
        return undefined;
    }
}

/** Resolves `--stack NAME` to `<stackConfigDir>/Pulumi.NAME.yaml`; a missing file lists the stacks there. */
export function stackFileFor(projectRoot: string, stack: string): string {
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
        throw new InputError("--stack", `got ${JSON.stringify(stack)}`, "a stack name (letters, digits, '-', '_', '.')");
    }
    const dir = path.resolve(projectRoot, readProjectFile(projectRoot).stackConfigDir);
    const file = ["yaml", "yml"].map((ext) => path.join(dir, `Pulumi.${stack}.${ext}`)).find((f) => fs.existsSync(f));
    if (file !== undefined) return file;
    const stacks = (fs.existsSync(dir) ? fs.readdirSync(dir) : [])
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
    const wanted = path.relative(projectRoot, path.join(dir, `Pulumi.${stack}.yaml`));
    throw new InputError("--stack", `no stack file ${wanted}`, stacks.length > 0 ? `one of ${stacks.join(", ")}` : `a stack file there, or --stack-file PATH`);
}

import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

import type { AwsSparkPlatformArgs, ExistingSparkPlatformArgs } from "../../components/platforms/args";
import { resolveAwsSparkPlatformArgs } from "../../components/platforms/aws";
import { resolveExistingSparkPlatformArgs } from "../../components/platforms/existing";

/**
 * The multi-language example programs (examples/multi-language), checked without Pulumi against the
 * schema Pulumi infers from plugin/ (the committed fixture test/fixtures/multi-language/schema.json,
 * which test/multi-language/schema.integration.test.ts keeps equal to the analyzer's output): every
 * resource type is one of the package's components, every property and nested key one the schema
 * knows (Python: in the snake_case the Python SDK generator gives it), enum values allowed, required
 * keys present, outputs read are the component's outputs, and the values pass the component's own
 * argument check (its public resolve step).
 */
const ROOT = path.resolve(__dirname, "..", "..");
const EXAMPLES = path.join(ROOT, "examples", "multi-language");
const TOKENS = ["ExistingSparkPlatform", "AwsSparkPlatform", "AlicloudSparkPlatform"].map((c) => `serverless-spark:index:${c}`);

interface SchemaProperty {
    type?: string;
    $ref?: string;
    items?: SchemaProperty;
    additionalProperties?: SchemaProperty;
}
interface SchemaType {
    type: string;
    properties?: Record<string, SchemaProperty>;
    required?: string[];
    enum?: { value: string }[];
}
interface SchemaResource {
    inputProperties: Record<string, SchemaProperty>;
    requiredInputs?: string[];
    properties: Record<string, SchemaProperty>;
}
interface Schema {
    name: string;
    resources: Record<string, SchemaResource>;
    types: Record<string, SchemaType>;
}

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "test", "fixtures", "multi-language", "schema.json"), "utf8")) as Schema;

/** How the Python SDK generator names a schema property (Pulumi's PyName, for names like ours). */
const pyName = (name: string) =>
    name
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .toLowerCase();
const sameName = (name: string) => name;

/** A value a static reading cannot know (a call, a variable, an interpolation): not checked. */
class Opaque {
    constructor(readonly text: string) {}
}

/**
 * Checks `value` against a schema property; pushes one line per problem. Returns the value with
 * the schema's own (camelCase) names, opaque values left out, for the component's resolve step.
 */
function check(value: unknown, property: SchemaProperty, at: string, naming: (name: string) => string, problems: string[]): unknown {
    if (value instanceof Opaque) return undefined;
    if (property.$ref) {
        const token = property.$ref.replace("#/types/", "");
        const type = schema.types[token];
        if (!type) {
            problems.push(`${at}: the schema has no type ${token}`);
            return undefined;
        }
        if (type.enum) {
            const allowed = type.enum.map((e) => e.value);
            if (typeof value !== "string" || !allowed.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${allowed.join(", ")}`);
            return value;
        }
        return checkObject(value, type.properties ?? {}, type.required ?? [], at, naming, problems);
    }
    switch (property.type) {
        case "array":
            if (!Array.isArray(value)) {
                problems.push(`${at}: expected a list, got ${JSON.stringify(value)}`);
                return undefined;
            }
            return value.map((item, i) => check(item, property.items ?? {}, `${at}[${i}]`, naming, problems));
        case "object": {
            if (!isRecord(value)) {
                problems.push(`${at}: expected a map, got ${JSON.stringify(value)}`);
                return undefined;
            }
            // A string map: its keys are the user's (Spark settings, labels), not the schema's.
            const entries = Object.entries(value).map(([k, v]) => [k, check(v, property.additionalProperties ?? {}, `${at}.${k}`, naming, problems)]);
            return Object.fromEntries(entries);
        }
        case "string":
            if (typeof value !== "string") problems.push(`${at}: expected a string, got ${JSON.stringify(value)}`);
            return value;
        case "integer":
        case "number":
            if (typeof value !== "number") problems.push(`${at}: expected a number, got ${JSON.stringify(value)}`);
            return value;
        case "boolean":
            if (typeof value !== "boolean") problems.push(`${at}: expected a boolean, got ${JSON.stringify(value)}`);
            return value;
        default:
            problems.push(`${at}: the schema property has neither $ref nor a known type`);
            return value;
    }
}

function checkObject(
    value: unknown,
    properties: Record<string, SchemaProperty>,
    required: string[],
    at: string,
    naming: (name: string) => string,
    problems: string[],
): Record<string, unknown> | undefined {
    if (!isRecord(value)) {
        problems.push(`${at}: expected an object, got ${JSON.stringify(value)}`);
        return undefined;
    }
    const byName = new Map(Object.keys(properties).map((name) => [naming(name), name]));
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
        const name = byName.get(key);
        if (name === undefined) {
            problems.push(`${at}.${key}: not a property the schema knows (${[...byName.keys()].join(", ")})`);
            continue;
        }
        const checked = check(item, properties[name]!, `${at}.${key}`, naming, problems);
        if (checked !== undefined) result[name] = checked;
    }
    for (const name of required) {
        if (!(naming(name) in value)) problems.push(`${at}.${naming(name)}: required, missing`);
    }
    return result;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The directory a project's `packages: serverless-spark:` entry points at, if it is a local path. */
function packageDir(project: { packages?: Record<string, unknown> }, projectDir: string): string | undefined {
    const entry = project.packages?.["serverless-spark"];
    const source = typeof entry === "string" ? entry : isRecord(entry) ? entry.source : undefined;
    return typeof source === "string" && source.startsWith(".") ? path.resolve(projectDir, source) : undefined;
}

// ---- A reader for the Python subset a Pulumi program's call uses: literals, names and calls. ----

type Token = { kind: "str" | "num" | "name" | "op"; text: string; value?: string | number };

function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    const pattern =
        /\s+|#[^\n]*|(?<str>[rRbBuU]?(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'))|(?<num>\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?<name>[A-Za-z_]\w*)|(?<op>\*\*|==|!=|<=|>=|->|[()[\]{},:=.+\-*/%<>@|&^~])/y;
    let offset = 0;
    while (offset < source.length) {
        pattern.lastIndex = offset;
        const match = pattern.exec(source);
        if (match === null) throw new Error(`cannot read the Python source at ${JSON.stringify(source.slice(offset, offset + 20))}`);
        offset = pattern.lastIndex;
        const g = match.groups!;
        if (g.str !== undefined) tokens.push({ kind: "str", text: g.str, value: g.str.replace(/^[rRbBuU]?["']|["']$/g, "").replace(/\\(.)/g, "$1") });
        else if (g.num !== undefined) tokens.push({ kind: "num", text: g.num, value: Number(g.num.replace(/_/g, "")) });
        else if (g.name !== undefined) tokens.push({ kind: "name", text: g.name });
        else if (g.op !== undefined) tokens.push({ kind: "op", text: g.op });
    }
    return tokens;
}

/** A Python call's arguments: literals as values, anything else as {@link Opaque}. */
class CallReader {
    private i = 0;
    constructor(private readonly tokens: Token[]) {}

    /** Reads `(positional..., keyword=value...)`, starting at the `(`. */
    callArguments(): { positional: unknown[]; keywords: Map<string, unknown> } {
        this.expect("(");
        const positional: unknown[] = [];
        const keywords = new Map<string, unknown>();
        while (!this.at(")")) {
            if (this.peek().kind === "name" && this.peek(1).text === "=" && this.peek(1).kind === "op") {
                const key = this.next().text;
                this.next();
                keywords.set(key, this.expression());
            } else positional.push(this.expression());
            if (!this.at(")")) this.expect(",");
        }
        this.expect(")");
        return { positional, keywords };
    }

    private expression(): unknown {
        const start = this.i;
        const value = this.primary();
        // Anything more than one primary (an operator, `or`, a conditional) is not a literal.
        if (this.atEnd() || [",", ")", "]", "}", ":"].includes(this.peek().text)) return value;
        while (!this.atEnd() && ![",", ")", "]", "}", ":"].includes(this.peek().text)) this.skipBalanced();
        return new Opaque(this.text(start));
    }

    private primary(): unknown {
        const token = this.peek();
        if (token.text === "{" && token.kind === "op") return this.dict();
        if (token.text === "[" && token.kind === "op") return this.list();
        if (token.kind === "str") {
            let text = "";
            while (!this.atEnd() && this.peek().kind === "str") text += this.next().value as string;
            return text;
        }
        if (token.kind === "num") return this.next().value;
        if (token.kind === "name" && ["True", "False", "None"].includes(token.text)) {
            this.next();
            return token.text === "None" ? null : token.text === "True";
        }
        // A name, attribute access, call or subscript: read it whole, keep it opaque.
        const start = this.i;
        this.skipBalanced();
        while (this.at(".") || this.at("(") || this.at("[")) {
            if (this.at(".")) {
                this.next();
                this.next();
            } else this.skipBalanced();
        }
        return new Opaque(this.text(start));
    }

    private dict(): Record<string, unknown> | Opaque {
        const start = this.i;
        this.expect("{");
        const result: Record<string, unknown> = {};
        let literal = true;
        while (!this.at("}")) {
            const key = this.expression();
            this.expect(":");
            const value = this.expression();
            if (typeof key === "string") result[key] = value;
            else literal = false;
            if (!this.at("}")) this.expect(",");
        }
        this.expect("}");
        return literal ? result : new Opaque(this.text(start));
    }

    private list(): unknown[] {
        this.expect("[");
        const result: unknown[] = [];
        while (!this.at("]")) {
            result.push(this.expression());
            if (!this.at("]")) this.expect(",");
        }
        this.expect("]");
        return result;
    }

    /** Skips one token, or a whole bracketed group when it opens one. */
    private skipBalanced(): void {
        const open = this.next();
        const closing: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
        if (open.kind !== "op" || !(open.text in closing)) return;
        let depth = 1;
        while (depth > 0) {
            const t = this.next();
            if (t.kind !== "op") continue;
            if (t.text in closing) depth++;
            else if ([")", "]", "}"].includes(t.text)) depth--;
        }
    }

    private text(start: number): string {
        return this.tokens
            .slice(start, this.i)
            .map((t) => t.text)
            .join(" ");
    }
    private peek(ahead = 0): Token {
        return this.tokens[this.i + ahead] ?? { kind: "op", text: "<end>" };
    }
    private atEnd(): boolean {
        return this.i >= this.tokens.length;
    }
    private at(text: string): boolean {
        return this.peek().kind === "op" && this.peek().text === text;
    }
    private next(): Token {
        if (this.atEnd()) throw new Error("unexpected end of the Python source");
        return this.tokens[this.i++]!;
    }
    private expect(text: string): void {
        const token = this.next();
        if (token.kind !== "op" || token.text !== text) throw new Error(`expected ${text}, got ${token.text}`);
    }
}

describe("examples/multi-language/yaml", () => {
    const dir = path.join(EXAMPLES, "yaml");
    const program = parseYaml(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as {
        runtime: unknown;
        packages?: Record<string, unknown>;
        resources: Record<string, { type: string; properties?: Record<string, unknown> }>;
        outputs?: Record<string, unknown>;
    };

    it("GIVEN the YAML program WHEN read THEN it is a yaml project whose package entry is this repository's plugin", () => {
        expect(program.runtime).toBe("yaml");
        const plugin = packageDir(program, dir);
        expect(plugin).toBe(path.join(ROOT, "plugin"));
        expect(fs.existsSync(path.join(plugin!, "PulumiPlugin.yaml"))).toBe(true);
        expect(JSON.parse(fs.readFileSync(path.join(plugin!, "package.json"), "utf8")).name).toBe(schema.name);
    });

    it("GIVEN the YAML program WHEN checked against the inferred schema THEN types, properties, enums and required keys are the schema's", () => {
        expect(Object.keys(program.resources)).not.toHaveLength(0);
        const problems: string[] = [];
        for (const [name, resource] of Object.entries(program.resources)) {
            expect(TOKENS, name).toContain(resource.type);
            const component = schema.resources[resource.type]!;
            checkObject(resource.properties ?? {}, component.inputProperties, component.requiredInputs ?? [], name, sameName, problems);
        }
        expect(problems).toEqual([]);
    });

    it("GIVEN the YAML program's outputs WHEN read THEN each `${resource.output}` names an output of that component", () => {
        const references = [...JSON.stringify(program.outputs ?? {}).matchAll(/\$\{([\w-]+)\.(\w+)\}/g)];
        expect(references.length).toBeGreaterThan(0);
        for (const [text, resource, output] of references) {
            const type = program.resources[resource!]?.type;
            expect(type, text).toBeDefined();
            expect(Object.keys(schema.resources[type!]!.properties), text).toContain(output);
        }
        expect(program.outputs?.kubeconfig).toEqual({ "fn::secret": "${platform.kubeconfig}" });
    });

    it("GIVEN the YAML program's properties WHEN given to the component's resolve step THEN they are accepted", () => {
        // The program leaves `region` to the `aws:region` config its comment asks for, and the
        // allow-list to its `adminCidr` config: given here an ordinary public address.
        const properties = JSON.parse(JSON.stringify(program.resources.platform!.properties).replaceAll("${adminCidr}", "1.2.3.4/32"));
        expect(() => resolveAwsSparkPlatformArgs(properties as AwsSparkPlatformArgs, "us-east-1")).not.toThrow();
    });
});

describe("examples/multi-language/python", () => {
    const dir = path.join(EXAMPLES, "python");
    const source = fs.readFileSync(path.join(dir, "__main__.py"), "utf8");
    const call = /^(\w+)\s*=\s*spark\.(\w+)\(/m.exec(source);

    it("GIVEN the Python project WHEN read THEN it imports the SDK Pulumi generates for the package and points at this repository's plugin", () => {
        const project = parseYaml(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as { runtime: { name: string }; packages?: Record<string, unknown> };
        expect(project.runtime.name).toBe("python");
        expect(packageDir(project, dir)).toBe(path.join(ROOT, "plugin"));
        // Python codegen names a package's module pulumi_<name, dashes to underscores>.
        expect(source).toMatch(new RegExp(`^import ${"pulumi_" + schema.name.replace(/-/g, "_")} as spark$`, "m"));
        expect(fs.readFileSync(path.join(dir, "requirements.txt"), "utf8")).toMatch(/^pulumi>=3/m);
    });

    it("GIVEN the Python call WHEN checked against the inferred schema THEN keyword arguments and dict keys are the schema's, in snake_case", () => {
        expect(call, "a `<variable> = spark.<Component>(` call").not.toBeNull();
        const token = `serverless-spark:index:${call![2]}`;
        expect(TOKENS).toContain(token);
        const component = schema.resources[token]!;
        const { positional, keywords } = new CallReader(tokenize(source.slice(call!.index + call![0].length - 1))).callArguments();
        expect(positional).toEqual(["spark"]);
        expect(keywords.size).toBeGreaterThan(0);
        const problems: string[] = [];
        checkObject(Object.fromEntries(keywords), component.inputProperties, component.requiredInputs ?? [], call![2]!, pyName, problems);
        expect(problems).toEqual([]);
    });

    it("GIVEN the Python program's exports WHEN read THEN each attribute it reads is an output of the component", () => {
        const token = `serverless-spark:index:${call![2]}`;
        const outputs = Object.keys(schema.resources[token]!.properties).map(pyName);
        const read = [...source.matchAll(new RegExp(`\\b${call![1]}\\.(\\w+)`, "g"))].map((m) => m[1]);
        expect(read.length).toBeGreaterThan(0);
        for (const attribute of read) expect(outputs, attribute).toContain(attribute);
    });

    it("GIVEN the Python call's literal arguments WHEN given to the component's resolve step THEN they are accepted", () => {
        const token = `serverless-spark:index:${call![2]}`;
        const { keywords } = new CallReader(tokenize(source.slice(call!.index + call![0].length - 1))).callArguments();
        const problems: string[] = [];
        const args = checkObject(Object.fromEntries(keywords), schema.resources[token]!.inputProperties, [], call![2]!, pyName, problems);
        expect(problems).toEqual([]);
        // The kubeconfig path is computed when the program runs: left out (the ambient kubeconfig).
        expect(args).not.toHaveProperty("kubeconfig");
        expect(args).toMatchObject({
            capacityGrid: "none",
            samples: ["wordcount"],
            jobs: [{ mainApplicationFile: "local:///opt/spark/examples/src/main/python/pi.py" }],
        });
        expect(() => resolveExistingSparkPlatformArgs(args as ExistingSparkPlatformArgs)).not.toThrow();
    });
});

describe("the Python reader used above", () => {
    it("GIVEN literals, calls and comments WHEN read THEN literals are values and the rest opaque", () => {
        const source = `(\n  "n",  # a comment\n  a=1, b='x' "y", c=[True, None], d={"k": {"j": 2.5}}, e=f(g, h=[1]), f=x.y or "z",\n)`;
        const { positional, keywords } = new CallReader(tokenize(source)).callArguments();
        expect(positional).toEqual(["n"]);
        expect(Object.fromEntries([...keywords].filter(([, v]) => !(v instanceof Opaque)))).toEqual({ a: 1, b: "xy", c: [true, null], d: { k: { j: 2.5 } } });
        expect(keywords.get("e")).toBeInstanceOf(Opaque);
        expect(keywords.get("f")).toBeInstanceOf(Opaque);
    });

    it("GIVEN schema names WHEN named the Python way THEN they are snake_case", () => {
        expect(["mainApplicationFile", "s3GatewayEndpoint", "capacityGrid", "jobs"].map(pyName)).toEqual([
            "main_application_file",
            "s3_gateway_endpoint",
            "capacity_grid",
            "jobs",
        ]);
    });
});

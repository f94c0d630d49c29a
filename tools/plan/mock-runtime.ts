import * as pulumi from "@pulumi/pulumi";

import { InputError } from "../../components/errors";
import { invokeRule, mockResourceState } from "./mock-outputs";

/** One resource registration as the program sent it to the (mock) engine. */
export interface Registration {
    type: string;
    name: string;
    /** The parent's URN, or "" for a root resource. */
    parentUrn: string;
    custom: boolean;
    protect: boolean;
    retainOnDelete: boolean;
    /** The `import` option: the id of an existing resource to adopt, when set. */
    importId?: string;
    /** URNs of every resource this one waits for (explicit `dependsOn` and input dependencies). */
    dependencies: string[];
    /** Provider reference (`urn::id`) of a custom resource, or "" for the default provider. */
    provider: string;
    /** Inputs as serialized for the engine: secrets, unknowns and references keep their markers. */
    inputs: Record<string, unknown>;
    /** The resource's own aliases (`aliases` option), as the engine receives them. */
    aliases: AliasSpec[];
    /** Input paths whose change replaces the resource (`replaceOnChanges`), when set. */
    replaceOnChanges?: string[];
    /** Input paths whose changes are ignored (`ignoreChanges`), when set. */
    ignoreChanges?: string[];
    /** `deleteBeforeReplace`, when set. */
    deleteBeforeReplace?: boolean;
    /** `customTimeouts` that are set (e.g. `{ create: "45m" }`). */
    customTimeouts?: { create?: string; update?: string; delete?: string };
}

/**
 * One alias: a full URN, or what differs from the resource (a field left out means "the same as
 * the resource"; `parentUrn` "" with `noParent` false means the same parent).
 */
export interface AliasSpec {
    urn?: string;
    name?: string;
    type?: string;
    parentUrn?: string;
    noParent?: boolean;
}

/** Invoke fixtures: answers to data-source calls the program makes, by token. */
export type InvokeFixtures = Record<string, (inputs: Record<string, any>) => Record<string, unknown>>;

export interface MockRuntimeOptions {
    project: string;
    stack: string;
    /** Fully-qualified config (`serverless-spark:cloud` -> value), every value a string. */
    config?: Record<string, string>;
    /** Config keys the engine would mark secret. */
    secretKeys?: string[];
    /** Answers to data sources, by token; registered placeholders (`defineInvoke`) answer the rest. */
    invokes?: InvokeFixtures;
}

/** A started mock runtime: what has been registered so far, and a way to wait for the rest. */
export interface MockRuntime {
    readonly registrations: Registration[];
    /** Outputs components registered (`registerOutputs`), by URN. */
    readonly componentOutputs: Map<string, Record<string, unknown>>;
    /** Waits until every pending registration has reached the mock engine. */
    settle(): Promise<void>;
    /**
     * Data sources the program called that the plan has no answer for. Their callers' resources
     * never register (the SDK drops a resource whose input failed), so a plan with any is refused.
     */
    readonly unansweredInvokes: string[];
}

/**
 * Starts the Pulumi SDK's mock runtime in this process (no engine, no CLI, no cloud) with config
 * handed over the way the engine does, and records every resource registration. Used by the
 * offline plan and by the tests.
 */
export async function startMockRuntime(options: MockRuntimeOptions): Promise<MockRuntime> {
    const unansweredInvokes: string[] = [];
    pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys ?? []);
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => mockResourceState(args.type, args.name, args.inputs),
            call: (args) => {
                // A fixture given to this run wins over the placeholders cloud modules register.
                const fixture = options.invokes?.[args.token] ?? invokeRule(args.token);
                if (fixture === undefined) {
                    // A call without a fixture would need a cloud API. Throwing here would make the SDK
                    // drop every resource fed from it, and reject later, outside the program's run: answer
                    // nothing instead, and let runProgram refuse the whole plan, naming the data source.
                    unansweredInvokes.push(args.token);
                    return {};
                }
                return fixture(args.inputs);
            },
        },
        options.project,
        options.stack,
        false,
    );

    const registrations: Registration[] = [];
    const componentOutputs = new Map<string, Record<string, unknown>>();
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        registerResource: (req: any, callback: (err: unknown, response: unknown) => void) => unknown;
        registerResourceOutputs: (req: any, callback: (err: unknown, response: unknown) => void) => unknown;
    };
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, callback) => {
        componentOutputs.set(req.getUrn(), (req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>);
        return registerOutputs(req, callback);
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
        registrations.push({
            type: req.getType(),
            name: req.getName(),
            parentUrn: req.getParent(),
            custom: req.getCustom(),
            protect: req.getProtect() ?? false,
            retainOnDelete: req.getRetainondelete() ?? false,
            ...(req.getImportid() ? { importId: req.getImportid() } : {}),
            dependencies: [...req.getDependenciesList()],
            provider: req.getProvider() ?? "",
            inputs: (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
            aliases: (req.getAliasesList?.() ?? []).map(aliasSpecOf),
            ...lifecycleOptionsOf(req),
        });
        return register(req, callback);
    };
    return { registrations, componentOutputs, unansweredInvokes, settle: () => pulumi.runtime.disconnect() };
}

/**
 * Runs a Pulumi program module (a module exporting a function, as Pulumi's Node.js runtime expects,
 * or plain top-level code) and waits for all its registrations.
 * @param loadProgram loads the program module, e.g. `() => require(path)`
 */
export async function runProgram(runtime: MockRuntime, loadProgram: () => unknown): Promise<void> {
    // Errors thrown inside `apply` callbacks surface as rejected promises the SDK does not await.
    // Such an error stops the program, as it stops `pulumi up`: what waits on the failed output (a
    // resource gated on a deploy-time check) never registers, so waiting for it would never end.
    let asyncError: unknown;
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const onRejection = (reason: unknown) => {
        asyncError ??= reason;
        stop();
    };
    process.on("unhandledRejection", onRejection);
    try {
        const programExport = (await loadProgram()) as any;
        const main = typeof programExport === "function" ? programExport : programExport?.default;
        const outputs = typeof main === "function" ? await main() : programExport;
        // Resolve the stack outputs (as the engine would), then let every pending registration land.
        await Promise.race([new Promise<void>((resolve) => pulumi.output(outputs).apply(() => resolve())), stopped]);
        if (asyncError === undefined) await Promise.race([runtime.settle(), stopped]);
    } finally {
        process.off("unhandledRejection", onRejection);
    }
    if (asyncError !== undefined) {
        throw asyncError;
    }
    const unanswered = [...new Set(runtime.unansweredInvokes)];
    if (unanswered.length > 0) {
        throw new InputError(
            "the program",
            `calls ${unanswered.map((t) => JSON.stringify(t)).join(", ")}, a data source the offline plan has no answer for (what depends on it would be left out of the plan)`,
            "a program whose data sources the plan answers: those of @pulumi/aws and @pulumi/alicloud it registers, or none",
        );
    }
}

/** An alias as the SDK serialized it (`pulumirpc.Alias`: a URN, or a spec of the parts that differ). */
function aliasSpecOf(alias: any): AliasSpec {
    if (alias.getUrn()) return { urn: alias.getUrn() };
    const spec = alias.getSpec();
    return {
        ...(spec.getName() ? { name: spec.getName() } : {}),
        ...(spec.getType() ? { type: spec.getType() } : {}),
        ...(spec.getParenturn() ? { parentUrn: spec.getParenturn() } : {}),
        ...(spec.getNoparent() ? { noParent: true } : {}),
    };
}

/** The replacement and timeout options of a registration, only those that are set. */
function lifecycleOptionsOf(req: any): Pick<Registration, "replaceOnChanges" | "ignoreChanges" | "deleteBeforeReplace" | "customTimeouts"> {
    const replaceOnChanges: string[] = req.getReplaceonchangesList?.() ?? [];
    const ignoreChanges: string[] = req.getIgnorechangesList?.() ?? [];
    const timeouts = req.getCustomtimeouts?.();
    const customTimeouts = Object.fromEntries(
        (["create", "update", "delete"] as const).map((k) => [k, timeouts?.[`get${k[0]!.toUpperCase()}${k.slice(1)}`]?.() ?? ""]).filter(([, v]) => v !== ""),
    );
    return {
        ...(replaceOnChanges.length > 0 ? { replaceOnChanges: [...replaceOnChanges] } : {}),
        ...(ignoreChanges.length > 0 ? { ignoreChanges: [...ignoreChanges] } : {}),
        ...(req.getDeletebeforereplace?.() ? { deleteBeforeReplace: true } : {}),
        ...(Object.keys(customTimeouts).length > 0 ? { customTimeouts } : {}),
    };
}

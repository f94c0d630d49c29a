/**
 * A narrow reader for a user-supplied krb5.conf: it finds the realms (with their `kdc` and
 * `admin_server` values) and `[libdefaults] default_realm`, nothing else.
 *
 * No npm library parses the MIT profile format (the npm `krb5` and `kerberos` packages bind the C
 * library and do not expose it), so this follows the reference parser, MIT krb5
 * src/util/profile/prof_parse.c, and doc/admin/conf_files/krb5_conf.rst, rule for rule:
 * - before the first line that starts with `[`, every line is ignored (a leading comment block);
 * - `#` or `;` as the first non-blank character makes a comment; there are no trailing comments;
 * - `[name]` starts a section; a section, subsection or relation seen twice is merged. A `*` final
 *   marker is accepted and not applied: before MIT krb5 1.22 (Debian 12 ships 1.20) it only acts
 *   across the files of KRB5_CONFIG, and one file is all this reader sees;
 * - `tag = {` (or `tag =` with `{` opening the next line) starts a subsection, `}` ends it;
 *   `tag = { ... }` on one line is NOT a subsection but a relation whose value is that text;
 * - `tag = value`, where a value starting with `"` is a quoted string with `\n \t \b` escapes;
 * - `include FILE`, `includedir DIR` and `module` lines must start in column 0. This pure reader
 *   cannot follow them: they are returned so the caller can say realms may be defined elsewhere.
 */
import { InputError } from "../errors";

/** A realm subsection of `[realms]`. */
export interface Krb5ConfRealm {
    readonly name: string;
    /** `kdc` values in file order (`host`, `host:port` or `[v6]:port`). */
    readonly kdcs: readonly string[];
    readonly adminServers: readonly string[];
}

/** What this package needs from a krb5.conf. */
export interface Krb5ConfInfo {
    /** `[libdefaults] default_realm`, if set (the first value, as the MIT library reads it). */
    readonly defaultRealm?: string;
    /** Realms of `[realms]` in first-seen order; a realm defined twice is merged, as MIT does. */
    readonly realms: readonly Krb5ConfRealm[];
    /** `include`, `includedir` and `module` lines, which this reader does not follow. */
    readonly unreadDirectives: readonly string[];
}

const EXPECT_CONF = "a krb5.conf in MIT profile syntax (krb5 doc/admin/conf_files/krb5_conf.rst)";

/**
 * Parses the parts of a krb5.conf this package checks. Throws {@link InputError} under `key` (the
 * config key that named the file) with the line number when the syntax is broken.
 */
export function parseKrb5Conf(text: string, key = "kerberos.krb5ConfPath"): Krb5ConfInfo {
    const realms = new Map<string, { kdcs: string[]; adminServers: string[] }>();
    const unreadDirectives: string[] = [];
    let defaultRealm: string | undefined;
    let started = false;
    let section = "";
    // Tags of the open subsections below the current section.
    const open: string[] = [];
    let awaitingBrace: string | undefined;
    let lineNo = 0;

    const fail = (problem: string): never => {
        throw new InputError(key, `line ${lineNo}: ${problem}`, EXPECT_CONF);
    };
    const openSubsection = (tag: string): void => {
        open.push(tag);
        if (section === "realms" && open.length === 1 && !realms.has(tag)) {
            realms.set(tag, { kdcs: [], adminServers: [] });
        }
    };

    const lines = text.split(/\r\n|\r|\n/);
    // A final newline ends the last line; it does not start an empty one (fgets in prof_parse.c).
    if (lines[lines.length - 1] === "") {
        lines.pop();
    }
    for (const raw of lines) {
        lineNo++;
        // prof_parse.c checks these on the raw line, so they only count in column 0.
        if (/^(include|includedir)\s/.test(raw) || (!started && /^module\s/.test(raw))) {
            unreadDirectives.push(raw.trim());
            continue;
        }
        if (!started) {
            if (raw[0] !== "[") {
                continue;
            }
            started = true;
        }
        if (awaitingBrace !== undefined) {
            // The rest of the brace line is ignored, as in prof_parse.c (STATE_GET_OBRACE).
            if (raw.trimStart()[0] !== "{") {
                fail(`expected '{' after "${awaitingBrace} ="`);
            }
            openSubsection(awaitingBrace);
            awaitingBrace = undefined;
            continue;
        }
        const line = raw.trim();
        if (line === "" || line[0] === "#" || line[0] === ";") {
            continue;
        }
        if (line[0] === "[") {
            if (open.length > 0) {
                fail("a [section] header inside an open '{'");
            }
            const header = /^\[([^\]]*)\](\*)?$/.exec(line);
            if (!header) {
                fail(`malformed section header ${JSON.stringify(line)}`);
            }
            section = header![1] as string;
            continue;
        }
        if (line[0] === "}") {
            if (open.length === 0) {
                fail("'}' without a matching '{'");
            }
            open.pop();
            continue;
        }
        const eq = line.indexOf("=");
        if (eq <= 0) {
            fail(`expected "tag = value", "[section]" or "}", got ${JSON.stringify(line.slice(0, 40))}`);
        }
        const rawTag = line.slice(0, eq).trim();
        if (/\s/.test(rawTag)) {
            fail(`tag ${JSON.stringify(rawTag)} contains whitespace`);
        }
        // A '*' marks the relation final; prof_parse.c cuts the tag at the first '*'.
        const tag = rawTag.split("*")[0] as string;
        const value = line.slice(eq + 1).trim();
        if (value === "") {
            awaitingBrace = tag;
            continue;
        }
        if (value === "{") {
            openSubsection(tag);
            continue;
        }
        const text = value[0] === '"' ? unquote(value) : value;
        if (section === "libdefaults" && open.length === 0 && tag === "default_realm") {
            defaultRealm ??= text;
        } else if (section === "realms" && open.length === 1) {
            const realm = realms.get(open[0] as string);
            if (tag === "kdc") {
                realm?.kdcs.push(text);
            } else if (tag === "admin_server") {
                realm?.adminServers.push(text);
            }
        }
    }
    if (awaitingBrace !== undefined) {
        fail(`the file ends before the '{' of "${awaitingBrace} ="`);
    }
    if (open.length > 0) {
        fail(`the file ends inside "${open[open.length - 1]} = {" (missing '}')`);
    }
    return {
        ...(defaultRealm === undefined ? {} : { defaultRealm }),
        realms: [...realms].map(([name, r]) => ({ name, kdcs: r.kdcs, adminServers: r.adminServers })),
        unreadDirectives,
    };
}

/** The realm names defined in a krb5.conf's `[realms]` section, in file order. */
export function readKrb5ConfRealms(text: string, key = "kerberos.krb5ConfPath"): string[] {
    return parseKrb5Conf(text, key).realms.map((r) => r.name);
}

/** A quoted profile value: up to the closing quote, with `\n`, `\t`, `\b` and `\x` -> x (prof_parse.c). */
function unquote(value: string): string {
    let out = "";
    for (let i = 1; i < value.length; i++) {
        const ch = value[i] as string;
        if (ch === '"') {
            break;
        }
        if (ch === "\\" && i + 1 < value.length) {
            const next = value[++i] as string;
            out += next === "n" ? "\n" : next === "t" ? "\t" : next === "b" ? "\b" : next;
            continue;
        }
        out += ch;
    }
    return out;
}

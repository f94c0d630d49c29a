import * as fs from "node:fs";

import { InputError } from "./errors";

/**
 * Reading the files a user names (keytabs, delegation tokens, krb5.conf, kubeconfigs, stack and
 * policy files) without trusting them to end: `/dev/zero`, a FIFO, a directory or a link to one of
 * those, or a multi-gigabyte file, would otherwise hang the program or exhaust its memory before any
 * check ran. The file is opened without blocking (a FIFO with no writer would block `open`), then
 * `fstat` on the open descriptor decides: only a regular file no larger than the cap is read. Checking
 * the descriptor, not the path, means a file swapped between the check and the read is still the one
 * checked. A symbolic link is followed: Kubernetes mounts Secrets (where CI keeps a keytab) as links,
 * and `~/.kube/config` often is one; what it points at must pass the same checks.
 */

/** 1 MiB: the most a Kubernetes Secret or ConfigMap holds (kubernetes.io/docs/concepts/configuration/secret/#restriction-data-size and .../configmap/#motivation, read 2026-11-29). */
export const KUBERNETES_OBJECT_DATA_LIMIT = 1024 * 1024;

/** What {@link readUserFile} refuses and how it names the file. */
export interface UserFileOptions {
    /** The config key or option that named the file, e.g. `kerberos.keytabPath`. */
    key: string;
    /** What the file should be, for the error's "expected" half, e.g. "a keytab file". */
    what: string;
    /** The largest file accepted, in bytes. */
    maxBytes: number;
    /**
     * How the path is shown in errors. Paths under keys that also take content (a kubeconfig, a
     * keytab) may be that content pasted by mistake, so they are shown as their length only.
     * @default the path, JSON-quoted and cut at 80 characters
     */
    shownAs?: string;
}

/** Shows a path in an error: JSON-quoted, cut at 80 characters, on one line. */
export function showPath(path: string): string {
    const quoted = JSON.stringify(path.replace(/\s+/g, " "));
    return quoted.length > 80 ? `${quoted.slice(0, 77)}..."` : quoted;
}

/**
 * A path given under a key that holds or names a secret (a keytab, a token, a kubeconfig, which also
 * take content): shown as itself only when it plainly is a path, otherwise as "the path given
 * (N characters)", with a hint when the text looks like content pasted into the path key. A path is
 * plain when it uses path characters only (no `+`, `=`, spaces, `:` or braces, which base64, YAML
 * and JSON content have) and no segment is long or mixes upper case, lower case and digits the way
 * encoded bytes do; anything else may be a keytab's base64 or a token, and is never shown.
 */
export function showSecretPath(path: string, contentKey?: string): string {
    if (isPlainPath(path)) {
        return showPath(path);
    }
    const looksLikeContent = /^[A-Za-z0-9+/=\s]{24,}$/.test(path) || /[{}\n]|:\s/.test(path) || path.length > 1024;
    const hint = looksLikeContent ? `; it looks like file content, not a path${contentKey ? `, which goes in ${contentKey}` : ""}` : "";
    return `the path given (${path.length} characters${hint})`;
}

function isPlainPath(path: string): boolean {
    if (path.length > 200 || !/^~?[A-Za-z0-9._/-]+$/.test(path)) return false;
    return path.split("/").every((part) => part.length <= 64 && !(part.length >= 16 && /[A-Z]/.test(part) && /[a-z]/.test(part) && /[0-9]/.test(part)));
}

/**
 * Reads a whole regular file of at most `maxBytes` bytes, or throws one {@link InputError} under
 * `key` saying what the path is instead (missing, a directory, a device or FIFO, too large).
 */
export function readUserFile(path: string, options: UserFileOptions): Buffer {
    const { key, what, maxBytes } = options;
    const shown = options.shownAs ?? showPath(path);
    if (path.trim() === "") {
        throw new InputError(key, "is an empty path", `a path to ${what}`);
    }
    let fd: number;
    try {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch (err) {
        throw new InputError(key, `no readable file at ${shown}${errnoOf(err)}`, `a path to ${what}`);
    }
    try {
        const stat = fs.fstatSync(fd);
        if (!stat.isFile()) {
            throw new InputError(key, `${shown} is ${kindOf(stat)}, not a regular file`, `a path to ${what}`);
        }
        if (stat.size > maxBytes) {
            throw new InputError(key, `the file at ${shown} has ${stat.size} bytes`, `${what} of at most ${maxBytes} bytes`);
        }
        // Read at most one byte past the cap: a file that grew after fstat is refused, not read whole.
        const buffer = Buffer.alloc(maxBytes + 1);
        let length = 0;
        for (;;) {
            const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
            if (n === 0) break;
            length += n;
            if (length > maxBytes) {
                throw new InputError(key, `the file at ${shown} has more than ${maxBytes} bytes`, `${what} of at most ${maxBytes} bytes`);
            }
        }
        return buffer.subarray(0, length);
    } catch (err) {
        if (err instanceof InputError) throw err;
        throw new InputError(key, `no readable file at ${shown}${errnoOf(err)}`, `a path to ${what}`);
    } finally {
        fs.closeSync(fd);
    }
}

/** {@link readUserFile}, decoded as UTF-8 text (invalid UTF-8 is refused). */
export function readUserTextFile(path: string, options: UserFileOptions): string {
    const bytes = readUserFile(path, options);
    try {
        return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
        throw new InputError(options.key, `the file at ${options.shownAs ?? showPath(path)} is not UTF-8 text`, `${options.what} (a text file)`);
    }
}

function errnoOf(err: unknown): string {
    const code = (err as { code?: unknown }).code;
    return typeof code === "string" ? ` (${code})` : "";
}

function kindOf(stat: fs.Stats): string {
    if (stat.isDirectory()) return "a directory";
    if (stat.isFIFO()) return "a FIFO (named pipe)";
    if (stat.isCharacterDevice()) return "a character device";
    if (stat.isBlockDevice()) return "a block device";
    if (stat.isSocket()) return "a socket";
    return "not a regular file";
}

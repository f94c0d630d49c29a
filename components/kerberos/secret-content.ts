import { inspect } from "node:util";

import * as pulumi from "@pulumi/pulumi";

import { InputError } from "../errors";

/**
 * Bytes that must reach Pulumi only as a secret (a keytab, a delegation token file). Wrap them as
 * soon as they are read: the wrapper never prints them (`toString`, `toJSON` and `util.inspect`
 * show only the length), and resources get them as {@link SecretContent.base64}, a Pulumi secret,
 * so the state, previews and the offline plan show `[secret]`. The raw bytes stay available to
 * the validation that runs before any resource is declared.
 */
export class SecretContent {
    readonly #bytes: Uint8Array;
    #base64?: pulumi.Output<string>;
    /**
     * The config key or argument the bytes came from (e.g. `kerberos.keytabPath` for a file the
     * stack config named), so errors about their content name what the user wrote.
     */
    readonly origin?: string;

    private constructor(bytes: Uint8Array, origin?: string) {
        this.#bytes = Uint8Array.from(bytes);
        this.origin = origin;
    }

    /**
     * Wraps (a copy of) raw bytes, e.g. what `readFileSync` returned.
     * @param origin where they came from, for errors @default the argument they are passed as
     */
    static fromBytes(bytes: Uint8Array, origin?: string): SecretContent {
        if (!(bytes instanceof Uint8Array)) {
            throw new TypeError("SecretContent.fromBytes: expected a Uint8Array or Buffer");
        }
        return new SecretContent(bytes, origin);
    }

    /**
     * Wraps base64 text (line breaks and spaces allowed, as `base64` prints them). Invalid text is
     * refused with an {@link InputError} under `key` that never repeats the text.
     */
    static fromBase64(text: string, key: string): SecretContent {
        if (typeof text !== "string") {
            throw new InputError(key, `got a ${typeof text}`, "base64 text");
        }
        const compact = text.replace(/\s+/g, "");
        if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
            throw new InputError(
                key,
                `is not valid base64 (${compact.length} characters after removing whitespace)`,
                "the base64 encoding of the file (e.g. base64 -w0 FILE)",
            );
        }
        return new SecretContent(Buffer.from(compact, "base64"), key);
    }

    /** Number of bytes. */
    get byteLength(): number {
        return this.#bytes.length;
    }

    /** A copy of the bytes, for validation and tests. Never log or export it. */
    revealBytes(): Uint8Array {
        return Uint8Array.from(this.#bytes);
    }

    /** The bytes as base64, a Pulumi secret (what Secret `data` takes). Made on first use. */
    get base64(): pulumi.Output<string> {
        this.#base64 ??= pulumi.secret(Buffer.from(this.#bytes).toString("base64"));
        return this.#base64;
    }

    toString(): string {
        return `[secret, ${this.#bytes.length} bytes]`;
    }

    toJSON(): string {
        return this.toString();
    }

    [inspect.custom](): string {
        return this.toString();
    }
}

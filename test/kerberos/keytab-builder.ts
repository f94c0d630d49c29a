/**
 * Builds keytab bytes by hand for the reader's tests, written from the format description
 * (MIT krb5 doc/formats/keytab_file_format.rst), independently of the reader.
 */

/** One key entry to write. */
export interface EntrySpec {
    readonly components: readonly string[];
    readonly realm: string;
    /** Written only in version 2. */
    readonly nameType?: number;
    /** Seconds since the epoch. */
    readonly timestamp?: number;
    /** The 8-bit kvno field. */
    readonly kvno: number;
    readonly enctype: number;
    /** The key bytes; a recognisable ASCII filler by default so tests can look for leaks. */
    readonly key?: Uint8Array;
    /** Writes the optional trailing 32-bit kvno. */
    readonly kvno32?: number;
    /** Zero bytes after the entry inside its record (an entry that reused a larger hole). */
    readonly padding?: number;
}

/** A hole (deleted entry) of `hole` zero bytes. */
export interface HoleSpec {
    readonly hole: number;
}

/** Bytes every default test key is made of: easy to search for in output. */
export const SECRET_MARKER = "SECRETKEY";

/** A default 32-byte key made of {@link SECRET_MARKER} repeated. */
export function markerKey(length = 32): Uint8Array {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
        bytes[i] = SECRET_MARKER.charCodeAt(i % SECRET_MARKER.length);
    }
    return bytes;
}

class Writer {
    private readonly bytes: number[] = [];

    constructor(private readonly little: boolean) {}

    u8(v: number): this {
        this.bytes.push(v & 0xff);
        return this;
    }

    u16(v: number): this {
        const b = [(v >>> 8) & 0xff, v & 0xff];
        this.bytes.push(...(this.little ? b.reverse() : b));
        return this;
    }

    u32(v: number): this {
        const b = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
        this.bytes.push(...(this.little ? b.reverse() : b));
        return this;
    }

    raw(data: Uint8Array | readonly number[]): this {
        this.bytes.push(...data);
        return this;
    }

    data(text: string): this {
        const encoded = new TextEncoder().encode(text);
        return this.u16(encoded.length).raw(encoded);
    }

    get length(): number {
        return this.bytes.length;
    }

    done(): Uint8Array {
        return Uint8Array.from(this.bytes);
    }
}

/** Options of {@link buildKeytab}. */
export interface BuildOptions {
    readonly version?: 1 | 2;
    /** Byte order of a version 1 file (version 2 is always big-endian). */
    readonly littleEndian?: boolean;
    /** Writes the explicit 0 record length at the end (default: end at the end of the buffer). */
    readonly endMarker?: boolean;
}

/** Builds a keytab from entries and holes. */
export function buildKeytab(items: readonly (EntrySpec | HoleSpec)[], options: BuildOptions = {}): Uint8Array {
    const version = options.version ?? 2;
    const little = version === 1 && (options.littleEndian ?? true);
    const out = new Writer(little).u8(5).u8(version);
    for (const item of items) {
        if ("hole" in item) {
            out.u32(-item.hole >>> 0).raw(new Array<number>(item.hole).fill(0));
            continue;
        }
        const entry = new Writer(little);
        entry.u16(item.components.length + (version === 1 ? 1 : 0)).data(item.realm);
        item.components.forEach((c) => entry.data(c));
        if (version === 2) {
            entry.u32(item.nameType ?? 1);
        }
        const key = item.key ?? markerKey();
        entry
            .u32(item.timestamp ?? 1_700_000_000)
            .u8(item.kvno)
            .u16(item.enctype)
            .u16(key.length)
            .raw(key);
        if (item.kvno32 !== undefined) {
            entry.u32(item.kvno32);
        }
        entry.raw(new Array<number>(item.padding ?? 0).fill(0));
        out.u32(entry.length).raw(entry.done());
    }
    if (options.endMarker) {
        out.u32(0);
    }
    return out.done();
}

/**
 * A reader for MIT keytab files (the FILE keytab type used by MIT krb5, Heimdal, Java and AD's
 * ktpass). Format: MIT krb5 doc/formats/keytab_file_format.rst; edge cases follow the reference
 * reader, MIT krb5 src/lib/krb5/keytab/kt_file.c (`krb5_ktfileint_internal_read_entry`).
 *
 * The reader never copies key bytes: it records only their length, so nothing it returns can leak
 * a key into logs, error messages, Pulumi state or plan output.
 */
import { enctypeName } from "./enctypes";
import { formatPrincipal } from "./principal";

/** One key of a keytab, without the key itself. */
export interface KeytabEntry {
    /** `primary/instance@REALM`, with `/`, `@` and `\` inside a part escaped the way MIT prints them. */
    readonly principal: string;
    /** The name components (e.g. `["spark", "host.example.com"]`), unescaped. */
    readonly components: readonly string[];
    readonly realm: string;
    /** Kerberos name type (1 = KRB5_NT_PRINCIPAL, 3 = KRB5_NT_SRV_HST); 0 (unknown) in version 1 files. */
    readonly nameType: number;
    /** When the key was written into the keytab. */
    readonly timestamp: Date;
    /** Key version number: the 32-bit trailer when present and non-zero, else the 8-bit field. */
    readonly kvno: number;
    readonly enctype: number;
    /** The MIT name of the enctype, e.g. `aes256-cts-hmac-sha1-96`. */
    readonly enctypeName: string;
    /** Length of the key in bytes (the bytes themselves are never kept). */
    readonly keyLength: number;
}

/** A parsed keytab. */
export interface Keytab {
    /** File format version: 1 (native byte order, from DCE days) or 2 (big-endian, all modern tools). */
    readonly version: 1 | 2;
    /** The byte order the integers were read in. */
    readonly byteOrder: "big-endian" | "little-endian";
    readonly entries: readonly KeytabEntry[];
}

/**
 * A keytab that cannot be read. `problem` and `expected` are separate so callers can re-raise it as
 * the project's one-line `InputError`; neither ever contains key bytes.
 */
export class KeytabFormatError extends Error {
    readonly problem: string;
    readonly expected: string;

    constructor(problem: string, expected: string) {
        super(`${problem}, expected ${expected}`);
        this.name = "KeytabFormatError";
        this.problem = problem;
        this.expected = expected;
    }
}

// First byte of every keytab file, then the version byte (keytab_file_format.rst).
const MAGIC = 0x05;
const EXPECT_KEYTAB = "an MIT keytab file (as written by ktutil, kadmin ktadd or ktpass)";

/** Bounds-checked integer reads over one byte order; `end` is the limit of the current record. */
class Cursor {
    constructor(
        private readonly view: DataView,
        private readonly little: boolean,
        public pos: number,
        public end: number,
        /** Names what is being read, for errors: `the entry at offset 2`. */
        readonly label: string,
        /** Why running past `end` is wrong: the file ends there, or the record does. */
        private readonly overrun: string,
    ) {}

    private need(n: number): void {
        if (this.pos + n > this.end) {
            throw new KeytabFormatError(`${this.label} ${this.overrun} (needs ${n} byte(s) at offset ${this.pos}, ${this.end - this.pos} left)`, EXPECT_KEYTAB);
        }
    }

    u8(): number {
        this.need(1);
        return this.view.getUint8(this.pos++);
    }

    u16(): number {
        this.need(2);
        const v = this.view.getUint16(this.pos, this.little);
        this.pos += 2;
        return v;
    }

    i32(): number {
        this.need(4);
        const v = this.view.getInt32(this.pos, this.little);
        this.pos += 4;
        return v;
    }

    u32(): number {
        this.need(4);
        const v = this.view.getUint32(this.pos, this.little);
        this.pos += 4;
        return v;
    }

    skip(n: number): void {
        this.need(n);
        this.pos += n;
    }

    /** A counted string (`data` in the format doc). Principal names are bytes; UTF-8 is the common reading. */
    data(field: string): string {
        const length = this.u16();
        if (length === 0) {
            // kt_file.c treats a zero-length realm or component as the end of the table, i.e. bad data.
            throw new KeytabFormatError(`${this.label} has an empty ${field}`, EXPECT_KEYTAB);
        }
        this.need(length);
        const bytes = new Uint8Array(this.view.buffer, this.view.byteOffset + this.pos, length);
        this.pos += length;
        return new TextDecoder("utf-8").decode(bytes);
    }
}

/**
 * Reads a keytab. Throws {@link KeytabFormatError} for empty input, a wrong first byte (not a
 * keytab), an unsupported version, or a truncated/malformed record.
 */
export function readKeytab(data: Uint8Array): Keytab {
    if (data.length === 0) {
        throw new KeytabFormatError("the keytab is empty (0 bytes)", EXPECT_KEYTAB);
    }
    if (data[0] !== MAGIC) {
        throw new KeytabFormatError(`not a keytab: first byte is ${hexByte(data[0])}`, `${EXPECT_KEYTAB}, which starts with byte 0x05`);
    }
    if (data.length < 2) {
        throw new KeytabFormatError("the keytab is truncated after its first byte", EXPECT_KEYTAB);
    }
    const version = data[1];
    if (version === 2) {
        return { version: 2, byteOrder: "big-endian", entries: readRecords(data, 2, false) };
    }
    if (version === 1) {
        return readVersion1(data);
    }
    throw new KeytabFormatError(`unsupported keytab version ${hexByte(version)} (second byte)`, "version 0x02 (or the old 0x01)");
}

/**
 * Version 1 stores integers in the byte order of the host that wrote it, which the file does not
 * record (keytab_file_format.rst). We try little-endian first (every current mainstream CPU) and
 * fall back to big-endian; a wrong order makes the first record length absurd, so at most one
 * order parses a non-trivial file.
 */
function readVersion1(data: Uint8Array): Keytab {
    try {
        return { version: 1, byteOrder: "little-endian", entries: readRecords(data, 1, true) };
    } catch (littleError) {
        try {
            return { version: 1, byteOrder: "big-endian", entries: readRecords(data, 1, false) };
        } catch {
            throw littleError;
        }
    }
}

function readRecords(data: Uint8Array, version: 1 | 2, little: boolean): KeytabEntry[] {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const entries: KeytabEntry[] = [];
    let pos = 2;
    for (;;) {
        // The end of the buffer is a valid end of the table, like the explicit 0 length below.
        if (pos === data.length) {
            return entries;
        }
        const recordStart = pos;
        const header = new Cursor(view, little, pos, data.length, `the record length at offset ${recordStart}`, "is cut short: the keytab is truncated");
        const length = header.i32();
        pos = header.pos;
        if (length === 0) {
            return entries;
        }
        // A negative length is a hole (a deleted entry, zero-filled) of -length bytes.
        const size = Math.abs(length);
        const kind = length < 0 ? "hole" : "record";
        if (size > data.length - pos) {
            throw new KeytabFormatError(
                `the keytab is truncated: the ${kind} at offset ${recordStart} declares ${size} bytes but only ${data.length - pos} remain`,
                EXPECT_KEYTAB,
            );
        }
        if (length > 0) {
            const label = `the entry at offset ${recordStart}`;
            entries.push(readEntry(new Cursor(view, little, pos, pos + size, label, "overruns its record length"), version));
        }
        pos += size;
    }
}

function readEntry(cur: Cursor, version: 1 | 2): KeytabEntry {
    // Version 1 counts the realm among the components (keytab_file_format.rst).
    const count = cur.u16() - (version === 1 ? 1 : 0);
    if (count <= 0) {
        throw new KeytabFormatError(`${cur.label} has a principal with no name components`, EXPECT_KEYTAB);
    }
    const realm = cur.data("realm");
    const components: string[] = [];
    for (let i = 0; i < count; i++) {
        components.push(cur.data("name component"));
    }
    // Version 1 has no name type; kt_file.c leaves it at 0 (KRB5_NT_UNKNOWN).
    const nameType = version === 1 ? 0 : cur.u32();
    // Unsigned: MIT krb5 1.17+ reads timestamps as unsigned so they last until 2106.
    const timestamp = new Date(cur.u32() * 1000);
    let kvno = cur.u8();
    const enctype = cur.u16();
    const keyLength = cur.u16();
    if (keyLength === 0) {
        throw new KeytabFormatError(`${cur.label} has an empty key`, EXPECT_KEYTAB);
    }
    cur.skip(keyLength);
    // The 32-bit kvno (krb5 1.14+) is present when at least 4 bytes remain in the record and is
    // used only when non-zero: zero is just the padding of an entry smaller than its record.
    if (cur.end - cur.pos >= 4) {
        const kvno32 = cur.u32();
        if (kvno32 !== 0) {
            kvno = kvno32;
        }
    }
    return {
        principal: formatPrincipal(components, realm),
        components,
        realm,
        nameType,
        timestamp,
        kvno,
        enctype,
        enctypeName: enctypeName(enctype),
        keyLength,
    };
}

function hexByte(value: number | undefined): string {
    return `0x${(value ?? 0).toString(16).padStart(2, "0")}`;
}

/** One line per entry for logs and errors, e.g. `spark/h@R kvno 2 aes256-cts-hmac-sha1-96`. */
export function describeKeytabEntry(entry: KeytabEntry): string {
    return `${entry.principal} kvno ${entry.kvno} ${entry.enctypeName}`;
}

/** The distinct principals of a keytab, in first-seen order. */
export function keytabPrincipals(keytab: Keytab): string[] {
    return [...new Set(keytab.entries.map((e) => e.principal))];
}

/**
 * Parsing and formatting of the two kinds of quantities sizing deals with: Spark/JVM size strings
 * (`512m`, `2g`, `4096`) and Kubernetes CPU quantities (`2`, `0.5`, `500m`).
 *
 * Sizes follow Spark's own parser (`JavaUtils.byteStringAs` in Spark 3.5 / 4.0, read 2026-11):
 * trimmed and lower-cased, a whole number with an optional suffix b, k/kb, m/mb, g/gb, t/tb, p/pb
 * (all binary: k = KiB, m = MiB ...), no fractions. A number without suffix is in the key's
 * default unit, which differs per key (MiB for `spark.executor.memory`, bytes for
 * `spark.memory.offHeap.size`), so callers always pass it. Conversion to a larger unit truncates,
 * as Spark's `ByteUnit.convertTo` does (`1536k` is 1 MiB).
 */
import { describeValue, InputError } from "../errors";

/** Default unit of a Spark size key, used when the string has no suffix. */
export type SizeUnit = "b" | "k" | "m" | "g" | "t" | "p";

/** Power of 1024 of every suffix Spark accepts (JavaUtils.byteSuffixes). */
const SUFFIX_POWER: Readonly<Record<string, number>> = {
    b: 0,
    k: 1,
    kb: 1,
    m: 2,
    mb: 2,
    g: 3,
    gb: 3,
    t: 4,
    tb: 4,
    p: 5,
    pb: 5,
};

const MIB = 1024n * 1024n;

function sizeExpectation(defaultUnit: SizeUnit): string {
    const unitName = defaultUnit === "m" ? "MiB" : defaultUnit === "b" ? "bytes" : `${defaultUnit} units`;
    return `a Spark size: a whole number with an optional unit b, k, m, g, t or p (e.g. "512m", "2g"; no unit means ${unitName})`;
}

/**
 * Parses a Spark size string into whole MiB, truncating like Spark does.
 *
 * @param value the setting as given (a string, or a non-negative whole number meaning `defaultUnit`)
 * @param defaultUnit the unit Spark assumes for this key when no suffix is given
 * @param key the argument name used in the error message
 * @throws InputError for anything Spark itself would refuse (fractions, unknown suffixes, junk)
 */
export function parseSizeMiB(value: unknown, defaultUnit: SizeUnit, key: string): number {
    let text: string;
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) {
        text = String(value);
    } else if (typeof value === "string") {
        text = value.trim().toLowerCase();
    } else {
        throw new InputError(key, `${describeValue(value)} is not a size`, sizeExpectation(defaultUnit));
    }
    const whole = /^([0-9]+)([a-z]+)?$/.exec(text);
    if (!whole) {
        // Spark names fractions separately ("Fractional values are not supported"); so do we.
        const problem = /^[0-9]+\.[0-9]+[a-z]*$/.test(text)
            ? `${describeValue(value)} has a fraction, which Spark does not accept`
            : `${describeValue(value)} is not a size`;
        throw new InputError(key, problem, sizeExpectation(defaultUnit));
    }
    const suffix = whole[2] ?? defaultUnit;
    const power = SUFFIX_POWER[suffix];
    if (power === undefined) {
        throw new InputError(key, `${describeValue(value)} has an unknown unit "${suffix}"`, sizeExpectation(defaultUnit));
    }
    const bytes = BigInt(whole[1]) * 1024n ** BigInt(power);
    const mib = bytes / MIB;
    // Spark keeps sizes in a signed 64-bit long; far before that, numbers stop being exact here.
    if (mib > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new InputError(key, `${describeValue(value)} is too large`, "a size below 8 EiB");
    }
    return Number(mib);
}

/** Renders whole MiB the way Spark settings are usually written: `"5734m"`. */
export function formatMiB(mib: number): string {
    return `${mib}m`;
}

/**
 * Parses a Kubernetes CPU quantity (`2`, `0.5`, `1.5`, `500m`) into whole millicores.
 *
 * Kubernetes keeps CPU at millicore precision and rounds finer values up, so do we. The
 * arithmetic is done on the decimal digits, not on floats, so `0.1` is exactly 100m.
 *
 * @param value a quantity string, or a positive number of cores
 * @param key the argument name used in the error message
 * @throws InputError when the value is not a positive CPU quantity
 */
export function parseCpuMilli(value: unknown, key: string): number {
    const expected = 'a positive CPU quantity such as "2", "0.5" or "500m"';
    let text: string;
    if (typeof value === "number" && Number.isFinite(value)) {
        text = String(value);
    } else if (typeof value === "string") {
        text = value.trim();
    } else {
        throw new InputError(key, `${describeValue(value)} is not a CPU quantity`, expected);
    }
    const match = /^([0-9]*)(?:\.([0-9]+))?(m?)$/.exec(text);
    if (!match || (match[1] === "" && match[2] === undefined)) {
        throw new InputError(key, `${describeValue(value)} is not a CPU quantity`, expected);
    }
    const intPart = Number(match[1] === "" ? "0" : match[1]);
    const fraction = match[2] ?? "";
    let milli: number;
    if (match[3] === "m") {
        milli = intPart + (/[1-9]/.test(fraction) ? 1 : 0);
    } else {
        const firstThree = Number(fraction.slice(0, 3).padEnd(3, "0"));
        const rest = fraction.slice(3);
        milli = intPart * 1000 + firstThree + (/[1-9]/.test(rest) ? 1 : 0);
    }
    if (!Number.isSafeInteger(milli)) {
        throw new InputError(key, `${describeValue(value)} is too large`, expected);
    }
    if (milli <= 0) {
        throw new InputError(key, `${describeValue(value)} is not above zero`, expected);
    }
    return milli;
}

/** Renders millicores as Spark and Kubernetes expect: `"2"` for whole cores, else `"500m"`. */
export function formatCpuMilli(milli: number): string {
    return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Cores (possibly fractional, e.g. 0.25) to whole millicores, rounding up like Kubernetes. */
export function coresToMilli(cores: number): number {
    // The small tolerance keeps float noise such as 0.30000000000000004 from adding a millicore.
    return Math.ceil(cores * 1000 - 1e-9);
}

const K8S_MEMORY = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const K8S_MEMORY_BYTES: Record<string, number> = { "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };

/**
 * Parses a Kubernetes memory quantity (`1792Mi`, `1Gi`, `500M`, `1073741824`) into MiB, rounded up
 * to a whole MiB (a pod is billed on at least what it asks).
 * @throws InputError for anything else (notably Spark's `2g`, or `256m`, which Kubernetes reads as millibytes)
 */
export function parseQuantityMiB(value: unknown, key: string): number {
    const match = typeof value === "string" ? K8S_MEMORY.exec(value) : typeof value === "number" ? K8S_MEMORY.exec(String(value)) : null;
    if (!match) {
        throw new InputError(key, `${describeValue(value)} is not a memory quantity`, 'a Kubernetes quantity such as "256Mi" or "1Gi"');
    }
    return Math.ceil((Number(match[1]) * K8S_MEMORY_BYTES[match[2] ?? ""]!) / 1024 ** 2);
}

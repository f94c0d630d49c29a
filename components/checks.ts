import { describeValue, InputError } from "./errors";

/**
 * Checks a whole number in `[min, max]`.
 * @param what how the error names the expected value, e.g. "a whole number of GB"
 */
export function requireInteger(value: unknown, key: string, min: number, max: number, what = "a whole number"): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        throw new InputError(key, `got ${describeValue(value)}`, `${what} from ${min} to ${max}`);
    }
    return value;
}

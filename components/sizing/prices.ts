/**
 * On-demand prices of the billing grids, as data with their sources, plus validated overrides.
 *
 * Prices change and differ by region and contract, so every table says where it comes from and
 * when it was read, and users can override the two figures that matter.
 */
import { describeValue, InputError } from "../errors";
import { BillingGridName, capacityGrid, CapacityShape } from "./grids";

/** Currency of a price table. */
export type Currency = "USD" | "CNY";

/** Per-hour prices of one grid: a vCPU-hour and a GiB-hour of memory. */
export interface PriceTable {
    /** Short name of the table, e.g. `fargate-us-east-1`. */
    readonly id: string;
    /** The grid these prices apply to. */
    readonly grid: BillingGridName;
    /** Currency of both prices. */
    readonly currency: Currency;
    /** Price of one vCPU for one hour. */
    readonly vcpuHour: number;
    /** Price of one GiB of memory for one hour. */
    readonly gibHour: number;
    /** Region (or region group) the prices are for. */
    readonly region: string;
    /** Where the figures come from. */
    readonly source: string;
    /** When the source was read. */
    readonly asOf: string;
}

/**
 * EKS Fargate, us-east-1, Linux/x86, on demand: $0.04048 per vCPU-hour, $0.004445 per GB-hour,
 * billed per second from image pull to pod end. Source: AWS Fargate pricing,
 * https://aws.amazon.com/fargate/pricing/, as of 2026-11. "GB" is taken as GiB, consistently with FARGATE_GRID.
 */
export const FARGATE_US_EAST_1_PRICES: PriceTable = Object.freeze({
    id: "fargate-us-east-1",
    grid: "fargate",
    currency: "USD",
    vcpuHour: 0.04048,
    gibHour: 0.004445,
    region: "us-east-1 (Linux/x86)",
    source: "https://aws.amazon.com/fargate/pricing/",
    asOf: "2026-11",
});

/**
 * Alibaba ECI, pay-as-you-go, general specs, China regions: CNY 0.000049 per vCPU-second and
 * CNY 0.00000613 per GiB-second (x 3600 for hours). Source: ECI "ECI实例计费",
 * https://help.aliyun.com/zh/eci/product-overview/elastic-container-instances, as of 2026-11.
 */
export const ECI_CHINA_PRICES: PriceTable = Object.freeze({
    id: "eci-china",
    grid: "eci",
    currency: "CNY",
    vcpuHour: 0.000049 * 3600,
    gibHour: 0.00000613 * 3600,
    region: "China regions",
    source: "https://help.aliyun.com/zh/eci/product-overview/elastic-container-instances",
    asOf: "2026-11",
});

/**
 * Alibaba ECI, pay-as-you-go, general specs, international site: USD 0.0000077 per vCPU-second
 * and USD 0.00000096 per GiB-second (x 3600 for hours). The page does not name a region; treat
 * it as a default to override. Source: ECI "Elastic container instances" billing,
 * https://www.alibabacloud.com/help/en/eci/product-overview/elastic-container-instances, as of 2026-11.
 */
export const ECI_INTERNATIONAL_PRICES: PriceTable = Object.freeze({
    id: "eci-international",
    grid: "eci",
    currency: "USD",
    vcpuHour: 0.0000077 * 3600,
    gibHour: 0.00000096 * 3600,
    region: "international site (region not stated)",
    source: "https://www.alibabacloud.com/help/en/eci/product-overview/elastic-container-instances",
    asOf: "2026-11",
});

/**
 * The default price table of a grid: Fargate us-east-1, and ECI's international (USD) prices so
 * that both grids compare in one currency. Use `ECI_CHINA_PRICES` or overrides for other cases.
 */
export function defaultPriceTable(grid: BillingGridName): PriceTable {
    capacityGrid(grid);
    return grid === "fargate" ? FARGATE_US_EAST_1_PRICES : ECI_INTERNATIONAL_PRICES;
}

/** User overrides of a price table's two figures. */
export interface PriceOverrides {
    /** Price of one vCPU for one hour, in the table's currency. */
    vcpuHour?: number;
    /** Price of one GiB of memory for one hour, in the table's currency. */
    gibHour?: number;
}

/**
 * Merges user overrides into a price table, checking them.
 *
 * @param base the table to start from
 * @param overrides `{ vcpuHour?, gibHour? }`; other keys are refused so a typo is not ignored
 * @param key argument name for errors, e.g. `prices`
 * @throws InputError when overrides is not an object, has unknown keys, or a price is not a
 *   finite number of 0 or more
 */
/** The highest price override accepted, per vCPU-hour or GiB-hour. */
export const MAX_HOURLY_PRICE = 1000;

export function withPriceOverrides(base: PriceTable, overrides: PriceOverrides | undefined, key = "prices"): PriceTable {
    if (overrides === undefined) {
        return base;
    }
    if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
        throw new InputError(key, `${describeValue(overrides)} is not an object`, "{ vcpuHour?, gibHour? }");
    }
    for (const name of Object.keys(overrides)) {
        if (name !== "vcpuHour" && name !== "gibHour") {
            throw new InputError(`${key}.${name}`, "is not a price setting", "only vcpuHour and gibHour");
        }
    }
    const merged = { ...base, id: `${base.id}+overrides`, source: `${base.source} (with user overrides)` };
    for (const name of ["vcpuHour", "gibHour"] as const) {
        const value: unknown = overrides[name];
        if (value === undefined) {
            continue;
        }
        // The cap is far above any real serverless price (cents to a few CNY per hour) and keeps a cost
        // product finite: 1e308 would print "Infinity" and be written as null.
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > MAX_HOURLY_PRICE) {
            throw new InputError(
                `${key}.${name}`,
                `${describeValue(value)} is not a price`,
                `a number from 0 to ${MAX_HOURLY_PRICE}, in ${base.currency} per hour`,
            );
        }
        merged[name] = value;
    }
    return Object.freeze(merged);
}

/** Checks that a price table belongs to the grid it is used with. */
export function checkPricesForGrid(prices: PriceTable, grid: BillingGridName, key = "prices"): PriceTable {
    if (prices.grid !== grid) {
        throw new InputError(key, `table ${describeValue(prices.id)} is for ${prices.grid}, not ${grid}`, `a price table for ${grid}`);
    }
    return prices;
}

/** Hourly price of one pod billed as `shape`. */
export function shapePricePerHour(shape: CapacityShape, prices: PriceTable): number {
    return shape.vcpu * prices.vcpuHour + shape.memoryGiB * prices.gibHour;
}

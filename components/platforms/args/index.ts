/**
 * The arguments of the three top-level components, by seam: what all of them take (./common), jobs
 * and the TPC-DS sample (./jobs), and each way of getting a cluster (./existing, ./aws, ./alicloud).
 */
export * from "./alicloud";
export * from "./aws";
export * from "./common";
export * from "./existing";
export * from "./jobs";

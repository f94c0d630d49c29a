/**
 * The arguments of the three top-level components, by seam: what all of them take (./common), jobs
 * and each way of getting a cluster (./existing, ./aws, ./alicloud); jobs, TPC-DS, the operator and
 * the clusters' own settings are the composable components' argument types.
 */
export * from "./alicloud";
export * from "./aws";
export * from "./common";
export * from "./existing";

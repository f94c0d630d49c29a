/**
 * Sizing of Spark pods for serverless Kubernetes (EKS Fargate, ACK + ECI, or a cluster without a
 * known billing grid): what Spark requests, what the platform bills, right-sized settings that
 * fill the billed shape, and hourly cost. Pure functions; no Pulumi.
 */
export type { ExecutorScale, JobCost, JobCostArgs } from "./cost";
export { fullScaleExecutors, jobCostPerHour, SPARK_DEFAULT_EXECUTOR_INSTANCES } from "./cost";
export type { FixedFee } from "./fixed-fees";
export { ECI_SPOT, FIXED_FEES, HOURS_PER_MONTH, rdsPostgresInstanceFee } from "./fixed-fees";
export type { BillingGridName, CapacityGrid, CapacityGridName, CapacityShape, PodSize } from "./grids";
export {
    billedShape,
    billingCpu,
    capacityGrid,
    checkGridName,
    defaultSidecarHeadroomMiB,
    ECI_GRID,
    ECI_MAX_SPECS,
    ECI_USE_SPECS_ANNOTATION,
    eciSpecShape,
    eciSpecsWithFallbacks,
    eciUseSpecsValue,
    FARGATE_GRID,
    fittingShapes,
    formatShape,
    largestShape,
    platformReservationMiB,
    shapeMemoryMiB,
    usableMemoryMiB,
} from "./grids";
export type { AlwaysOnFee, AlwaysOnPods, PlatformCost, PlatformCostArgs, PlatformCostLine } from "./platform-cost";
export { platformCost } from "./platform-cost";
export type { Currency, PriceOverrides, PriceTable } from "./prices";
export {
    checkPricesForGrid,
    defaultPriceTable,
    ECI_CHINA_PRICES,
    ECI_INTERNATIONAL_PRICES,
    FARGATE_US_EAST_1_PRICES,
    shapePricePerHour,
    withPriceOverrides,
} from "./prices";
export type { PodReport, ReportOptions } from "./report";
export { reportPod } from "./report";
export type { RightSizeArgs, SizedPod, SizingMode } from "./right-size";
export { DEFAULT_MEMORY_PER_CORE_GIB, maxHeapForBudget, MIN_RIGHT_SIZED_HEAP_MIB, rightSize } from "./right-size";
export type { AppLanguage, PodRequests, SparkAppSettings, SparkPodSettings, SparkRole } from "./spark-memory";
export {
    defaultOverheadMiB,
    JVM_OVERHEAD_FACTOR,
    NON_JVM_OVERHEAD_FACTOR,
    overheadFactorFor,
    SPARK_DEFAULT_CORES,
    SPARK_DEFAULT_MEMORY,
    SPARK_MIN_HEAP_MIB,
    SPARK_MIN_OVERHEAD_MIB,
    sparkPodRequests,
} from "./spark-memory";
export type { SizeUnit } from "./units";
export { coresToMilli, formatCpuMilli, formatMiB, parseCpuMilli, parseQuantityMiB, parseSizeMiB } from "./units";

import * as fs from "fs";
import * as path from "path";

/**
 * The Kubeflow Spark operator's own sources, an independent truth for the conformance suites: set
 * `SPARK_OPERATOR_SOURCE` to a checkout of github.com/kubeflow/spark-operator at tag v2.5.2 (the chart
 * version the package installs), e.g.
 * `git clone --depth 1 --branch v2.5.2 https://github.com/kubeflow/spark-operator`. The suites read its
 * CRDs (`config/crd/bases/`) and examples (`examples/`). Without it they report themselves skipped.
 */
const SOURCE = process.env.SPARK_OPERATOR_SOURCE;

/** A file of the checkout, or undefined when `SPARK_OPERATOR_SOURCE` is unset or lacks it. */
export function upstreamOperatorFile(relative: string): string | undefined {
    if (SOURCE === undefined || SOURCE === "") return undefined;
    const file = path.resolve(SOURCE, relative);
    return fs.existsSync(file) ? file : undefined;
}

/** Why a suite that needs the checkout is skipped, for its title. */
export function skippedWithoutUpstream(relative: string): string {
    return ` (skipped: set SPARK_OPERATOR_SOURCE to a kubeflow/spark-operator v2.5.2 checkout with ${relative})`;
}

/**
 * Calibration in the real LiteRT interpreter (bytedeco's build, C API): a variant of each float
 * subgraph exposes every float activation as an extra output, each sample runs once, and per
 * tensor the absolute min/max (or, as an option, an MSE-optimal clipped range) is kept. The
 * dataset is validated in full before the first sample runs.
 */
package io.litertj.calibrate;

package io.litertj.calibrate;

/** How calibrated activation ranges are chosen. Either way, the quantization rules stay the same. */
public enum CalibrationMethod {
  /** Absolute min and max over every value of every sample: the official default. */
  MIN_MAX,
  /**
   * Per tensor, the range (the min/max range shrunk by a common factor) that minimises the
   * expected int8 quantization error (rounding inside, clipping outside) over a histogram of all
   * values. Needs a second pass over the dataset.
   */
  MSE
}

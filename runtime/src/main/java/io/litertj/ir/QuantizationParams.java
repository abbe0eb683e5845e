package io.litertj.ir;

import java.util.Arrays;

/**
 * Affine quantization of a tensor: {@code real = (q - zeroPoint) * scale}. Per-tensor when there
 * is one scale, otherwise per-axis along {@code quantizedDimension}. {@code min}/{@code max} are
 * the calibrated float range, kept for reference (may be empty).
 */
public record QuantizationParams(float[] scales, long[] zeroPoints, int quantizedDimension, float[] min, float[] max) {

  public QuantizationParams {
    scales = scales.clone();
    zeroPoints = zeroPoints.clone();
    min = min.clone();
    max = max.clone();
    if (scales.length != zeroPoints.length) {
      throw new IllegalArgumentException("scales and zero points differ in length");
    }
  }

  public static QuantizationParams perTensor(float scale, long zeroPoint) {
    return new QuantizationParams(new float[] {scale}, new long[] {zeroPoint}, 0, new float[0], new float[0]);
  }

  public static QuantizationParams perAxis(float[] scales, long[] zeroPoints, int axis) {
    return new QuantizationParams(scales, zeroPoints, axis, new float[0], new float[0]);
  }

  public boolean isPerTensor() {
    return scales.length == 1;
  }

  public float scale() {
    return scales[0];
  }

  public long zeroPoint() {
    return zeroPoints[0];
  }

  @Override
  public float[] scales() {
    return scales.clone();
  }

  @Override
  public long[] zeroPoints() {
    return zeroPoints.clone();
  }

  @Override
  public float[] min() {
    return min.clone();
  }

  @Override
  public float[] max() {
    return max.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuantizationParams q
        && Arrays.equals(scales, q.scales)
        && Arrays.equals(zeroPoints, q.zeroPoints)
        && quantizedDimension == q.quantizedDimension
        && Arrays.equals(min, q.min)
        && Arrays.equals(max, q.max);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(scales) * 31 + Arrays.hashCode(zeroPoints) + quantizedDimension;
  }

  @Override
  public String toString() {
    return "QuantizationParams[scales=" + Arrays.toString(scales) + ", zeroPoints=" + Arrays.toString(zeroPoints)
        + ", axis=" + quantizedDimension + "]";
  }
}

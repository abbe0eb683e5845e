package io.litertj.quantize;

import io.litertj.ir.DataType;
import io.litertj.ir.QuantizationParams;

/** Activation ranges to per-tensor (scale, zero point), by the spec's rules. */
public final class ActivationParams {

  private ActivationParams() {}

  /**
   * int8, asymmetric: the range is widened to include 0, {@code scale = (max - min) / 255},
   * {@code zp = round(-128 - min / scale)} clamped to [-128, 127], so 0.0 is exact.
   */
  public static QuantizationParams int8(float min, float max) {
    double lo = Math.min(min, 0f);
    double hi = Math.max(max, 0f);
    if (hi - lo == 0) {
      return withRange(1f, -128, min, max); // an all-zero tensor: any positive scale is exact
    }
    float scale = (float) ((hi - lo) / 255.0);
    long zp = Math.max(-128, Math.min(127, roundHalfAway(-128 - lo / scale)));
    return withRange(scale, zp, min, max);
  }

  /** int16, symmetric with zero point 0: {@code scale = max(|min|, |max|) / 32767}. */
  public static QuantizationParams int16(float min, float max) {
    double half = Math.max(Math.abs((double) min), Math.abs((double) max));
    float scale = half == 0 ? 1f : (float) (half / 32767.0);
    return withRange(scale, 0, min, max);
  }

  /** The params for {@code type} (INT8 or INT16). */
  public static QuantizationParams of(DataType type, float min, float max) {
    return switch (type) {
      case INT8 -> int8(min, max);
      case INT16 -> int16(min, max);
      default -> throw new IllegalArgumentException("no activation quantization to " + type);
    };
  }

  /** The uint8 form of int8 params: same scale, zero point + 128. */
  public static QuantizationParams toUint8(QuantizationParams int8) {
    return new QuantizationParams(int8.scales(), new long[] {int8.zeroPoint() + 128}, 0, int8.min(), int8.max());
  }

  /** {@code std::round}: halves away from zero, as the official quantizer rounds. */
  static long roundHalfAway(double x) {
    return (long) (Math.signum(x) * Math.floor(Math.abs(x) + 0.5));
  }

  private static QuantizationParams withRange(float scale, long zp, float min, float max) {
    return new QuantizationParams(new float[] {scale}, new long[] {zp}, 0, new float[] {min}, new float[] {max});
  }
}

package io.litertj.testing;

/**
 * Per-tensor affine (de)quantization, {@code real = scale * (q - zeroPoint)}, for feeding and
 * reading quantized models: round half away from zero, then clamp, as LiteRT's reference kernels do.
 */
public final class AffineQuantization {
  private AffineQuantization() {}

  /**
   * Quantizes float data to INT8, UINT8 or INT16.
   *
   * @param floats FLOAT32 data
   * @param q      the input tensor's quantization (see {@link TensorSpec#quantization()})
   * @param type   INT8, UINT8 or INT16
   */
  public static TensorData quantize(TensorData floats, TensorSpec.Quantization q, ElementType type) {
    float[] f = floats.asFloats();
    int min;
    int max;
    switch (type) {
      case INT8 -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
      case UINT8 -> { min = 0; max = 255; }
      case INT16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
      default -> throw new IllegalArgumentException("cannot quantize to " + type);
    }
    int[] values = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      long v = Math.round(Math.abs(f[i] / q.scale())) * (long) Math.signum(f[i] / q.scale()) + q.zeroPoint();
      values[i] = (int) Math.max(min, Math.min(max, v));
    }
    long[] shape = floats.shape();
    TensorData out = switch (type) {
      case INT8 -> {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
          b[i] = (byte) values[i];
        }
        yield TensorData.ofInt8(shape, b);
      }
      case UINT8 -> TensorData.ofUint8(shape, values);
      default -> {
        short[] s = new short[values.length];
        for (int i = 0; i < s.length; i++) {
          s[i] = (short) values[i];
        }
        yield TensorData.ofShorts(shape, s);
      }
    };
    return out.named(floats.name());
  }

  /** Dequantizes INT8, UINT8, INT16 or INT32 data to FLOAT32. */
  public static TensorData dequantize(TensorData quantized, TensorSpec.Quantization q) {
    int[] v = quantized.asInts();
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = q.scale() * (v[i] - q.zeroPoint());
    }
    return TensorData.ofFloats(quantized.shape(), f).named(quantized.name());
  }
}

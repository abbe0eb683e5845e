package io.litertj.quantize;

/**
 * Biases as int32 (int8 activations) or int64 (16x8), zero point 0,
 * {@code scale = input_scale * weight_scale} per channel.
 */
public final class BiasQuantizer {

  static final double INT32_LIMIT = Integer.MAX_VALUE;

  private BiasQuantizer() {}

  /**
   * Widens weight scales so that every bias fits int32: where {@code |b| / (s_in * s_w)} would
   * exceed 2^31 - 1, {@code s_w} grows to {@code |b| / (s_in * (2^31 - 1))}. Returns new scales
   * (the input array is not changed).
   */
  public static float[] widenForInt32(float[] bias, float inputScale, float[] weightScales) {
    float[] out = weightScales.clone();
    for (int c = 0; c < bias.length; c++) {
      int wc = out.length == 1 ? 0 : c;
      double q = Math.abs((double) bias[c]) / ((double) inputScale * out[wc]);
      if (q > INT32_LIMIT) {
        // Next float up, so the float product never rounds back below what int32 needs.
        out[wc] = Math.nextUp((float) (Math.abs((double) bias[c]) / (inputScale * INT32_LIMIT)));
      }
    }
    return out;
  }

  /** The bias scales: {@code input_scale * weight_scale[c]} in float, as LiteRT checks them. */
  public static float[] scales(float inputScale, float[] weightScales, int channels) {
    float[] out = new float[weightScales.length == 1 ? 1 : channels];
    for (int c = 0; c < out.length; c++) {
      out[c] = inputScale * weightScales[c];
    }
    return out;
  }

  /** {@code round(b / scale)}, clamped to int32 (widening makes the clamp a no-op). */
  public static int[] quantizeInt32(float[] bias, float[] scales) {
    int[] q = new int[bias.length];
    for (int c = 0; c < bias.length; c++) {
      double v = ActivationParams.roundHalfAway(bias[c] / (double) scales[scales.length == 1 ? 0 : c]);
      q[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
    return q;
  }

  /** {@code round(b / scale)} as int64 (16x8 mode). */
  public static long[] quantizeInt64(float[] bias, float[] scales) {
    long[] q = new long[bias.length];
    for (int c = 0; c < bias.length; c++) {
      q[c] = ActivationParams.roundHalfAway(bias[c] / (double) scales[scales.length == 1 ? 0 : c]);
    }
    return q;
  }
}

package io.litertj.quantize;

/**
 * Symmetric int8 weights in [-127, 127], zero point 0, per channel along one axis or per tensor.
 */
public final class WeightQuantizer {

  /** The scale of an all-zero slice: small and positive, never 0 (LiteRT divides by it). */
  static final float ZERO_SLICE_SCALE = 1f / (127f * 65536f);

  private WeightQuantizer() {}

  /**
   * Per-channel scales: {@code max(|w|) / 127} over each slice along {@code axis}; {@code axis < 0}
   * gives one scale for the whole tensor.
   */
  public static float[] scales(float[] w, int[] shape, int axis) {
    int channels = axis < 0 ? 1 : shape[axis];
    int inner = inner(shape, axis);
    float[] max = new float[channels];
    for (int i = 0; i < w.length; i++) {
      int c = axis < 0 ? 0 : (i / inner) % channels;
      max[c] = Math.max(max[c], Math.abs(w[i]));
    }
    float[] scales = new float[channels];
    for (int c = 0; c < channels; c++) {
      scales[c] = max[c] == 0 ? ZERO_SLICE_SCALE : max[c] / 127f;
    }
    return scales;
  }

  /** {@code q = clamp(round(w / scale), -127, 127)} with the slice's scale. */
  public static byte[] quantize(float[] w, int[] shape, int axis, float[] scales) {
    int channels = scales.length;
    int inner = inner(shape, axis);
    byte[] q = new byte[w.length];
    for (int i = 0; i < w.length; i++) {
      int c = channels == 1 ? 0 : (i / inner) % channels;
      long v = ActivationParams.roundHalfAway(w[i] / scales[c]);
      q[i] = (byte) Math.max(-127, Math.min(127, v));
    }
    return q;
  }

  /** Elements after {@code axis} in row-major order (the stride of one step along it). */
  private static int inner(int[] shape, int axis) {
    int inner = 1;
    for (int d = axis + 1; d < shape.length && axis >= 0; d++) {
      inner *= shape[d];
    }
    return inner;
  }
}

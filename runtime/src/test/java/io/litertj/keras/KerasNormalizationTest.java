package io.litertj.keras;

import static io.litertj.keras.OneLayerConformance.Case.of;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.keras.OneLayerConformance.Case;
import io.litertj.testing.SavedModels;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * GroupNormalization, UnitNormalization, LayerNormalization, Normalization and Rescaling in each
 * of their configurations, against Keras 3's formulas (its TensorFlow backend) built from
 * TensorFlow ops and run by TensorFlow.
 */
class KerasNormalizationTest {

  @TempDir
  Path dir;

  private static Operand<TFloat32> k(SavedModels.Context g, double v) {
    return g.tf().constant((float) v);
  }

  private static String layer(String className, String config) {
    return "{\"class_name\": \"" + className + "\", \"config\": {\"name\": \"l\"" + (config.isEmpty() ? "" : ", " + config)
        + "}}";
  }

  /**
   * Keras's GroupNormalization.call: the channel axis split into [groups, channels / groups],
   * moments over every axis but the batch and the group one, then x * inv + (beta - mean * inv)
   * with inv = gamma / sqrt(var + eps).
   */
  private static OneLayerConformance.Reference groupNorm(int[] input, int axis, int groups, double eps,
      boolean scale, boolean center) {
    return (g, x, w) -> {
      Ops tf = g.tf();
      int rank = input.length + 1;
      int[] grouped = new int[rank + 1];
      int[] broadcast = new int[rank + 1];
      grouped[0] = -1;
      broadcast[0] = 1;
      for (int d = 1, o = 1; d < rank; d++) {
        int size = input[d - 1];
        if (d == axis) {
          grouped[o] = groups;
          broadcast[o++] = groups;
          grouped[o] = size / groups;
          broadcast[o++] = size / groups;
        } else {
          grouped[o] = size;
          broadcast[o++] = 1;
        }
      }
      int[] axes = IntStream.rangeClosed(1, rank).filter(a -> a != axis).toArray();
      Operand<TFloat32> xr = tf.reshape(x, tf.constant(grouped));
      Operand<TFloat32> mean = tf.math.mean(xr, tf.constant(axes), Mean.keepDims(true));
      Operand<TFloat32> variance = tf.math.mean(tf.math.squaredDifference(xr, mean), tf.constant(axes),
          Mean.keepDims(true));
      Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(variance, k(g, eps)));
      int i = 0;
      if (scale) {
        inv = tf.math.mul(inv, tf.reshape(w.get(i++), tf.constant(broadcast)));
      }
      Operand<TFloat32> res = tf.math.neg(tf.math.mul(mean, inv));
      if (center) {
        res = tf.math.add(res, tf.reshape(w.get(i), tf.constant(broadcast)));
      }
      int[] back = new int[rank];
      back[0] = -1;
      System.arraycopy(input, 0, back, 1, input.length);
      return tf.reshape(tf.math.add(tf.math.mul(xr, inv), res), tf.constant(back));
    };
  }

  /** ops.normalize(order=2, epsilon=1e-12): x * min(rsqrt(sum(x^2)), 1e12). */
  private static OneLayerConformance.Reference unitNorm(int... axes) {
    return (g, x, w) -> {
      Ops tf = g.tf();
      Operand<TFloat32> sum = tf.sum(tf.math.square(x), tf.constant(axes), Sum.keepDims(true));
      return tf.math.mul(x, tf.math.minimum(tf.math.rsqrt(sum), k(g, 1e12)));
    };
  }

  /** ops.layer_normalization; weights gamma then beta, reshaped to {@code broadcast}. */
  private static OneLayerConformance.Reference layerNorm(int[] axes, int[] broadcast, double eps, boolean scale,
      boolean center, boolean rms) {
    return (g, x, w) -> {
      Ops tf = g.tf();
      Operand<TFloat32> mean = tf.math.mean(x, tf.constant(axes), Mean.keepDims(true));
      Operand<TFloat32> variance = tf.math.mean(tf.math.squaredDifference(x, mean), tf.constant(axes),
          Mean.keepDims(true));
      Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(variance, k(g, eps)));
      int i = 0;
      if (rms) {
        Operand<TFloat32> y = tf.math.mul(x, inv);
        return scale ? tf.math.mul(y, tf.reshape(w.get(0), tf.constant(broadcast))) : y;
      }
      if (scale) {
        inv = tf.math.mul(inv, tf.reshape(w.get(i++), tf.constant(broadcast)));
      }
      Operand<TFloat32> res = tf.math.neg(tf.math.mul(mean, inv));
      if (center) {
        res = tf.math.add(res, tf.reshape(w.get(i), tf.constant(broadcast)));
      }
      return tf.math.add(tf.math.mul(x, inv), res);
    };
  }

  /** Normalization.call: (x - mean) / max(sqrt(variance), 1e-7), or mean + x * that deviation. */
  private static Operand<TFloat32> normalize(SavedModels.Context g, Operand<TFloat32> x, Operand<TFloat32> mean,
      Operand<TFloat32> variance, boolean invert) {
    Ops tf = g.tf();
    Operand<TFloat32> sd = tf.math.maximum(tf.math.sqrt(variance), k(g, 1e-7));
    return invert ? tf.math.add(mean, tf.math.mul(x, sd)) : tf.math.div(tf.math.sub(x, mean), sd);
  }

  private static Operand<TFloat32> floats(SavedModels.Context g, int[] shape, float... v) {
    return g.constant(io.litertj.testing.TensorData.ofFloats(java.util.Arrays.stream(shape).asLongStream().toArray(), v));
  }

  static Stream<Case> layers() {
    return Stream.of(
        of("group_norm_nhwc_two_groups", layer("GroupNormalization", "\"groups\": 2, \"axis\": -1, \"epsilon\": 1e-05,"
            + " \"center\": true, \"scale\": true"), 4, 4, 6).weights(new int[] {6}, new int[] {6})
            .tf(groupNorm(new int[] {4, 4, 6}, 3, 2, 1e-5, true, true)).uses("MEAN", "RSQRT"),
        of("group_norm_instance", layer("GroupNormalization", "\"groups\": -1, \"epsilon\": 0.001"), 5, 3)
            .weights(new int[] {3}, new int[] {3}).tf(groupNorm(new int[] {5, 3}, 2, 3, 1e-3, true, true)),
        of("group_norm_channels_axis1", layer("GroupNormalization", "\"groups\": 2, \"axis\": 1"), 4, 3, 3)
            .weights(new int[] {4}, new int[] {4}).tf(groupNorm(new int[] {4, 3, 3}, 1, 2, 1e-3, true, true)),
        of("group_norm_no_scale_no_center", layer("GroupNormalization", "\"groups\": 3, \"center\": false,"
            + " \"scale\": false"), 2, 2, 6).tf(groupNorm(new int[] {2, 2, 6}, 3, 3, 1e-3, false, false)),
        of("group_norm_rank5", layer("GroupNormalization", "\"groups\": 2"), 2, 3, 3, 4)
            .weights(new int[] {4}, new int[] {4}).tf(groupNorm(new int[] {2, 3, 3, 4}, 4, 2, 1e-3, true, true)),
        of("unit_norm_last_axis", layer("UnitNormalization", "\"axis\": -1"), 5).tf(unitNorm(1)).uses("RSQRT"),
        of("unit_norm_two_axes", layer("UnitNormalization", "\"axis\": [1, 2]"), 3, 4).tf(unitNorm(1, 2)),
        of("unit_norm_of_underflowing_squares", layer("UnitNormalization", "\"axis\": [-1]"), 5).range(-1e-30, 1e-30).tf(unitNorm(1)),
        of("layer_norm_two_axes", layer("LayerNormalization", "\"axis\": [1, 2], \"epsilon\": 0.001"), 3, 4)
            .weights(new int[] {3, 4}, new int[] {3, 4})
            .tf(layerNorm(new int[] {1, 2}, new int[] {1, 3, 4}, 1e-3, true, true, false)),
        of("layer_norm_rms_scaling", layer("LayerNormalization", "\"axis\": -1, \"epsilon\": 1e-06,"
            + " \"rms_scaling\": true, \"center\": true, \"scale\": true"), 3, 5).weights(new int[] {5})
            .tf(layerNorm(new int[] {2}, new int[] {5}, 1e-6, true, false, true)),
        of("layer_norm_center_only", layer("LayerNormalization", "\"axis\": [-1], \"scale\": false"), 3, 5)
            .weights(new int[] {5}).tf(layerNorm(new int[] {2}, new int[] {5}, 1e-3, false, true, false)),
        of("normalization_config_like_convnext", layer("Normalization", "\"axis\": [-1], \"invert\": false,"
            + " \"mean\": [0.485, 0.456, 0.406], \"variance\": [0.052441, 0.050176000000000005, 0.050625]"), 4, 4, 3)
            .range(0, 1).tf((g, x, w) -> normalize(g, x, floats(g, new int[] {3}, 0.485f, 0.456f, 0.406f),
                floats(g, new int[] {3}, 0.052441f, 0.050176f, 0.050625f), false)),
        of("normalization_config_scalar_axis_none", layer("Normalization", "\"axis\": null, \"mean\": 2.0,"
            + " \"variance\": 4.0"), 5).range(-5, 5)
            .tf((g, x, w) -> normalize(g, x, k(g, 2), k(g, 4), false)),
        of("normalization_config_right_aligned", layer("Normalization", "\"axis\": [1, 2],"
            + " \"mean\": [0.1, 0.2, 0.3, 0.4], \"variance\": 0.5"), 3, 4, 2)
            .tf((g, x, w) -> normalize(g, x, floats(g, new int[] {1, 1, 4, 1}, 0.1f, 0.2f, 0.3f, 0.4f), k(g, 0.5), false)),
        of("normalization_config_zero_variance", layer("Normalization", "\"axis\": -1, \"mean\": [0.0, 1.0, -1.0],"
            + " \"variance\": [0.0, 1.0, 4.0]"), 3)
            .tf((g, x, w) -> normalize(g, x, floats(g, new int[] {3}, 0, 1, -1), floats(g, new int[] {3}, 0, 1, 4), false)),
        of("normalization_adapted_weights", layer("Normalization", "\"axis\": [-1], \"mean\": null, \"variance\": null"),
            4, 3).positiveWeights(new int[] {3}, new int[] {3})
            .tf((g, x, w) -> normalize(g, x, w.get(0), w.get(1), false)),
        of("normalization_adapted_two_axes", layer("Normalization", "\"axis\": [1, 2]"), 3, 4, 2)
            .positiveWeights(new int[] {3, 4}, new int[] {3, 4})
            .tf((g, x, w) -> normalize(g, x, g.tf().reshape(w.get(0), g.tf().constant(new int[] {1, 3, 4, 1})),
                g.tf().reshape(w.get(1), g.tf().constant(new int[] {1, 3, 4, 1})), false)),
        of("normalization_inverted_keras2_int_axis", layer("Normalization", "\"axis\": -1, \"invert\": true"), 4, 3)
            .positiveWeights(new int[] {3}, new int[] {3})
            .tf((g, x, w) -> normalize(g, x, w.get(0), w.get(1), true)),
        of("keras2_normalization_adapted", layer("Normalization", "\"axis\": [-1]"), 4, 3)
            .positiveWeights(new int[] {3}, new int[] {3}).keras2()
            .tf((g, x, w) -> normalize(g, x, w.get(0), w.get(1), false)),
        of("keras2_layer_norm_int_axis", layer("LayerNormalization", "\"axis\": -1, \"epsilon\": 0.001"), 3, 5)
            .weights(new int[] {5}, new int[] {5}).keras2()
            .tf(layerNorm(new int[] {2}, new int[] {5}, 1e-3, true, true, false)),
        of("keras2_rescaling", layer("Rescaling", "\"scale\": 0.5, \"offset\": -1.0"), 4, 3).keras2()
            .tf((g, x, w) -> g.tf().math.add(g.tf().math.mul(x, k(g, 0.5)), k(g, -1))),
        of("rescaling_scalar_like_convnext", layer("Rescaling", "\"scale\": 0.00392156862745098, \"offset\": 0.0"),
            4, 4, 3).range(0, 255).tf((g, x, w) -> g.tf().math.mul(x, k(g, 1.0 / 255))).uses("MUL"),
        of("rescaling_per_channel_lists", layer("Rescaling", "\"scale\": [0.5, 2.0, -1.0], \"offset\": [0.1, 0.0, -0.2]"),
            4, 4, 3).tf((g, x, w) -> g.tf().math.add(g.tf().math.mul(x, floats(g, new int[] {3}, 0.5f, 2f, -1f)),
                floats(g, new int[] {3}, 0.1f, 0f, -0.2f))),
        of("rescaling_numpy_scale", layer("Rescaling", "\"scale\": {\"class_name\": \"__numpy__\", \"config\":"
            + " {\"value\": [[0.5, 2.0, 1.5]], \"dtype\": \"float32\"}}, \"offset\": -1.0"), 2, 3)
            .tf((g, x, w) -> g.tf().math.add(g.tf().math.mul(x, floats(g, new int[] {1, 3}, 0.5f, 2f, 1.5f)), k(g, -1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void layerMatchesTensorFlow(Case c) throws Exception {
    OneLayerConformance.run(c, dir);
  }

  /** A Normalization that was neither adapted nor given statistics says so, not "save again". */
  @Test
  void normalizationWithoutStatisticsSaysHowToFix() {
    Case c = of("unadapted", layer("Normalization", "\"axis\": [-1], \"mean\": null, \"variance\": null"), 3)
        .tf((g, x, w) -> x);
    ConversionException e = assertThrows(ConversionException.class, () -> OneLayerConformance.run(c, dir));
    assertTrue(e.getMessage().contains("adapt"), e.getMessage());
  }

  @Test
  void groupCountThatDoesNotDivideTheChannelsIsRefused() {
    Case c = of("bad_groups", layer("GroupNormalization", "\"groups\": 4, \"center\": false, \"scale\": false"), 2, 6)
        .tf((g, x, w) -> x);
    ConversionException e = assertThrows(ConversionException.class, () -> OneLayerConformance.run(c, dir));
    assertTrue(e.getMessage().contains("groups"), e.getMessage());
  }
}

package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.LayerConverter;
import io.litertj.keras.LayerTable;
import io.litertj.keras.reader.Weight;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * BatchNormalization (inference: MUL then ADD of per-channel constants, which the optimizer folds
 * into the producer) and LayerNormalization; the other normalizations register here too.
 */
public final class NormalizationLayers {

  private NormalizationLayers() {}

  public static void register(LayerTable t) {
    t.register((LayerConverter.Unary) NormalizationLayers::batchNorm, "BatchNormalization");
    t.register((LayerConverter.Unary) NormalizationLayers::layerNorm, "LayerNormalization");
    t.register((LayerConverter.Unary) GroupNormalizationLayer::convert, "GroupNormalization");
    t.register((LayerConverter.Unary) UnitNormalizationLayer::convert, "UnitNormalization");
    t.register((LayerConverter.Unary) PreprocessingLayers::rescaling, "Rescaling");
    t.register((LayerConverter.Unary) PreprocessingLayers::normalization, "Normalization");
  }

  private static int singleAxis(LayerContext ctx, Tensor x) {
    JsonNode a = ctx.config().get("axis");
    int axis = a == null || a.isNull() ? -1 : a.isArray() ? (a.size() == 1 ? a.get(0).asInt() : Integer.MIN_VALUE) : a.asInt();
    if (axis == Integer.MIN_VALUE) {
      throw ctx.error("normalizes over several axes " + a + ", which is not supported", null);
    }
    return checkedAxis(ctx, axis, x.shape());
  }

  /** A feature axis of {@code s} counted from 0, with a known size; fails for the batch axis. */
  static int checkedAxis(LayerContext ctx, int axis, Shape s) {
    int rank = s.rank();
    if (axis < -rank || axis >= rank || Shapes.axis(axis, rank) == 0) {
      throw ctx.error("normalizes over axis " + axis + " of its rank-" + rank + " input, which is not a feature axis",
          null);
    }
    int a = Shapes.axis(axis, rank);
    if (s.dim(a) < 0) {
      throw ctx.error("normalizes over axis " + axis + ", whose size is unknown", "give the model input a fixed shape");
    }
    return a;
  }

  /** The sorted feature axes of an {@code axis} config value (an int or a list). */
  static int[] checkedAxes(LayerContext ctx, JsonNode axis, Shape s) {
    TreeSet<Integer> set = new TreeSet<>();
    for (JsonNode a : axis.isArray() ? axis : List.of(axis)) {
      if (!a.isIntegralNumber()) {
        throw ctx.error("has axis " + axis + ", which is not a list of integers", null);
      }
      set.add(checkedAxis(ctx, a.asInt(), s));
    }
    if (set.isEmpty()) {
      throw ctx.error("has an empty axis list", null);
    }
    return set.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The shape that broadcasts a constant holding the dimensions of {@code axes} against a tensor
   * of {@code s}: those dimensions in place, 1 elsewhere, leading ones dropped.
   */
  static Shape broadcastShape(Shape s, int[] axes) {
    int[] dims = new int[s.rank() - axes[0]];
    Arrays.fill(dims, 1);
    for (int a : axes) {
      dims[a - axes[0]] = s.dim(a);
    }
    return Shape.of(dims);
  }

  private static Tensor batchNorm(LayerContext ctx, Tensor x) {
    int axis = singleAxis(ctx, x);
    int c = x.shape().dim(axis);
    boolean scale = ctx.bool("scale", true);
    boolean center = ctx.bool("center", true);
    List<Weight> w = ctx.weights(2 + (scale ? 1 : 0) + (center ? 1 : 0));
    int i = 0;
    float[] gamma = scale ? ctx.checkShape(w.get(i++), c).values() : null;
    float[] beta = center ? ctx.checkShape(w.get(i++), c).values() : null;
    float[] mean = ctx.checkShape(w.get(i++), c).values();
    float[] variance = ctx.checkShape(w.get(i), c).values();
    double eps = ctx.doubleValue("epsilon", 1e-3);
    float[] mul = new float[c];
    float[] add = new float[c];
    for (int k = 0; k < c; k++) {
      double m = (gamma == null ? 1.0 : gamma[k]) / Math.sqrt((double) variance[k] + eps);
      mul[k] = (float) m;
      add[k] = (float) ((beta == null ? 0.0 : beta[k]) - mean[k] * m);
    }
    if (axis == x.shape().rank() - 1) {
      return ChannelOps.beforeReshape(ctx, x, t -> Arith.add(ctx,
          Arith.mul(ctx, t, ctx.constant("multiplier", Shape.of(c), mul)), ctx.constant("shift", Shape.of(c), add)));
    }
    Shape cs = broadcastShape(x.shape(), new int[] {axis});
    Tensor scaled = Arith.mul(ctx, x, ctx.constant("multiplier", cs, mul));
    return Arith.add(ctx, scaled, ctx.constant("shift", cs, add));
  }

  /**
   * Keras 3's layer normalization over its axes: {@code (x - mean) / sqrt(var + eps) * gamma + beta};
   * with {@code rms_scaling}, {@code x / sqrt(var + eps) * gamma} (Keras's variance is still centered).
   */
  private static Tensor layerNorm(LayerContext ctx, Tensor x) {
    JsonNode axis = ctx.config().get("axis");
    int[] axes = checkedAxes(ctx, axis == null || axis.isNull() ? IntNode.valueOf(-1) : axis, x.shape());
    boolean rms = ctx.bool("rms_scaling", false);
    boolean scale = ctx.bool("scale", true) || rms;
    boolean center = ctx.bool("center", true) && !rms;
    List<Weight> w = ctx.weights((scale ? 1 : 0) + (center ? 1 : 0));
    int[] paramShape = Arrays.stream(axes).map(a -> x.shape().dim(a)).toArray();
    Shape bs = broadcastShape(x.shape(), axes);
    Moments m = Moments.of(ctx, x, axes);
    Tensor inv = m.inverseDeviation(ctx, ctx.doubleValue("epsilon", 1e-3));
    Tensor y = Arith.mul(ctx, rms ? x : m.centered(), inv);
    int i = 0;
    if (scale) {
      y = Arith.mul(ctx, y, ctx.constant("gamma", bs, ctx.checkShape(w.get(i++), paramShape).values()));
    }
    if (center) {
      y = Arith.add(ctx, y, ctx.constant("beta", bs, ctx.checkShape(w.get(i), paramShape).values()));
    }
    return y;
  }
}

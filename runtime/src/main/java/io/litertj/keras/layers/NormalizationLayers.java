package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.LayerConverter;
import io.litertj.keras.LayerTable;
import io.litertj.keras.reader.Weight;
import java.util.Arrays;
import java.util.List;

/**
 * BatchNormalization (inference: MUL then ADD of per-channel constants, which the optimizer folds
 * into the producer), LayerNormalization, Rescaling and Normalization.
 */
public final class NormalizationLayers {

  private NormalizationLayers() {}

  public static void register(LayerTable t) {
    t.register((LayerConverter.Unary) NormalizationLayers::batchNorm, "BatchNormalization");
    t.register((LayerConverter.Unary) NormalizationLayers::layerNorm, "LayerNormalization");
    t.register((LayerConverter.Unary) NormalizationLayers::rescaling, "Rescaling");
    t.register((LayerConverter.Unary) NormalizationLayers::normalization, "Normalization");
  }

  private static int singleAxis(LayerContext ctx, Tensor x) {
    JsonNode a = ctx.config().get("axis");
    int axis = a == null || a.isNull() ? -1 : a.isArray() ? (a.size() == 1 ? a.get(0).asInt() : Integer.MIN_VALUE) : a.asInt();
    if (axis == Integer.MIN_VALUE) {
      throw ctx.error("normalizes over several axes " + a + ", which is not supported", null);
    }
    return Shapes.axis(axis, x.shape().rank());
  }

  /** The shape that broadcasts a per-channel vector along {@code axis} of a rank-{@code rank} tensor. */
  private static Shape channelShape(int channels, int axis, int rank) {
    int[] dims = new int[rank - axis];
    Arrays.fill(dims, 1);
    dims[0] = channels;
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
      return ChannelOps.beforeReshape(ctx, x, t -> Activations.add(ctx,
          Activations.mul(ctx, t, ctx.constant("multiplier", Shape.of(c), mul)), ctx.constant("shift", Shape.of(c), add)));
    }
    Shape cs = channelShape(c, axis, x.shape().rank());
    Tensor scaled = Activations.mul(ctx, x, ctx.constant("multiplier", cs, mul));
    return Activations.add(ctx, scaled, ctx.constant("shift", cs, add));
  }

  private static Tensor layerNorm(LayerContext ctx, Tensor x) {
    int axis = singleAxis(ctx, x);
    int rank = x.shape().rank();
    if (axis != rank - 1) {
      throw ctx.error("normalizes over axis " + axis + "; only the last axis is supported", null);
    }
    int c = x.shape().dim(axis);
    boolean scale = ctx.bool("scale", true);
    boolean center = ctx.bool("center", true);
    List<Weight> w = ctx.weights((scale ? 1 : 0) + (center ? 1 : 0));
    Shape reduced = x.shape().withDim(axis, 1);
    Tensor axes = ctx.int32("axis", axis);
    Tensor mean = ctx.emit(BuiltinOp.MEAN, List.of(x, axes), reduced, new OpOptions.Reducer(true));
    Tensor centered = ctx.emit(BuiltinOp.SUB, List.of(x, mean), x.shape(), new OpOptions.Sub(Activation.NONE));
    Tensor sq = ctx.emit(BuiltinOp.MUL, List.of(centered, centered), x.shape(), new OpOptions.Mul(Activation.NONE));
    Tensor var = ctx.emit(BuiltinOp.MEAN, List.of(sq, axes), reduced, new OpOptions.Reducer(true));
    Tensor varEps = Activations.add(ctx, var, ctx.scalar("epsilon", (float) ctx.doubleValue("epsilon", 1e-3)));
    Tensor inv = Activations.unary(ctx, BuiltinOp.RSQRT, varEps);
    Tensor y = Activations.mul(ctx, centered, inv);
    int i = 0;
    if (scale) {
      y = Activations.mul(ctx, y, ctx.constant("gamma", Shape.of(c), ctx.checkShape(w.get(i++), c).values()));
    }
    if (center) {
      y = Activations.add(ctx, y, ctx.constant("beta", Shape.of(c), ctx.checkShape(w.get(i), c).values()));
    }
    return y;
  }

  private static Tensor rescaling(LayerContext ctx, Tensor x) {
    Tensor y = Activations.mul(ctx, x, ctx.scalar("scale", (float) ctx.doubleValue("scale", 1)));
    double offset = ctx.doubleValue("offset", 0);
    return offset == 0 ? y : Activations.add(ctx, y, ctx.scalar("offset", (float) offset));
  }

  private static Tensor normalization(LayerContext ctx, Tensor x) {
    if (ctx.bool("invert", false)) {
      throw ctx.error("is inverted, which is not supported", null);
    }
    List<Weight> w = ctx.weights(2);
    float[] mean = w.get(0).values();
    float[] variance = w.get(1).values();
    float[] mul = new float[mean.length];
    float[] add = new float[mean.length];
    for (int k = 0; k < mean.length; k++) {
      double sd = Math.max(Math.sqrt(variance[k]), 1e-7); // Keras clamps the deviation at epsilon
      mul[k] = (float) (1 / sd);
      add[k] = (float) (-mean[k] / sd);
    }
    Shape s = Shape.of(w.get(0).shape());
    return Activations.add(ctx, Activations.mul(ctx, x, ctx.constant("multiplier", s, mul)), ctx.constant("shift", s, add));
  }
}

package io.litertj.keras.layers;

import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import io.litertj.keras.reader.Weight;
import java.util.List;

/**
 * GroupNormalization: the channels split into {@code groups}, each normalized over its channels
 * and all other non-batch positions, then scaled and shifted per channel. The input is viewed as
 * {@code [batch, P, groups, K]} (P the positions before the channel axis, K a group's channels
 * times the positions after it), so the statistics are one MEAN over axes 1 and 3, whatever the
 * rank. {@code groups = -1} is instance normalization.
 */
final class GroupNormalizationLayer {

  private GroupNormalizationLayer() {}

  static Tensor convert(LayerContext ctx, Tensor x) {
    Shape s = x.shape();
    if (ctx.config().path("axis").isArray()) {
      throw ctx.error("has a list as axis, which GroupNormalization does not take", null);
    }
    int axis = NormalizationLayers.checkedAxis(ctx, ctx.intValue("axis", -1), s);
    int c = s.dim(axis);
    int groups = ctx.intValue("groups", 32);
    groups = groups == -1 ? c : groups;
    if (groups <= 0 || c % groups != 0) {
      throw ctx.error("splits " + c + " channels into " + groups + " groups, which Keras does not allow",
          "the config is damaged: save the model again");
    }
    int before = 1;
    int after = 1;
    for (int d = 1; d < s.rank(); d++) {
      if (d != axis && s.dim(d) < 0) {
        throw ctx.error("needs a known input shape apart from the batch, got " + s,
            "give the model input a fixed shape apart from the batch");
      }
      if (d < axis) {
        before = Shapes.product(ctx, before, s.dim(d));
      } else if (d > axis) {
        after = Shapes.product(ctx, after, s.dim(d));
      }
    }
    boolean scale = ctx.bool("scale", true);
    boolean center = ctx.bool("center", true);
    List<Weight> w = ctx.weights((scale ? 1 : 0) + (center ? 1 : 0));
    Tensor grouped = Shapes.reshape(ctx, x,
        Shape.of(s.dim(0), before, groups, Shapes.product(ctx, c / groups, after)));
    Moments m = Moments.of(ctx, grouped, 1, 3);
    Tensor normalized = Arith.mul(ctx, m.centered(), m.inverseDeviation(ctx, ctx.doubleValue("epsilon", 1e-3)));
    Tensor y = Shapes.reshape(ctx, normalized, s);
    Shape channels = NormalizationLayers.broadcastShape(s, new int[] {axis});
    int i = 0;
    if (scale) {
      y = Arith.mul(ctx, y, ctx.constant("gamma", channels, ctx.checkShape(w.get(i++), c).values()));
    }
    if (center) {
      y = Arith.add(ctx, y, ctx.constant("beta", channels, ctx.checkShape(w.get(i), c).values()));
    }
    return y;
  }
}

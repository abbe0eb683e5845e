package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.List;

/**
 * UnitNormalization: {@code x * min(rsqrt(sum(x^2)), 1e12)} over its axes, Keras's L2 normalize
 * with epsilon 1e-12, written as {@code x * rsqrt(max(sum(x^2), 1e-24))} so nothing is infinite.
 */
final class UnitNormalizationLayer {

  /** Keras's 1/epsilon cap on the inverse norm, squared and inverted: rsqrt(1e-24) = 1e12. */
  private static final float MIN_SQUARE_SUM = 1e-24f;

  private UnitNormalizationLayer() {}

  static Tensor convert(LayerContext ctx, Tensor x) {
    JsonNode axis = ctx.config().get("axis");
    int[] axes = NormalizationLayers.checkedAxes(ctx, axis == null || axis.isNull() ? IntNode.valueOf(-1) : axis,
        x.shape());
    Shape reduced = x.shape();
    for (int a : axes) {
      reduced = reduced.withDim(a, 1);
    }
    Tensor squares = Arith.unary(ctx, BuiltinOp.SQUARE, x);
    Tensor sum = ctx.emit(BuiltinOp.SUM, List.of(squares, ctx.int32("axes", axes)), reduced,
        new OpOptions.Reducer(true));
    Tensor floor = Arith.binary(ctx, BuiltinOp.MAXIMUM, sum, ctx.scalar("min_square_sum", MIN_SQUARE_SUM));
    return Arith.mul(ctx, x, Arith.unary(ctx, BuiltinOp.RSQRT, floor));
  }
}

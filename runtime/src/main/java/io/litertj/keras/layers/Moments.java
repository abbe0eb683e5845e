package io.litertj.keras.layers;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.List;

/**
 * Mean and (biased) variance over some axes, kept as size-1 dimensions, as {@code tf.nn.moments}
 * computes them: {@code mean(x)}, then {@code mean((x - mean)^2)}. The centered input is kept for
 * the normalization that follows.
 */
record Moments(Tensor mean, Tensor centered, Tensor variance) {

  static Moments of(LayerContext ctx, Tensor x, int... axes) {
    Shape reduced = x.shape();
    for (int a : axes) {
      reduced = reduced.withDim(a, 1);
    }
    Tensor axesTensor = ctx.int32("axes", axes);
    Tensor mean = ctx.emit(BuiltinOp.MEAN, List.of(x, axesTensor), reduced, new OpOptions.Reducer(true));
    Tensor centered = Arith.sub(ctx, x, mean);
    Tensor squares = Arith.mul(ctx, centered, centered);
    Tensor variance = ctx.emit(BuiltinOp.MEAN, List.of(squares, axesTensor), reduced, new OpOptions.Reducer(true));
    return new Moments(mean, centered, variance);
  }

  /** {@code 1 / sqrt(variance + epsilon)}. */
  Tensor inverseDeviation(LayerContext ctx, double epsilon) {
    return Arith.unary(ctx, BuiltinOp.RSQRT, Arith.add(ctx, variance, "epsilon", epsilon));
  }
}

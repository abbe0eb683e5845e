package io.litertj.keras.layers;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.function.UnaryOperator;

/**
 * Per-channel ops (BatchNormalization's MUL/ADD, activations) applied before a RESHAPE that keeps
 * the channel axis, such as the one ending a Conv1D: there the optimizer can fold them into the
 * convolution, as the official converter does. The old RESHAPE is left to pruning.
 */
final class ChannelOps {

  private static final java.util.Set<BuiltinOp> FOLDABLE = java.util.EnumSet.of(BuiltinOp.CONV_2D,
      BuiltinOp.DEPTHWISE_CONV_2D, BuiltinOp.FULLY_CONNECTED, BuiltinOp.ADD, BuiltinOp.MUL);

  private ChannelOps() {}

  /** {@code op(x)}, computed before {@code x}'s producing RESHAPE when that keeps the last axis. */
  static Tensor beforeReshape(LayerContext ctx, Tensor x, UnaryOperator<Tensor> op) {
    Operator producer = ctx.producer(x);
    if (producer != null && producer.op() == BuiltinOp.RESHAPE) {
      Tensor in = producer.input(0);
      Operator conv = ctx.producer(in);
      // An affine op, or the MUL/ADD of a BatchNormalization already moved before the RESHAPE.
      boolean fromAffine = conv != null && FOLDABLE.contains(conv.op());
      if (fromAffine && in.shape().rank() > 0 && in.shape().dim(-1) == x.shape().dim(-1) && x.shape().dim(-1) > 0) {
        Tensor y = op.apply(in);
        return y == in ? x : Shapes.reshape(ctx, y, x.shape());
      }
    }
    return op.apply(x);
  }
}

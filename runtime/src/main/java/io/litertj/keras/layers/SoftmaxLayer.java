package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.Optional;

/**
 * The Softmax layer over its {@code axis} (an int or a list), with the call's optional {@code mask}
 * as Keras 3.15 applies it: masked positions (false, or at most 0.5) enter the softmax as -1e9 and
 * come out as 0, so a fully masked row is all zeros.
 */
final class SoftmaxLayer {

  private static final float MASKED = -1e9f;

  private SoftmaxLayer() {}

  static Tensor convert(LayerContext ctx, Tensor x) {
    JsonNode axis = ctx.config().has("axis") ? ctx.config().get("axis") : IntNode.valueOf(-1);
    int[] axes = AxisSoftmax.axes(ctx, axis, x.shape().rank(), "softmax");
    Optional<Tensor> mask = ctx.call().tensor("mask");
    if (mask.isEmpty()) {
      if (ctx.call().hasKeyword("mask")) {
        throw ctx.error("is called with a mask that is not a tensor of this model: " + ctx.call().keyword("mask"),
            "call the layer with a mask tensor, or without one");
      }
      return AxisSoftmax.apply(ctx, x, axes, false);
    }
    Tensor keep = keep(ctx, mask.get(), x);
    Tensor masked = Arith.select(ctx, keep, x, ctx.scalar("masked", MASKED));
    Tensor y = AxisSoftmax.apply(ctx, masked, axes, false);
    return Arith.select(ctx, keep, y, ctx.scalar("zero", 0f));
  }

  /** The mask as BOOL: kept where true, or where a number exceeds 0.5. */
  private static Tensor keep(LayerContext ctx, Tensor mask, Tensor x) {
    Shape m = mask.shape();
    boolean broadcasts = m.rank() <= x.shape().rank();
    for (int i = 1; broadcasts && i <= m.rank(); i++) {
      int md = m.dim(m.rank() - i);
      int xd = x.shape().dim(x.shape().rank() - i);
      broadcasts = md == 1 || md == xd || md < 0 || xd < 0;
    }
    if (!broadcasts) {
      throw ctx.error("is called with a mask of shape " + m + ", which does not broadcast to its input " + x.shape(),
          null);
    }
    return switch (mask.type()) {
      case BOOL -> mask;
      case FLOAT32 -> Arith.compare(ctx, BuiltinOp.GREATER, mask, ctx.scalar("half", 0.5f));
      // For integers, > 0.5 is > 0.
      case INT32 -> Arith.compare(ctx, BuiltinOp.GREATER, mask, ctx.int32("zero", 0));
      default -> throw ctx.error("is called with a " + mask.type() + " mask, which is not supported",
          "pass a boolean, int32 or float32 mask");
    };
  }
}

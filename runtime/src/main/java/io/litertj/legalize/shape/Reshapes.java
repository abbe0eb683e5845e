package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.NodeContext;
import java.util.List;

/** RESHAPE with a constant target, the form the official converter gives shape-only ops. */
public final class Reshapes {

  private Reshapes() {}

  /** Whether a constant RESHAPE can express {@code target}: at most one dynamic dimension (-1). */
  public static boolean expressible(Shape target) {
    return Dims.dynamicCount(target) <= 1;
  }

  /**
   * Emits {@code RESHAPE(input, target)} with the target as a constant shape input and as the
   * options' {@code new_shape}; the dynamic dimension, if any, is written as -1.
   */
  public static Tensor reshape(NodeContext ctx, Tensor input, Shape target) {
    return reshape(ctx, input, target, "shape");
  }

  /** As {@link #reshape(NodeContext, Tensor, Shape)}, naming the shape constant {@code suffix}. */
  public static Tensor reshape(NodeContext ctx, Tensor input, Shape target, String suffix) {
    if (!expressible(target)) {
      throw new IllegalArgumentException("more than one dynamic dimension in " + target);
    }
    int[] dims = target.dims();
    Tensor shape = IndexTensors.int32Vector(ctx, suffix, dims);
    return ctx.emit(BuiltinOp.RESHAPE, List.of(input, shape), input.type(), target, new OpOptions.Reshape(dims));
  }
}

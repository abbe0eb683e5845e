package io.litertj.keras.layers;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.List;

/** Shape helpers shared by the layer families. */
final class Shapes {

  private Shapes() {}

  /** RESHAPE to {@code target}, which may have one dynamic (-1) dimension, the batch. */
  static Tensor reshape(LayerContext ctx, Tensor x, Shape target) {
    int[] dims = target.dims();
    int dynamic = 0;
    for (int d : dims) {
      dynamic += d < 0 ? 1 : 0;
    }
    if (dynamic > 1) {
      throw ctx.error("needs a reshape of " + x.shape() + " to " + target + ", with more than one unknown dimension",
          "give the model input a fixed shape apart from the batch");
    }
    return ctx.emit(BuiltinOp.RESHAPE, List.of(x, ctx.int32("shape", dims)), x.type(), target,
        new OpOptions.Reshape(dims));
  }

  /** EXPAND_DIMS: a size-1 axis at position {@code at} of the result. */
  static Tensor expandDims(LayerContext ctx, Tensor x, int at) {
    int[] in = x.shape().dims();
    int[] dims = new int[in.length + 1];
    for (int i = 0, j = 0; i < dims.length; i++) {
      dims[i] = i == at ? 1 : in[j++];
    }
    return ctx.emit(BuiltinOp.EXPAND_DIMS, List.of(x, ctx.int32("axis", at)), x.type(), Shape.of(dims),
        new OpOptions.ExpandDims());
  }

  /** The shape with the batch dimension first, then {@code rest}. */
  static Shape withBatch(Shape like, int... rest) {
    int[] dims = new int[rest.length + 1];
    dims[0] = like.dim(0);
    System.arraycopy(rest, 0, dims, 1, rest.length);
    return Shape.of(dims);
  }

  /** The number of elements per batch entry; fails for unknown non-batch dimensions. */
  static int featureSize(LayerContext ctx, Shape s) {
    int n = 1;
    for (int i = 1; i < s.rank(); i++) {
      if (s.dim(i) < 0) {
        throw ctx.error("needs a known shape apart from the batch, got " + s,
            "give the model input a fixed shape apart from the batch");
      }
      n = product(ctx, n, s.dim(i));
    }
    return n;
  }

  /** {@code a * b} for sizes; a product beyond int, which only a damaged config gives, fails by name. */
  static int product(LayerContext ctx, int a, int b) {
    long p = (long) a * b;
    if (p > Integer.MAX_VALUE) {
      throw ctx.error("has a tensor of more than " + Integer.MAX_VALUE + " elements", "check the model's input shape");
    }
    return (int) p;
  }

  /** A negative axis counted from the end. */
  static int axis(int axis, int rank) {
    return axis < 0 ? axis + rank : axis;
  }

  /** Output length of a conv or pool window along one axis. */
  static int windowOut(int in, int window, int stride, int dilation, boolean same) {
    if (in < 0) {
      return -1;
    }
    if (same) {
      return (in + stride - 1) / stride;
    }
    int effective = (window - 1) * dilation + 1;
    return Math.max(0, (in - effective) / stride + 1);
  }
}

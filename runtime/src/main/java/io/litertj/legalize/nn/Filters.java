package io.litertj.legalize.nn;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.ir.TransposedData;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.shape.IndexTensors;
import java.util.List;

/** Filter layouts: TF's HWIO and friends into LiteRT's OHWI, lazily for constant weights. */
final class Filters {

  private Filters() {}

  /** {@code filter} with its axes permuted: a lazy view when constant, a TRANSPOSE otherwise. */
  static Tensor permute(NodeContext ctx, Tensor filter, int[] perm, String suffix) {
    int[] in = filter.shape().dims();
    int[] out = new int[perm.length];
    for (int k = 0; k < perm.length; k++) {
      out[k] = in[perm[k]];
    }
    if (filter.isConstant()) {
      ConstantData data = TransposedData.of(filter.data(), in, perm, filter.type().byteSize());
      return ctx.constant(suffix, filter.type(), Shape.of(out), data);
    }
    return ctx.emit(BuiltinOp.TRANSPOSE, List.of(filter, IndexTensors.int32Vector(ctx, suffix + "_perm", perm)),
        filter.type(), Shape.of(out), new OpOptions.Transpose());
  }

  /** A zero FLOAT32 bias of {@code channels} entries: CONV_2D and DEPTHWISE_CONV_2D always get one. */
  static Tensor zeroBias(NodeContext ctx, int channels) {
    return ctx.constant("bias", DataType.FLOAT32, Shape.of(channels), ConstantData.of(new byte[channels * 4]));
  }

  static void requireFloat(NodeContext ctx, Tensor input) {
    if (input.type() != DataType.FLOAT32) {
      throw ctx.error("computes in " + input.type() + "; only float32 is supported",
          "convert the model in float32 (quantization is a separate step)");
    }
  }

  static void requireStaticFilter(NodeContext ctx, Tensor filter) {
    requireStaticFilter(ctx, filter, 4);
  }

  static void requireStaticFilter(NodeContext ctx, Tensor filter, int rank) {
    if (filter.shape().rank() != rank || !filter.shape().isStatic()) {
      throw ctx.error("needs a " + rank + "-D filter of known shape, got " + filter.shape(), null);
    }
  }
}

package io.litertj.legalize.nn;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Padding;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.Arrays;
import java.util.List;

/**
 * TF MaxPool / MaxPoolV2 → MAX_POOL_2D and AvgPool → AVERAGE_POOL_2D. With SAME padding both TF
 * and LiteRT average only over the window's cells inside the input, so the result matches.
 */
final class PoolLegalizer {

  private PoolLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ctx -> pool(ctx, BuiltinOp.MAX_POOL_2D, ctx.attrInts("ksize"), ctx.attrInts("strides")),
        "MaxPool");
    table.register(ctx -> pool(ctx, BuiltinOp.MAX_POOL_2D, ctx.constantInts(1, "ksize"),
        ctx.constantInts(2, "strides")), "MaxPoolV2");
    table.register(ctx -> pool(ctx, BuiltinOp.AVERAGE_POOL_2D, ctx.attrInts("ksize"), ctx.attrInts("strides")),
        "AvgPool");
  }

  private static List<Tensor> pool(NodeContext ctx, BuiltinOp op, long[] ksize, long[] strides) {
    Window window = Window.of(ctx, strides);
    if (window.explicit() != null) {
      throw ctx.error("uses EXPLICIT padding", "LiteRT pools take SAME or VALID padding; pad the input first");
    }
    if (ksize.length != 4 || ksize[0] != 1 || ksize[3] != 1) {
      throw ctx.error("has ksize " + Arrays.toString(ksize), "pool only over height and width");
    }
    Tensor input = ctx.input(0);
    Filters.requireFloat(ctx, input);
    int kh = (int) ksize[1];
    int kw = (int) ksize[2];
    Padding padding = window.padding();
    OpOptions.Pool2D options = new OpOptions.Pool2D(padding, window.strideW(), window.strideH(), kw, kh,
        Activation.NONE);
    return List.of(ctx.emit(op, List.of(input), input.type(),
        window.outputShape(input.shape(), kh, kw, input.shape().dim(3)), options));
  }
}

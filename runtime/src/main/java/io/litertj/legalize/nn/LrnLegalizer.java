package io.litertj.legalize.nn;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/** TF LRN (local response normalization over channels, NHWC float) → LOCAL_RESPONSE_NORMALIZATION. */
final class LrnLegalizer {

  private LrnLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(LrnLegalizer::lrn, "LRN");
  }

  private static List<Tensor> lrn(NodeContext ctx) {
    Tensor x = ctx.input(0);
    if (x.shape().rank() != 4 || x.type() != DataType.FLOAT32) {
      throw ctx.error("needs a 4-D FLOAT32 input, got " + x.type() + x.shape(), null);
    }
    long radius = ctx.attrInt("depth_radius", 5);
    if (radius < 0 || radius > Integer.MAX_VALUE) {
      throw ctx.error("has depth_radius " + radius, null);
    }
    OpOptions.LocalResponseNormalization options = new OpOptions.LocalResponseNormalization((int) radius,
        ctx.attrFloat("bias", 1f), ctx.attrFloat("alpha", 1f), ctx.attrFloat("beta", 0.5f));
    return List.of(ctx.emit(BuiltinOp.LOCAL_RESPONSE_NORMALIZATION, List.of(x), x.type(), x.shape(), options));
  }
}

package io.litertj.legalize.math;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/**
 * Cast → CAST, or nothing when the types already agree. The Truncate attribute only matters for
 * float-to-narrower-float casts, where LiteRT rounds as TF does by default, so it is ignored.
 */
final class CastLegalizer {

  private CastLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(CastLegalizer::cast, "Cast");
  }

  private static List<Tensor> cast(NodeContext ctx) {
    Tensor x = ctx.input(0);
    DataType to = ctx.attrType("DstT");
    if (x.type() == to) {
      return List.of(x);
    }
    return List.of(ctx.emit(BuiltinOp.CAST, List.of(x), to, x.shape(), new OpOptions.Cast(x.type(), to)));
  }
}

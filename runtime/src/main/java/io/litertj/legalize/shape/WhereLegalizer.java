package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/**
 * TF Where with one input → WHERE: the INT64 coordinates of the true (nonzero) elements, one row
 * each, so the output's first dimension is known only at run time.
 */
final class WhereLegalizer {

  private WhereLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(WhereLegalizer::where, "Where");
  }

  private static List<Tensor> where(NodeContext ctx) {
    Tensor x = ctx.input(0);
    Shape out = Shape.of(Shape.DYNAMIC, x.shape().rank());
    return List.of(ctx.emit(BuiltinOp.WHERE, List.of(x), DataType.INT64, out, null));
  }
}

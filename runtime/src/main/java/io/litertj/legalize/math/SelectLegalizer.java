package io.litertj.legalize.math;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/**
 * Select (whose condition may also be a vector over the first dimension) → SELECT; SelectV2
 * (broadcasting) → SELECT when all three shapes are the same and static, as the official converter
 * does, else SELECT_V2.
 */
final class SelectLegalizer {

  private SelectLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(SelectLegalizer::select, "Select");
    table.register(SelectLegalizer::selectV2, "SelectV2");
  }

  private static List<Tensor> select(NodeContext ctx) {
    Tensor cond = ctx.input(0);
    Tensor x = ctx.input(1);
    Tensor y = ctx.input(2);
    Shape out = Broadcast.pair(x.shape(), y.shape());
    if (out == null || x.shape().rank() != y.shape().rank()) {
      throw ctx.error("has branches of different shapes " + x.shape() + " and " + y.shape(), null);
    }
    boolean rowwise = cond.shape().rank() == 1 && out.rank() > 1;
    if (!rowwise && cond.shape().rank() != out.rank()) {
      throw ctx.error("has a condition of shape " + cond.shape() + " for branches of shape " + out,
          "give the condition the branches' shape, or one entry per row");
    }
    return List.of(Kernels.emit(ctx, BuiltinOp.SELECT, List.of(cond, x, y), x.type(), x.type(), out, null));
  }

  private static List<Tensor> selectV2(NodeContext ctx) {
    Tensor cond = ctx.input(0);
    Tensor x = ctx.input(1);
    Tensor y = ctx.input(2);
    Shape out = Broadcast.of(ctx, cond.shape(), x.shape(), y.shape());
    boolean same = cond.shape().isStatic() && cond.shape().equals(x.shape()) && x.shape().equals(y.shape());
    BuiltinOp op = same ? BuiltinOp.SELECT : BuiltinOp.SELECT_V2;
    return List.of(Kernels.emit(ctx, op, List.of(cond, x, y), x.type(), x.type(), out, null));
  }
}

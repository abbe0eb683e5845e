package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/**
 * TF Unique → UNIQUE: the distinct values of a 1-D tensor in order of first appearance (their
 * count is known only at run time) and, per element, the index of its value.
 */
final class UniqueLegalizer {

  private UniqueLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(UniqueLegalizer::unique, "Unique");
  }

  private static List<Tensor> unique(NodeContext ctx) {
    Tensor x = ctx.input(0);
    if (x.shape().rank() != 1) {
      throw ctx.error("needs a 1-D input, got " + x.shape(), null);
    }
    DataType idx = ctx.hasAttr("out_idx") ? ctx.attrType("out_idx") : DataType.INT32;
    if (idx != DataType.INT32 && idx != DataType.INT64) {
      throw ctx.error("has out_idx " + idx, "use int32 or int64");
    }
    return ctx.emit(BuiltinOp.UNIQUE, List.of(x), List.of(x.type(), idx), List.of(Shape.of(Shape.DYNAMIC), x.shape()),
        new OpOptions.Unique(idx));
  }
}

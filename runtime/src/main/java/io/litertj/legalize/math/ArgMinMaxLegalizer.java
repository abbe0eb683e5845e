package io.litertj.legalize.math;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/** ArgMax and ArgMin over one constant axis, with TF's output_type (INT64 unless set). */
final class ArgMinMaxLegalizer {

  private ArgMinMaxLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ctx -> argMinMax(ctx, BuiltinOp.ARG_MAX), "ArgMax");
    table.register(ctx -> argMinMax(ctx, BuiltinOp.ARG_MIN), "ArgMin");
  }

  private static List<Tensor> argMinMax(NodeContext ctx, BuiltinOp op) {
    Tensor x = ctx.input(0);
    long[] values = ctx.constantInts(1, "axis");
    if (values.length != 1) {
      throw ctx.error("needs a single axis, got " + values.length, null);
    }
    int axis = ReduceLegalizer.axes(ctx, values, x.shape().rank())[0];
    DataType outType = ctx.hasAttr("output_type") ? ctx.attrType("output_type") : DataType.INT64;
    if (outType != DataType.INT32 && outType != DataType.INT64) {
      throw ctx.error("has output_type " + outType + "; LiteRT returns INT32 or INT64 indices", null);
    }
    OpOptions options = op == BuiltinOp.ARG_MAX ? new OpOptions.ArgMax(outType) : new OpOptions.ArgMin(outType);
    return List.of(Kernels.emit(ctx, op, List.of(x, ctx.constInt32("axis", axis)), x.type(), outType,
        ReduceLegalizer.reducedShape(x.shape(), new int[] {axis}, false), options));
  }
}

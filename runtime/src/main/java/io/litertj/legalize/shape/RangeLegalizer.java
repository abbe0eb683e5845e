package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/** TF Range → RANGE (start, limit, delta of one type: INT32, INT64 or FLOAT32). */
final class RangeLegalizer {

  private RangeLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(RangeLegalizer::range, "Range");
  }

  private static List<Tensor> range(NodeContext ctx) {
    Tensor start = ctx.input(0);
    Tensor limit = ctx.input(1);
    Tensor delta = ctx.input(2);
    int length = Shape.DYNAMIC;
    if (start.isConstant() && limit.isConstant() && delta.isConstant()) {
      length = length(ctx, value(start), value(limit), value(delta), start.type().isInteger());
    }
    return List.of(ctx.emit(BuiltinOp.RANGE, List.of(start, limit, delta), start.type(), Shape.of(length), null));
  }

  private static double value(Tensor t) {
    return t.type().isInteger() ? t.constantLongs()[0] : t.constantFloats()[0];
  }

  /** TF's element count: ceil(|limit - start| / |delta|), computed exactly for integers. */
  private static int length(NodeContext ctx, double start, double limit, double delta, boolean integer) {
    if (delta == 0) {
      throw ctx.error("has a zero delta", null);
    }
    if ((delta > 0 && limit < start) || (delta < 0 && limit > start)) {
      return 0;
    }
    if (integer) {
      long span = Math.abs((long) limit - (long) start);
      long step = Math.abs((long) delta);
      return IndexTensors.toInt(ctx, (span + step - 1) / step, "length");
    }
    return IndexTensors.toInt(ctx, (long) Math.ceil(Math.abs((limit - start) / delta)), "length");
  }
}

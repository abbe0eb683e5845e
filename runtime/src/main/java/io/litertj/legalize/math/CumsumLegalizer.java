package io.litertj.legalize.math;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.shape.Axes;
import io.litertj.legalize.shape.IndexTensors;
import java.util.List;

/** TF Cumsum → CUMSUM with its exclusive and reverse flags and a constant INT32 axis. */
final class CumsumLegalizer {

  private CumsumLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(CumsumLegalizer::cumsum, "Cumsum");
  }

  private static List<Tensor> cumsum(NodeContext ctx) {
    Tensor x = ctx.input(0);
    int rank = x.shape().rank();
    if (rank == 0) {
      throw ctx.error("needs an input of rank 1 or more, got a scalar", null);
    }
    int axis = Axes.normalize(ctx, Axes.constantAxis(ctx, 1, "axis"), rank, "axis");
    OpOptions.Cumsum options = new OpOptions.Cumsum(ctx.attrBool("exclusive", false), ctx.attrBool("reverse", false));
    return List.of(Kernels.emit(ctx, BuiltinOp.CUMSUM, List.of(x, IndexTensors.int32Scalar(ctx, "axis", axis)),
        x.type(), x.type(), x.shape(), options));
  }
}

package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/** TF Slice → SLICE; a size of -1 takes the rest of the dimension. */
final class SliceLegalizer {

  private SliceLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(SliceLegalizer::slice, "Slice");
  }

  private static List<Tensor> slice(NodeContext ctx) {
    Tensor input = ctx.input(0);
    int rank = input.shape().rank();
    long[][] begin = ctx.probeValues(1);
    long[][] size = ctx.probeValues(2);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      out[i] = Shape.DYNAMIC;
      if (size == null || size[0][i] != size[1][i]) {
        continue;
      }
      long s = size[0][i];
      if (s >= 0) {
        out[i] = IndexTensors.toInt(ctx, s, "size");
      } else if (s == -1 && begin != null && begin[0][i] == begin[1][i] && input.shape().dim(i) >= 0) {
        out[i] = IndexTensors.toInt(ctx, input.shape().dim(i) - begin[0][i], "size");
      }
    }
    if (size != null && size[0].length != rank) {
      throw ctx.error("has " + size[0].length + " sizes for an input of rank " + rank, null);
    }
    Tensor b = ctx.input(1).isConstant() ? IndexTensors.asInt32(ctx, 1, "begin") : ctx.input(1);
    Tensor s = ctx.input(2).isConstant() ? IndexTensors.asInt32(ctx, 2, "size") : ctx.input(2);
    return List.of(ctx.emit(BuiltinOp.SLICE, List.of(input, b, s), input.type(), Shape.of(out), new OpOptions.Slice()));
  }
}

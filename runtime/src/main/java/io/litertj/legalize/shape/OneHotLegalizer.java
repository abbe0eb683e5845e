package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/** TF OneHot → ONE_HOT: a constant depth inserted at {@code axis} (-1: last). */
final class OneHotLegalizer {

  private OneHotLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(OneHotLegalizer::oneHot, "OneHot");
  }

  private static List<Tensor> oneHot(NodeContext ctx) {
    Tensor indices = ctx.input(0);
    Tensor on = ctx.input(2);
    Tensor off = ctx.input(3);
    int depth = IndexTensors.toInt(ctx, Axes.constantAxis(ctx, 1, "depth"), "depth");
    if (depth < 0) {
      throw ctx.error("has depth " + depth, "the depth must not be negative");
    }
    int rank = indices.shape().rank();
    long axis = ctx.attrInt("axis", -1);
    if (axis < -1 || axis > rank) {
      throw ctx.error("has axis " + axis + " for indices of rank " + rank, "use an axis in [-1, " + rank + "]");
    }
    int at = axis == -1 ? rank : (int) axis;
    int[] out = new int[rank + 1];
    for (int i = 0, j = 0; i <= rank; i++) {
      out[i] = i == at ? depth : indices.shape().dim(j++);
    }
    if (on.shape().rank() != 0 || off.shape().rank() != 0) {
      throw ctx.error("needs scalar on and off values, got " + on.shape() + " and " + off.shape(), null);
    }
    Tensor depthTensor = IndexTensors.int32Scalar(ctx, "depth", depth);
    return List.of(ctx.emit(BuiltinOp.ONE_HOT, List.of(indices, depthTensor, on, off), on.type(), Shape.of(out),
        new OpOptions.OneHot(at == rank ? -1 : at)));
  }
}

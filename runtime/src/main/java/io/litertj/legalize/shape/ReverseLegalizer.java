package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;
import java.util.TreeSet;

/**
 * TF ReverseV2 → one REVERSE_V2 per reversed axis (LiteRT's kernel reverses one axis at a time in
 * its older versions, and axes commute); no axes is the identity.
 */
final class ReverseLegalizer {

  private ReverseLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ReverseLegalizer::reverse, "ReverseV2");
  }

  private static List<Tensor> reverse(NodeContext ctx) {
    Tensor x = ctx.input(0);
    int rank = x.shape().rank();
    TreeSet<Integer> axes = new TreeSet<>();
    for (long axis : ctx.constantInts(1, "axis")) {
      if (!axes.add(Axes.normalize(ctx, axis, rank, "axis"))) {
        throw ctx.error("reverses axis " + axis + " twice", "TensorFlow refuses repeated axes too; list each once");
      }
    }
    Tensor out = x;
    for (int axis : axes) {
      out = ctx.emit(BuiltinOp.REVERSE_V2, List.of(out, IndexTensors.int32Vector(ctx, "axis_" + axis, axis)),
          x.type(), x.shape(), null);
    }
    return List.of(out);
  }
}

package io.litertj.legalize.shape;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/** TF ConcatV2 (axis last) and Concat (axis first) → CONCATENATION with a non-negative axis. */
final class ConcatLegalizer {

  private ConcatLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ctx -> concat(ctx, ctx.inputCount() - 1, 0), "ConcatV2");
    table.register(ctx -> concat(ctx, 0, 1), "Concat");
  }

  private static List<Tensor> concat(NodeContext ctx, int axisIndex, int firstValue) {
    if (ctx.inputCount() < 2) {
      throw ctx.error("has " + ctx.inputCount() + " inputs; it takes the values and an axis", null);
    }
    long axisValue = Axes.constantAxis(ctx, axisIndex, "axis");
    int count = ctx.inputCount() - 1;
    List<Tensor> values = ctx.inputs().subList(firstValue, firstValue + count);
    Tensor first = values.get(0);
    int rank = first.shape().rank();
    if (rank == 0) {
      throw ctx.error("concatenates scalars", "use tf.stack for scalars");
    }
    int axis = Axes.normalize(ctx, axisValue, rank, "axis");
    if (count == 1) {
      return List.of(first);
    }
    int[] out = first.shape().dims();
    out[axis] = 0;
    for (Tensor v : values) {
      if (v.shape().rank() != rank) {
        throw ctx.error("concatenates tensors of ranks " + rank + " and " + v.shape().rank(), null);
      }
      if (v.type() != first.type()) {
        throw ctx.error("concatenates " + first.type() + " with " + v.type(), null);
      }
      for (int i = 0; i < rank; i++) {
        out[i] = i == axis ? Dims.add(out[i], v.shape().dim(i)) : Dims.merge(out[i], v.shape().dim(i));
      }
    }
    return List.of(ctx.emit(BuiltinOp.CONCATENATION, values, first.type(), Shape.of(out),
        new OpOptions.Concatenation(axis, Activation.NONE)));
  }
}

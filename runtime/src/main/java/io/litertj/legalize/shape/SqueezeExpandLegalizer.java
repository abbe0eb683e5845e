package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.ArrayList;
import java.util.List;

/**
 * TF Squeeze and ExpandDims. Like the official converter, both become a RESHAPE with a constant
 * shape when the result allows it (ExpandDims: fully static; Squeeze: at most one dynamic
 * dimension), and SQUEEZE / EXPAND_DIMS otherwise.
 */
final class SqueezeExpandLegalizer {

  private SqueezeExpandLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(SqueezeExpandLegalizer::squeeze, "Squeeze");
    table.register(SqueezeExpandLegalizer::expandDims, "ExpandDims");
  }

  private static List<Tensor> squeeze(NodeContext ctx) {
    Tensor input = ctx.input(0);
    int[] dims = input.shape().dims();
    long[] requested = ctx.hasAttr("squeeze_dims") ? ctx.attrInts("squeeze_dims") : new long[0];
    boolean[] drop = new boolean[dims.length];
    if (requested.length == 0) {
      for (int i = 0; i < dims.length; i++) {
        if (dims[i] < 0) {
          throw ctx.error("squeezes every size-1 dimension, but dimension " + i + " of " + input.shape()
              + " is dynamic", "name the dimensions to squeeze (tf.squeeze(x, axis=...))");
        }
        drop[i] = dims[i] == 1;
      }
    } else {
      for (long axis : requested) {
        int a = Axes.normalize(ctx, axis, dims.length, "squeeze dimension");
        if (dims[a] > 1 || dims[a] == 0) {
          throw ctx.error("squeezes dimension " + a + " of size " + dims[a] + " (input " + input.shape() + ")",
              "only dimensions of size 1 can be squeezed");
        }
        drop[a] = true;
      }
    }
    List<Integer> kept = new ArrayList<>();
    List<Integer> dropped = new ArrayList<>();
    for (int i = 0; i < dims.length; i++) {
      (drop[i] ? dropped : kept).add(i);
    }
    Shape out = Shape.of(kept.stream().mapToInt(i -> dims[i]).toArray());
    if (dropped.isEmpty()) {
      return List.of(input);
    }
    if (Reshapes.expressible(out)) {
      return List.of(Reshapes.reshape(ctx, input, out));
    }
    int[] squeezeDims = dropped.stream().mapToInt(Integer::intValue).toArray();
    return List.of(ctx.emit(BuiltinOp.SQUEEZE, List.of(input), input.type(), out,
        new OpOptions.Squeeze(squeezeDims)));
  }

  private static List<Tensor> expandDims(NodeContext ctx) {
    Tensor input = ctx.input(0);
    int rank = input.shape().rank();
    int axis = Axes.normalize(ctx, Axes.constantAxis(ctx, 1, "axis"), rank + 1, "axis");
    int[] in = input.shape().dims();
    int[] out = new int[rank + 1];
    for (int i = 0, j = 0; i <= rank; i++) {
      out[i] = i == axis ? 1 : in[j++];
    }
    Shape outShape = Shape.of(out);
    if (outShape.isStatic()) {
      return List.of(Reshapes.reshape(ctx, input, outShape));
    }
    Tensor axisTensor = IndexTensors.int32Scalar(ctx, "axis", axis);
    return List.of(ctx.emit(BuiltinOp.EXPAND_DIMS, List.of(input, axisTensor), input.type(), outShape,
        new OpOptions.ExpandDims()));
  }
}

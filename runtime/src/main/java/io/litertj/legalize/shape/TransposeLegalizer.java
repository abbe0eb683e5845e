package io.litertj.legalize.shape;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.Arrays;
import java.util.List;

/**
 * TF Transpose → TRANSPOSE with an INT32 permutation. A static transpose that only moves size-1
 * dimensions keeps the element order, so it becomes a RESHAPE (as the official optimizer does).
 */
final class TransposeLegalizer {

  private TransposeLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(TransposeLegalizer::transpose, "Transpose");
  }

  private static List<Tensor> transpose(NodeContext ctx) {
    Tensor input = ctx.input(0);
    int rank = input.shape().rank();
    Tensor permInput = ctx.input(1);
    if (!permInput.isConstant()) {
      Tensor perm = IndexTensors.asInt32(ctx, 1, "perm");
      return List.of(ctx.emit(BuiltinOp.TRANSPOSE, List.of(input, perm), input.type(), Dims.allDynamic(rank),
          new OpOptions.Transpose()));
    }
    long[] values = ctx.constantInts(1, "perm");
    if (values.length != rank) {
      throw ctx.error("has a permutation of length " + values.length + " for an input of rank " + rank, null);
    }
    int[] perm = new int[rank];
    boolean[] seen = new boolean[rank];
    int[] in = input.shape().dims();
    int[] out = new int[rank];
    for (int k = 0; k < rank; k++) {
      perm[k] = Axes.normalize(ctx, values[k], rank, "permutation entry");
      if (seen[perm[k]]) {
        throw ctx.error("has " + Arrays.toString(values) + ", which is not a permutation", null);
      }
      seen[perm[k]] = true;
      out[k] = in[perm[k]];
    }
    Shape outShape = Shape.of(out);
    if (isIdentity(perm)) {
      return List.of(input);
    }
    if (input.shape().isStatic() && keepsElementOrder(in, perm)) {
      return List.of(Reshapes.reshape(ctx, input, outShape));
    }
    Tensor permTensor = IndexTensors.int32Vector(ctx, "perm", perm);
    return List.of(ctx.emit(BuiltinOp.TRANSPOSE, List.of(input, permTensor), input.type(), outShape,
        new OpOptions.Transpose()));
  }

  private static boolean isIdentity(int[] perm) {
    for (int k = 0; k < perm.length; k++) {
      if (perm[k] != k) {
        return false;
      }
    }
    return true;
  }

  /** True when the axes of size > 1 stay in their order. */
  private static boolean keepsElementOrder(int[] dims, int[] perm) {
    int last = -1;
    for (int p : perm) {
      if (dims[p] != 1) {
        if (p < last) {
          return false;
        }
        last = p;
      }
    }
    return true;
  }
}

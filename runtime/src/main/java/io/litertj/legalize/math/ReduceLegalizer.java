package io.litertj.legalize.math;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.OpLegalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reductions over constant axes: Mean, Sum, Max, Min, Prod, and Any/All on booleans. The axes become a sorted, deduplicated
 * INT32 constant with negative axes resolved; keep_dims carries over.
 */
final class ReduceLegalizer {

  private ReduceLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(reduce(BuiltinOp.MEAN), "Mean");
    table.register(reduce(BuiltinOp.SUM), "Sum");
    table.register(reduce(BuiltinOp.REDUCE_MAX), "Max");
    table.register(reduce(BuiltinOp.REDUCE_MIN), "Min");
    table.register(reduce(BuiltinOp.REDUCE_PROD), "Prod");
    table.register(reduce(BuiltinOp.REDUCE_ANY), "Any");
    table.register(reduce(BuiltinOp.REDUCE_ALL), "All");
  }

  private static OpLegalizer reduce(BuiltinOp op) {
    return ctx -> {
      Tensor x = ctx.input(0);
      int[] axes = axes(ctx, ctx.constantInts(1, "reduction axes"), x.shape().rank());
      if (axes.length == 0) {
        return List.of(x); // TF reduces nothing: the input itself
      }
      boolean keepDims = ctx.attrBool("keep_dims", false);
      Shape out = reducedShape(x.shape(), axes, keepDims);
      Tensor axesTensor = ctx.constInt32("axes", axes);
      return List.of(Kernels.emit(ctx, op, List.of(x, axesTensor), x.type(), x.type(), out,
          new OpOptions.Reducer(keepDims)));
    };
  }

  /** Axes in [0, rank), sorted and without repeats. */
  static int[] axes(NodeContext ctx, long[] values, int rank) {
    TreeSet<Integer> set = new TreeSet<>();
    for (long a : values) {
      if (a < -rank || a >= rank) {
        throw ctx.error("has axis " + a + ", out of range for an input of rank " + rank,
            "use axes in [" + -rank + ", " + rank + ")");
      }
      set.add((int) (a < 0 ? a + rank : a));
    }
    return set.stream().mapToInt(Integer::intValue).toArray();
  }

  static Shape reducedShape(Shape in, int[] sortedAxes, boolean keepDims) {
    List<Integer> dims = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < in.rank(); i++) {
      boolean reduced = next < sortedAxes.length && sortedAxes[next] == i;
      if (reduced) {
        next++;
        if (keepDims) {
          dims.add(1);
        }
      } else {
        dims.add(in.dim(i));
      }
    }
    return Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
  }
}

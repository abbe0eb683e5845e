package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Softmax and log-softmax over any axes. LiteRT's kernels take the last axis, so other axes are
 * first transposed to the end and, when there are several, merged into one (a softmax over axes
 * (1, 2) is one over their flattened elements).
 */
final class AxisSoftmax {

  private AxisSoftmax() {}

  /** The axes of a Keras {@code axis} value (an int or a list), counted from 0; refuses the batch axis. */
  static int[] axes(LayerContext ctx, JsonNode axis, int rank, String what) {
    TreeSet<Integer> set = new TreeSet<>();
    if (axis == null || axis.isNull()) {
      throw ctx.error("takes " + what + " over every axis, the batch included, which is not supported",
          "give " + what + " an axis");
    }
    for (JsonNode a : axis.isArray() ? axis : List.of(axis)) {
      if (!a.isIntegralNumber() || a.asInt() < -rank || a.asInt() >= rank) {
        throw ctx.error("takes " + what + " over axis " + a + ", which its rank-" + rank + " input does not have", null);
      }
      set.add(Shapes.axis(a.asInt(), rank));
    }
    if (set.isEmpty() || set.first() == 0) {
      throw ctx.error("takes " + what + " over the batch axis, which is not supported",
          "take " + what + " over the feature axes");
    }
    return set.stream().mapToInt(Integer::intValue).toArray();
  }

  static Tensor apply(LayerContext ctx, Tensor x, int[] axes, boolean log) {
    int rank = x.shape().rank();
    if (axes.length == 1 && axes[0] == rank - 1) {
      return kernel(ctx, x, log);
    }
    int[] perm = new int[rank];
    int k = 0;
    for (int d = 0; d < rank; d++) {
      if (Arrays.binarySearch(axes, d) < 0) {
        perm[k++] = d;
      }
    }
    for (int a : axes) {
      perm[k++] = a;
    }
    boolean inPlace = isIdentity(perm);
    Tensor moved = inPlace ? x : transpose(ctx, x, perm);
    Shape movedShape = moved.shape();
    int kept = rank - axes.length;
    int[] merged = Arrays.copyOf(movedShape.dims(), kept + 1);
    merged[kept] = 1;
    for (int i = kept; i < rank; i++) {
      merged[kept] = Shapes.product(ctx, merged[kept], requireStatic(ctx, movedShape.dim(i)));
    }
    Tensor flat = axes.length == 1 ? moved : Shapes.reshape(ctx, moved, Shape.of(merged));
    Tensor y = kernel(ctx, flat, log);
    Tensor unflat = axes.length == 1 ? y : Shapes.reshape(ctx, y, movedShape);
    if (inPlace) {
      return unflat;
    }
    int[] inverse = new int[rank];
    for (int i = 0; i < rank; i++) {
      inverse[perm[i]] = i;
    }
    return transpose(ctx, unflat, inverse);
  }

  private static boolean isIdentity(int[] perm) {
    for (int i = 0; i < perm.length; i++) {
      if (perm[i] != i) {
        return false;
      }
    }
    return true;
  }

  private static int requireStatic(LayerContext ctx, int dim) {
    if (dim < 0) {
      throw ctx.error("takes a softmax over an axis of unknown size", "give the model input a fixed shape");
    }
    return dim;
  }

  private static Tensor kernel(LayerContext ctx, Tensor x, boolean log) {
    return log
        ? ctx.emit(BuiltinOp.LOG_SOFTMAX, List.of(x), x.shape(), new OpOptions.LogSoftmax())
        : ctx.emit(BuiltinOp.SOFTMAX, List.of(x), x.shape(), new OpOptions.Softmax(1f));
  }

  private static Tensor transpose(LayerContext ctx, Tensor x, int[] perm) {
    int[] out = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      out[i] = x.shape().dim(perm[i]);
    }
    return ctx.emit(BuiltinOp.TRANSPOSE, List.of(x, ctx.int32("perm", perm)), Shape.of(out), new OpOptions.Transpose());
  }
}

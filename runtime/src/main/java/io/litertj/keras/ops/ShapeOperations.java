package io.litertj.keras.ops;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Operations that rearrange one tensor's elements: reshape, transpose, expand_dims, squeeze,
 * swapaxes, moveaxis, flip, ravel, copy. Unlike the Reshape layer, {@code keras.ops.reshape}'s
 * shape includes the batch dimension.
 */
final class ShapeOperations {

  private ShapeOperations() {}

  static void register(Registry r) {
    r.add(ShapeOperations::reshape, "Reshape");
    r.add(ShapeOperations::transpose, "Transpose");
    r.add(ShapeOperations::expandDims, "ExpandDims");
    r.add(ShapeOperations::squeeze, "Squeeze");
    r.add(ShapeOperations::swapaxes, "Swapaxes");
    r.add(ShapeOperations::moveaxis, "Moveaxis");
    r.add(ShapeOperations::flip, "Flip");
    r.add(ShapeOperations::ravel, "Ravel");
    r.add(ArithmeticOperations::single, "Copy");
  }

  private static Tensor reshape(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    int[] target = n.ints("newshape");
    if (target == null) {
      throw n.error("has no newshape", null);
    }
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < target.length; i++) {
      if (target[i] == -1 && unknown < 0) {
        unknown = i;
      } else if (target[i] < 0) {
        throw n.error("has newshape " + Arrays.toString(target) + "; at most one -1 is allowed", null);
      } else {
        known *= target[i];
      }
    }
    int total = Emit.product(x.shape().dims());
    if (total >= 0 && (unknown < 0 ? known != total : known == 0 || total % known != 0)) {
      throw n.error("cannot reshape " + x.shape() + " to " + Arrays.toString(target), null);
    }
    int[] dims = target.clone();
    if (unknown >= 0) {
      dims[unknown] = total >= 0 ? (int) (total / known) : Shape.DYNAMIC;
    }
    Shape out = Shape.of(dims);
    if (x.shape().equals(out)) {
      return x;
    }
    return n.ctx().emit(BuiltinOp.RESHAPE, List.of(x, Emit.ints(n, "shape", target)), x.type(), out,
        new OpOptions.Reshape(target));
  }

  private static Tensor transpose(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    int rank = x.shape().rank();
    int[] axes = n.ints("axes");
    int[] perm = new int[rank];
    if (axes == null) {
      for (int i = 0; i < rank; i++) {
        perm[i] = rank - 1 - i;
      }
    } else {
      if (axes.length != rank) {
        throw n.error("has axes " + Arrays.toString(axes) + " for a tensor of rank " + rank, null);
      }
      boolean[] seen = new boolean[rank];
      for (int i = 0; i < rank; i++) {
        perm[i] = n.axis(axes[i], rank);
        if (seen[perm[i]]) {
          throw n.error("has axes " + Arrays.toString(axes) + ", which is not a permutation", null);
        }
        seen[perm[i]] = true;
      }
    }
    return Emit.transpose(n, x, perm);
  }

  private static Tensor expandDims(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    int[] given = n.ints("axis");
    if (given == null) {
      throw n.error("has no axis", null);
    }
    int rank = x.shape().rank() + given.length;
    int[] axes = new int[given.length];
    for (int i = 0; i < given.length; i++) {
      axes[i] = n.axis(given[i], rank);
    }
    Arrays.sort(axes);
    for (int a : axes) {
      x = expandDims(n, x, a);
    }
    return x;
  }

  /** EXPAND_DIMS at {@code axis} (counted in the result). */
  static Tensor expandDims(OpNode n, Tensor x, int axis) {
    int[] dims = x.shape().dims();
    int[] out = new int[dims.length + 1];
    for (int i = 0, k = 0; i < out.length; i++) {
      out[i] = i == axis ? 1 : dims[k++];
    }
    return n.ctx().emit(BuiltinOp.EXPAND_DIMS, List.of(x, Emit.ints(n, "axis", axis)), x.type(), Shape.of(out),
        new OpOptions.ExpandDims());
  }

  /**
   * SQUEEZE. Without axis, Keras squeezes the dimensions it knows to be 1 (a dynamic dimension is
   * kept, as in Keras's own output shape).
   */
  private static Tensor squeeze(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    int rank = x.shape().rank();
    int[] given = n.ints("axis");
    List<Integer> axes = new ArrayList<>();
    if (given == null) {
      for (int i = 0; i < rank; i++) {
        if (x.shape().dim(i) == 1) {
          axes.add(i);
        }
      }
    } else {
      for (int g : given) {
        int a = n.axis(g, rank);
        if (x.shape().dim(a) != 1) {
          throw n.error("squeezes axis " + g + " of shape " + x.shape() + ", which is not known to be 1",
              "squeeze only axes of size 1");
        }
        if (!axes.contains(a)) {
          axes.add(a);
        }
      }
    }
    if (axes.isEmpty()) {
      return x;
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      if (!axes.contains(i)) {
        out.add(x.shape().dim(i));
      }
    }
    int[] squeezed = axes.stream().sorted().mapToInt(Integer::intValue).toArray();
    return n.ctx().emit(BuiltinOp.SQUEEZE, List.of(x), x.type(),
        Shape.of(out.stream().mapToInt(Integer::intValue).toArray()), new OpOptions.Squeeze(squeezed));
  }

  private static Tensor swapaxes(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    int rank = x.shape().rank();
    int a = n.axis(n.integer("axis1", 0), rank);
    int b = n.axis(n.integer("axis2", 0), rank);
    int[] perm = new int[rank];
    for (int i = 0; i < rank; i++) {
      perm[i] = i == a ? b : i == b ? a : i;
    }
    return Emit.transpose(n, x, perm);
  }

  /** NumPy's moveaxis: the other axes keep their order, the moved ones land at their destinations. */
  private static Tensor moveaxis(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    int rank = x.shape().rank();
    int[] source = n.ints("source");
    int[] destination = n.ints("destination");
    if (source == null || destination == null || source.length != destination.length) {
      throw n.error("needs source and destination axes of one length, got " + n.config("source") + " and "
          + n.config("destination"), null);
    }
    int[][] moves = new int[source.length][];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < source.length; i++) {
      moves[i] = new int[] {n.axis(destination[i], rank), n.axis(source[i], rank)};
    }
    for (int i = 0; i < rank; i++) {
      final int axis = i;
      if (Arrays.stream(moves).noneMatch(m -> m[1] == axis)) {
        order.add(i);
      }
    }
    Arrays.sort(moves, (p, q) -> Integer.compare(p[0], q[0]));
    for (int[] m : moves) {
      order.add(m[0], m[1]);
    }
    return Emit.transpose(n, x, order.stream().mapToInt(Integer::intValue).toArray());
  }

  /** REVERSE_V2, one axis at a time (every axis for None). */
  private static Tensor flip(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    int[] axes = ReductionOperations.axes(n, x.shape().rank());
    for (int a : axes) {
      x = n.ctx().emit(BuiltinOp.REVERSE_V2, List.of(x, Emit.ints(n, "axis", a)), x.type(), x.shape(), null);
    }
    return x;
  }

  private static Tensor ravel(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    return Emit.reshape(n, x, Shape.of(Emit.product(x.shape().dims())));
  }
}

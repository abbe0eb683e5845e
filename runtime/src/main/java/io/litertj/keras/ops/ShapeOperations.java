package io.litertj.keras.ops;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.math.Broadcast;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Operations that move or copy elements without computing: concatenate, stack, reshape,
 * transpose, expand_dims, squeeze, broadcast_to, tile, repeat, swapaxes, moveaxis, flip, ravel.
 * Unlike the Reshape layer, {@code keras.ops.reshape}'s shape includes the batch dimension.
 */
final class ShapeOperations {

  private ShapeOperations() {}

  static void register(Registry r) {
    r.add(ShapeOperations::concatenate, "Concatenate");
    r.add(ShapeOperations::stack, "Stack");
    r.add(ShapeOperations::reshape, "Reshape");
    r.add(ShapeOperations::transpose, "Transpose");
    r.add(ShapeOperations::expandDims, "ExpandDims");
    r.add(ShapeOperations::squeeze, "Squeeze");
    r.add(ShapeOperations::broadcastTo, "BroadcastTo");
    r.add(ShapeOperations::tile, "Tile");
    r.add(ShapeOperations::repeat, "Repeat");
    r.add(ShapeOperations::swapaxes, "Swapaxes");
    r.add(ShapeOperations::moveaxis, "Moveaxis");
    r.add(ShapeOperations::flip, "Flip");
    r.add(ShapeOperations::ravel, "Ravel");
    r.add(ArithmeticOperations::single, "Copy");
  }

  /** The tensors of a list argument, in their promoted type. */
  private static List<Tensor> promotedList(OpNode n, String name) {
    List<Operand> xs = n.operands(name);
    KerasType[] types = xs.stream().map(Operand::type).toArray(KerasType[]::new);
    DataType type = KerasType.promote(types);
    List<Tensor> out = new ArrayList<>();
    for (Operand o : xs) {
      out.add(Emit.as(n, o, type));
    }
    return out;
  }

  private static Tensor concatenate(OpNode n) {
    n.parameters("xs");
    List<Tensor> xs = promotedList(n, "xs");
    int rank = xs.get(0).shape().rank();
    int axis = n.axis(n.integer("axis", 0), Math.max(rank, 1));
    int[] dims = xs.get(0).shape().dims();
    int total = 0;
    for (Tensor t : xs) {
      if (t.shape().rank() != rank) {
        throw n.error("concatenates tensors of ranks " + rank + " and " + t.shape().rank(), null);
      }
      for (int i = 0; i < rank; i++) {
        int d = t.shape().dim(i);
        if (i != axis && d >= 0 && dims[i] >= 0 && d != dims[i]) {
          throw n.error("concatenates shapes " + xs.get(0).shape() + " and " + t.shape() + " on axis " + axis, null);
        }
        dims[i] = i != axis && dims[i] < 0 ? d : dims[i];
      }
      int d = t.shape().dim(axis);
      total = total < 0 || d < 0 ? Shape.DYNAMIC : total + d;
    }
    if (xs.size() == 1) {
      return xs.get(0);
    }
    dims[axis] = total;
    return n.ctx().emit(BuiltinOp.CONCATENATION, xs, xs.get(0).type(), Shape.of(dims),
        new OpOptions.Concatenation(axis, Activation.NONE));
  }

  private static Tensor stack(OpNode n) {
    n.parameters("x");
    List<Tensor> xs = promotedList(n, "x");
    Shape shape = xs.get(0).shape();
    for (Tensor t : xs) {
      if (Broadcast.pair(t.shape(), shape) == null || t.shape().rank() != shape.rank()) {
        throw n.error("stacks tensors of shapes " + shape + " and " + t.shape(), null);
      }
    }
    int axis = n.axis(n.integer("axis", 0), shape.rank() + 1);
    int[] out = new int[shape.rank() + 1];
    for (int i = 0, k = 0; i < out.length; i++) {
      out[i] = i == axis ? xs.size() : shape.dim(k++);
    }
    return n.ctx().emit(BuiltinOp.PACK, xs, xs.get(0).type(), Shape.of(out), new OpOptions.Pack(xs.size(), axis));
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

  private static Tensor broadcastTo(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    int[] shape = n.ints("shape");
    if (shape == null) {
      throw n.error("has no shape", null);
    }
    Shape target = Shape.of(shape);
    Shape joint = Broadcast.pair(x.shape(), target);
    if (joint == null || joint.rank() != target.rank()) {
      throw n.error("cannot broadcast " + x.shape() + " to " + target, null);
    }
    for (int i = 0; i < target.rank(); i++) {
      int fromRight = target.rank() - 1 - i;
      int d = fromRight < x.shape().rank() ? x.shape().dim(x.shape().rank() - 1 - fromRight) : 1;
      if (d >= 0 && d != 1 && d != shape[i]) {
        throw n.error("cannot broadcast " + x.shape() + " to " + target, null);
      }
    }
    return broadcast(n, x, Emit.ints(n, "shape", shape), target);
  }

  /** BROADCAST_TO a shape tensor, declared as {@code declared}; nothing when nothing grows. */
  static Tensor broadcast(OpNode n, Tensor x, Tensor shape, Shape declared) {
    if (x.shape().equals(declared) && declared.isStatic()) {
      return x;
    }
    return Emit.op(n, BuiltinOp.BROADCAST_TO, List.of(x, shape), x.type(), x.type(), declared, null);
  }

  private static Tensor tile(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    int[] repeats = n.ints("repeats");
    if (repeats == null) {
      throw n.error("has no repeats", null);
    }
    while (x.shape().rank() < repeats.length) {
      x = expandDims(n, x, 0);
    }
    int rank = x.shape().rank();
    int[] multiples = new int[rank];
    Arrays.fill(multiples, 1);
    System.arraycopy(repeats, 0, multiples, rank - repeats.length, repeats.length);
    int[] out = x.shape().dims();
    for (int i = 0; i < rank; i++) {
      if (multiples[i] < 0) {
        throw n.error("has negative repeats " + Arrays.toString(repeats), null);
      }
      out[i] = multiples[i] == 0 ? 0 : out[i] < 0 ? Shape.DYNAMIC : Math.multiplyExact(out[i], multiples[i]);
    }
    if (Arrays.stream(multiples).allMatch(m -> m == 1)) {
      return x;
    }
    return Emit.op(n, BuiltinOp.TILE, List.of(x, Emit.ints(n, "multiples", multiples)), x.type(), x.type(),
        Shape.of(out), new OpOptions.Tile());
  }

  /**
   * {@code repeat(x, r, axis)}: each element repeated along the axis (None flattens first). One
   * count for all is a TILE of an inserted axis, merged back; counts per element are a GATHER.
   */
  private static Tensor repeat(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    int[] repeats = n.ints("repeats");
    if (repeats == null) {
      throw n.error("has no repeats", null);
    }
    int a;
    if (n.config("axis").isNull() || n.config("axis").isMissingNode()) {
      x = Emit.reshape(n, x, Shape.of(Emit.product(x.shape().dims())));
      a = 0;
    } else {
      a = n.axis(n.integer("axis", 0), x.shape().rank());
    }
    int length = x.shape().dim(a);
    for (int r : repeats) {
      if (r < 0) {
        throw n.error("has negative repeats " + Arrays.toString(repeats), null);
      }
    }
    int[] dims = x.shape().dims();
    if (repeats.length == 1) { // one count, or a list of one, applies to every element
      int r = repeats[0];
      Tensor expanded = expandDims(n, x, a + 1);
      int[] multiples = new int[dims.length + 1];
      Arrays.fill(multiples, 1);
      multiples[a + 1] = r;
      int[] tiledDims = expanded.shape().dims();
      tiledDims[a + 1] = r;
      Tensor tiled = Emit.op(n, BuiltinOp.TILE, List.of(expanded, Emit.ints(n, "multiples", multiples)),
          x.type(), x.type(), Shape.of(tiledDims), new OpOptions.Tile());
      dims[a] = dims[a] < 0 ? Shape.DYNAMIC : Math.multiplyExact(dims[a], r);
      return Emit.reshape(n, tiled, Shape.of(dims));
    }
    if (length < 0 || repeats.length != length) {
      throw n.error("repeats an axis of length " + length + " by " + repeats.length + " counts",
          "give one count, or one per element of a fixed-length axis");
    }
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      for (int k = 0; k < repeats[i]; k++) {
        indices.add(i);
      }
    }
    dims[a] = indices.size();
    return Emit.op(n, BuiltinOp.GATHER, List.of(x, Emit.ints(n, "indices",
        indices.stream().mapToInt(Integer::intValue).toArray())), x.type(), x.type(), Shape.of(dims),
        new OpOptions.Gather(a, 0));
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

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
 * Operations that join or copy tensors: concatenate and stack (operands promoted to one type,
 * literals included), broadcast_to, tile and repeat.
 */
final class JoinOperations {

  private JoinOperations() {}

  static void register(Registry r) {
    r.add(JoinOperations::concatenate, "Concatenate");
    r.add(JoinOperations::stack, "Stack");
    r.add(JoinOperations::broadcastTo, "BroadcastTo");
    r.add(JoinOperations::tile, "Tile");
    r.add(JoinOperations::repeat, "Repeat");
  }

  /** The tensors of a list argument, in their promoted type. */
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
      boolean same = t.shape().rank() == shape.rank();
      for (int i = 0; same && i < shape.rank(); i++) {
        int a = t.shape().dim(i);
        int b = shape.dim(i);
        same = a < 0 || b < 0 || a == b;
      }
      if (!same) {
        throw n.error("stacks tensors of shapes " + shape + " and " + t.shape(), "stack tensors of one shape");
      }
    }
    int axis = n.axis(n.integer("axis", 0), shape.rank() + 1);
    int[] out = new int[shape.rank() + 1];
    for (int i = 0, k = 0; i < out.length; i++) {
      out[i] = i == axis ? xs.size() : shape.dim(k++);
    }
    return n.ctx().emit(BuiltinOp.PACK, xs, xs.get(0).type(), Shape.of(out), new OpOptions.Pack(xs.size(), axis));
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
      x = ShapeOperations.expandDims(n, x, 0);
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
      Tensor expanded = ShapeOperations.expandDims(n, x, a + 1);
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
}

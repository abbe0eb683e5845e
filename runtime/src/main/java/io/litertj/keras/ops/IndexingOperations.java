package io.litertj.keras.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * {@code take} and {@code take_along_axis} as GATHER, with negative indices counted from the end
 * as Keras's TF backend does.
 */
final class IndexingOperations {

  private IndexingOperations() {}

  static void register(Registry r) {
    r.add(IndexingOperations::take, "Take");
    r.add(IndexingOperations::takeAlongAxis, "TakeAlongAxis");
  }

  /**
   * {@code take(x, indices, axis)}: GATHER (axis None flattens x). Negative indices count from
   * the end: constants are shifted here, tensors by a SELECT_V2.
   */
  private static Tensor take(OpNode n) {
    n.parameters("x", "indices");
    Operand xo = n.required("x");
    Tensor x = Emit.as(n, xo, xo.type().dataType());
    Operand io = n.required("indices");
    JsonNode axisNode = n.config("axis");
    int axis;
    if (axisNode.isNull() || axisNode.isMissingNode()) {
      x = Emit.reshape(n, x, Shape.of(Emit.product(x.shape().dims())));
      axis = 0;
    } else {
      axis = n.axis(n.integer("axis", 0), x.shape().rank());
    }
    int length = x.shape().dim(axis);
    Tensor indices = indices(n, io, length);
    int[] xd = x.shape().dims();
    int[] id = indices.shape().dims();
    int[] out = new int[xd.length - 1 + id.length];
    int k = 0;
    for (int i = 0; i < axis; i++) {
      out[k++] = xd[i];
    }
    for (int v : id) {
      out[k++] = v;
    }
    for (int i = axis + 1; i < xd.length; i++) {
      out[k++] = xd[i];
    }
    return Emit.op(n, BuiltinOp.GATHER, List.of(x, indices), x.type(), x.type(), Shape.of(out),
        new OpOptions.Gather(axis, 0));
  }

  /** Indices into an axis of {@code length}, negative ones counted from its end. */
  private static Tensor indices(OpNode n, Operand io, int length) {
    if (!io.type().isInteger()) {
      throw n.error("takes indices of type " + io.type().dataType() + "; integers are needed", null);
    }
    if (!io.isTensor()) {
      Literal l = io.literal();
      int[] values = new int[l.size()];
      for (int i = 0; i < values.length; i++) {
        long v = l.longAt(i);
        if (v < 0) {
          if (length < 0) {
            throw n.error("takes a negative index on an axis of unknown length", "use non-negative indices");
          }
          v += length;
        }
        if (v < 0 || length >= 0 && v >= length || v > Integer.MAX_VALUE) {
          throw n.error("takes index " + l.longAt(i) + " on an axis of length " + length, null);
        }
        values[i] = (int) v;
      }
      return n.ctx().constant("indices", DataType.INT32, Shape.of(l.shape()), ConstantData.ofInts(values));
    }
    Tensor t = io.tensor();
    if (length < 0) {
      throw n.error("takes tensor indices on an axis of unknown length", "give that axis a fixed size");
    }
    Tensor zero = Emit.scalar(n, t.type(), 0);
    Tensor negative = Emit.predicate(n, BuiltinOp.LESS, t, zero);
    Tensor shifted = Emit.binary(n, BuiltinOp.ADD, t, Emit.scalar(n, t.type(), length));
    return Emit.op(n, BuiltinOp.SELECT_V2, List.of(negative, shifted, t), t.type(), t.type(), t.shape(), null);
  }

  /**
   * {@code take_along_axis(x, indices, axis)}: x and indices are broadcast against each other
   * except along the axis, the axis is moved last, and one GATHER with batch dimensions picks
   * along it; axis None takes from the flattened x with 1-D indices.
   */
  private static Tensor takeAlongAxis(OpNode n) {
    n.parameters("x", "indices");
    Operand xo = n.required("x");
    Tensor x = Emit.as(n, xo, xo.type().dataType());
    Operand io = n.required("indices");
    JsonNode axisNode = n.config("axis");
    if (axisNode.isNull() || axisNode.isMissingNode()) {
      if (io.shape().rank() != 1) {
        throw n.error("takes along axis None with indices of rank " + io.shape().rank() + "; 1-D is needed", null);
      }
      x = Emit.reshape(n, x, Shape.of(Emit.product(x.shape().dims())));
    }
    int rank = x.shape().rank();
    int axis = axisNode.isNull() || axisNode.isMissingNode() ? 0 : n.axis(n.integer("axis", 0), rank);
    if (io.shape().rank() != rank) {
      throw n.error("takes along an axis with indices of rank " + io.shape().rank() + " for a tensor of rank "
          + rank, null);
    }
    Tensor indices = indices(n, io, x.shape().dim(axis));
    // Broadcast every dimension but the axis.
    int[] xd = x.shape().dims();
    int[] id = indices.shape().dims();
    int[] common = new int[rank];
    for (int i = 0; i < rank; i++) {
      if (i == axis) {
        continue;
      }
      int a = xd[i];
      int b = id[i];
      if (a >= 0 && b >= 0 && a != b && a != 1 && b != 1) {
        throw n.error("takes along an axis with shapes " + x.shape() + " and " + indices.shape()
            + " that do not broadcast", null);
      }
      common[i] = a == 1 ? b : b == 1 ? a : a < 0 ? b : a;
    }
    x = broadcastExceptAxis(n, x, common, axis);
    indices = broadcastExceptAxis(n, indices, common, axis);
    int[] perm = Emit.axisLast(axis, rank);
    Tensor xt = Emit.transpose(n, x, perm);
    Tensor it = Emit.transpose(n, indices, perm);
    int[] outDims = it.shape().dims();
    Tensor gathered = Emit.op(n, BuiltinOp.GATHER, List.of(xt, it), xt.type(), xt.type(), Shape.of(outDims),
        new OpOptions.Gather(rank - 1, rank - 1));
    return Emit.transpose(n, gathered, Emit.inverse(perm));
  }

  private static Tensor broadcastExceptAxis(OpNode n, Tensor t, int[] common, int axis) {
    int[] target = common.clone();
    target[axis] = t.shape().dim(axis);
    Shape shape = Shape.of(target);
    if (t.shape().equals(shape)) {
      return t;
    }
    if (!shape.isStatic()) {
      throw n.error("needs to broadcast " + t.shape() + " to " + shape + ", which has an unknown dimension",
          "give the indices the same shape as x apart from the axis");
    }
    return JoinOperations.broadcast(n, t, Emit.ints(n, "shape", target), shape);
  }
}

package io.litertj.keras.ops;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code keras.ops.core}: cast (tf.cast: floats truncate toward zero into integers, nonzero is
 * true), convert_to_tensor, stop_gradient (the identity at inference), unstack (one strided slice
 * per output) and slice (a static SLICE).
 */
final class CoreOperations {

  private CoreOperations() {}

  static void register(Registry r) {
    r.add(CoreOperations::cast, "Cast");
    r.add(CoreOperations::convertToTensor, "ConvertToTensor");
    r.add(CoreOperations::stopGradient, "StopGradient");
    r.addMulti(CoreOperations::unstack, "Unstack");
    r.add(CoreOperations::slice, "Slice");
  }

  private static Tensor cast(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    DataType to = n.dtype("dtype");
    if (to == null) {
      throw n.error("has no dtype", null);
    }
    return Emit.cast(n, x, to);
  }

  private static Tensor convertToTensor(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    DataType to = n.dtype("dtype");
    if (n.bool("sparse", false) || n.bool("ragged", false)) {
      throw n.error("makes a sparse or ragged tensor, which LiteRT does not have", null);
    }
    return to == null ? x : Emit.cast(n, x, to);
  }

  private static Tensor stopGradient(OpNode n) {
    n.parameters("variable");
    Operand v = n.required("variable");
    return Emit.as(n, v, v.type().dataType());
  }

  /** unstack(x, num, axis): one STRIDED_SLICE with the axis shrunk per output. */
  private static List<Tensor> unstack(OpNode n) {
    Tensor x = ArithmeticOperations.single(n);
    int rank = x.shape().rank();
    int axis = n.axis(n.integer("axis", 0), rank);
    int length = x.shape().dim(axis);
    int num = n.integer("num", length);
    if (length < 0) {
      throw n.error("unstacks axis " + axis + " of shape " + x.shape() + ", whose length is unknown",
          "unstack an axis of fixed length");
    }
    if (num != length) {
      throw n.error("unstacks an axis of length " + length + " into " + num + " tensors", null);
    }
    int[] dims = x.shape().dims();
    int[] out = new int[rank - 1];
    for (int i = 0, k = 0; i < rank; i++) {
      if (i != axis) {
        out[k++] = dims[i];
      }
    }
    int full = (1 << rank) - 1 & ~(1 << axis);
    List<Tensor> parts = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      int[] begin = new int[rank];
      int[] end = new int[rank];
      int[] strides = new int[rank];
      java.util.Arrays.fill(strides, 1);
      begin[axis] = i;
      end[axis] = i + 1;
      parts.add(n.ctx().emit(BuiltinOp.STRIDED_SLICE, List.of(x, Emit.ints(n, "begin", begin),
          Emit.ints(n, "end", end), Emit.ints(n, "strides", strides)), x.type(), Shape.of(out),
          new OpOptions.StridedSlice(full, full, 0, 0, 1 << axis, false)));
    }
    return parts;
  }

  /** slice(inputs, start_indices, shape): SLICE with constant starts; -1 in shape takes the rest. */
  private static Tensor slice(OpNode n) {
    n.parameters("inputs", "start_indices");
    Operand xo = n.required("inputs");
    Tensor x = Emit.as(n, xo, xo.type().dataType());
    Operand so = n.required("start_indices");
    int[] size = n.ints("shape");
    int rank = x.shape().rank();
    if (so.isTensor()) {
      throw n.error("slices from start indices computed at run time", "slice from constant start indices");
    }
    if (size == null || size.length != rank || so.literal().size() != rank) {
      throw n.error("slices a tensor of rank " + rank + " with starts " + so.shape() + " and shape "
          + n.config("shape"), null);
    }
    int[] begin = new int[rank];
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      begin[i] = (int) so.literal().longAt(i);
      int d = x.shape().dim(i);
      if (begin[i] < 0 || d >= 0 && begin[i] > d) {
        throw n.error("slices from " + begin[i] + " on an axis of length " + d, null);
      }
      out[i] = size[i] >= 0 ? size[i] : d < 0 ? Shape.DYNAMIC : d - begin[i];
    }
    return n.ctx().emit(BuiltinOp.SLICE, List.of(x, Emit.ints(n, "begin", begin), Emit.ints(n, "size", size)),
        x.type(), Shape.of(out), new OpOptions.Slice());
  }
}

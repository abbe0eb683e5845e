package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.TransposedData;
import java.util.List;

/**
 * Ops that only relabel or reorder data: RESHAPE, SQUEEZE and EXPAND_DIMS return the input's data
 * itself; TRANSPOSE returns a lazy {@link TransposedData} view. None reads the data, so they fold
 * constants of any size (weights included) and any fixed-size type.
 */
final class LayoutKernels {

  private LayoutKernels() {}

  static void register(KernelTable table) {
    table.put(BuiltinOp.RESHAPE, call -> List.of(reshape(call)));
    table.put(BuiltinOp.SQUEEZE, call -> List.of(squeeze(call)));
    table.put(BuiltinOp.EXPAND_DIMS, call -> List.of(expandDims(call)));
    table.put(BuiltinOp.TRANSPOSE, call -> List.of(transpose(call)));
  }

  /** The output's shape when it is static, else the shape input (or option) with -1 resolved. */
  private static Folded reshape(FoldCall call) {
    Operand in = call.in(0);
    call.requireOutputType(in);
    Shape declared = call.outShape(0);
    int[] dims;
    if (declared.isStatic()) {
      dims = declared.dims();
    } else {
      Operand shape = call.optionalIn(1);
      OpOptions.Reshape options = call.options(OpOptions.Reshape.class);
      long[] target;
      if (shape != null) {
        target = shape.indices("shape");
      } else if (options != null) {
        target = java.util.Arrays.stream(options.newShape()).asLongStream().toArray();
      } else {
        throw new NotFoldable("RESHAPE without a target shape");
      }
      dims = resolve(target, in.count());
    }
    if (NdIndex.count(dims) != in.count()) {
      throw new NotFoldable("cannot reshape " + NdIndex.show(in.dims()) + " to " + NdIndex.show(dims));
    }
    return new Folded(dims, in.data());
  }

  /** A target shape with at most one -1, which takes what the other dims leave. */
  static int[] resolve(long[] target, long count) {
    int[] dims = NdIndex.toInts(target, "shape");
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1 && unknown < 0) {
        unknown = i;
      } else if (dims[i] < 0) {
        throw new NotFoldable("invalid target shape " + NdIndex.show(dims));
      } else {
        known *= dims[i];
      }
    }
    if (unknown >= 0) {
      if (known == 0 || count % known != 0) {
        throw new NotFoldable("cannot infer -1 of " + NdIndex.show(dims) + " for " + count + " elements");
      }
      dims[unknown] = NdIndex.toInt(count / known);
    }
    return dims;
  }

  /** Removes the listed size-1 axes, or every size-1 axis when none is listed. */
  private static Folded squeeze(FoldCall call) {
    Operand in = call.in(0);
    call.requireOutputType(in);
    int[] dims = in.dims();
    OpOptions.Squeeze options = call.options(OpOptions.Squeeze.class);
    int[] listed = options == null ? new int[0] : options.squeezeDims();
    boolean[] squeeze = new boolean[dims.length];
    for (int a : listed) {
      int axis = NdIndex.axis(a, dims.length);
      if (dims[axis] != 1) {
        throw new NotFoldable("cannot squeeze axis " + a + " of " + NdIndex.show(dims));
      }
      squeeze[axis] = true;
    }
    int[] out = new int[dims.length];
    int k = 0;
    for (int a = 0; a < dims.length; a++) {
      boolean drop = listed.length == 0 ? dims[a] == 1 : squeeze[a];
      if (!drop) {
        out[k++] = dims[a];
      }
    }
    return new Folded(java.util.Arrays.copyOf(out, k), in.data());
  }

  /** Inserts a size-1 axis; a negative axis counts from rank + 1. */
  private static Folded expandDims(FoldCall call) {
    Operand in = call.in(0);
    call.requireOutputType(in);
    int[] dims = in.dims();
    long axis = call.in(1).scalarIndex("axis");
    if (axis < 0) {
      axis += dims.length + 1;
    }
    if (axis < 0 || axis > dims.length) {
      throw new NotFoldable("EXPAND_DIMS axis out of range for rank " + dims.length);
    }
    int[] out = new int[dims.length + 1];
    for (int a = 0, k = 0; a < out.length; a++) {
      out[a] = a == axis ? 1 : dims[k++];
    }
    return new Folded(out, in.data());
  }

  /** Output axis k is input axis perm[k]; LiteRT rejects entries outside [0, rank). */
  private static Folded transpose(FoldCall call) {
    Operand in = call.in(0);
    call.requireOutputType(in);
    int[] dims = in.dims();
    long[] permValues = call.in(1).indices("permutation");
    if (permValues.length != dims.length) {
      throw new NotFoldable("permutation of length " + permValues.length + " for rank " + dims.length);
    }
    int[] perm = new int[dims.length];
    boolean[] seen = new boolean[dims.length];
    int[] out = new int[dims.length];
    for (int k = 0; k < perm.length; k++) {
      if (permValues[k] < 0 || permValues[k] >= dims.length || seen[(int) permValues[k]]) {
        throw new NotFoldable("not a permutation: " + java.util.Arrays.toString(permValues));
      }
      perm[k] = (int) permValues[k];
      seen[perm[k]] = true;
      out[k] = dims[perm[k]];
    }
    return new Folded(out, TransposedData.of(in.data(), dims, perm, in.elementSize()));
  }
}

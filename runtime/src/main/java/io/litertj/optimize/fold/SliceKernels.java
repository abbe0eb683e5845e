package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import java.util.List;

/** SLICE (a size of -1 runs to the end) and STRIDED_SLICE (every mask, and {@code offset}). */
final class SliceKernels {

  private SliceKernels() {}

  static void register(KernelTable table) {
    table.put(BuiltinOp.SLICE, call -> List.of(slice(call)));
    table.put(BuiltinOp.STRIDED_SLICE, call -> List.of(stridedSlice(call)));
  }

  private static Folded slice(FoldCall call) {
    Operand in = call.in(0);
    call.requireOutputType(in);
    int[] dims = in.dims();
    long[] begin = call.in(1).indices("begin");
    long[] size = call.in(2).indices("size");
    if (begin.length != dims.length || size.length != dims.length) {
      throw new NotFoldable("SLICE begin/size do not match rank " + dims.length);
    }
    int[] outDims = new int[dims.length];
    int[] strides = NdIndex.strides(dims);
    long base = 0;
    long[] steps = new long[dims.length];
    for (int a = 0; a < dims.length; a++) {
      long length = size[a] == -1 ? dims[a] - begin[a] : size[a];
      if (begin[a] < 0 || length < 0 || begin[a] + length > dims[a]) {
        throw new NotFoldable("SLICE of [" + begin[a] + ", +" + size[a] + ") from a dim of " + dims[a]);
      }
      outDims[a] = (int) length;
      base += begin[a] * strides[a];
      steps[a] = strides[a];
    }
    call.checkSize(NdIndex.count(outDims));
    return gather(in, outDims, NdIndex.map(outDims, base, steps));
  }

  private static Folded stridedSlice(FoldCall call) {
    Operand in = call.in(0);
    call.requireOutputType(in);
    OpOptions.StridedSlice options = call.options(OpOptions.StridedSlice.class);
    if (options == null) {
      options = new OpOptions.StridedSlice(0, 0, 0, 0, 0, false);
    }
    int[] end = NdIndex.toInts(call.in(2).indices("end"), "end");
    StridedSliceSpec spec = StridedSliceSpec.of(in.dims(),
        NdIndex.toInts(call.in(1).indices("begin"), "begin"), end,
        NdIndex.toInts(call.in(3).indices("strides"), "strides"), options);
    int[] effective = spec.inputDims();
    int n = effective.length;
    int[] counts = new int[n];
    int[] inStrides = NdIndex.strides(effective);
    long base = 0;
    long[] steps = new long[n];
    int outRank = 0;
    for (int a = 0; a < n; a++) {
      counts[a] = spec.count(a);
      if (spec.shrink()[a]) {
        if (counts[a] != 1) {
          // LiteRT writes nothing for such an axis (index out of range, or a negative stride).
          throw new NotFoldable("STRIDED_SLICE shrinks axis " + a + " to " + counts[a] + " elements");
        }
      } else {
        outRank++;
        if (options.offset() && declaredSize(end, spec.strides()[a], a) != counts[a]) {
          throw new NotFoldable("STRIDED_SLICE with offset: sizes do not fit the input");
        }
      }
      base += (long) spec.start()[a] * inStrides[a];
      steps[a] = (long) spec.strides()[a] * inStrides[a];
    }
    int[] outDims = new int[outRank];
    for (int a = 0, k = 0; a < n; a++) {
      if (!spec.shrink()[a]) {
        outDims[k++] = counts[a];
      }
    }
    call.checkSize(NdIndex.count(counts));
    return gather(in, outDims, NdIndex.map(counts, base, steps));
  }

  /** With {@code offset}, LiteRT sizes the output from the raw end values (sizes) alone. */
  private static long declaredSize(int[] end, int stride, int axis) {
    if (axis >= end.length) {
      throw new NotFoldable("STRIDED_SLICE with offset and new axes");
    }
    long size = end[axis];
    if ((size < 0) != (stride < 0)) {
      return 0;
    }
    return stride < 0 ? (size + 1) / stride + 1 : size == 0 ? 0 : (size - 1) / stride + 1;
  }

  private static Folded gather(Operand in, int[] outDims, int[] map) {
    byte[] out = NdIndex.gather(in.raw(), in.elementSize(), map, null);
    return Folded.bytes(outDims, out);
  }
}

package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import java.util.Arrays;
import java.util.List;

/** Ops that repeat or surround data: TILE, BROADCAST_TO, PAD and PADV2 (any fixed-size type). */
final class TilePadKernels {

  private TilePadKernels() {}

  static void register(KernelTable table) {
    table.put(BuiltinOp.TILE, call -> List.of(tile(call)));
    table.put(BuiltinOp.BROADCAST_TO, call -> List.of(broadcastTo(call)));
    table.put(BuiltinOp.PAD, call -> List.of(pad(call, false)));
    table.put(BuiltinOp.PADV2, call -> List.of(pad(call, true)));
  }

  /** Tiling [d0, d1] by [m0, m1] is broadcasting [1, d0, 1, d1] to [m0, d0, m1, d1]. */
  private static Folded tile(FoldCall call) {
    Operand in = call.in(0);
    call.requireOutputType(in);
    int[] dims = in.dims();
    int[] multiples = NdIndex.toInts(call.in(1).indices("multiples"), "multiples");
    if (multiples.length != dims.length) {
      throw new NotFoldable("TILE multiples do not match rank " + dims.length);
    }
    int[] strides = NdIndex.strides(dims);
    int[] interleaved = new int[2 * dims.length];
    long[] steps = new long[2 * dims.length];
    int[] outDims = new int[dims.length];
    for (int a = 0; a < dims.length; a++) {
      if (multiples[a] < 0) {
        throw new NotFoldable("TILE multiple " + multiples[a]);
      }
      interleaved[2 * a] = multiples[a];
      interleaved[2 * a + 1] = dims[a];
      steps[2 * a + 1] = strides[a];
      outDims[a] = NdIndex.toInt(NdIndex.multiply(dims[a], multiples[a]));
    }
    call.checkSize(NdIndex.count(outDims));
    int[] map = NdIndex.map(interleaved, 0, steps);
    return Folded.bytes(outDims, NdIndex.gather(in.raw(), in.elementSize(), map, null));
  }

  private static Folded broadcastTo(FoldCall call) {
    Operand in = call.in(0);
    call.requireOutputType(in);
    int[] outDims = NdIndex.toInts(call.in(1).indices("shape"), "shape");
    for (int d : outDims) {
      if (d < 0) {
        throw new NotFoldable("BROADCAST_TO shape " + NdIndex.show(outDims)); // LiteRT rejects it too
      }
    }
    if (!Arrays.equals(Broadcast.shape(in.dims(), outDims), outDims)) {
      throw new NotFoldable("cannot broadcast " + NdIndex.show(in.dims()) + " to " + NdIndex.show(outDims));
    }
    call.checkSize(NdIndex.count(outDims));
    int[] map = Broadcast.map(in.dims(), outDims);
    if (map == null) {
      return new Folded(outDims, in.data());
    }
    return Folded.bytes(outDims, NdIndex.gather(in.raw(), in.elementSize(), map, null));
  }

  /** Paddings are [rank, 2] (before, after); PAD fills with zeros, PADV2 with its value input. */
  private static Folded pad(FoldCall call, boolean withValue) {
    Operand in = call.in(0);
    call.requireOutputType(in);
    int[] dims = in.dims();
    Operand paddingsOperand = call.in(1);
    long[] paddings = paddingsOperand.indices("paddings");
    if (paddings.length != 2 * dims.length) {
      throw new NotFoldable("PAD paddings do not match rank " + dims.length);
    }
    int e = in.elementSize();
    byte[] fill = new byte[e];
    Operand value = withValue ? call.optionalIn(2) : null;
    if (value != null) {
      call.requireOutputType(value);
      if (value.count() != 1) {
        throw new NotFoldable("PADV2 value has " + value.count() + " elements");
      }
      fill = value.raw();
    }
    int[] before = new int[dims.length];
    int[] outDims = new int[dims.length];
    for (int a = 0; a < dims.length; a++) {
      if (paddings[2 * a] < 0 || paddings[2 * a + 1] < 0) {
        throw new NotFoldable("negative padding");
      }
      before[a] = NdIndex.toInt(paddings[2 * a]);
      outDims[a] = NdIndex.toInt((long) dims[a] + before[a] + NdIndex.toInt(paddings[2 * a + 1]));
    }
    call.checkSize(NdIndex.count(outDims));
    int n = (int) NdIndex.count(outDims);
    int[] map = new int[n];
    int[] strides = NdIndex.strides(dims);
    int[] index = new int[dims.length];
    for (int i = 0; i < n; i++) {
      int from = 0;
      for (int a = 0; a < dims.length && from >= 0; a++) {
        int j = index[a] - before[a];
        from = j < 0 || j >= dims[a] ? -1 : from + j * strides[a];
      }
      map[i] = from;
      for (int a = dims.length - 1; a >= 0; a--) {
        if (++index[a] < outDims[a]) {
          break;
        }
        index[a] = 0;
      }
    }
    return Folded.bytes(outDims, NdIndex.gather(in.raw(), e, map, fill));
  }
}

package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import java.util.List;

/**
 * GATHER along {@code axis} with {@code batch_dims} (both may be negative), indices of INT16,
 * INT32 or INT64. As in LiteRT, an index outside {@code [0, dim)} is an error: not folded.
 */
final class GatherKernel {

  private GatherKernel() {}

  static void register(KernelTable table) {
    table.put(BuiltinOp.GATHER, call -> List.of(gather(call)));
  }

  private static Folded gather(FoldCall call) {
    Operand in = call.in(0);
    Operand positions = call.in(1);
    call.requireOutputType(in);
    if (positions.type() != DataType.INT32 && positions.type() != DataType.INT64
        && positions.type() != DataType.INT16) {
      throw new NotFoldable("GATHER positions of type " + positions.type());
    }
    OpOptions.Gather options = call.options(OpOptions.Gather.class);
    int[] dims = in.dims();
    int[] pdims = positions.dims();
    int axis = NdIndex.axis(options == null ? 0 : options.axis(), dims.length);
    int batchDims = options == null ? 0 : options.batchDims();
    if (batchDims < 0) {
      batchDims += pdims.length;
    }
    if (batchDims < 0 || batchDims > axis || batchDims >= dims.length || batchDims > pdims.length) {
      throw new NotFoldable("GATHER batch_dims " + batchDims + " for axis " + axis);
    }
    for (int i = 0; i < batchDims; i++) {
      if (dims[i] != pdims[i]) {
        throw new NotFoldable("GATHER batch dims differ");
      }
    }
    // Output: input dims before axis, position dims after the batch dims, input dims after axis.
    int[] outDims = new int[dims.length + pdims.length - 1 - batchDims];
    int k = 0;
    for (int i = 0; i < axis; i++) {
      outDims[k++] = dims[i];
    }
    for (int i = batchDims; i < pdims.length; i++) {
      outDims[k++] = pdims[i];
    }
    for (int i = axis + 1; i < dims.length; i++) {
      outDims[k++] = dims[i];
    }
    call.checkSize(NdIndex.count(outDims));
    int batchSize = NdIndex.count(dims, 0, batchDims);
    int outerSize = NdIndex.count(dims, batchDims, axis);
    int innerSize = NdIndex.count(dims, axis + 1, dims.length);
    int coordSize = NdIndex.count(pdims, batchDims, pdims.length);
    int axisSize = dims[axis];
    int e = in.elementSize();
    int run = innerSize * e;
    long[] coords = positions.longs();
    byte[] data = in.raw();
    byte[] out = new byte[NdIndex.bytes(NdIndex.count(outDims), e)];
    for (int batch = 0; batch < batchSize; batch++) {
      for (int outer = 0; outer < outerSize; outer++) {
        for (int i = 0; i < coordSize; i++) {
          long coord = coords[batch * coordSize + i];
          if (coord < 0 || coord >= axisSize) {
            throw new NotFoldable("GATHER index " + coord + " out of range [0, " + axisSize + ")");
          }
          long from = (((long) batch * outerSize + outer) * axisSize + coord) * run;
          long to = (((long) batch * outerSize + outer) * coordSize + i) * run;
          System.arraycopy(data, (int) from, out, (int) to, run);
        }
      }
    }
    return Folded.bytes(outDims, out);
  }
}

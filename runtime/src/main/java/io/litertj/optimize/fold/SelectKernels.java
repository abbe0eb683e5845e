package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * SELECT and SELECT_V2: {@code condition ? x : y} per element, for any fixed-size type. SELECT
 * (TF's Select) needs x and y of one shape and a condition of that shape, a scalar, or a vector
 * choosing whole rows; SELECT_V2 broadcasts all three.
 */
final class SelectKernels {

  private SelectKernels() {}

  static void register(KernelTable table) {
    table.put(BuiltinOp.SELECT, call -> List.of(select(call, false)));
    table.put(BuiltinOp.SELECT_V2, call -> List.of(select(call, true)));
  }

  private static Folded select(FoldCall call, boolean broadcast) {
    Operand cond = call.in(0);
    Operand x = call.in(1);
    Operand y = call.in(2);
    call.requireOutputType(x, y);
    int[] dims;
    int[] mc;
    int[] mx;
    int[] my;
    Shape declared = call.outShape(0);
    if (cond.count() == 1 && x.count() == 1 && y.count() == 1 && declared.isStatic()
        && declared.numElements() == 1) {
      // LiteRT keeps the output's own shape when every operand is a single element.
      dims = declared.dims();
      mc = new int[1];
      mx = new int[1];
      my = new int[1];
    } else if (broadcast) {
      dims = Broadcast.shape(cond.dims(), x.dims(), y.dims());
      call.checkSize(NdIndex.count(dims));
      mc = Broadcast.map(cond.dims(), dims);
      mx = Broadcast.map(x.dims(), dims);
      my = Broadcast.map(y.dims(), dims);
    } else {
      dims = x.dims();
      if (!Arrays.equals(y.dims(), dims)) {
        throw new NotFoldable("SELECT of differently shaped x and y");
      }
      call.checkSize(NdIndex.count(dims));
      mc = rowCondition(cond.dims(), dims);
      mx = null;
      my = null;
    }
    boolean[] c = cond.bools();
    byte[] a = x.raw();
    byte[] b = y.raw();
    int e = x.elementSize();
    int n = (int) NdIndex.count(dims);
    byte[] out = new byte[NdIndex.bytes(n, e)];
    for (int i = 0; i < n; i++) {
      if (c[Broadcast.at(mc, i)]) {
        System.arraycopy(a, Broadcast.at(mx, i) * e, out, i * e, e);
      } else {
        System.arraycopy(b, Broadcast.at(my, i) * e, out, i * e, e);
      }
    }
    return Folded.bytes(dims, out);
  }

  /** SELECT's condition: same shape, a scalar, or a vector over the first axis. */
  private static int[] rowCondition(int[] condDims, int[] dims) {
    if (Arrays.equals(condDims, dims)) {
      return null;
    }
    long n = NdIndex.count(dims);
    if (condDims.length == 0 || (NdIndex.count(condDims) == 1 && n == 1)) {
      return new int[(int) n];
    }
    if (condDims.length == 1 && dims.length > 0 && condDims[0] == dims[0]) {
      int row = dims[0] == 0 ? 0 : (int) (n / dims[0]);
      int[] map = new int[(int) n];
      for (int i = 0; i < map.length; i++) {
        map[i] = i / row;
      }
      return map;
    }
    throw new NotFoldable("SELECT condition " + NdIndex.show(condDims) + " for " + NdIndex.show(dims));
  }
}

package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import java.util.List;

/**
 * ARG_MAX and ARG_MIN along one axis (a one-element tensor, negative counted from the end), to
 * INT32 or INT64. Ties give the first index. Inputs with a NaN are not folded: LiteRT changed how
 * NaN compares here (2.21 lets a leading NaN win, current LiteRT skips NaN).
 */
final class ArgMinMaxKernel {

  private ArgMinMaxKernel() {}

  static void register(KernelTable table) {
    table.put(BuiltinOp.ARG_MAX, call -> List.of(arg(call, true)));
    table.put(BuiltinOp.ARG_MIN, call -> List.of(arg(call, false)));
  }

  private static Folded arg(FoldCall call, boolean max) {
    Operand in = call.in(0);
    DataType outType = call.outType(0);
    if (outType != DataType.INT32 && outType != DataType.INT64) {
      throw new NotFoldable(call.op() + " to " + outType);
    }
    int[] dims = in.dims();
    if (dims.length == 0) {
      throw new NotFoldable(call.op() + " of a scalar");
    }
    int axis = NdIndex.axis(call.in(1).scalarIndex("axis"), dims.length);
    int axisSize = dims[axis];
    if (axisSize == 0) {
      throw new NotFoldable(call.op() + " over an empty axis");
    }
    int outer = NdIndex.count(dims, 0, axis);
    int inner = NdIndex.count(dims, axis + 1, dims.length);
    int[] outDims = new int[dims.length - 1];
    for (int a = 0, k = 0; a < dims.length; a++) {
      if (a != axis) {
        outDims[k++] = dims[a];
      }
    }
    call.checkSize(in.count());
    double[] x = asDoubles(in);
    long[] out = new long[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * axisSize * inner + i;
        double best = x[base];
        int bestIndex = 0;
        for (int k = 1; k < axisSize; k++) {
          double v = x[base + k * inner];
          if (max ? v > best : v < best) {
            best = v;
            bestIndex = k;
          }
        }
        out[o * inner + i] = bestIndex;
      }
    }
    return Folded.integers(outType, outDims, out);
  }

  /** The values as doubles, which compare exactly; INT64 values beyond 2^53 are not folded. */
  private static double[] asDoubles(Operand in) {
    return switch (Lane.of(in.type())) {
      case F32 -> {
        float[] f = Subnormals.checkAll(in.floats());
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
          d[i] = noNan(f[i]);
        }
        yield d;
      }
      case F64 -> {
        double[] d = Subnormals.checkAll(in.doubles());
        for (double v : d) {
          noNan(v);
        }
        yield d;
      }
      case INT -> {
        long[] l = in.longs();
        double[] d = new double[l.length];
        for (int i = 0; i < l.length; i++) {
          if (Math.abs(l[i]) > (1L << 53)) {
            throw new NotFoldable(in.type() + " value " + l[i] + " is beyond exact comparison in double");
          }
          d[i] = l[i];
        }
        yield d;
      }
      case BOOL -> throw new NotFoldable("arg max/min of BOOL");
    };
  }

  private static double noNan(double v) {
    if (Double.isNaN(v)) {
      throw new NotFoldable("arg max/min of NaN: LiteRT versions disagree");
    }
    return v;
  }
}

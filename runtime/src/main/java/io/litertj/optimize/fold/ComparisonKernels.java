package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import java.util.List;

/**
 * Broadcasting comparisons (EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL), which
 * give BOOL, and the binary logical ops (LOGICAL_AND, LOGICAL_OR) on BOOL. Comparisons follow
 * IEEE: anything compared with NaN is false except NOT_EQUAL.
 */
final class ComparisonKernels {

  private ComparisonKernels() {}

  static void register(KernelTable table) {
    for (Compare c : Compare.values()) {
      table.put(c.op, call -> List.of(compare(call, c)));
    }
    table.put(BuiltinOp.LOGICAL_AND, call -> List.of(logical(call, true)));
    table.put(BuiltinOp.LOGICAL_OR, call -> List.of(logical(call, false)));
  }

  private enum Compare {
    EQUAL(BuiltinOp.EQUAL, true) {
      boolean test(int sign) {
        return sign == 0;
      }
    },
    NOT_EQUAL(BuiltinOp.NOT_EQUAL, true) {
      boolean test(int sign) {
        return sign != 0;
      }
    },
    LESS(BuiltinOp.LESS, false) {
      boolean test(int sign) {
        return sign < 0;
      }
    },
    LESS_EQUAL(BuiltinOp.LESS_EQUAL, false) {
      boolean test(int sign) {
        return sign <= 0 && sign != UNORDERED;
      }
    },
    GREATER(BuiltinOp.GREATER, false) {
      boolean test(int sign) {
        return sign > 0 && sign != UNORDERED;
      }
    },
    GREATER_EQUAL(BuiltinOp.GREATER_EQUAL, false) {
      boolean test(int sign) {
        return sign >= 0 && sign != UNORDERED;
      }
    };

    /** The "sign" of a comparison involving NaN: no test but NOT_EQUAL passes. */
    static final int UNORDERED = Integer.MAX_VALUE;

    final BuiltinOp op;
    final boolean onBool;

    Compare(BuiltinOp op, boolean onBool) {
      this.op = op;
      this.onBool = onBool;
    }

    abstract boolean test(int sign);

    static int sign(double a, double b) {
      if (a < b) {
        return -1;
      }
      if (a > b) {
        return 1;
      }
      return a == b ? 0 : UNORDERED;
    }
  }

  private static Folded compare(FoldCall call, Compare c) {
    Operand a = call.in(0);
    Operand b = call.in(1);
    if (call.outType(0) != DataType.BOOL || a.type() != b.type()) {
      throw new NotFoldable(c.op + " of " + a.type() + " and " + b.type() + " to " + call.outType(0));
    }
    int[] dims = Broadcast.shape(a.dims(), b.dims());
    call.checkSize(NdIndex.count(dims));
    int[] ia = Broadcast.map(a.dims(), dims);
    int[] ib = Broadcast.map(b.dims(), dims);
    boolean[] out = new boolean[(int) NdIndex.count(dims)];
    switch (Lane.of(a.type())) {
      case F32 -> {
        float[] x = Subnormals.checkAll(a.floats());
        float[] y = Subnormals.checkAll(b.floats());
        for (int i = 0; i < out.length; i++) {
          out[i] = c.test(Compare.sign(x[Broadcast.at(ia, i)], y[Broadcast.at(ib, i)]));
        }
      }
      case F64 -> {
        double[] x = Subnormals.checkAll(a.doubles());
        double[] y = Subnormals.checkAll(b.doubles());
        for (int i = 0; i < out.length; i++) {
          out[i] = c.test(Compare.sign(x[Broadcast.at(ia, i)], y[Broadcast.at(ib, i)]));
        }
      }
      case INT, BOOL -> {
        if (a.type() == DataType.BOOL && !c.onBool) {
          throw new NotFoldable(c.op + " on BOOL");
        }
        long[] x = a.longs();
        long[] y = b.longs();
        for (int i = 0; i < out.length; i++) {
          out[i] = c.test(Long.compare(x[Broadcast.at(ia, i)], y[Broadcast.at(ib, i)]));
        }
      }
    }
    return Folded.bools(dims, out);
  }

  private static Folded logical(FoldCall call, boolean and) {
    Operand a = call.in(0);
    Operand b = call.in(1);
    int[] dims = Broadcast.shape(a.dims(), b.dims());
    call.checkSize(NdIndex.count(dims));
    int[] ia = Broadcast.map(a.dims(), dims);
    int[] ib = Broadcast.map(b.dims(), dims);
    boolean[] x = a.bools();
    boolean[] y = b.bools();
    boolean[] out = new boolean[(int) NdIndex.count(dims)];
    for (int i = 0; i < out.length; i++) {
      boolean p = x[Broadcast.at(ia, i)];
      boolean q = y[Broadcast.at(ib, i)];
      out[i] = and ? p && q : p || q;
    }
    return Folded.bools(dims, out);
  }
}

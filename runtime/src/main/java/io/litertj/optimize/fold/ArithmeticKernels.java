package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import java.util.List;

/**
 * Broadcasting binary arithmetic (ADD, SUB, MUL, DIV, FLOOR_DIV, FLOOR_MOD, MAXIMUM, MINIMUM, POW,
 * SQUARED_DIFFERENCE) and ADD_N. FLOAT32 is computed in float, like LiteRT's kernels; integers
 * in long, wrapped to their width. Integer division or modulo by zero, FLOOR_DIV by zero (float
 * too), {@code MIN / -1} (a SIGFPE in LiteRT) and negative integer exponents are errors in LiteRT:
 * such ops are not folded; nor is float math on subnormals ({@link Subnormals}).
 */
final class ArithmeticKernels {

  private ArithmeticKernels() {}

  static void register(KernelTable table) {
    for (Arith fn : Arith.values()) {
      table.put(fn.op, call -> List.of(binary(call, fn)));
    }
    table.put(BuiltinOp.ADD_N, ArithmeticKernels::addN);
  }

  /** One operator per lane; {@code fused} when its options carry a fused activation. */
  private enum Arith {
    ADD(BuiltinOp.ADD, true) {
      float f(float a, float b) {
        return a + b;
      }

      double d(double a, double b) {
        return a + b;
      }

      long l(long a, long b, DataType t) {
        return a + b;
      }
    },
    SUB(BuiltinOp.SUB, true) {
      float f(float a, float b) {
        return a - b;
      }

      double d(double a, double b) {
        return a - b;
      }

      long l(long a, long b, DataType t) {
        return a - b;
      }
    },
    MUL(BuiltinOp.MUL, true) {
      float f(float a, float b) {
        return a * b;
      }

      double d(double a, double b) {
        return a * b;
      }

      long l(long a, long b, DataType t) {
        return a * b;
      }
    },
    DIV(BuiltinOp.DIV, true) {
      float f(float a, float b) {
        return a / b;
      }

      double d(double a, double b) {
        return a / b;
      }

      /** C++ integer division truncates toward zero, as Java's does. */
      long l(long a, long b, DataType t) {
        return a / divisor(a, b, t);
      }
    },
    FLOOR_DIV(BuiltinOp.FLOOR_DIV, false) {
      /** LiteRT: std::floor of the quotient computed in double; a zero divisor is an error, even in float. */
      float f(float a, float b) {
        return (float) Math.floor((double) a / (double) nonZero(b));
      }

      double d(double a, double b) {
        return Math.floor(a / nonZero(b));
      }

      long l(long a, long b, DataType t) {
        return Math.floorDiv(a, nonZero(b));
      }
    },
    FLOOR_MOD(BuiltinOp.FLOOR_MOD, false) {
      /** LiteRT: the truncated remainder (fmod), moved into the divisor's sign. */
      float f(float a, float b) {
        float r = a % b;
        return r != 0 && (b < 0) != (r < 0) ? r + b : r;
      }

      double d(double a, double b) {
        double r = a % b;
        return r != 0 && (b < 0) != (r < 0) ? r + b : r;
      }

      long l(long a, long b, DataType t) {
        long r = a % divisor(a, b, t);
        return r != 0 && (b < 0) != (r < 0) ? r + b : r;
      }
    },
    MAXIMUM(BuiltinOp.MAXIMUM, false) {
      /** LiteRT: {@code a > b ? a : b}, which also fixes what a NaN gives. */
      float f(float a, float b) {
        return a > b ? a : b;
      }

      double d(double a, double b) {
        return a > b ? a : b;
      }

      long l(long a, long b, DataType t) {
        return a > b ? a : b;
      }
    },
    MINIMUM(BuiltinOp.MINIMUM, false) {
      float f(float a, float b) {
        return a < b ? a : b;
      }

      double d(double a, double b) {
        return a < b ? a : b;
      }

      long l(long a, long b, DataType t) {
        return a < b ? a : b;
      }
    },
    POW(BuiltinOp.POW, false) {
      float f(float a, float b) {
        return (float) Math.pow(a, b);
      }

      double d(double a, double b) {
        return Math.pow(a, b);
      }

      /** LiteRT rejects negative int exponents; an overflowing power is undefined there. */
      long l(long a, long b, DataType t) {
        if (b < 0) {
          throw new NotFoldable("negative integer exponent " + b);
        }
        if (a == 0 || a == 1) {
          return b == 0 ? 1 : a;
        }
        if (a == -1) {
          return (b & 1) == 0 ? 1 : -1;
        }
        long result = 1;
        for (long i = 0; i < b; i++) { // |a| >= 2: overflows within 64 steps
          long high = Math.multiplyHigh(result, a);
          result *= a;
          if ((high != 0 && high != -1) || (high < 0) != (result < 0)
              || result < Lane.min(t) || result > Lane.max(t)) {
            throw new NotFoldable("integer power overflows " + t);
          }
        }
        return result;
      }
    },
    SQUARED_DIFFERENCE(BuiltinOp.SQUARED_DIFFERENCE, false) {
      float f(float a, float b) {
        float d = a - b;
        return d * d;
      }

      double d(double a, double b) {
        double d = a - b;
        return d * d;
      }

      long l(long a, long b, DataType t) {
        long d = a - b;
        return d * d;
      }
    };

    final BuiltinOp op;
    final boolean fused;

    Arith(BuiltinOp op, boolean fused) {
      this.op = op;
      this.fused = fused;
    }

    abstract float f(float a, float b);

    abstract double d(double a, double b);

    abstract long l(long a, long b, DataType type);

    static long nonZero(long b) {
      if (b == 0) {
        throw new NotFoldable("integer division by zero");
      }
      return b;
    }

    static double nonZero(double b) {
      if (b == 0) {
        throw new NotFoldable("FLOOR_DIV by zero");
      }
      return b;
    }

    /** A divisor LiteRT's truncating division can use: not 0, and not -1 under the type's minimum (SIGFPE). */
    static long divisor(long a, long b, DataType type) {
      if (b == -1 && a == Lane.min(type) && (type == DataType.INT32 || type == DataType.INT64)) {
        throw new NotFoldable("integer division overflows");
      }
      return nonZero(b);
    }
  }

  private static Folded binary(FoldCall call, Arith fn) {
    Operand a = call.in(0);
    Operand b = call.in(1);
    DataType type = call.outType(0);
    call.requireOutputType(a, b);
    int[] dims = Broadcast.shape(a.dims(), b.dims());
    call.checkSize(NdIndex.count(dims));
    FusedActivation act = fn.fused ? FusedActivation.of(call.options(), type) : FusedActivation.NONE;
    int[] ia = Broadcast.map(a.dims(), dims);
    int[] ib = Broadcast.map(b.dims(), dims);
    int n = (int) NdIndex.count(dims);
    return switch (Lane.of(type)) {
      case F32 -> {
        float[] x = Subnormals.checkAll(a.floats());
        float[] y = Subnormals.checkAll(b.floats());
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
          out[i] = Subnormals.check(act.apply(fn.f(x[Broadcast.at(ia, i)], y[Broadcast.at(ib, i)])));
        }
        yield Folded.floats(dims, out);
      }
      case F64 -> {
        double[] x = Subnormals.checkAll(a.doubles());
        double[] y = Subnormals.checkAll(b.doubles());
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
          out[i] = Subnormals.check(act.apply(fn.d(x[Broadcast.at(ia, i)], y[Broadcast.at(ib, i)])));
        }
        yield Folded.doubles(dims, out);
      }
      case INT -> {
        long[] x = a.longs();
        long[] y = b.longs();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
          out[i] = act.apply(wrap(fn.l(x[Broadcast.at(ia, i)], y[Broadcast.at(ib, i)], type), type));
        }
        yield Folded.integers(type, dims, out);
      }
      case BOOL -> throw new NotFoldable(fn.op + " on BOOL");
    };
  }

  /** LiteRT's ADD_N: same-shape inputs summed in input order. */
  private static List<Folded> addN(FoldCall call) {
    Operand first = call.in(0);
    DataType type = call.outType(0);
    int[] dims = first.dims();
    call.checkSize(first.count());
    Object sum = Lane.values(first);
    call.requireOutputType(first);
    for (int k = 1; k < call.inputCount(); k++) {
      Operand next = call.in(k);
      call.requireOutputType(next);
      if (!java.util.Arrays.equals(next.dims(), dims)) {
        throw new NotFoldable("ADD_N inputs differ in shape");
      }
      Object values = Lane.values(next);
      switch (Lane.of(type)) {
        case F32 -> {
          float[] s = (float[]) sum;
          float[] v = (float[]) values;
          for (int i = 0; i < s.length; i++) {
            s[i] = Subnormals.check(Subnormals.check(s[i]) + Subnormals.check(v[i]));
          }
        }
        case F64 -> {
          double[] s = (double[]) sum;
          double[] v = (double[]) values;
          for (int i = 0; i < s.length; i++) {
            s[i] = Subnormals.check(Subnormals.check(s[i]) + Subnormals.check(v[i]));
          }
        }
        case INT -> {
          long[] s = (long[]) sum;
          long[] v = (long[]) values;
          for (int i = 0; i < s.length; i++) {
            s[i] = wrap(s[i] + v[i], type);
          }
        }
        case BOOL -> throw new NotFoldable("ADD_N on BOOL");
      }
    }
    return List.of(Folded.of(type, dims, sum));
  }

  /** A long result wrapped to {@code type}'s width, so that activations clamp the value LiteRT sees. */
  static long wrap(long v, DataType type) {
    return switch (type) {
      case INT8 -> (byte) v;
      case UINT8 -> v & 0xFF;
      case INT16 -> (short) v;
      case INT32 -> (int) v;
      default -> v;
    };
  }
}

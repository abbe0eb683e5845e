package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import java.util.List;

/**
 * CAST between FLOAT32, FLOAT64, the integer types and BOOL, as LiteRT's cast kernel does it:
 * float to integer truncates toward zero and saturates (NaN gives the type's maximum, LiteRT's
 * {@code SafeCast} with its NaN result); integer to narrower integer wraps
 * ({@code static_cast}); anything to BOOL is "not zero" (NaN is true); BOOL is 0 or 1; integer to
 * float rounds to nearest. A cast to the same type returns the input's data unchanged.
 */
final class CastKernel {

  private CastKernel() {}

  static void register(KernelTable table) {
    table.put(BuiltinOp.CAST, call -> List.of(cast(call)));
  }

  private static Folded cast(FoldCall call) {
    Operand in = call.in(0);
    DataType to = call.outType(0);
    int[] dims = in.dims();
    if (in.type() == to) {
      return new Folded(dims, in.data());
    }
    call.checkSize(in.count());
    int n = (int) in.count();
    Lane from = Lane.of(in.type());
    if (from == Lane.F32 || from == Lane.F64) {
      double[] v = from == Lane.F32 ? widen(in.floats()) : in.doubles();
      return switch (Lane.of(to)) {
        case F32 -> {
          float[] out = new float[n];
          for (int i = 0; i < n; i++) {
            out[i] = (float) v[i];
          }
          yield Folded.floats(dims, out);
        }
        case F64 -> Folded.doubles(dims, v);
        case BOOL -> {
          boolean[] out = new boolean[n];
          for (int i = 0; i < n; i++) {
            out[i] = v[i] != 0;
          }
          yield Folded.bools(dims, out);
        }
        case INT -> {
          long[] out = new long[n];
          for (int i = 0; i < n; i++) {
            out[i] = saturate(v[i], to);
          }
          yield Folded.integers(to, dims, out);
        }
      };
    }
    long[] v = in.longs();
    return switch (Lane.of(to)) {
      case F32 -> {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
          out[i] = (float) v[i]; // long to float rounds once, to nearest, as C++ does
        }
        yield Folded.floats(dims, out);
      }
      case F64 -> {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
          out[i] = (double) v[i];
        }
        yield Folded.doubles(dims, out);
      }
      case INT, BOOL -> Folded.integers(to, dims, v);
    };
  }

  private static double[] widen(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  /** LiteRT's SafeCast: NaN gives the maximum, out-of-range values the nearest bound. */
  static long saturate(double x, DataType to) {
    long min = Lane.min(to);
    long max = Lane.max(to);
    if (Double.isNaN(x)) {
      return max;
    }
    if (x < (double) min) {
      return min;
    }
    // The exclusive bound max + 1 is a power of two (or 256), exact in double.
    double maxExclusive = to == DataType.INT64 ? 0x1p63 : (double) (max + 1);
    if (x >= maxExclusive) {
      return max;
    }
    return (long) x;
  }
}

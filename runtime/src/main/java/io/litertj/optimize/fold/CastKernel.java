package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import java.util.List;

/**
 * CAST between FLOAT32, FLOAT64, the integer types and BOOL, as LiteRT's cast kernel does it:
 * float to integer truncates toward zero; integer to narrower integer wraps
 * ({@code static_cast}); anything to BOOL is "not zero" (NaN is true); BOOL is 0 or 1; integer to
 * float rounds to nearest. A cast to the same type returns the input's data unchanged.
 *
 * <p>A float that is NaN or out of the integer type's range is not folded: LiteRT's answer has
 * changed across versions (saturating in current LiteRT, the CPU's "integer indefinite" value in
 * 2.21 for some types) and depends on the platform. Nor are subnormal floats ({@link Subnormals}).
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
      double[] v = from == Lane.F32 ? widen(Subnormals.checkAll(in.floats())) : Subnormals.checkAll(in.doubles());
      return switch (Lane.of(to)) {
        case F32 -> {
          float[] out = new float[n];
          for (int i = 0; i < n; i++) {
            out[i] = Subnormals.check((float) v[i]);
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
            out[i] = truncate(v[i], to);
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

  /** The value truncated toward zero; not foldable when NaN or outside {@code to}'s range. */
  static long truncate(double x, DataType to) {
    double t = x < 0 ? Math.ceil(x) : Math.floor(x);
    if (Double.isNaN(x) || t < Lane.min(to) || t > maxAsDouble(to)) {
      throw new NotFoldable("CAST of " + x + " to " + to + ": out of range, LiteRT versions disagree");
    }
    return (long) t;
  }

  /** The largest value in range, exact in double (INT64's maximum is not: use the one below 2^63). */
  private static double maxAsDouble(DataType to) {
    return to == DataType.INT64 ? Math.nextDown(0x1p63) : Lane.max(to);
  }
}

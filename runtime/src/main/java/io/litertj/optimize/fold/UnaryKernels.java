package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import java.util.List;

/**
 * Elementwise unary ops. Float math follows LiteRT's kernels in float (ROUND and HARD_SWISH are
 * ports of its code, rounding included); transcendental functions (EXP, LOG, SIN, COS, TANH, ELU,
 * LOGISTIC) are computed in double and rounded once to float, which agrees with LiteRT's float
 * kernels to within their own last-place error. NEG, ABS and SQUARE also fold integers (wrapping);
 * LOGICAL_NOT folds BOOL; ZEROS_LIKE any fixed-size type. Subnormal floats are not folded except
 * by NEG and ABS, which only flip bits ({@link Subnormals}).
 */
final class UnaryKernels {

  private UnaryKernels() {}

  /** A float function, an integer one (null: floats only), and whether it only flips bits. */
  private record Fn(FloatFn f, LongFn l, boolean bitwise) {}

  private interface FloatFn {
    float apply(float x);
  }

  private interface LongFn {
    long apply(long x);
  }

  static void register(KernelTable table) {
    table.put(BuiltinOp.NEG, kernel(new Fn(x -> -x, x -> -x, true)));
    table.put(BuiltinOp.ABS, kernel(new Fn(Math::abs, Math::abs, true)));
    table.put(BuiltinOp.SQUARE, kernel(new Fn(x -> x * x, x -> x * x, false)));
    put(table, BuiltinOp.EXP, x -> (float) Math.exp(x));
    put(table, BuiltinOp.LOG, x -> (float) Math.log(x));
    put(table, BuiltinOp.SQRT, x -> (float) Math.sqrt(x));
    put(table, BuiltinOp.RSQRT, x -> 1.0f / (float) Math.sqrt(x));
    put(table, BuiltinOp.FLOOR, x -> (float) Math.floor(x));
    put(table, BuiltinOp.CEIL, x -> (float) Math.ceil(x));
    put(table, BuiltinOp.ROUND, UnaryKernels::roundToNearest);
    put(table, BuiltinOp.SIN, x -> (float) Math.sin(x));
    put(table, BuiltinOp.COS, x -> (float) Math.cos(x));
    put(table, BuiltinOp.TANH, x -> (float) Math.tanh(x));
    put(table, BuiltinOp.LOGISTIC, UnaryKernels::logistic);
    put(table, BuiltinOp.RELU, x -> x < 0 ? 0f : x);
    put(table, BuiltinOp.RELU6, x -> x > 6 ? 6f : x < 0 ? 0f : x);
    put(table, BuiltinOp.RELU_N1_TO_1, x -> x > 1 ? 1f : x < -1 ? -1f : x);
    put(table, BuiltinOp.ELU, x -> x < 0 ? (float) Math.expm1(x) : x);
    table.put(BuiltinOp.LEAKY_RELU, call -> {
      float alpha = alpha(call);
      return List.of(apply(call, new Fn(x -> x > 0 ? x : x * alpha, null, false)));
    });
    table.put(BuiltinOp.HARD_SWISH, UnaryKernels::hardSwish);
    table.put(BuiltinOp.LOGICAL_NOT, UnaryKernels::logicalNot);
    table.put(BuiltinOp.ZEROS_LIKE, UnaryKernels::zerosLike);
  }

  private static void put(KernelTable table, BuiltinOp op, FloatFn f) {
    table.put(op, kernel(new Fn(f, null, false)));
  }

  private static Kernel kernel(Fn fn) {
    return call -> List.of(apply(call, fn));
  }

  /**
   * LiteRT's RoundToNearest: half to even, computed from the floor, so -0.4 gives +0 and NaN or
   * infinities pass through.
   */
  static float roundToNearest(float x) {
    float floor = (float) Math.floor(x);
    float diff = x - floor;
    if (diff < 0.5f || (diff == 0.5f && ((int) floor) % 2 == 0)) {
      return floor;
    }
    return floor + 1.0f;
  }

  /** LiteRT's reference logistic: exact limits past its cutoffs, 1 / (1 + e^-x) between them. */
  private static float logistic(float x) {
    if (x > 16.619047164916992188f) {
      return 1.0f;
    }
    if (x < -9.0f) {
      return (float) Math.exp(x);
    }
    return 1.0f / (1.0f + (float) Math.exp(-x));
  }

  private static float alpha(FoldCall call) {
    OpOptions.LeakyRelu options = call.options(OpOptions.LeakyRelu.class);
    if (options == null) {
      throw new NotFoldable("LEAKY_RELU without its alpha");
    }
    return options.alpha();
  }

  private static Folded apply(FoldCall call, Fn fn) {
    Operand x = call.in(0);
    DataType type = call.outType(0);
    call.requireOutputType(x);
    call.checkSize(x.count());
    int[] dims = x.dims();
    return switch (Lane.of(type)) {
      case F32 -> {
        float[] v = fn.bitwise() ? x.floats() : Subnormals.checkAll(x.floats());
        for (int i = 0; i < v.length; i++) {
          v[i] = fn.f().apply(v[i]);
        }
        yield Folded.floats(dims, fn.bitwise() ? v : Subnormals.checkAll(v));
      }
      case INT -> {
        if (fn.l() == null) {
          throw new NotFoldable(call.op() + " on " + type);
        }
        long[] v = x.longs();
        for (int i = 0; i < v.length; i++) {
          v[i] = fn.l().apply(v[i]);
        }
        yield Folded.integers(type, dims, v);
      }
      default -> throw new NotFoldable(call.op() + " on " + type);
    };
  }

  /**
   * LiteRT's HARD_SWISH as its scalar loop computes it, {@code x * relu6(x + 3) * (1/6)} in float
   * (x86 builds run it for every element). ARM builds run a vector loop for all but the last
   * {@code n % 4} elements, {@code (x * (1/6)) * relu6(x + 3)}, which can differ in the last bit.
   */
  private static List<Folded> hardSwish(FoldCall call) {
    Operand x = call.in(0);
    call.requireOutputType(x);
    if (x.type() != DataType.FLOAT32) {
      throw new NotFoldable("HARD_SWISH on " + x.type());
    }
    call.checkSize(x.count());
    float[] v = Subnormals.checkAll(x.floats());
    for (int i = 0; i < v.length; i++) {
      float in = v[i];
      float shifted = in + 3f;
      float relu = 0f < shifted ? shifted : 0f; // std::max(0, x + 3)
      float relu6 = relu < 6f ? relu : 6f; // std::min(6, ...)
      v[i] = in * relu6 * (1f / 6f);
    }
    return List.of(Folded.floats(x.dims(), Subnormals.checkAll(v)));
  }

  private static List<Folded> logicalNot(FoldCall call) {
    Operand x = call.in(0);
    call.checkSize(x.count());
    boolean[] v = x.bools();
    for (int i = 0; i < v.length; i++) {
      v[i] = !v[i];
    }
    return List.of(Folded.bools(x.dims(), v));
  }

  private static List<Folded> zerosLike(FoldCall call) {
    Operand x = call.in(0);
    call.requireOutputType(x);
    call.checkSize(x.count());
    return List.of(Folded.bytes(x.dims(), new byte[NdIndex.bytes(x.count(), x.elementSize())]));
  }
}

package io.litertj.optimize.fold;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import java.util.List;

/**
 * Elementwise unary ops. Float math follows LiteRT's reference kernels in float; transcendental
 * functions (EXP, LOG, SIN, COS, TANH, ELU, LOGISTIC) are computed in double and rounded once to
 * float, which agrees with LiteRT's float kernels to within their own last-place error. NEG, ABS
 * and SQUARE also fold integers (wrapping); LOGICAL_NOT folds BOOL; ZEROS_LIKE any fixed-size type.
 */
final class UnaryKernels {

  private UnaryKernels() {}

  /** A float function, and optionally an integer one (null: floats only). */
  private record Fn(FloatFn f, LongFn l) {}

  private interface FloatFn {
    double apply(float x);
  }

  private interface LongFn {
    long apply(long x);
  }

  static void register(KernelTable table) {
    put(table, BuiltinOp.NEG, x -> -x, x -> -x);
    put(table, BuiltinOp.ABS, x -> Math.abs(x), Math::abs);
    put(table, BuiltinOp.SQUARE, x -> x * x, x -> x * x);
    put(table, BuiltinOp.EXP, x -> (float) Math.exp(x), null);
    put(table, BuiltinOp.LOG, x -> (float) Math.log(x), null);
    put(table, BuiltinOp.SQRT, x -> (float) Math.sqrt(x), null);
    put(table, BuiltinOp.RSQRT, x -> 1.0f / (float) Math.sqrt(x), null);
    put(table, BuiltinOp.FLOOR, x -> (float) Math.floor(x), null);
    put(table, BuiltinOp.CEIL, x -> (float) Math.ceil(x), null);
    // LiteRT rounds half to even, like tf.round.
    put(table, BuiltinOp.ROUND, x -> (float) Math.rint(x), null);
    put(table, BuiltinOp.SIN, x -> (float) Math.sin(x), null);
    put(table, BuiltinOp.COS, x -> (float) Math.cos(x), null);
    put(table, BuiltinOp.TANH, x -> (float) Math.tanh(x), null);
    put(table, BuiltinOp.LOGISTIC, x -> logistic(x), null);
    put(table, BuiltinOp.RELU, x -> x < 0 ? 0f : x, null);
    put(table, BuiltinOp.RELU6, x -> x > 6 ? 6f : x < 0 ? 0f : x, null);
    put(table, BuiltinOp.RELU_N1_TO_1, x -> x > 1 ? 1f : x < -1 ? -1f : x, null);
    table.put(BuiltinOp.LEAKY_RELU, call -> {
      float alpha = alpha(call);
      return List.of(apply(call, new Fn(x -> x > 0 ? x : x * alpha, null)));
    });
    put(table, BuiltinOp.ELU, x -> x < 0 ? (float) Math.expm1(x) : x, null);
    put(table, BuiltinOp.HARD_SWISH, x -> hardSwish(x), null);
    table.put(BuiltinOp.LOGICAL_NOT, UnaryKernels::logicalNot);
    table.put(BuiltinOp.ZEROS_LIKE, UnaryKernels::zerosLike);
  }

  private static void put(KernelTable table, BuiltinOp op, FloatFn f, LongFn l) {
    Fn fn = new Fn(f, l);
    table.put(op, call -> List.of(apply(call, fn)));
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

  /** LiteRT's reference: {@code x * std::min(6, std::max(0, x + 3)) / 6}, in float. */
  private static float hardSwish(float x) {
    float shifted = x + 3f;
    float relu = 0f < shifted ? shifted : 0f;
    float relu6 = relu < 6f ? relu : 6f;
    return x * relu6 / 6f;
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
        float[] v = x.floats();
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) fn.f().apply(v[i]);
        }
        yield Folded.floats(dims, v);
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
    return List.of(Folded.bytes(x.dims(), new byte[Math.multiplyExact((int) x.count(), x.elementSize())]));
  }
}

package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))} → GELU(x, approximate=true), as the official
 * converter fuses it: TF's and Keras's tanh-form gelu. The product may be grouped and ordered in
 * any way, the cube is POW(x, 3) or a product of x's, and each sum and product is matched in
 * either operand order.
 */
final class FuseGeluTanh extends PerOpPass {

  private static final double SQRT_2_OVER_PI = 0.7978845608028654;
  private static final double CUBE_COEFFICIENT = 0.044715;

  @Override
  public String name() {
    return "fuse-gelu-tanh";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator root) {
    GraphIndex index = context.index();
    if (Patterns.producer(index, root.output(0), BuiltinOp.MUL) != root) {
      return false;
    }
    for (Tensor[] f : Patterns.threeFactors(index, root)) {
      // f = {0.5, x, 1 + tanh(...)}
      if (Patterns.isScalar(f[0], 0.5) && isOnePlusTanh(index, f[2], f[1]) && Patterns.sameShape(f[1], root)) {
        Patterns.replace(context, root, BuiltinOp.GELU, List.of(f[1]), new OpOptions.Gelu(true));
        return true;
      }
    }
    return false;
  }

  /** {@code 1 + tanh(√(2/π)·(x + 0.044715·x³))}. */
  private static boolean isOnePlusTanh(GraphIndex index, Tensor t, Tensor x) {
    Operator add = Patterns.producer(index, t, BuiltinOp.ADD);
    if (add == null) {
      return false;
    }
    for (Tensor one : add.inputs()) {
      Operator tanh = Patterns.producer(index, Patterns.other(add, one), BuiltinOp.TANH);
      if (Patterns.isScalar(one, 1) && tanh != null && isScaledInner(index, tanh.input(0), x)) {
        return true;
      }
    }
    return false;
  }

  /** {@code √(2/π)·(x + 0.044715·x³)}. */
  private static boolean isScaledInner(GraphIndex index, Tensor t, Tensor x) {
    Operator mul = Patterns.producer(index, t, BuiltinOp.MUL);
    if (mul == null) {
      return false;
    }
    for (Tensor c : mul.inputs()) {
      if (Patterns.isScalar(c, SQRT_2_OVER_PI) && isInner(index, Patterns.other(mul, c), x)) {
        return true;
      }
    }
    return false;
  }

  /** {@code x + 0.044715·x³}. */
  private static boolean isInner(GraphIndex index, Tensor t, Tensor x) {
    Operator add = Patterns.producer(index, t, BuiltinOp.ADD);
    if (add == null || Patterns.other(add, x) == null) {
      return false;
    }
    Operator scaled = Patterns.producer(index, Patterns.other(add, x), BuiltinOp.MUL);
    if (scaled == null) {
      return false;
    }
    for (Tensor c : scaled.inputs()) {
      if (Patterns.isScalar(c, CUBE_COEFFICIENT) && isCube(index, Patterns.other(scaled, c), x)) {
        return true;
      }
    }
    return false;
  }

  /** {@code x³} as POW(x, 3), x·x·x in any grouping, or x·SQUARE(x). */
  private static boolean isCube(GraphIndex index, Tensor t, Tensor x) {
    Operator pow = Patterns.producer(index, t, BuiltinOp.POW);
    if (pow != null) {
      return pow.input(0) == x && Patterns.isScalar(pow.input(1), 3);
    }
    Operator mul = Patterns.producer(index, t, BuiltinOp.MUL);
    if (mul == null) {
      return false;
    }
    Tensor rest = Patterns.other(mul, x);
    if (rest == null) {
      return false;
    }
    Operator square = Patterns.producer(index, rest, BuiltinOp.SQUARE);
    if (square != null) {
      return square.input(0) == x;
    }
    Operator inner = Patterns.producer(index, rest, BuiltinOp.MUL);
    return inner != null && inner.input(0) == x && inner.input(1) == x;
  }
}

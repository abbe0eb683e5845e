package io.litertj.optimize;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * {@code x·relu6(x + 3)/6} → HARD_SWISH(x), as the official converter fuses it: Keras's
 * {@code hard_swish} activation ({@code x·(relu6(x + 3)/6)}), MobileNetV3's
 * {@code x·(relu6(x + 3)·(1/6))}, and the product first ({@code (x·relu6(x + 3))/6} or
 * {@code ·(1/6)}). The relu6 may already be fused into the ADD.
 */
final class FuseHardSwish extends PerOpPass {

  private static final double SIXTH = 1.0 / 6;

  @Override
  public String name() {
    return "fuse-hard-swish";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator root) {
    GraphIndex index = context.index();
    Tensor x = switch (root.op()) {
      case MUL -> Patterns.producer(index, root.output(0), BuiltinOp.MUL) == root ? matchMul(index, root) : null;
      case DIV -> Patterns.producer(index, root.output(0), BuiltinOp.DIV) == root
          && Patterns.isScalar(root.input(1), 6) ? productX(index, root.input(0)) : null;
      default -> null;
    };
    if (x == null || !Patterns.sameShape(x, root)) {
      return false;
    }
    Patterns.replace(context, root, BuiltinOp.HARD_SWISH, List.of(x), null);
    return true;
  }

  /** {@code x·hard_sigmoid(x)} or {@code (x·relu6(x + 3))·(1/6)}. */
  private static Tensor matchMul(GraphIndex index, Operator mul) {
    for (Tensor a : mul.inputs()) {
      Tensor b = Patterns.other(mul, a);
      if (isHardSigmoidOf(index, b, a)) {
        return a;
      }
      if (Patterns.isScalar(a, SIXTH)) {
        Tensor x = productX(index, b);
        if (x != null) {
          return x;
        }
      }
    }
    return null;
  }

  /** x if {@code t = x·relu6(x + 3)}. */
  private static Tensor productX(GraphIndex index, Tensor t) {
    Operator mul = Patterns.producer(index, t, BuiltinOp.MUL);
    if (mul == null) {
      return null;
    }
    for (Tensor x : mul.inputs()) {
      if (isRelu6OfXPlus3(index, Patterns.other(mul, x), x)) {
        return x;
      }
    }
    return null;
  }

  /** {@code t = relu6(x + 3)/6} or {@code relu6(x + 3)·(1/6)}. */
  private static boolean isHardSigmoidOf(GraphIndex index, Tensor t, Tensor x) {
    Operator div = Patterns.producer(index, t, BuiltinOp.DIV);
    if (div != null) {
      return Patterns.isScalar(div.input(1), 6) && isRelu6OfXPlus3(index, div.input(0), x);
    }
    Operator mul = Patterns.producer(index, t, BuiltinOp.MUL);
    if (mul == null) {
      return false;
    }
    for (Tensor c : mul.inputs()) {
      if (Patterns.isScalar(c, SIXTH) && isRelu6OfXPlus3(index, Patterns.other(mul, c), x)) {
        return true;
      }
    }
    return false;
  }

  /** {@code t = RELU6(ADD(x, 3))}, or an ADD(x, 3) with RELU6 fused. */
  private static boolean isRelu6OfXPlus3(GraphIndex index, Tensor t, Tensor x) {
    Operator relu6 = Patterns.producer(index, t, BuiltinOp.RELU6);
    Operator add;
    if (relu6 != null) {
      add = Patterns.producer(index, relu6.input(0), BuiltinOp.ADD);
    } else {
      add = index.producer(t);
      if (add == null || add.op() != BuiltinOp.ADD || Activations.of(add.options()) != Activation.RELU6
          || !Patterns.isPlainFloat(t)) {
        return false;
      }
    }
    if (add == null) {
      return false;
    }
    Tensor three = Patterns.other(add, x);
    return three != null && Patterns.isScalar(three, 3);
  }
}

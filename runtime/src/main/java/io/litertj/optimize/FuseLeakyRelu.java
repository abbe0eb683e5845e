package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * {@code max(x, α·x)} with a scalar constant 0 ≤ α ≤ 1 → LEAKY_RELU(x, α), as the official
 * converter fuses it (for such α the maximum is x where x ≥ 0 and α·x below).
 */
final class FuseLeakyRelu extends PerOpPass {

  @Override
  public String name() {
    return "fuse-leaky-relu";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator root) {
    GraphIndex index = context.index();
    if (root.op() != BuiltinOp.MAXIMUM || root.inputs().size() != 2 || !Patterns.isPlainFloat(root.output(0))) {
      return false;
    }
    for (Tensor x : root.inputs()) {
      Operator mul = Patterns.producer(index, Patterns.other(root, x), BuiltinOp.MUL);
      Tensor alpha = mul == null ? null : Patterns.other(mul, x);
      if (alpha != null && ConstantMath.isPlainFloat(alpha) && alpha.shape().numElements() == 1
          && Patterns.sameShape(x, root)) {
        float a = alpha.constantFloats()[0];
        if (a >= 0 && a <= 1) {
          Patterns.replace(context, root, BuiltinOp.LEAKY_RELU, List.of(x), new OpOptions.LeakyRelu(a));
          return true;
        }
      }
    }
    return false;
  }
}

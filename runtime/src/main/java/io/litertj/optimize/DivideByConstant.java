package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * {@code x / c} with a float constant c → {@code x * (1/c)}, as the official converter writes it:
 * LiteRT's MUL is faster than DIV, has integer kernels where DIV has none in int8 (so no float
 * island around it), and then folds into weights and other constant products. Only where every
 * reciprocal is finite and normal, so the product stays within an ulp of the quotient.
 */
final class DivideByConstant extends PerOpPass {

  @Override
  public String name() {
    return "divide-by-constant";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator root) {
    if (root.op() != BuiltinOp.DIV || root.inputs().size() != 2 || !Patterns.isPlainFloat(root.output(0))
        || !(root.options() instanceof OpOptions.Div div)) {
      return false;
    }
    Tensor divisor = root.input(1);
    if (!ConstantMath.isPlainFloat(divisor) || root.input(0).isConstant()) {
      return false;
    }
    float[] c = divisor.constantFloats();
    float[] reciprocal = new float[c.length];
    for (int i = 0; i < c.length; i++) {
      reciprocal[i] = 1f / c[i];
      if (!Float.isFinite(reciprocal[i]) || reciprocal[i] == 0 || Math.abs(reciprocal[i]) < Float.MIN_NORMAL) {
        return false;
      }
    }
    Tensor factor = ConstantMath.floatConstant(divisor.name() + "_reciprocal", divisor.shape(), reciprocal);
    Patterns.replace(context, root, BuiltinOp.MUL, List.of(root.input(0), factor), new OpOptions.Mul(div.activation()));
    return true;
  }
}

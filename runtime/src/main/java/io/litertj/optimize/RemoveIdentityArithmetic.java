package io.litertj.optimize;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * Drops arithmetic that returns its input: {@code x + 0}, {@code 0 + x}, {@code x - 0},
 * {@code x * 1}, {@code 1 * x} and {@code x / 1} with a float constant that does not broadcast the
 * result beyond x (the official converter's identity folds). Keras layers initialize a
 * LayerNormalization's beta to zeros and its gamma to ones, and a model exported before training
 * keeps them, so each normalization otherwise costs an ADD and a MUL for nothing.
 */
final class RemoveIdentityArithmetic extends PerOpPass {

  @Override
  public String name() {
    return "remove-identity-arithmetic";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator op) {
    if (op.inputs().size() != 2 || op.outputs().size() != 1 || Activations.of(op.options()) != Activation.NONE) {
      return false;
    }
    int passed = switch (op.op()) {
      case ADD -> ConstantMath.isAll(op.input(1), 0f) ? 0 : ConstantMath.isAll(op.input(0), 0f) ? 1 : -1;
      case SUB -> ConstantMath.isAll(op.input(1), 0f) ? 0 : -1;
      case MUL -> ConstantMath.isAll(op.input(1), 1f) ? 0 : ConstantMath.isAll(op.input(0), 1f) ? 1 : -1;
      case DIV -> ConstantMath.isAll(op.input(1), 1f) ? 0 : -1;
      default -> -1;
    };
    if (passed < 0) {
      return false;
    }
    Tensor x = op.input(passed);
    Tensor out = op.output(0);
    if (x == null || x.isConstant() || x.type() != DataType.FLOAT32 || x.quantization() != null
        || out.quantization() != null || !x.shape().equals(out.shape())) {
      return false;
    }
    Operator pass = passed == 0 ? op : new Operator(op.op(), List.of(x, op.input(0)), op.outputs(), op.options());
    if (pass != op) {
      context.replace(op, pass);
    }
    return Rewire.bypass(context, pass);
  }
}

package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.function.DoubleBinaryOperator;

/**
 * {@code MUL(affine(x), s)}, {@code MUL(s, affine(x))} and {@code DIV(affine(x), s)} with a
 * per-output-channel constant s → the affine op with its filter scaled along the output-channel
 * axis and its bias scaled (the official converter's FuseMulOrDivWithConv2dOrDepthwiseConv2d and
 * FuseFullyConnectedAndMul). This is the scale half of a batch norm; the following ADD is then
 * folded by {@link FoldBiasAdd}. Requires a constant filter; skips division by zero.
 */
final class FoldMulIntoWeights extends PerOpPass {

  @Override
  public String name() {
    return "fold-mul-into-weights";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator op) {
    GraphIndex index = context.index();
    AffineMatch m = switch (op.op()) {
      case MUL -> {
        AffineMatch left = AffineMatch.of(index, op, 0);
        yield left != null ? left : AffineMatch.of(index, op, 1);
      }
      case DIV -> AffineMatch.of(index, op, 0);
      default -> null;
    };
    if (m == null || !m.biasFoldable()) {
      return false;
    }
    Tensor filter = m.layout().filter(m.affine());
    if (!ConstantMath.isPlainFloat(filter) || filter.shape().rank() <= m.layout().channelAxis()) {
      return false;
    }
    boolean divide = op.op() == BuiltinOp.DIV;
    if (divide && hasZero(m.perChannel())) {
      return false;
    }
    DoubleBinaryOperator combine = divide ? (a, b) -> a / b : (a, b) -> a * b;
    TensorNames names = context.names();
    String base = op.output(0).name();
    float[] scaled = ConstantMath.alongAxis(filter.constantFloats(), filter.shape().dims(),
        m.layout().channelAxis(), m.perChannel(), combine);
    context.setInput(m.affine(), m.layout().filterIndex(),
        ConstantMath.floatConstant(names.unique(base + "/filter"), filter.shape(), scaled));
    Tensor bias = m.layout().bias(m.affine());
    if (bias != null) {
      float[] newBias = ConstantMath.elementwise(bias.constantFloats(), m.perChannel(), combine);
      context.setInput(m.affine(), m.layout().biasIndex(),
          ConstantMath.floatConstant(names.unique(base + "/bias"), bias.shape(), newBias));
    }
    m.absorbBinary(context);
    return true;
  }

  private static boolean hasZero(float[] values) {
    for (float v : values) {
      if (v == 0f) {
        return true;
      }
    }
    return false;
  }
}

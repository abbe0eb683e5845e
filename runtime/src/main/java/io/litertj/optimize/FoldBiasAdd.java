package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;

/**
 * {@code ADD(affine(x), c)}, {@code ADD(c, affine(x))} and {@code SUB(affine(x), c)} with a
 * per-output-channel constant c → the affine op with bias {@code bias ± c} (the official
 * converter's FuseBinaryOpToPrecedingAffine and FuseFullyConnectedAndAdd). An omitted bias counts
 * as zeros. This is how TF's BiasAdd and the offset half of a batch norm end up in the conv.
 */
final class FoldBiasAdd extends PerOpPass {

  @Override
  public String name() {
    return "fold-bias-add";
  }

  @Override
  boolean rewrite(RewriteContext context, Operator op) {
    GraphIndex index = context.index();
    AffineMatch m = switch (op.op()) {
      case ADD -> {
        AffineMatch left = AffineMatch.of(index, op, 0);
        yield left != null ? left : AffineMatch.of(index, op, 1);
      }
      case SUB -> AffineMatch.of(index, op, 0);
      default -> null;
    };
    if (m == null || !m.biasFoldable()) {
      return false;
    }
    Tensor bias = m.layout().bias(m.affine());
    int channels = m.perChannel().length;
    float[] old = bias == null ? new float[channels] : bias.constantFloats();
    float[] sum = op.op() == BuiltinOp.SUB
        ? ConstantMath.elementwise(old, m.perChannel(), (a, b) -> a - b)
        : ConstantMath.elementwise(old, m.perChannel(), Double::sum);
    String name = context.names().unique(op.output(0).name() + "/bias");
    Tensor newBias = ConstantMath.floatConstant(name, Shape.of(channels), sum);
    Operator affine = Rewire.setInput(context, m.affine(), m.layout().biasIndex(), newBias);
    new AffineMatch(op, affine, m.layout(), m.affineOutput(), m.perChannel()).absorbBinary(context);
    return true;
  }
}

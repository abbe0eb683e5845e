package io.litertj.legalize.math;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/** TF ops that LiteRT has no builtin for but that a few builtins compute exactly or closely. */
final class ComposedLegalizer {

  /** SELU's constants, as TensorFlow defines them. */
  private static final double SELU_SCALE = 1.0507009873554804934193349852946;
  private static final double SELU_ALPHA = 1.6732632423543772848170429916717;

  /** Abramowitz and Stegun 7.1.26: erf(x) = 1 - t(a1 + t(a2 + ...)) e^(-x^2), t = 1/(1 + p x), x >= 0. */
  private static final double ERF_P = 0.3275911;
  private static final double[] ERF_A = {0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429};

  private ComposedLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ComposedLegalizer::selu, "Selu");
    table.register(ComposedLegalizer::erf, "Erf");
  }

  /** selu(x) = elu(x) * (x > 0 ? scale : scale * alpha). */
  private static List<Tensor> selu(NodeContext ctx) {
    Tensor x = ctx.input(0);
    Elementwise.requireFloat32(ctx, x, "input");
    Tensor elu = Elementwise.unary(ctx, BuiltinOp.ELU, x);
    Tensor positive = Elementwise.predicate(ctx, BuiltinOp.GREATER, x, Elementwise.scalar(ctx, "zero", x.type(), 0));
    Tensor scale = Kernels.emit(ctx, BuiltinOp.SELECT_V2, List.of(positive,
            Elementwise.scalar(ctx, "scale", x.type(), SELU_SCALE),
            Elementwise.scalar(ctx, "scale_alpha", x.type(), SELU_SCALE * SELU_ALPHA)),
        x.type(), x.type(), positive.shape(), null);
    return List.of(Elementwise.binary(ctx, BuiltinOp.MUL, elu, scale));
  }

  /**
   * erf by a rational-exponential approximation with absolute error under 1.5e-7 (well inside
   * float32 conformance), evaluated on |x| and given x's sign. LiteRT has no ERF builtin.
   */
  private static List<Tensor> erf(NodeContext ctx) {
    Tensor x = ctx.input(0);
    Elementwise.requireFloat32(ctx, x, "input");
    DataType f = DataType.FLOAT32;
    Tensor one = Elementwise.scalar(ctx, "one", f, 1);
    Tensor a = Elementwise.unary(ctx, BuiltinOp.ABS, x);
    Tensor denominator = Elementwise.binary(ctx, BuiltinOp.ADD,
        Elementwise.binary(ctx, BuiltinOp.MUL, a, Elementwise.scalar(ctx, "p", f, ERF_P)), one);
    Tensor t = Elementwise.binary(ctx, BuiltinOp.DIV, one, denominator);
    Tensor poly = Elementwise.binary(ctx, BuiltinOp.MUL, t, Elementwise.scalar(ctx, "a5", f, ERF_A[4]));
    for (int i = ERF_A.length - 2; i >= 0; i--) {
      poly = Elementwise.binary(ctx, BuiltinOp.ADD, poly, Elementwise.scalar(ctx, "a" + (i + 1), f, ERF_A[i]));
      poly = Elementwise.binary(ctx, BuiltinOp.MUL, poly, t);
    }
    Tensor gaussian = Elementwise.unary(ctx, BuiltinOp.EXP,
        Elementwise.unary(ctx, BuiltinOp.NEG, Elementwise.unary(ctx, BuiltinOp.SQUARE, a)));
    Tensor magnitude = Elementwise.binary(ctx, BuiltinOp.SUB, one,
        Elementwise.binary(ctx, BuiltinOp.MUL, poly, gaussian));
    Tensor negative = Elementwise.predicate(ctx, BuiltinOp.LESS, x, Elementwise.scalar(ctx, "zero", f, 0));
    Tensor flipped = Elementwise.unary(ctx, BuiltinOp.NEG, magnitude);
    return List.of(Kernels.emit(ctx, BuiltinOp.SELECT_V2, List.of(negative, flipped, magnitude), f, f,
        x.shape(), null));
  }
}

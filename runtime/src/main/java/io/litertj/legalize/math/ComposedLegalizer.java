package io.litertj.legalize.math;

import io.litertj.compose.ErfExpansion;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/** TF ops that LiteRT has no builtin for but that a few builtins compute exactly or closely. */
final class ComposedLegalizer {

  /** SELU's constants, as TensorFlow defines them. */
  private static final double SELU_SCALE = 1.0507009873554804934193349852946;
  private static final double SELU_ALPHA = 1.6732632423543772848170429916717;

  private ComposedLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(ComposedLegalizer::selu, "Selu");
    table.register(ComposedLegalizer::erf, "Erf");
    table.register(ComposedLegalizer::erfc, "Erfc");
    table.register(ComposedLegalizer::log1p, "Log1p");
    table.register(ComposedLegalizer::softplus, "Softplus");
    table.register(ComposedLegalizer::reciprocal, "Reciprocal", "Inv");
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

  /** erf and erfc have no LiteRT builtin: {@link ErfExpansion} spells them (a GELU around one is matched first). */
  private static List<Tensor> erf(NodeContext ctx) {
    Elementwise.requireFloat32(ctx, ctx.input(0), "input");
    return List.of(ErfExpansion.erf(new NodeEmitter(ctx), ctx.input(0)));
  }

  private static List<Tensor> erfc(NodeContext ctx) {
    Elementwise.requireFloat32(ctx, ctx.input(0), "input");
    return List.of(ErfExpansion.erfc(new NodeEmitter(ctx), ctx.input(0)));
  }

  /** log1p(x) = LOG(x + 1), as the official converter writes it. */
  private static List<Tensor> log1p(NodeContext ctx) {
    Tensor x = ctx.input(0);
    Elementwise.requireFloat32(ctx, x, "input");
    Tensor plusOne = Elementwise.binary(ctx, BuiltinOp.ADD, x, Elementwise.scalar(ctx, "one", x.type(), 1));
    return List.of(Elementwise.unary(ctx, BuiltinOp.LOG, plusOne));
  }

  /**
   * softplus(x) = max(x, 0) + log(1 + exp(-|x|)): the official converter's LOG(EXP(x) + 1)
   * overflows to inf above x = 88, this form is exact there and loses nothing below.
   */
  private static List<Tensor> softplus(NodeContext ctx) {
    Tensor x = ctx.input(0);
    Elementwise.requireFloat32(ctx, x, "input");
    Tensor decay = Elementwise.unary(ctx, BuiltinOp.EXP,
        Elementwise.unary(ctx, BuiltinOp.NEG, Elementwise.unary(ctx, BuiltinOp.ABS, x)));
    Tensor tail = Elementwise.unary(ctx, BuiltinOp.LOG,
        Elementwise.binary(ctx, BuiltinOp.ADD, decay, Elementwise.scalar(ctx, "one", x.type(), 1)));
    return List.of(Elementwise.binary(ctx, BuiltinOp.ADD, Elementwise.unary(ctx, BuiltinOp.RELU, x), tail));
  }

  /** 1 / x (integers divide truncating, as TF's Reciprocal does). */
  private static List<Tensor> reciprocal(NodeContext ctx) {
    Tensor x = ctx.input(0);
    return List.of(Elementwise.binary(ctx, BuiltinOp.DIV, Elementwise.scalar(ctx, "one", x.type(), 1), x));
  }
}

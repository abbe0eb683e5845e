package io.litertj.legalize.math;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.OpLegalizer;
import java.util.List;

/**
 * Elementwise TF ops of one input, each one LiteRT op of the same type and shape. Where LiteRT's
 * kernel is float-only but TF also computes integers, the integer form is spelled with integer ops
 * (Relu as MAXIMUM with 0, as the official converter does; Square as MUL).
 */
final class UnaryLegalizer {

  private UnaryLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(UnaryLegalizer::relu, "Relu");
    table.register(UnaryLegalizer::relu6, "Relu6");
    table.register(UnaryLegalizer::square, "Square");
    table.register(UnaryLegalizer::leakyRelu, "LeakyRelu");
    table.register(UnaryLegalizer::roundingOrIdentity, "Round", "Floor", "Ceil");
    table.register(plain(BuiltinOp.ELU), "Elu");
    table.register(plain(BuiltinOp.LOGISTIC), "Sigmoid");
    table.register(plain(BuiltinOp.TANH), "Tanh");
    table.register(plain(BuiltinOp.SOFTMAX), "Softmax");
    table.register(plain(BuiltinOp.LOG_SOFTMAX), "LogSoftmax");
    table.register(plain(BuiltinOp.EXP), "Exp");
    table.register(plain(BuiltinOp.LOG), "Log");
    table.register(plain(BuiltinOp.SQRT), "Sqrt");
    table.register(plain(BuiltinOp.RSQRT), "Rsqrt");
    table.register(plain(BuiltinOp.NEG), "Neg");
    table.register(plain(BuiltinOp.ABS), "Abs");
    table.register(plain(BuiltinOp.SIN), "Sin");
    table.register(plain(BuiltinOp.COS), "Cos");
    table.register(plain(BuiltinOp.LOGICAL_NOT), "LogicalNot");
    table.register(plain(BuiltinOp.SIGN), "Sign");
  }

  private static OpLegalizer plain(BuiltinOp op) {
    return ctx -> List.of(Elementwise.unary(ctx, op, ctx.input(0)));
  }

  private static List<Tensor> relu(NodeContext ctx) {
    Tensor x = ctx.input(0);
    if (x.type().isInteger()) {
      return List.of(Elementwise.binary(ctx, BuiltinOp.MAXIMUM, x, Elementwise.scalar(ctx, "zero", x.type(), 0)));
    }
    return List.of(Elementwise.unary(ctx, BuiltinOp.RELU, x));
  }

  private static List<Tensor> relu6(NodeContext ctx) {
    Tensor x = ctx.input(0);
    if (x.type().isInteger()) {
      Tensor low = Elementwise.binary(ctx, BuiltinOp.MAXIMUM, x, Elementwise.scalar(ctx, "zero", x.type(), 0));
      return List.of(Elementwise.binary(ctx, BuiltinOp.MINIMUM, low, Elementwise.scalar(ctx, "six", x.type(), 6)));
    }
    return List.of(Elementwise.unary(ctx, BuiltinOp.RELU6, x));
  }

  private static List<Tensor> square(NodeContext ctx) {
    Tensor x = ctx.input(0);
    if (x.type().isInteger()) {
      return List.of(Elementwise.binary(ctx, BuiltinOp.MUL, x, x));
    }
    return List.of(Elementwise.unary(ctx, BuiltinOp.SQUARE, x));
  }

  private static List<Tensor> leakyRelu(NodeContext ctx) {
    Tensor x = ctx.input(0);
    float alpha = ctx.attrFloat("alpha", 0.2f);
    return List.of(Kernels.emit(ctx, BuiltinOp.LEAKY_RELU, List.of(x), x.shape(), new OpOptions.LeakyRelu(alpha)));
  }

  /** Round, Floor and Ceil leave integers unchanged in TF; LiteRT's kernels take floats only. */
  private static List<Tensor> roundingOrIdentity(NodeContext ctx) {
    Tensor x = ctx.input(0);
    if (x.type().isInteger()) {
      return List.of(x);
    }
    BuiltinOp op = switch (ctx.op()) {
      case "Round" -> BuiltinOp.ROUND;
      case "Floor" -> BuiltinOp.FLOOR;
      default -> BuiltinOp.CEIL;
    };
    return List.of(Elementwise.unary(ctx, op, x));
  }
}

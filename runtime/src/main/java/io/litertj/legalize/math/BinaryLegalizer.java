package io.litertj.legalize.math;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.OpLegalizer;
import java.util.List;

/**
 * Broadcasting binary TF ops, each one LiteRT op: arithmetic (fused activation NONE; the
 * optimizer fuses activations later), comparisons and logical ops (BOOL results), and BiasAdd as
 * ADD of the bias.
 */
final class BinaryLegalizer {

  private BinaryLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(arithmetic(BuiltinOp.ADD), "Add", "AddV2");
    table.register(arithmetic(BuiltinOp.SUB), "Sub");
    table.register(ErfGelu.orElse(arithmetic(BuiltinOp.MUL)), "Mul");
    // TF Div on integers truncates toward zero, as LiteRT's DIV does.
    table.register(arithmetic(BuiltinOp.DIV), "RealDiv", "Div");
    table.register(arithmetic(BuiltinOp.FLOOR_DIV), "FloorDiv");
    table.register(arithmetic(BuiltinOp.FLOOR_MOD), "FloorMod");
    table.register(arithmetic(BuiltinOp.MAXIMUM), "Maximum");
    table.register(arithmetic(BuiltinOp.MINIMUM), "Minimum");
    table.register(BinaryLegalizer::squaredDifference, "SquaredDifference");
    table.register(arithmetic(BuiltinOp.POW), "Pow");
    table.register(BinaryLegalizer::atan2, "Atan2");
    table.register(arithmetic(BuiltinOp.BITWISE_XOR), "BitwiseXor");
    table.register(arithmetic(BuiltinOp.RIGHT_SHIFT), "RightShift");
    table.register(predicate(BuiltinOp.LESS), "Less");
    table.register(predicate(BuiltinOp.LESS_EQUAL), "LessEqual");
    table.register(predicate(BuiltinOp.GREATER), "Greater");
    table.register(predicate(BuiltinOp.GREATER_EQUAL), "GreaterEqual");
    table.register(predicate(BuiltinOp.EQUAL), "Equal");
    table.register(predicate(BuiltinOp.NOT_EQUAL), "NotEqual");
    table.register(predicate(BuiltinOp.LOGICAL_AND), "LogicalAnd");
    table.register(predicate(BuiltinOp.LOGICAL_OR), "LogicalOr");
    table.register(BinaryLegalizer::biasAdd, "BiasAdd", "BiasAddV1");
  }

  private static OpLegalizer arithmetic(BuiltinOp op) {
    return ctx -> List.of(Elementwise.binary(ctx, op, ctx.input(0), ctx.input(1)));
  }

  private static OpLegalizer predicate(BuiltinOp op) {
    return ctx -> List.of(Elementwise.predicate(ctx, op, ctx.input(0), ctx.input(1)));
  }

  /**
   * SQUARED_DIFFERENCE, or SQUARE(SUB) where it would broadcast above rank 4: LiteRT's kernel
   * broadcasts up to 4-D only and aborts the process beyond (group norms have rank-5 moments).
   */
  private static List<Tensor> squaredDifference(NodeContext ctx) {
    Tensor a = ctx.input(0);
    Tensor b = ctx.input(1);
    Shape shape = Broadcast.of(ctx, a.shape(), b.shape());
    if (shape.rank() <= 4 || a.shape().equals(b.shape())) {
      return List.of(Elementwise.binary(ctx, BuiltinOp.SQUARED_DIFFERENCE, a, b));
    }
    Tensor difference = Elementwise.binary(ctx, BuiltinOp.SUB, a, b);
    return List.of(a.type().isInteger()
        ? Elementwise.binary(ctx, BuiltinOp.MUL, difference, difference)
        : Elementwise.unary(ctx, BuiltinOp.SQUARE, difference));
  }

  /**
   * ATAN2, whose LiteRT kernel needs operands of one shape: a broadcast operand is first multiplied
   * by ones of the other's shape (exact, and keeps the sign of zeros, which atan2 reads).
   */
  private static List<Tensor> atan2(NodeContext ctx) {
    Tensor y = ctx.input(0);
    Tensor x = ctx.input(1);
    Elementwise.requireFloat32(ctx, y, "input");
    if (!y.shape().equals(x.shape())) {
      Shape shape = Broadcast.of(ctx, y.shape(), x.shape());
      Tensor y0 = y;
      if (!y.shape().equals(shape)) {
        y = Elementwise.binary(ctx, BuiltinOp.MUL, y, onesLike(ctx, x));
      }
      if (!x.shape().equals(shape)) {
        x = Elementwise.binary(ctx, BuiltinOp.MUL, x, onesLike(ctx, y0));
      }
    }
    return List.of(Kernels.emit(ctx, BuiltinOp.ATAN2, List.of(y, x), y.shape(), null));
  }

  private static Tensor onesLike(NodeContext ctx, Tensor t) {
    Tensor zeros = ctx.emit(BuiltinOp.ZEROS_LIKE, List.of(t), t.type(), t.shape(), null);
    return Elementwise.binary(ctx, BuiltinOp.ADD, zeros, Elementwise.scalar(ctx, "one", t.type(), 1));
  }

  /** BiasAdd (channels last) is ADD of the 1-D bias, which the optimizer folds into a conv's bias. */
  private static List<Tensor> biasAdd(NodeContext ctx) {
    String format = ctx.attrString("data_format", "NHWC");
    if (!format.equals("NHWC")) {
      throw ctx.error("uses data_format " + format + "; only channels-last (NHWC) is supported",
          "export the model with channels-last layout (the default on CPU)");
    }
    Tensor value = ctx.input(0);
    Tensor bias = ctx.input(1);
    Shape shape = value.shape();
    if (shape.rank() < 2 || bias.shape().rank() != 1) {
      throw ctx.error("needs a value of rank 2 or more and a 1-D bias, got " + shape + " and " + bias.shape(), null);
    }
    int channels = shape.dim(-1);
    int biasSize = bias.shape().dim(0);
    if (channels >= 0 && biasSize >= 0 && channels != biasSize) {
      throw ctx.error("has " + biasSize + " biases for " + channels + " channels", null);
    }
    return List.of(Elementwise.binary(ctx, BuiltinOp.ADD, value, bias));
  }
}

package io.litertj.legalize.math;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.NodeContext;
import java.util.List;

/**
 * Emission of LiteRT elementwise ops with their shapes inferred (broadcasting for binary ops) and
 * their default options, for legalizers that build a TF op out of several LiteRT ops.
 */
final class Elementwise {

  private Elementwise() {}

  /** The options LiteRT's exporter writes for a plain elementwise op; fused activation NONE. */
  static OpOptions defaultOptions(BuiltinOp op) {
    return OpOptions.plain(op);
  }

  /** {@code op(x)} with x's type and shape. */
  static Tensor unary(NodeContext ctx, BuiltinOp op, Tensor x) {
    return Kernels.emit(ctx, op, List.of(x), x.shape(), defaultOptions(op));
  }

  /** {@code op(a, b)} with a's type and the broadcast shape. */
  static Tensor binary(NodeContext ctx, BuiltinOp op, Tensor a, Tensor b) {
    return Kernels.emit(ctx, op, List.of(a, b), Broadcast.of(ctx, a.shape(), b.shape()), defaultOptions(op));
  }

  /** A comparison or logical op: BOOL result of the broadcast shape. */
  static Tensor predicate(NodeContext ctx, BuiltinOp op, Tensor a, Tensor b) {
    return Kernels.emit(ctx, op, List.of(a, b), a.type(), DataType.BOOL, Broadcast.of(ctx, a.shape(), b.shape()),
        null);
  }

  /** A scalar constant of a numeric type, named after the node. */
  static Tensor scalar(NodeContext ctx, String suffix, DataType type, double value) {
    ConstantData data = switch (type) {
      case FLOAT32 -> ConstantData.ofFloats((float) value);
      case INT32 -> ConstantData.ofInts((int) value);
      case INT64 -> ConstantData.ofLongs((long) value);
      default -> throw ctx.error("needs a constant of type " + type + ", which this converter cannot make", null);
    };
    return ctx.constant(suffix, type, Shape.scalar(), data);
  }

  /** Fails unless the value is FLOAT32, for ops LiteRT only has float kernels for. */
  static void requireFloat32(NodeContext ctx, Tensor x, String what) {
    if (x.type() != DataType.FLOAT32) {
      throw ctx.error("has a " + x.type() + " " + what + "; LiteRT computes this op on FLOAT32 only",
          "cast the " + what + " to float32 in the model");
    }
  }
}

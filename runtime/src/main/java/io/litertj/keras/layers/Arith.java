package io.litertj.keras.layers;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import io.litertj.keras.LayerContext;
import java.util.List;

/** Elementwise LiteRT ops on float tensors, with numpy broadcasting of the result shape. */
final class Arith {

  private Arith() {}

  static Tensor unary(LayerContext ctx, BuiltinOp op, Tensor x) {
    return ctx.emit(op, List.of(x), x.shape(), options(op));
  }

  static Tensor binary(LayerContext ctx, BuiltinOp op, Tensor a, Tensor b) {
    return ctx.emit(op, List.of(a, b), Broadcasting.shape(a.shape(), b.shape()), options(op));
  }

  static Tensor mul(LayerContext ctx, Tensor a, Tensor b) {
    return binary(ctx, BuiltinOp.MUL, a, b);
  }

  static Tensor add(LayerContext ctx, Tensor a, Tensor b) {
    return binary(ctx, BuiltinOp.ADD, a, b);
  }

  static Tensor sub(LayerContext ctx, Tensor a, Tensor b) {
    return binary(ctx, BuiltinOp.SUB, a, b);
  }

  /** {@code x * c} for a constant {@code c}. */
  static Tensor mul(LayerContext ctx, Tensor x, String name, double c) {
    return mul(ctx, x, ctx.scalar(name, (float) c));
  }

  /** {@code x + c} for a constant {@code c}. */
  static Tensor add(LayerContext ctx, Tensor x, String name, double c) {
    return add(ctx, x, ctx.scalar(name, (float) c));
  }

  /** A BOOL comparison such as {@code GREATER(a, b)}. */
  static Tensor compare(LayerContext ctx, BuiltinOp op, Tensor a, Tensor b) {
    return ctx.emit(op, List.of(a, b), DataType.BOOL, Broadcasting.shape(a.shape(), b.shape()), null);
  }

  /** {@code where(condition, a, b)}, broadcasting all three. */
  static Tensor select(LayerContext ctx, Tensor condition, Tensor a, Tensor b) {
    return ctx.emit(BuiltinOp.SELECT_V2, List.of(condition, a, b),
        Broadcasting.shape(condition.shape(), Broadcasting.shape(a.shape(), b.shape())), null);
  }

  private static OpOptions options(BuiltinOp op) {
    return OpOptions.plain(op);
  }
}

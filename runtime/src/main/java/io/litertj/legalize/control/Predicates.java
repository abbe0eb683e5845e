package io.litertj.legalize.control;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.legalize.NodeContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * TensorFlow's rule for a condition that is not a boolean (If's cond, While's cond result): a
 * number is true when it is not zero. LiteRT's IF and WHILE take booleans only.
 */
final class Predicates {

  private Predicates() {}

  /**
   * {@code value} as a boolean scalar, appending a NOT_EQUAL to zero to {@code subgraph} when it
   * is a number. Non-scalar conditions are refused (TF tests them for being non-empty).
   */
  static Tensor toBool(NodeContext ctx, Subgraph subgraph, Tensor value) {
    checkScalar(ctx, value);
    if (value.type() == DataType.BOOL) {
      return value;
    }
    Tensor zero = Tensor.constant(value.name() + "/zero", value.type(), Shape.scalar(), zero(ctx, value.type()));
    Tensor out = new Tensor(value.name() + "/not_zero", DataType.BOOL, Shape.scalar());
    subgraph.addOperator(new Operator(BuiltinOp.NOT_EQUAL, List.of(value, zero), List.of(out), null));
    return out;
  }

  /** {@code value} as a boolean scalar in the node's own graph (constants fold). */
  static Tensor toBool(NodeContext ctx, Tensor value) {
    checkScalar(ctx, value);
    if (value.type() == DataType.BOOL) {
      return value;
    }
    Tensor zero = ctx.constant("zero", value.type(), Shape.scalar(), zero(ctx, value.type()));
    return ctx.emit(BuiltinOp.NOT_EQUAL, List.of(value, zero), DataType.BOOL, Shape.scalar(), null);
  }

  private static void checkScalar(NodeContext ctx, Tensor value) {
    if (value.shape().numElements() != 1 || !value.shape().isStatic()) {
      throw ctx.error("has a condition of shape " + value.shape() + "; only single values are supported",
          "make the condition a scalar (tf.reduce_any / tf.reduce_all, or index it)");
    }
  }

  private static ConstantData zero(NodeContext ctx, DataType type) {
    if (type.byteSize() <= 0 || type == DataType.STRING) {
      throw ctx.error("has a condition of type " + type, "use a boolean or numeric condition");
    }
    return ConstantData.of(ByteBuffer.allocate(type.byteSize()).order(ByteOrder.LITTLE_ENDIAN));
  }
}

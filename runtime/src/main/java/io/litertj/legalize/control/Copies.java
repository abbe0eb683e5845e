package io.litertj.legalize.control;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.List;

/**
 * Copies a loop body appends when it returns one of its inputs as another loop value (a swap):
 * LiteRT's WHILE copies the body's outputs into its inputs one after the other, so an output that
 * is an input already overwritten would hand the next iteration the wrong value.
 */
final class Copies {

  private Copies() {}

  /** A new tensor in {@code subgraph} holding {@code t}'s value (RESHAPE to its own shape). */
  static Tensor of(Subgraph subgraph, Tensor t) {
    Tensor shape;
    int rank = t.shape().rank();
    if (t.shape().isStatic()) {
      shape = Tensor.constant(t.name() + "/copy_shape", DataType.INT32, Shape.of(rank),
          ConstantData.ofInts(t.shape().dims()));
    } else {
      shape = new Tensor(t.name() + "/copy_shape", DataType.INT32, Shape.of(rank));
      subgraph.addOperator(new Operator(BuiltinOp.SHAPE, List.of(t), List.of(shape),
          new OpOptions.ShapeOp(DataType.INT32)));
    }
    Tensor copy = new Tensor(t.name() + "/copy", t.type(), t.shape());
    copy.setQuantization(t.quantization());
    subgraph.addOperator(new Operator(BuiltinOp.RESHAPE, List.of(t, shape), List.of(copy),
        t.shape().isStatic() ? new OpOptions.Reshape(t.shape().dims()) : null));
    return copy;
  }
}

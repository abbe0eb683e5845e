package io.litertj.legalize.math;

import io.litertj.compose.Emitter;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.NodeContext;
import java.util.List;

/** A composition emitted for one TF node: folded on constants, kernels checked, named after the node. */
record NodeEmitter(NodeContext ctx) implements Emitter {

  @Override
  public Tensor emit(String step, BuiltinOp op, List<Tensor> inputs, DataType outType, Shape outShape,
      OpOptions options) {
    return Kernels.emit(ctx, op, inputs, inputs.get(0).type(), outType, outShape, options);
  }

  @Override
  public Tensor constant(String step, float value) {
    return ctx.scalarFloat(step, value);
  }
}

package io.litertj.legalize.math;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/** AddN → ADD_N, or a chain of ADDs for types ADD_N lacks a kernel for (INT64). */
final class AddNLegalizer {

  private AddNLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(AddNLegalizer::addN, "AddN");
  }

  private static List<Tensor> addN(NodeContext ctx) {
    List<Tensor> inputs = ctx.inputs();
    if (inputs.size() == 1) {
      return List.of(inputs.get(0));
    }
    Tensor first = inputs.get(0);
    Shape[] shapes = inputs.stream().map(Tensor::shape).toArray(Shape[]::new);
    Shape out = Broadcast.of(ctx, shapes);
    if (Kernels.supports(BuiltinOp.ADD_N, first.type())) {
      return List.of(Kernels.emit(ctx, BuiltinOp.ADD_N, inputs, out, null));
    }
    Tensor sum = first;
    for (int i = 1; i < inputs.size(); i++) {
      sum = Elementwise.binary(ctx, BuiltinOp.ADD, sum, inputs.get(i));
    }
    return List.of(sum);
  }
}

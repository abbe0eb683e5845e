package io.litertj.tflite;

import io.litertj.ConversionException;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * What LiteRT's WHILE and IF kernels require of the subgraphs they run: as many inputs and outputs
 * as the operator passes and receives, of the same types. Checked before writing, so that a
 * mismatch is an error naming the operator here rather than a model LiteRT refuses to prepare.
 */
final class ControlFlowChecks {

  private ControlFlowChecks() {}

  static void check(Operator op, Subgraph owner) {
    if (op.options() instanceof OpOptions.While w) {
      List<DataType> loop = types(op.inputs());
      same(op, owner, "outputs", loop, types(op.outputs()));
      same(op, owner, "cond subgraph '" + w.cond().name() + "' inputs", loop, types(w.cond().inputs().values()));
      same(op, owner, "body subgraph '" + w.body().name() + "' inputs", loop, types(w.body().inputs().values()));
      same(op, owner, "body subgraph '" + w.body().name() + "' outputs", loop, types(w.body().outputs().values()));
      same(op, owner, "cond subgraph '" + w.cond().name() + "' output", List.of(DataType.BOOL),
          types(w.cond().outputs().values()));
    } else if (op.options() instanceof OpOptions.If f) {
      if (op.inputs().isEmpty() || op.input(0) == null || op.input(0).type() != DataType.BOOL) {
        throw problem(op, owner, "its first input must be a boolean condition");
      }
      List<DataType> args = types(op.inputs().subList(1, op.inputs().size()));
      List<DataType> results = types(op.outputs());
      for (Subgraph branch : f.subgraphs()) {
        same(op, owner, "branch '" + branch.name() + "' inputs", args, types(branch.inputs().values()));
        same(op, owner, "branch '" + branch.name() + "' outputs", results, types(branch.outputs().values()));
      }
    }
  }

  private static void same(Operator op, Subgraph owner, String what, List<DataType> expected, List<DataType> actual) {
    if (!expected.equals(actual)) {
      throw problem(op, owner, what + " are " + actual + ", but the operator passes " + expected);
    }
  }

  private static ConversionException problem(Operator op, Subgraph owner, String text) {
    return ConversionException.builder(op.op() + " in subgraph '" + owner.name() + "': " + text)
        .opType(op.op().name())
        .build();
  }

  private static List<DataType> types(java.util.Collection<Tensor> tensors) {
    List<DataType> out = new ArrayList<>();
    for (Tensor t : tensors) {
      out.add(t == null ? null : t.type());
    }
    return out;
  }
}

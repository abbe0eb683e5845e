package io.litertj.tflite;

import io.litertj.ConversionException;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tensors of one subgraph in the order they are written: signature inputs, then each
 * operator's inputs and outputs in execution order, then outputs not seen yet. Tensors are
 * identified by object identity, so the order depends on the graph only.
 */
final class TensorTable {

  private final List<Tensor> tensors = new ArrayList<>();
  private final Map<Tensor, Integer> indices = new IdentityHashMap<>();

  static TensorTable of(Subgraph subgraph) {
    TensorTable table = new TensorTable();
    subgraph.inputs().forEach((name, tensor) -> table.add(tensor, "input '" + name + "'", subgraph));
    for (Operator op : subgraph.operators()) {
      for (Tensor in : op.inputs()) {
        if (in != null) {
          table.add(in, op.op().name() + " input", subgraph);
        }
      }
      for (Tensor out : op.outputs()) {
        if (out == null) {
          throw new ConversionException("operator " + op.op() + " in subgraph '" + subgraph.name()
              + "' has a missing output");
        }
        table.add(out, op.op().name() + " output", subgraph);
      }
      for (Tensor t : op.intermediates()) {
        table.add(t, op.op().name() + " intermediate", subgraph);
      }
    }
    subgraph.outputs().forEach((name, tensor) -> table.add(tensor, "output '" + name + "'", subgraph));
    return table;
  }

  private void add(Tensor tensor, String role, Subgraph subgraph) {
    if (tensor == null) {
      throw new ConversionException("subgraph '" + subgraph.name() + "' has no tensor for " + role);
    }
    indices.computeIfAbsent(tensor, t -> {
      tensors.add(t);
      return tensors.size() - 1;
    });
  }

  List<Tensor> tensors() {
    return Collections.unmodifiableList(tensors);
  }

  int indexOf(Tensor tensor) {
    Integer index = indices.get(tensor);
    if (index == null) {
      throw new IllegalStateException("tensor not collected: " + tensor);
    }
    return index;
  }

  /** The index to write for an operator input: -1 marks an omitted optional input. */
  int inputIndexOf(Tensor tensor) {
    return tensor == null ? -1 : indexOf(tensor);
  }
}

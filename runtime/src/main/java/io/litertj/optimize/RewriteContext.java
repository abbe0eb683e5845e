package io.litertj.optimize;

import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a {@link PerOpPass} rewrite sees and edits the graph through: the graph, an index kept
 * current with every edit, and the tensor names in use. Removed operators leave the graph's list
 * in one sweep at {@link #commit()}, so that a pass stays linear in the size of the graph.
 */
final class RewriteContext {

  private final Subgraph graph;
  private final GraphIndex index;
  private TensorNames names;
  private boolean removed;

  RewriteContext(Subgraph graph) {
    this.graph = graph;
    this.index = GraphIndex.of(graph);
  }

  Subgraph graph() {
    return graph;
  }

  GraphIndex index() {
    return index;
  }

  /** Names in use, collected on first need; names handed out are added. */
  TensorNames names() {
    if (names == null) {
      names = TensorNames.of(graph);
    }
    return names;
  }

  void setInput(Operator op, int slot, Tensor tensor) {
    index.removeRead(op.input(slot), op);
    op.setInput(slot, tensor);
    index.addRead(tensor, op);
  }

  void setOutput(Operator op, int slot, Tensor tensor) {
    index.setProducer(op.output(slot), tensor, op);
    op.setOutput(slot, tensor);
  }

  /** Drops {@code op}; it leaves the graph's list at {@link #commit()}. */
  void remove(Operator op) {
    index.remove(op);
    removed = true;
  }

  /** Puts {@code replacement} where {@code op} is in the execution order. */
  void replace(Operator op, Operator replacement) {
    index.remove(op);
    index.add(replacement);
    List<Operator> ops = new ArrayList<>(graph.operators());
    ops.replaceAll(o -> o == op ? replacement : o);
    graph.replaceOperators(ops);
  }

  /** Redirects every reader of {@code from}, operators and subgraph outputs, to {@code to}. */
  void replaceUses(Tensor from, Tensor to) {
    for (Operator reader : index.readers(from)) {
      for (int i = 0; i < reader.inputs().size(); i++) {
        if (reader.input(i) == from) {
          setInput(reader, i, to);
        }
      }
    }
    if (index.isOutput(from)) {
      for (Map.Entry<String, Tensor> e : graph.outputs().entrySet()) {
        if (e.getValue() == from) {
          graph.setOutput(e.getKey(), to);
        }
      }
      index.refreshOutputs(graph);
    }
  }

  /** Applies pending removals to the graph's operator list. */
  void commit() {
    if (removed) {
      List<Operator> ops = new ArrayList<>(graph.operators());
      ops.removeIf(op -> !index.isLive(op));
      graph.replaceOperators(ops);
      removed = false;
    }
  }
}

package io.litertj.optimize;

import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Graph edits shared by the passes. */
final class Rewire {

  private Rewire() {}

  /**
   * Makes {@code producer} compute {@code follower}'s output directly and removes
   * {@code follower}. The caller has checked that the producer's old output is read by the
   * follower alone. The surviving tensor is the follower's, so its name and any subgraph-output
   * mapping to it are kept.
   */
  static void absorb(Subgraph g, Operator producer, Tensor producerOutput, Operator follower) {
    int slot = producer.outputs().indexOf(producerOutput);
    producer.setOutput(slot, follower.output(0));
    g.removeOperator(follower);
  }

  /**
   * Sets input {@code index} of {@code op}, growing its input list with omitted inputs if it is
   * shorter; the operator is replaced by a copy in that case, since its list has a fixed size.
   * Returns the operator now in the graph.
   */
  static Operator setInput(Subgraph g, Operator op, int index, Tensor tensor) {
    if (index < op.inputs().size()) {
      op.setInput(index, tensor);
      return op;
    }
    List<Tensor> inputs = new ArrayList<>(op.inputs());
    while (inputs.size() <= index) {
      inputs.add(null);
    }
    inputs.set(index, tensor);
    Operator copy = new Operator(op.op(), inputs, op.outputs(), op.options());
    List<Operator> ops = new ArrayList<>(g.operators());
    ops.replaceAll(o -> o == op ? copy : o);
    g.replaceOperators(ops);
    return copy;
  }

  /**
   * Removes a single-input operator that passes its input through unchanged. Readers of its
   * output read the input instead. When the output is a subgraph output, the op's input producer
   * computes it directly instead (keeping the output's name); if that is impossible (the input is
   * a subgraph input, a constant, or read elsewhere) the op stays. Returns whether it was removed.
   */
  static boolean bypass(Subgraph g, GraphIndex index, Operator op) {
    Tensor in = op.input(0);
    Tensor out = op.output(0);
    if (!index.isOutput(out)) {
      g.replaceAllUses(out, in);
      g.removeOperator(op);
      return true;
    }
    Operator producer = index.producer(in);
    if (producer == null || !index.hasSingleOpUse(in)) {
      return false;
    }
    absorb(g, producer, in, op);
    return true;
  }
}

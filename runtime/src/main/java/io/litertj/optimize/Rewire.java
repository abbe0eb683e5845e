package io.litertj.optimize;

import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Graph edits shared by the passes, made through a {@link RewriteContext}. */
final class Rewire {

  private Rewire() {}

  /**
   * Makes {@code producer} compute {@code follower}'s output directly and removes
   * {@code follower}. The caller has checked that the producer's old output is read by the
   * follower alone. The surviving tensor is the follower's, so its name and any subgraph-output
   * mapping to it are kept.
   */
  static void absorb(RewriteContext context, Operator producer, Tensor producerOutput, Operator follower) {
    Tensor survivor = follower.output(0);
    context.remove(follower);
    context.setOutput(producer, producer.outputs().indexOf(producerOutput), survivor);
  }

  /**
   * Sets input {@code slot} of {@code op}, first growing its input list with omitted inputs if
   * it is shorter (by replacing the op with a copy, as its list has a fixed size). Returns the
   * operator now in the graph.
   */
  static Operator setInput(RewriteContext context, Operator op, int slot, Tensor tensor) {
    if (slot < op.inputs().size()) {
      context.setInput(op, slot, tensor);
      return op;
    }
    List<Tensor> inputs = new ArrayList<>(op.inputs());
    while (inputs.size() <= slot) {
      inputs.add(null);
    }
    inputs.set(slot, tensor);
    Operator copy = new Operator(op.op(), inputs, op.outputs(), op.options());
    context.replace(op, copy);
    return copy;
  }

  /**
   * Removes a single-input operator that passes its input through unchanged. Readers of its
   * output read the input instead. When the output is a subgraph output, the op's input producer
   * computes it directly instead (keeping the output's name); if that is impossible (the input is
   * a subgraph input, a constant, or read elsewhere) the op stays. Returns whether it was removed.
   */
  static boolean bypass(RewriteContext context, Operator op) {
    GraphIndex index = context.index();
    Tensor in = op.input(0);
    Tensor out = op.output(0);
    if (!index.isOutput(out)) {
      context.remove(op);
      context.replaceUses(out, in);
      return true;
    }
    Operator producer = index.producer(in);
    if (producer == null || !index.hasSingleOpUse(in)) {
      return false;
    }
    absorb(context, producer, in, op);
    return true;
  }
}

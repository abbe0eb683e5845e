package io.litertj.optimize;

import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of who produces and who reads each tensor. {@link Subgraph#producer} and
 * {@link Subgraph#consumers} scan all operators; passes match every op, so they look up here
 * instead, and take a new snapshot after each rewrite (see {@link #of}).
 */
final class GraphIndex {

  private final Map<Tensor, Operator> producers = new IdentityHashMap<>();
  private final Map<Tensor, Integer> uses;
  private final Set<Tensor> outputs = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Operator> live = Collections.newSetFromMap(new IdentityHashMap<>());

  private GraphIndex(Subgraph g) {
    for (Operator op : g.operators()) {
      live.add(op);
      for (Tensor out : op.outputs()) {
        producers.put(out, op);
      }
    }
    uses = g.useCounts();
    outputs.addAll(g.outputs().values());
  }

  static GraphIndex of(Subgraph g) {
    return new GraphIndex(g);
  }

  /** The operator computing {@code t}, or {@code null} for inputs and constants. */
  Operator producer(Tensor t) {
    return t == null ? null : producers.get(t);
  }

  boolean isLive(Operator op) {
    return live.contains(op);
  }

  boolean isOutput(Tensor t) {
    return outputs.contains(t);
  }

  /** Reads of {@code t}: operator input slots plus subgraph outputs. */
  int uses(Tensor t) {
    return uses.getOrDefault(t, 0);
  }

  /** True when {@code t} is read exactly once and that read is not a subgraph output. */
  boolean hasSingleOpUse(Tensor t) {
    return uses(t) == 1 && !isOutput(t);
  }

  /** Snapshot of the operators, for loops that rewrite the graph as they go. */
  static List<Operator> operators(Subgraph g) {
    return new ArrayList<>(g.operators());
  }
}

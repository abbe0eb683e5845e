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
 * Who produces and who reads each tensor. {@link Subgraph#producer} and
 * {@link Subgraph#consumers} scan all operators, which is quadratic when a pass matches every
 * op; this index answers in constant time and is kept current by {@link RewriteContext}, which
 * makes every edit through it.
 */
final class GraphIndex {

  private final Map<Tensor, Operator> producers = new IdentityHashMap<>();
  /** One entry per input slot, so an op reading a tensor twice is listed twice. */
  private final Map<Tensor, List<Operator>> readers = new IdentityHashMap<>();
  private final Map<Tensor, Integer> outputUses = new IdentityHashMap<>();
  private final Set<Operator> live = Collections.newSetFromMap(new IdentityHashMap<>());

  private GraphIndex() {}

  static GraphIndex of(Subgraph g) {
    GraphIndex index = new GraphIndex();
    g.operators().forEach(index::add);
    index.refreshOutputs(g);
    return index;
  }

  /**
   * The operator computing {@code t}, or {@code null} for inputs and constants. Also null for a
   * variable tensor: fused recurrent ops update it in place, so what later ops read is not what its
   * producer wrote, and no pass may look through it.
   */
  Operator producer(Tensor t) {
    return t == null || t.isVariable() ? null : producers.get(t);
  }

  boolean isLive(Operator op) {
    return live.contains(op);
  }

  /**
   * Subgraph outputs, and variable (state) tensors: a fused recurrent op writes its state in place
   * and later ops may read it, so passes keep a variable tensor as they keep an output.
   */
  boolean isOutput(Tensor t) {
    return outputUses.containsKey(t) || t.isVariable();
  }

  /** Reads of {@code t}: operator input slots plus subgraph outputs. */
  int uses(Tensor t) {
    List<Operator> r = readers.get(t);
    return (r == null ? 0 : r.size()) + outputUses.getOrDefault(t, 0);
  }

  /** True when {@code t} is read exactly once and that read is not a subgraph output. */
  boolean hasSingleOpUse(Tensor t) {
    return uses(t) == 1 && !isOutput(t);
  }

  /** The live operators reading {@code t}, each once. */
  List<Operator> readers(Tensor t) {
    List<Operator> r = readers.get(t);
    if (r == null) {
      return List.of();
    }
    List<Operator> distinct = new ArrayList<>();
    Set<Operator> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Operator op : r) {
      if (seen.add(op)) {
        distinct.add(op);
      }
    }
    return distinct;
  }

  /** Snapshot of the operators, for loops that rewrite the graph as they go. */
  static List<Operator> operators(Subgraph g) {
    return new ArrayList<>(g.operators());
  }

  void add(Operator op) {
    live.add(op);
    for (Tensor in : op.inputs()) {
      addRead(in, op);
    }
    for (Tensor out : op.outputs()) {
      producers.put(out, op);
    }
  }

  void remove(Operator op) {
    live.remove(op);
    for (Tensor in : op.inputs()) {
      removeRead(in, op);
    }
    for (Tensor out : op.outputs()) {
      producers.remove(out, op);
    }
  }

  void addRead(Tensor t, Operator op) {
    if (t != null) {
      readers.computeIfAbsent(t, k -> new ArrayList<>()).add(op);
    }
  }

  void removeRead(Tensor t, Operator op) {
    List<Operator> r = t == null ? null : readers.get(t);
    if (r == null) {
      return;
    }
    for (int i = 0; i < r.size(); i++) {
      if (r.get(i) == op) {
        r.remove(i);
        break;
      }
    }
    if (r.isEmpty()) {
      readers.remove(t);
    }
  }

  void setProducer(Tensor old, Tensor now, Operator op) {
    producers.remove(old, op);
    producers.put(now, op);
  }

  void refreshOutputs(Subgraph g) {
    outputUses.clear();
    for (Tensor t : g.outputs().values()) {
      outputUses.merge(t, 1, Integer::sum);
    }
  }
}

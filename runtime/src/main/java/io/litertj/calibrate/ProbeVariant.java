package io.litertj.calibrate;

import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A copy of a subgraph's structure (same operator and tensor objects) whose signature also exposes
 * chosen intermediate tensors as outputs named {@code __probe_N}, so LiteRT keeps and returns them.
 */
public final class ProbeVariant {

  private static final String PREFIX = "__probe_";

  private ProbeVariant() {}

  /**
   * @param wanted  which computed tensors (inputs and op outputs, never constants) to expose
   * @param watched filled with output name → tensor for every exposed tensor, in graph order
   *                (tensors that already are outputs keep their signature name)
   */
  public static Subgraph build(Subgraph subgraph, Predicate<Tensor> wanted, Map<String, Tensor> watched) {
    Subgraph v = new Subgraph(subgraph.name());
    subgraph.operators().forEach(v::addOperator);
    subgraph.inputs().forEach(v::addInput);
    Map<Tensor, String> named = new IdentityHashMap<>();
    subgraph.outputs().forEach((name, t) -> {
      v.addOutput(name, t);
      named.putIfAbsent(t, name);
    });
    List<Tensor> candidates = new ArrayList<>(subgraph.inputs().values());
    for (Operator op : subgraph.operators()) {
      candidates.addAll(op.outputs());
    }
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    int next = 0;
    for (Tensor t : candidates) {
      if (t == null || t.isConstant() || !wanted.test(t) || !seen.add(t)) {
        continue;
      }
      String name = named.get(t);
      if (name == null) {
        name = PREFIX + next++;
        v.addOutput(name, t);
      }
      watched.put(name, t);
    }
    return v;
  }
}

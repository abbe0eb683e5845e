package io.litertj.legalize;

import io.litertj.tfgraph.TfNode;
import io.litertj.tfgraph.TfRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Finds ops that change state and that a signature runs only through control edges, such as the
 * optimizer step of a {@code train} signature. Converting such a signature would silently drop
 * the state change, so these ops are reported as unsupported. Harmless control dependencies
 * (asserts, reads, NoOps) are ignored.
 */
final class SideEffects {

  private SideEffects() {}

  /** State-changing nodes reachable from {@code computed} through a control edge. */
  static List<TfNode> behindControlEdges(List<TfNode> computed, Set<TfRef> signatureInputs) {
    Set<TfNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.addAll(computed);
    Deque<TfNode> work = new ArrayDeque<>();
    for (TfNode node : computed) {
      work.addAll(node.controlInputs());
    }
    List<TfNode> found = new ArrayList<>();
    while (!work.isEmpty()) {
      TfNode node = work.pop();
      if (!seen.add(node)) {
        continue;
      }
      if (changesState(node.op())) {
        found.add(node);
      }
      for (TfRef in : node.inputs()) {
        if (!signatureInputs.contains(in)) {
          work.push(in.node());
        }
      }
      work.addAll(node.controlInputs());
    }
    return found;
  }

  static boolean changesState(String op) {
    return op.startsWith("Assign") || op.startsWith("Apply") || op.startsWith("ResourceApply")
        || op.startsWith("SparseApply") || op.startsWith("ResourceSparseApply") || op.startsWith("Scatter")
        || op.startsWith("ResourceScatter") || op.equals("CountUpTo") || op.startsWith("QueueEnqueue")
        || op.equals("DestroyResourceOp");
  }
}

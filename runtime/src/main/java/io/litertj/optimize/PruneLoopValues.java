package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops WHILE loop values that nothing needs: the loop's result is unused, its cond does not read
 * it, and the body computes no other loop value from it (TF2's loop counter, when the loop has no
 * {@code maximum_iterations}; a value only returned by an unused output). The value leaves the
 * operator and both subgraphs, and the body ops that computed it go. Runs on the whole model,
 * because it changes the called subgraphs: a cond or body that two operators run is left alone.
 */
final class PruneLoopValues {

  private PruneLoopValues() {}

  /** Prunes until nothing changes; returns whether anything did. */
  static boolean run(LiteRtModel model) {
    boolean any = false;
    for (boolean changed = true; changed; ) {
      changed = false;
      Map<Subgraph, Integer> uses = callCounts(model);
      for (Subgraph g : model.allSubgraphs()) {
        List<Operator> ops = new ArrayList<>(g.operators());
        boolean local = false;
        for (int k = 0; k < ops.size(); k++) {
          Operator op = ops.get(k);
          if (op.op() != BuiltinOp.WHILE || !(op.options() instanceof OpOptions.While w)
              || w.cond() == w.body() || uses.get(w.cond()) != 1 || uses.get(w.body()) != 1) {
            continue;
          }
          Operator pruned = prune(g, op, w);
          if (pruned != op) {
            ops.set(k, pruned);
            local = true;
          }
        }
        if (local) {
          g.replaceOperators(ops);
          g.pruneDeadOperators();
          changed = true;
          any = true;
        }
      }
    }
    return any;
  }

  /** The operator without its unneeded loop values, or {@code op} itself when all are needed. */
  private static Operator prune(Subgraph g, Operator op, OpOptions.While w) {
    Subgraph cond = w.cond();
    Subgraph body = w.body();
    int n = op.inputs().size();
    if (body.inputs().size() != n || body.outputs().size() != n || cond.inputs().size() != n) {
      return op; // malformed; the writer reports it
    }
    List<Tensor> bodyIn = new ArrayList<>(body.inputs().values());
    List<Tensor> bodyOut = new ArrayList<>(body.outputs().values());
    List<Tensor> condIn = new ArrayList<>(cond.inputs().values());
    Map<Tensor, Integer> parentUses = g.useCounts();
    Map<Tensor, Integer> condUses = cond.useCounts();
    boolean[] neededByOthers = new boolean[n];
    for (int j = 0; j < n; j++) {
      for (int i : inputsReaching(body, bodyOut.get(j), bodyIn)) {
        if (i != j) {
          neededByOthers[i] = true;
        }
      }
    }
    List<Integer> drop = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!parentUses.containsKey(op.output(i)) && !condUses.containsKey(condIn.get(i)) && !neededByOthers[i]) {
        drop.add(i);
      }
    }
    if (drop.isEmpty()) {
      return op;
    }
    List<String> bodyInNames = new ArrayList<>(body.inputs().keySet());
    List<String> bodyOutNames = new ArrayList<>(body.outputs().keySet());
    List<String> condInNames = new ArrayList<>(cond.inputs().keySet());
    List<Tensor> inputs = new ArrayList<>();
    List<Tensor> outputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (drop.contains(i)) {
        body.removeInput(bodyInNames.get(i));
        body.removeOutput(bodyOutNames.get(i));
        cond.removeInput(condInNames.get(i));
      } else {
        inputs.add(op.input(i));
        outputs.add(op.output(i));
      }
    }
    body.pruneDeadOperators();
    return new Operator(BuiltinOp.WHILE, inputs, outputs, w);
  }

  /** Which of {@code inputs} (by position) {@code value} depends on in {@code s}. */
  private static List<Integer> inputsReaching(Subgraph s, Tensor value, List<Tensor> inputs) {
    Map<Tensor, Operator> producers = new IdentityHashMap<>();
    for (Operator op : s.operators()) {
      for (Tensor out : op.outputs()) {
        producers.put(out, op);
      }
    }
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Tensor> work = new ArrayDeque<>();
    work.push(value);
    List<Integer> found = new ArrayList<>();
    while (!work.isEmpty()) {
      Tensor t = work.pop();
      if (t == null || !seen.add(t)) {
        continue;
      }
      for (int i = 0; i < inputs.size(); i++) {
        if (inputs.get(i) == t) {
          found.add(i);
        }
      }
      Operator p = producers.get(t);
      if (p != null) {
        p.inputs().forEach(work::push);
      }
    }
    return found;
  }

  /** How many operators run each called subgraph. */
  static Map<Subgraph, Integer> callCounts(LiteRtModel model) {
    Map<Subgraph, Integer> counts = new IdentityHashMap<>();
    for (Subgraph s : model.allSubgraphs()) {
      for (Subgraph called : LiteRtModel.calledBy(s)) {
        counts.merge(called, 1, Integer::sum);
      }
    }
    return counts;
  }
}

package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loop that writes another loop value into a list of one at index 0 on every iteration (Keras's
 * output list without return_sequences) ends with that value in the list: after a loop that runs at
 * least once, the list is the value's final state reshaped to [1, ...]. Readers of the list read
 * that instead, so {@link PruneLoopValues} can drop the list and its per-step write, as the
 * official converter's loops have none.
 */
final class LastStepLists {

  private LastStepLists() {}

  /** Rewires every such list's readers; returns whether any changed. */
  static boolean run(LiteRtModel model) {
    boolean any = false;
    for (Subgraph g : model.allSubgraphs()) {
      for (Operator loop : new ArrayList<>(g.operators())) {
        if (loop.options() instanceof OpOptions.While w && RecurrentLoopMatcher.steps(loop) >= 1) {
          any |= rewire(g, loop, w);
        }
      }
    }
    return any;
  }

  private static boolean rewire(Subgraph g, Operator loop, OpOptions.While w) {
    List<Tensor> in = new ArrayList<>(w.body().inputs().values());
    List<Tensor> out = new ArrayList<>(w.body().outputs().values());
    GraphIndex body = GraphIndex.of(w.body());
    Map<Tensor, Integer> uses = g.useCounts();
    TensorNames names = TensorNames.of(g);
    boolean changed = false;
    for (int k = 0; k < in.size(); k++) {
      Tensor list = loop.output(k);
      if (!uses.containsKey(list) || loop.input(k).shape().rank() < 1 || loop.input(k).shape().dim(0) != 1) {
        continue;
      }
      Optional<ListWrite> write = ListWrite.of(body, out.get(k), in.get(k), null);
      int source = write.isPresent() && write.get().constantIndex() == 0 ? out.indexOf(write.get().value()) : -1;
      if (source < 0 || source == k || body.readers(in.get(k)).size() != 1) {
        continue;
      }
      Tensor last = loop.output(source);
      Shape s = list.shape();
      if (s.rank() != last.shape().rank() + 1 || last.type() != list.type()) {
        continue;
      }
      int[] dims = new int[s.rank()];
      dims[0] = 1;
      for (int i = 1; i < dims.length; i++) {
        dims[i] = last.shape().dim(i - 1) < 0 ? -1 : last.shape().dim(i - 1);
      }
      if (java.util.Arrays.stream(dims).filter(d -> d < 0).count() > 1) {
        continue;
      }
      Tensor shape = Tensor.constant(names.unique(list.name() + "/last_shape"), DataType.INT32,
          Shape.of(dims.length), ConstantData.ofInts(dims));
      Tensor reshaped = new Tensor(names.unique(list.name() + "/last"), list.type(), s);
      Operator reshape = new Operator(BuiltinOp.RESHAPE, List.of(last, shape), List.of(reshaped),
          new OpOptions.Reshape(dims));
      List<Operator> ops = new ArrayList<>(g.operators());
      ops.add(ops.indexOf(loop) + 1, reshape);
      for (Operator op : ops) {
        for (int i = 0; i < op.inputs().size(); i++) {
          if (op != reshape && op.input(i) == list) {
            op.setInput(i, reshaped);
          }
        }
      }
      g.replaceOperators(ops);
      for (Map.Entry<String, Tensor> e : new ArrayList<>(g.outputs().entrySet())) {
        if (e.getValue() == list) {
          g.setOutput(e.getKey(), reshaped);
        }
      }
      uses = g.useCounts();
      changed = true;
    }
    return changed;
  }
}

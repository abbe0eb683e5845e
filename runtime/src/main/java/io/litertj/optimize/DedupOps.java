package io.litertj.optimize;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Tensor;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Common subexpressions: an op computing what an earlier op already computes (same builtin, equal
 * options, the very same input tensors) goes, and its readers read the earlier op's outputs. TF
 * graphs repeat small computations per layer (each Keras layer-scale reads the batch size again);
 * {@link DedupConstants} first makes equal constants one tensor, so their readers match here.
 * Ops with state (the fused recurrent ops), control flow, and ops whose outputs are subgraph outputs or
 * variables stay.
 */
final class DedupOps implements SubgraphPass {

  /** Ops whose result is not a function of their inputs alone. */
  private static final Set<BuiltinOp> NOT_PURE = EnumSet.of(BuiltinOp.WHILE, BuiltinOp.IF,
      BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, BuiltinOp.UNIDIRECTIONAL_SEQUENCE_RNN);

  private record Key(BuiltinOp op, OpOptions options, List<Tensor> inputs) {}

  @Override
  public String name() {
    return "dedup-ops";
  }

  @Override
  public boolean run(io.litertj.ir.Subgraph g) {
    RewriteContext context = new RewriteContext(g);
    GraphIndex index = context.index();
    Map<Key, Operator> seen = new HashMap<>();
    boolean changed = false;
    for (Operator op : GraphIndex.operators(g)) {
      if (!candidate(index, op)) {
        continue;
      }
      Key key = new Key(op.op(), op.options(), op.inputs());
      Operator first = seen.putIfAbsent(key, op);
      if (first == null || !sameOutputs(first, op)) {
        continue;
      }
      context.remove(op);
      for (int i = 0; i < op.outputs().size(); i++) {
        context.replaceUses(op.output(i), first.output(i));
      }
      changed = true;
    }
    context.commit();
    return changed;
  }

  private static boolean candidate(GraphIndex index, Operator op) {
    if (NOT_PURE.contains(op.op()) || op.outputs().isEmpty() || !op.intermediates().isEmpty()) {
      return false;
    }
    for (Tensor in : op.inputs()) {
      if (in != null && in.isVariable()) {
        return false;
      }
    }
    for (Tensor out : op.outputs()) {
      if (out == null || index.isOutput(out)) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameOutputs(Operator a, Operator b) {
    if (a.outputs().size() != b.outputs().size()) {
      return false;
    }
    for (int i = 0; i < a.outputs().size(); i++) {
      Tensor x = a.output(i);
      Tensor y = b.output(i);
      if (x.type() != y.type() || !x.shape().equals(y.shape()) || !Objects.equals(x.quantization(), y.quantization())) {
        return false;
      }
    }
    return true;
  }
}

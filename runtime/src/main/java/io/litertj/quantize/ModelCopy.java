package io.litertj.quantize;

import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deep copy of the graph structure (tensors and operators; constant bytes and options are
 * immutable and shared), so that quantizing never changes the caller's float model. The subgraphs
 * that control flow runs are copied too, and the copied operators name the copies.
 */
final class ModelCopy {

  private ModelCopy() {}

  static LiteRtModel of(LiteRtModel model) {
    LiteRtModel copy = new LiteRtModel(model.description());
    Map<Subgraph, Subgraph> copies = new IdentityHashMap<>();
    for (Subgraph s : model.allSubgraphs()) {
      copies.put(s, of(s));
    }
    for (Subgraph s : copies.values()) {
      for (Operator op : s.operators()) {
        if (op.options() instanceof OpOptions.WithSubgraphs w) {
          op.setOptions(w.withSubgraphs(w.subgraphs().stream().map(copies::get).toList()));
        }
      }
    }
    for (Subgraph s : model.subgraphs()) {
      copy.addSubgraph(copies.get(s));
    }
    for (LiteRtModel.Signature s : model.signatures()) {
      if (!s.key().equals(s.subgraph().name())) {
        copy.addSignatureAlias(s.key(), copies.get(s.subgraph()));
      }
    }
    return copy;
  }

  /** One subgraph; control-flow operators in it still name the original's subgraphs. */
  static Subgraph of(Subgraph subgraph) {
    Map<Tensor, Tensor> tensors = new IdentityHashMap<>();
    Subgraph copy = new Subgraph(subgraph.name());
    subgraph.inputs().forEach((name, t) -> copy.addInput(name, copy(t, tensors)));
    for (Operator op : subgraph.operators()) {
      List<Tensor> in = new ArrayList<>();
      for (Tensor t : op.inputs()) {
        in.add(copy(t, tensors));
      }
      List<Tensor> out = new ArrayList<>();
      for (Tensor t : op.outputs()) {
        out.add(copy(t, tensors));
      }
      Operator c = new Operator(op.op(), in, out, op.options());
      List<Tensor> intermediates = new ArrayList<>();
      for (Tensor t : op.intermediates()) {
        intermediates.add(copy(t, tensors));
      }
      c.setIntermediates(intermediates);
      copy.addOperator(c);
    }
    subgraph.outputs().forEach((name, t) -> copy.addOutput(name, copy(t, tensors)));
    return copy;
  }

  private static Tensor copy(Tensor t, Map<Tensor, Tensor> tensors) {
    if (t == null) {
      return null;
    }
    return tensors.computeIfAbsent(t, k -> {
      Tensor c = new Tensor(k.name(), k.type(), k.shape());
      c.setData(k.data());
      c.setQuantization(k.quantization());
      c.setVariable(k.isVariable());
      return c;
    });
  }
}

package io.litertj.optimize;

import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.Operator;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes operators share one tensor for identical constants (same type, shape, quantization and
 * bytes), such as the zero biases the legalizer gives every conv, or a shape vector used by many
 * reshapes. Only tensors that agree on everything but the bytes are compared, and the comparison
 * ({@link ConstantData#sameBytes}) stops at the first difference and compares transposed views
 * through their sources, so distinct weights cost next to nothing and nothing is transposed here.
 * Subgraph outputs keep their own tensors.
 */
final class DedupConstants implements SubgraphPass {

  private record Kind(DataType type, Shape shape, QuantizationParams quantization, long bytes) {}

  @Override
  public String name() {
    return "dedup-constants";
  }

  @Override
  public boolean run(Subgraph g) {
    Map<Kind, List<Tensor>> kinds = new LinkedHashMap<>();
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Operator op : g.operators()) {
      for (Tensor t : op.inputs()) {
        if (t != null && t.isConstant() && seen.add(t)) {
          kinds.computeIfAbsent(new Kind(t.type(), t.shape(), t.quantization(), t.data().byteSize()),
              k -> new ArrayList<>()).add(t);
        }
      }
    }
    Map<Tensor, Tensor> replacement = new IdentityHashMap<>();
    for (List<Tensor> same : kinds.values()) {
      if (same.size() > 1) {
        findDuplicates(same, replacement);
      }
    }
    if (replacement.isEmpty()) {
      return false;
    }
    for (Operator op : g.operators()) {
      for (int i = 0; i < op.inputs().size(); i++) {
        Tensor canonical = replacement.get(op.input(i));
        if (canonical != null) {
          op.setInput(i, canonical);
        }
      }
    }
    return true;
  }

  /** Maps each tensor whose bytes equal an earlier one's to that earlier (canonical) tensor. */
  private static void findDuplicates(List<Tensor> same, Map<Tensor, Tensor> replacement) {
    List<Tensor> distinct = new ArrayList<>();
    for (Tensor t : same) {
      Tensor canonical = null;
      for (Tensor c : distinct) {
        if (ConstantData.sameBytes(c.data(), t.data())) {
          canonical = c;
          break;
        }
      }
      if (canonical != null) {
        replacement.put(t, canonical);
      } else {
        distinct.add(t);
      }
    }
  }
}

package io.litertj.optimize;

import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.HashSet;
import java.util.Set;

/** Unique names for the tensors a pass creates, so the written model stays readable. */
public final class TensorNames {

  private final Set<String> taken = new HashSet<>();

  private TensorNames() {}

  /** The names in use in {@code g}: its inputs, outputs and every operator's tensors. */
  public static TensorNames of(Subgraph g) {
    TensorNames names = new TensorNames();
    g.inputs().values().forEach(names::add);
    g.outputs().values().forEach(names::add);
    for (Operator op : g.operators()) {
      op.inputs().forEach(names::add);
      op.outputs().forEach(names::add);
    }
    return names;
  }

  private void add(Tensor t) {
    if (t != null) {
      taken.add(t.name());
    }
  }

  /** {@code base}, or {@code base_1}, {@code base_2}, ... if taken; the result is then taken. */
  public String unique(String base) {
    String name = base;
    for (int i = 1; !taken.add(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }
}

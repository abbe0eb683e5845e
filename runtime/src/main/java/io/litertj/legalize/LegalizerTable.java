package io.litertj.legalize;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The supported TensorFlow ops: one legalizer per op name. {@link #standard()} reads like the
 * list of everything the converter can handle.
 */
public final class LegalizerTable {

  private final Map<String, OpLegalizer> byOp = new TreeMap<>();

  /** Every legalizer this converter ships. */
  public static LegalizerTable standard() {
    LegalizerTable table = new LegalizerTable();
    GraphPlumbing.register(table);
    io.litertj.legalize.nn.NnLegalizers.register(table);
    io.litertj.legalize.shape.ShapeLegalizers.register(table);
    io.litertj.legalize.math.MathLegalizers.register(table);
    io.litertj.legalize.control.ControlFlowLegalizers.register(table);
    io.litertj.legalize.lists.ListLegalizers.register(table);
    return table;
  }

  public LegalizerTable register(OpLegalizer legalizer, String... tfOps) {
    for (String op : tfOps) {
      if (byOp.putIfAbsent(op, legalizer) != null) {
        throw new IllegalStateException("two legalizers for " + op);
      }
    }
    return this;
  }

  public OpLegalizer get(String tfOp) {
    return byOp.get(tfOp);
  }

  public Set<String> supportedOps() {
    return Collections.unmodifiableSet(byOp.keySet());
  }
}

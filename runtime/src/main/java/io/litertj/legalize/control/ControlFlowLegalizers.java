package io.litertj.legalize.control;

import io.litertj.legalize.LegalizerTable;

/**
 * TensorFlow's functional control flow: While loops become WHILE with a cond and a body subgraph,
 * If becomes IF (or the taken branch, inlined, when the condition is a constant), and Case nested
 * IFs.
 */
public final class ControlFlowLegalizers {

  private ControlFlowLegalizers() {}

  /** Registers every legalizer of this package. */
  public static void register(LegalizerTable table) {
    table.register(WhileLegalizer::legalize, "While", "StatelessWhile");
    table.register(IfLegalizer::legalize, "If", "StatelessIf");
    table.register(CaseLegalizer::legalize, "Case", "StatelessCase");
  }
}

package io.litertj.optimize;

import io.litertj.ir.Subgraph;

/** Removes operators no subgraph output depends on, such as those the other passes bypassed. */
final class PruneDeadOps implements SubgraphPass {

  @Override
  public String name() {
    return "prune-dead-ops";
  }

  @Override
  public boolean run(Subgraph g) {
    int before = g.operators().size();
    g.pruneDeadOperators();
    return g.operators().size() != before;
  }
}

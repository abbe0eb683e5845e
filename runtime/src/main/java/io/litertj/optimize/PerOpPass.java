package io.litertj.optimize;

import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;

/**
 * A pass that tries one local rewrite rooted at each operator, in execution order. After a
 * rewrite the index is rebuilt, so every match sees the current graph.
 */
abstract class PerOpPass implements SubgraphPass {

  @Override
  public final boolean run(Subgraph g) {
    RewriteContext context = new RewriteContext(g);
    boolean changed = false;
    for (Operator op : GraphIndex.operators(g)) {
      if (context.index().isLive(op) && rewrite(context, op)) {
        changed = true;
        context.graphChanged();
      }
    }
    return changed;
  }

  /** Rewrites the pattern rooted at {@code op} if it matches; returns whether it did. */
  abstract boolean rewrite(RewriteContext context, Operator op);
}

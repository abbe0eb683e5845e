package io.litertj.optimize;

import io.litertj.ir.Operator;
import io.litertj.ir.Subgraph;

/**
 * A pass that tries one local rewrite rooted at each operator, in execution order. Rewrites edit
 * through a {@link RewriteContext}, whose index stays current, so later matches in the same run
 * see earlier rewrites.
 */
abstract class PerOpPass implements SubgraphPass {

  @Override
  public final boolean run(Subgraph g) {
    RewriteContext context = new RewriteContext(g);
    boolean changed = false;
    for (Operator op : GraphIndex.operators(g)) {
      if (context.index().isLive(op) && rewrite(context, op)) {
        changed = true;
      }
    }
    context.commit();
    return changed;
  }

  /** Rewrites the pattern rooted at {@code op} if it matches; returns whether it did. */
  abstract boolean rewrite(RewriteContext context, Operator op);
}

package io.litertj.optimize;

import io.litertj.ir.Subgraph;

/** One rewrite of the optimize stage. Passes are small, named, and safe to repeat. */
public interface SubgraphPass {

  /** A short stable name, used in logs and {@link Optimizer#passNames()}. */
  String name();

  /**
   * Rewrites {@code g} in place.
   *
   * @return whether anything changed, so the optimizer knows when it reached a fixed point
   */
  boolean run(Subgraph g);
}

package io.litertj.optimize;

import io.litertj.ir.Subgraph;

/**
 * What a {@link PerOpPass} rewrite sees: the graph, a current {@link GraphIndex}, and the tensor
 * names in use (collected once per pass run, as collecting them per rewrite would cost a scan of
 * the whole graph each time).
 */
final class RewriteContext {

  private final Subgraph graph;
  private GraphIndex index;
  private TensorNames names;

  RewriteContext(Subgraph graph) {
    this.graph = graph;
    this.index = GraphIndex.of(graph);
  }

  Subgraph graph() {
    return graph;
  }

  GraphIndex index() {
    return index;
  }

  TensorNames names() {
    if (names == null) {
      names = TensorNames.of(graph);
    }
    return names;
  }

  /** Called after a rewrite: takes a new index snapshot. */
  void graphChanged() {
    index = GraphIndex.of(graph);
  }
}

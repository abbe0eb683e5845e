package io.litertj.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A whole LiteRT model: one subgraph per signature, in the order they are written. */
public final class LiteRtModel {

  private final List<Subgraph> subgraphs = new ArrayList<>();
  private final String description;

  public LiteRtModel(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  public List<Subgraph> subgraphs() {
    return Collections.unmodifiableList(subgraphs);
  }

  public void addSubgraph(Subgraph subgraph) {
    subgraphs.add(subgraph);
  }
}

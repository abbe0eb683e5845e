package io.litertj.tfgraph;

/** One output of a node: {@code node:index} in TensorFlow's notation. */
public record TfRef(TfNode node, int index) {

  @Override
  public String toString() {
    return index == 0 ? node.name() : node.name() + ":" + index;
  }
}

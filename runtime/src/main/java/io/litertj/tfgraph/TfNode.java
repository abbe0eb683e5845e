package io.litertj.tfgraph;

import java.util.List;
import java.util.Map;
import org.tensorflow.proto.AttrValue;

/**
 * A TensorFlow node after function inlining: a unique name (call scopes joined with '/'), the op
 * type, its attributes (with the op's defaults filled in) and its data inputs. Control inputs are
 * dropped: a converted graph runs as one dataflow.
 */
public record TfNode(String name, String op, Map<String, AttrValue> attrs, List<TfRef> inputs,
    List<TfNode> controlInputs) {

  public TfNode {
    attrs = Map.copyOf(attrs);
    inputs = List.copyOf(inputs);
    controlInputs = List.copyOf(controlInputs);
  }

  public AttrValue attr(String key) {
    return attrs.get(key);
  }

  public boolean hasAttr(String key) {
    return attrs.containsKey(key);
  }

  public TfRef output(int index) {
    return new TfRef(this, index);
  }

  /** Nodes are unique by construction; identity keeps hashing cheap for deep graphs. */
  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return name + " (" + op + ")";
  }
}

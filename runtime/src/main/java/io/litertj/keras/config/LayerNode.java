package io.litertj.keras.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One layer of a model config: its class, name, own config, and the inputs of each call of it
 * (more than one call when the layer is shared).
 */
public record LayerNode(String className, String name, JsonNode config, List<List<InboundRef>> calls) {

  public LayerNode {
    calls = List.copyOf(calls.stream().map(List::copyOf).toList());
  }

  /** Whether this layer is itself a model (nested Sequential or Functional). */
  public boolean isModel() {
    return ModelGraph.isModelClass(className);
  }
}

package io.litertj.keras.config;

import java.util.List;
import java.util.Set;

/**
 * A model as a dataflow of layer calls, the same for Sequential and Functional models of Keras 2
 * and 3: the layers, and which layer outputs are the model's inputs and outputs.
 */
public record ModelGraph(String name, List<LayerNode> layers, List<InboundRef> inputs, List<InboundRef> outputs) {

  private static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Functional", "Model");

  public ModelGraph {
    layers = List.copyOf(layers);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  static boolean isModelClass(String className) {
    return MODEL_CLASSES.contains(className);
  }

  public LayerNode layer(String layerName) {
    for (LayerNode l : layers) {
      if (l.name().equals(layerName)) {
        return l;
      }
    }
    return null;
  }
}

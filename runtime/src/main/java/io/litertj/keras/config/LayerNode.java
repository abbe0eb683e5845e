package io.litertj.keras.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One layer of a model config: its class, name, own config, and the inputs of each call of it
 * (more than one call when the layer is shared).
 */
public record LayerNode(String className, String module, String name, JsonNode config, List<LayerCall> calls) {

  private static final String OPS_MODULE = "keras.src.ops";

  public LayerNode {
    calls = List.copyOf(calls);
  }

  /** A layer without a recorded module (Keras 2 files, layers made up by the reader). */
  public LayerNode(String className, String name, JsonNode config, List<LayerCall> calls) {
    this(className, null, name, config, calls);
  }

  /**
   * Whether this is a Keras 3 operation node (a {@code keras.ops} call or Python arithmetic on a
   * tensor), not a layer: {@code Add} from {@code keras.src.ops.numpy} is {@code x + y}, while
   * {@code Add} from {@code keras.layers} is the merge layer.
   */
  public boolean isOperation() {
    return module != null && (module.equals(OPS_MODULE) || module.startsWith(OPS_MODULE + "."));
  }

  /** Whether the config says the class ships with Keras (its module is Keras's own). */
  public boolean isBuiltIn() {
    return module != null && (module.equals("keras") || module.startsWith("keras."));
  }

  /** Whether this layer is itself a model (nested Sequential or Functional). */
  public boolean isModel() {
    return ModelGraph.isModelClass(className);
  }
}

package io.litertj.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.litertj.keras.LayerContext;
import java.util.Set;

/**
 * An activation as a file names it: a Keras function name ({@code gelu}, {@code leaky_relu}) with
 * the arguments it was given, or an activation layer object ({@code layerClass} ReLU, with its
 * config as {@code args}).
 *
 * <p>The forms Keras writes: a plain name (Keras 2, and Keras 3 for its own functions); a
 * serialized function {@code {"module": "keras.activations", "class_name": "function", "config":
 * "gelu"}}; an operation object {@code {"module": "keras.src.ops.nn", "class_name": "Gelu",
 * "config": {"approximate": true}}}; a layer object {@code {"module": "keras.layers", "class_name":
 * "LeakyReLU", "config": {...}}}. Anything else is Python code of the user's and is refused.
 */
record ActivationSpec(String name, JsonNode args, String layerClass) {

  /** Layer classes that serve as activation objects, by the config keys of the layer. */
  static final Set<String> LAYER_CLASSES = Set.of("ReLU", "LeakyReLU", "ELU", "Softmax", "ThresholdedReLU");

  static ActivationSpec named(String name) {
    return new ActivationSpec(name, JsonNodeFactory.instance.objectNode(), null);
  }

  /** The activation of config key {@code key}; absent or null is linear. */
  static ActivationSpec of(LayerContext ctx, String key) {
    JsonNode n = ctx.config().get(key);
    if (n == null || n.isNull()) {
      return named("linear");
    }
    if (n.isTextual()) {
      return named(n.asText());
    }
    String module = n.path("module").asText("");
    String className = n.path("class_name").asText("");
    JsonNode config = n.path("config");
    boolean keras = module.equals("keras") || module.startsWith("keras.");
    if (className.equals("function") && config.isTextual() && keras && !config.asText().contains(">")) {
      return named(config.asText());
    }
    // Keras 2 writes a layer object without a module, as it writes its layers.
    boolean layerModule = module.isEmpty() || module.startsWith("keras.layers") || module.startsWith("keras.src.layers")
        || module.startsWith("keras.src.activations");
    if (config.isObject() && LAYER_CLASSES.contains(className) && layerModule) {
      return new ActivationSpec(className, config, className);
    }
    if (keras && config.isObject() && module.startsWith("keras.src.ops")) {
      return ofOperation(className, config);
    }
    String what = config.isTextual() ? config.asText() : className.isEmpty() ? n.toString() : className;
    throw ctx.error("uses the activation " + what + (module.isEmpty() ? "" : " (module " + module + ")")
            + " in " + key + ", which is not a Keras built-in: its code stays in Python",
        "use a built-in Keras activation, or export a SavedModel and convert that");
  }

  /**
   * A {@code keras.ops} activation operation ({@code Gelu}, {@code LeakyRelu}) with its config, as
   * the function it computes. Unlike {@code keras.activations.gelu}, {@code ops.gelu} defaults to
   * the tanh approximation.
   */
  static ActivationSpec ofOperation(String className, JsonNode config) {
    String name = className.replaceAll("(?<=[a-z0-9])([A-Z])", "_$1").toLowerCase();
    ObjectNode args = config.isObject() ? ((ObjectNode) config).deepCopy() : JsonNodeFactory.instance.objectNode();
    if (name.equals("gelu") && !args.has("approximate")) {
      args.put("approximate", true);
    }
    return new ActivationSpec(name, args, null);
  }

  /** Whether it acts on each element alone (softmax and glu look along an axis). */
  boolean elementwise() {
    return layerClass == null ? !Set.of("softmax", "log_softmax", "glu").contains(name) : !layerClass.equals("Softmax");
  }
}

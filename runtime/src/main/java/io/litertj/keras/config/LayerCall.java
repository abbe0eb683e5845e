package io.litertj.keras.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.litertj.ConversionException;
import java.util.ArrayList;
import java.util.List;

/**
 * One call of a layer or operation node, as the config records it. {@code inputs} are the tensors
 * among the positional arguments, in order (what most layers take). {@code args} and {@code kwargs}
 * are the call's arguments as written, literals included, so that nothing of the call is lost: a
 * Keras 3 {@code x + 3.0} is an {@code Add} node whose args are {@code [tensor, 3.0]}. Keras 2 calls
 * have no positional literals; their per-tensor kwargs are merged into {@code kwargs}.
 */
public record LayerCall(List<InboundRef> inputs, JsonNode args, JsonNode kwargs) {

  private static final String TENSOR = "__keras_tensor__";

  public LayerCall {
    inputs = List.copyOf(inputs);
    args = args == null ? JsonNodeFactory.instance.arrayNode() : args;
    kwargs = kwargs == null || !kwargs.isObject() ? JsonNodeFactory.instance.objectNode() : kwargs;
  }

  /** A call with tensor inputs only (Sequential models, tests). */
  public static LayerCall of(List<InboundRef> inputs) {
    return new LayerCall(inputs, null, null);
  }

  /** Every tensor the call reads, in its args and its kwargs: all must exist before it runs. */
  public List<InboundRef> allRefs() {
    List<InboundRef> out = new ArrayList<>(inputs);
    collect(kwargs, out);
    return out;
  }

  /** Whether a config value is a Keras 3 tensor reference. */
  public static boolean isTensor(JsonNode n) {
    return n != null && n.isObject() && TENSOR.equals(n.path("class_name").asText());
  }

  /** The reference a Keras 3 tensor value points at (the parser has checked its form). */
  public static InboundRef ref(JsonNode tensor) {
    JsonNode h = tensor.path("config").path("keras_history");
    if (!h.path(0).isTextual() || !h.path(1).canConvertToInt() || !h.path(2).canConvertToInt()
        || h.path(1).intValue() < 0 || h.path(2).intValue() < 0) {
      throw new ConversionException("a tensor argument's keras_history " + h + " is not [layer, node, tensor]");
    }
    return new InboundRef(h.path(0).asText(), h.path(1).intValue(), h.path(2).intValue());
  }

  /** Collects the tensor references anywhere inside a config value, depth first. */
  public static void collect(JsonNode n, List<InboundRef> out) {
    if (isTensor(n)) {
      out.add(ref(n));
    } else if (n != null && n.isArray()) {
      n.forEach(e -> collect(e, out));
    } else if (n != null && n.isObject() && !n.has("class_name")) {
      n.forEach(e -> collect(e, out));
    }
  }
}

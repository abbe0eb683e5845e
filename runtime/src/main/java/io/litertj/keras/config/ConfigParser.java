package io.litertj.keras.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.litertj.ConversionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Keras model config into a {@link ModelGraph}. Knows both dialects: Keras 2 writes inbound
 * nodes as {@code [[name, node, tensor, kwargs], ...]} and old Sequential configs as a bare list;
 * Keras 3 writes {@code {"args": [...], "kwargs": {...}}} with {@code __keras_tensor__} entries and
 * puts an InputLayer first in Sequential models.
 */
public final class ConfigParser {

  private final Path file;

  public ConfigParser(Path file) {
    this.file = file;
  }

  /** Parses a top-level or nested model config: {@code {"class_name": ..., "config": ...}}. */
  public ModelGraph parse(JsonNode model) {
    String className = model.path("class_name").asText("");
    JsonNode config = model.path("config");
    return switch (className) {
      case "Sequential" -> sequential(config);
      case "Functional", "Model" -> functional(config);
      default -> throw ConversionException.builder("the model is a " + className
              + ", not a Sequential or Functional model")
          .file(file)
          .opType(className)
          .hint("subclassed models keep their code in Python; save a Functional or Sequential model instead")
          .build();
    };
  }

  private ModelGraph sequential(JsonNode config) {
    JsonNode layers = config.isArray() ? config : config.path("layers");
    String name = config.isArray() ? "sequential" : config.path("name").asText("sequential");
    List<LayerNode> out = new ArrayList<>();
    InboundRef previous = null;
    InboundRef input = null;
    for (JsonNode layer : layers) {
      String cls = layer.path("class_name").asText();
      JsonNode cfg = layer.path("config");
      String layerName = cfg.path("name").asText(layer.path("name").asText(null));
      if (previous == null && !cls.equals("InputLayer")) {
        // Keras 2: the first layer carries the input shape; Keras names the input "<layer>_input".
        JsonNode shape = firstPresent(cfg, "batch_input_shape", "batch_shape");
        if (shape == null && layer.path("build_config").has("input_shape")) {
          shape = layer.path("build_config").path("input_shape");
        }
        if (shape == null) {
          throw error("the Sequential model has no input shape", layerName, cls,
              "build the model (give the first layer an input_shape) before saving");
        }
        ObjectNode inputCfg = JsonNodeFactory.instance.objectNode();
        inputCfg.set("batch_input_shape", shape);
        inputCfg.put("dtype", cfg.path("dtype").isTextual() ? cfg.path("dtype").asText() : "float32");
        String inputName = layerName + "_input";
        inputCfg.put("name", inputName);
        out.add(new LayerNode("InputLayer", inputName, inputCfg, List.of()));
        previous = new InboundRef(inputName, 0, 0);
        input = previous;
      }
      if (cls.equals("InputLayer")) {
        out.add(new LayerNode(cls, layerName, cfg, List.of()));
        previous = new InboundRef(layerName, 0, 0);
        input = previous;
        continue;
      }
      out.add(new LayerNode(cls, moduleOf(layer), layerName,
          layer.has("class_name") && ModelGraph.isModelClass(cls) ? layer : cfg,
          List.of(LayerCall.of(List.of(previous)))));
      previous = new InboundRef(layerName, 0, 0);
    }
    if (input == null) {
      throw error("the Sequential model has no layers", name, "Sequential", null);
    }
    return new ModelGraph(name, out, List.of(input), List.of(previous));
  }

  private ModelGraph functional(JsonNode config) {
    List<LayerNode> out = new ArrayList<>();
    for (JsonNode layer : config.path("layers")) {
      String cls = layer.path("class_name").asText();
      String layerName = layer.path("name").asText(layer.path("config").path("name").asText(null));
      List<LayerCall> calls = new ArrayList<>();
      for (JsonNode call : layer.path("inbound_nodes")) {
        calls.add(call.isObject() ? keras3Call(call) : keras2Call(call));
      }
      // Nested models keep the whole {"class_name", "config"} so that they can be parsed again.
      JsonNode cfg = ModelGraph.isModelClass(cls) ? layer : layer.path("config");
      out.add(new LayerNode(cls, moduleOf(layer), layerName, cfg, calls));
    }
    return new ModelGraph(config.path("name").asText("model"), out,
        refs(config.path("input_layers")), refs(config.path("output_layers")));
  }

  /**
   * Keras 2: a call is a list of {@code [layer, node, tensor, kwargs]}; tensors inside the kwargs
   * are {@code [layer, node, tensor]} lists, rewritten here to Keras 3's form.
   */
  private static LayerCall keras2Call(JsonNode call) {
    List<InboundRef> refs = new ArrayList<>();
    ObjectNode kwargs = JsonNodeFactory.instance.objectNode();
    for (JsonNode ref : call) {
      refs.add(new InboundRef(ref.path(0).asText(), ref.path(1).asInt(), ref.path(2).asInt()));
      ref.path(3).fields().forEachRemaining(e -> kwargs.set(e.getKey(), keras2Value(e.getValue())));
    }
    return new LayerCall(refs, null, kwargs);
  }

  private static JsonNode keras2Value(JsonNode v) {
    if (v.isArray() && v.size() == 3 && v.get(0).isTextual() && v.get(1).isInt() && v.get(2).isInt()) {
      ObjectNode t = JsonNodeFactory.instance.objectNode();
      t.put("class_name", "__keras_tensor__");
      t.putObject("config").set("keras_history", v);
      return t;
    }
    if (v.isArray()) { // a list of tensors, such as Attention's mask=[query_mask, value_mask]
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      boolean changed = false;
      for (JsonNode e : v) {
        JsonNode c = keras2Value(e);
        changed |= c != e;
        out.add(c);
      }
      return changed ? out : v;
    }
    return v;
  }

  /** Keras 3: tensors may sit anywhere in the args (a Concatenate gets one list of them). */
  private static LayerCall keras3Call(JsonNode call) {
    List<InboundRef> refs = new ArrayList<>();
    LayerCall.collect(call.path("args"), refs);
    return new LayerCall(refs, call.path("args"), call.path("kwargs"));
  }

  private static String moduleOf(JsonNode layer) {
    JsonNode m = layer.path("module");
    return m.isTextual() ? m.asText() : null;
  }

  /** {@code [[name, node, tensor], ...]}, or one bare {@code [name, node, tensor]} (Keras 3). */
  private static List<InboundRef> refs(JsonNode list) {
    List<InboundRef> out = new ArrayList<>();
    if (list.isArray() && list.size() == 3 && list.get(0).isTextual()) {
      out.add(new InboundRef(list.get(0).asText(), list.get(1).asInt(), list.get(2).asInt()));
      return out;
    }
    for (JsonNode r : list) {
      out.add(new InboundRef(r.get(0).asText(), r.get(1).asInt(), r.get(2).asInt()));
    }
    return out;
  }

  private static JsonNode firstPresent(JsonNode cfg, String... keys) {
    for (String k : keys) {
      if (cfg.hasNonNull(k)) {
        return cfg.get(k);
      }
    }
    return null;
  }

  private ConversionException error(String message, String layer, String cls, String hint) {
    return ConversionException.builder(message).file(file).node(layer).opType(cls).hint(hint).build();
  }
}

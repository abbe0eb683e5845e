package io.litertj.keras.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.litertj.ConversionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a Keras model config into a {@link ModelGraph}. Knows both dialects: Keras 2 writes inbound
 * nodes as {@code [[name, node, tensor, kwargs], ...]} and old Sequential configs as a bare list;
 * Keras 3 writes {@code {"args": [...], "kwargs": {...}}} with {@code __keras_tensor__} entries and
 * puts an InputLayer first in Sequential models.
 */
public final class ConfigParser {

  /** More layers or calls than this is not a model anyone saved: a hostile count. */
  static final int MAX_LAYERS = 100_000;
  static final int MAX_CALLS = 100_000;
  private static final String SAVE_AGAIN = "the model config is damaged; save the model again";

  private final Path file;

  public ConfigParser(Path file) {
    this.file = file;
  }

  /** Parses a top-level or nested model config: {@code {"class_name": ..., "config": ...}}. */
  public ModelGraph parse(JsonNode model) {
    if (!model.isObject()) {
      throw error("the model config is " + kind(model) + ", not an object", null, null, SAVE_AGAIN);
    }
    String className = model.path("class_name").isTextual() ? model.get("class_name").asText() : "";
    JsonNode config = model.path("config");
    if (!config.isObject() && !(className.equals("Sequential") && config.isArray())) {
      throw error("the model's config is " + kind(config) + ", not an object", null, className, SAVE_AGAIN);
    }
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
    JsonNode layers = layerList(config.isArray() ? config : config.path("layers"), "Sequential");
    String name = config.isArray() ? "sequential" : text(config.path("name"), "sequential");
    List<LayerNode> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    InboundRef previous = null;
    InboundRef input = null;
    for (int index = 0; index < layers.size(); index++) {
      JsonNode layer = layers.get(index);
      String cls = className(layer, index);
      JsonNode cfg = layerConfig(layer, index, cls);
      String layerName = layerName(layer, cfg, index, cls, names);
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
    Set<String> names = new HashSet<>();
    JsonNode layers = layerList(config.path("layers"), "Functional");
    for (int index = 0; index < layers.size(); index++) {
      JsonNode layer = layers.get(index);
      String cls = className(layer, index);
      JsonNode layerCfg = layerConfig(layer, index, cls);
      String layerName = layer.path("name").isTextual() ? layerName(layer, layer, index, cls, names)
          : layerName(layer, layerCfg, index, cls, names);
      List<LayerCall> calls = new ArrayList<>();
      JsonNode inbound = layer.path("inbound_nodes");
      if (!inbound.isMissingNode() && !inbound.isArray()) {
        throw error("the layer's inbound_nodes are " + kind(inbound) + ", not a list", layerName, cls, SAVE_AGAIN);
      }
      if (inbound.size() > MAX_CALLS) {
        throw error("the layer is called " + inbound.size() + " times", layerName, cls, SAVE_AGAIN);
      }
      for (JsonNode call : inbound) {
        if (!call.isObject() && !call.isArray()) {
          throw error("a call of the layer is " + kind(call) + ", not a list or an object", layerName, cls,
              SAVE_AGAIN);
        }
        calls.add(call.isObject() ? keras3Call(call, layerName, cls) : keras2Call(call, layerName, cls));
      }
      // Nested models keep the whole {"class_name", "config"} so that they can be parsed again.
      JsonNode cfg = ModelGraph.isModelClass(cls) ? layer : layerCfg;
      out.add(new LayerNode(cls, moduleOf(layer), layerName, cfg, calls));
    }
    return new ModelGraph(text(config.path("name"), "model"), out,
        refs(config.path("input_layers"), "input_layers"), refs(config.path("output_layers"), "output_layers"));
  }

  /**
   * Keras 2: a call is a list of {@code [layer, node, tensor, kwargs]}; tensors inside the kwargs
   * are {@code [layer, node, tensor]} lists, rewritten here to Keras 3's form.
   */
  private LayerCall keras2Call(JsonNode call, String layer, String cls) {
    List<InboundRef> refs = new ArrayList<>();
    ObjectNode kwargs = JsonNodeFactory.instance.objectNode();
    for (JsonNode ref : call) {
      refs.add(ref(ref, "an inbound node of layer " + layer, layer, cls));
      ref.path(3).fields().forEachRemaining(e -> kwargs.set(e.getKey(), keras2Value(e.getValue())));
    }
    LayerCall parsed = new LayerCall(refs, null, kwargs);
    checkTensorRefs(kwargs, layer, cls);
    return parsed;
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
  private LayerCall keras3Call(JsonNode call, String layer, String cls) {
    checkTensorRefs(call.path("args"), layer, cls);
    checkTensorRefs(call.path("kwargs"), layer, cls);
    List<InboundRef> refs = new ArrayList<>();
    LayerCall.collect(call.path("args"), refs);
    return new LayerCall(refs, call.path("args"), call.path("kwargs"));
  }

  /** Every Keras 3 tensor value inside a call's arguments has a well-formed keras_history. */
  private void checkTensorRefs(JsonNode n, String layer, String cls) {
    if (LayerCall.isTensor(n)) {
      ref(n.path("config").path("keras_history"), "a tensor argument of layer " + layer, layer, cls);
    } else if (n.isContainerNode()) {
      n.forEach(e -> checkTensorRefs(e, layer, cls));
    }
  }

  private static String moduleOf(JsonNode layer) {
    JsonNode m = layer.path("module");
    return m.isTextual() ? m.asText() : null;
  }

  /** {@code [[name, node, tensor], ...]}, or one bare {@code [name, node, tensor]} (Keras 3). */
  private List<InboundRef> refs(JsonNode list, String what) {
    if (!list.isArray() || list.isEmpty()) {
      throw error("the model's " + what + " are " + (list.isArray() ? "empty" : kind(list)) + ", not a list of layers",
          null, null, SAVE_AGAIN);
    }
    List<InboundRef> out = new ArrayList<>();
    if (list.size() == 3 && list.get(0).isTextual()) {
      out.add(ref(list, "the model's " + what, null, null));
      return out;
    }
    for (JsonNode r : list) {
      out.add(ref(r, "the model's " + what, null, null));
    }
    return out;
  }

  /** {@code [layer name, node index, tensor index]}, checked. */
  private InboundRef ref(JsonNode r, String what, String layer, String cls) {
    if (!r.isArray() || r.size() < 3 || !r.get(0).isTextual() || !isIndex(r.get(1)) || !isIndex(r.get(2))) {
      throw error(what + " is " + shown(r) + ", not [layer name, node index, tensor index]", layer, cls, SAVE_AGAIN);
    }
    return new InboundRef(r.get(0).asText(), r.get(1).intValue(), r.get(2).intValue());
  }

  private static boolean isIndex(JsonNode n) {
    return n.isIntegralNumber() && n.canConvertToInt() && n.intValue() >= 0 && n.intValue() <= MAX_CALLS;
  }

  private JsonNode layerList(JsonNode layers, String model) {
    if (!layers.isArray()) {
      throw error("the " + model + " model's layers are " + kind(layers) + ", not a list", null, model, SAVE_AGAIN);
    }
    if (layers.size() > MAX_LAYERS) {
      throw error("the model has " + layers.size() + " layers, more than " + MAX_LAYERS, null, model, SAVE_AGAIN);
    }
    return layers;
  }

  private String className(JsonNode layer, int index) {
    if (!layer.isObject()) {
      throw error("layer " + index + " of the model is " + kind(layer) + ", not an object", null, null, SAVE_AGAIN);
    }
    JsonNode cls = layer.path("class_name");
    if (!cls.isTextual() || cls.asText().isEmpty()) {
      throw error("layer " + index + " of the model has no class_name", text(layer.path("name"), null), null,
          SAVE_AGAIN);
    }
    return cls.asText();
  }

  /** A layer's own config: an object (absent only for a layer without options). */
  private JsonNode layerConfig(JsonNode layer, int index, String cls) {
    JsonNode cfg = layer.path("config");
    if (cfg.isMissingNode()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!cfg.isObject()) {
      throw error("layer " + index + " of the model has a config that is " + kind(cfg) + ", not an object",
          text(layer.path("name"), null), cls, SAVE_AGAIN);
    }
    return cfg;
  }

  /** The name in {@code holder} (the layer entry or its config): a non-empty string, unique in the model. */
  private String layerName(JsonNode layer, JsonNode holder, int index, String cls, Set<String> names) {
    JsonNode n = holder.path("name");
    if (!n.isTextual()) {
      n = layer.path("name");
    }
    if (!n.isTextual() || n.asText().isEmpty()) {
      throw error("layer " + index + " of the model has no name", null, cls, SAVE_AGAIN);
    }
    String name = n.asText();
    if (!names.add(name)) {
      throw error("two layers of the model are named '" + name + "'", name, cls, SAVE_AGAIN);
    }
    return name;
  }

  private static String text(JsonNode n, String fallback) {
    return n.isTextual() ? n.asText() : fallback;
  }

  private static String kind(JsonNode n) {
    return n.isMissingNode() ? "missing" : n.isNull() ? "null" : n.isTextual() ? "a string" : n.isNumber()
        ? "a number" : n.isBoolean() ? "a boolean" : n.isArray() ? "a list" : "an object";
  }

  private static String shown(JsonNode n) {
    String s = n.toString();
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
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

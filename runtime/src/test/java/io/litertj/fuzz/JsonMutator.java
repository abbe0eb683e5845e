package io.litertj.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Damages a JSON document (a Keras config) value by value: a value becomes null, another type, a
 * boundary number, an empty or grown container; a key disappears; a list gains or loses elements.
 */
final class JsonMutator {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long[] NUMBERS = {0, 1, -1, 2, 3, 1_000_000, 1L << 31, Integer.MAX_VALUE, -2, 100_000,
      1L << 40, 65536};
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonMutator() {}

  static byte[] mutate(byte[] json, SplittableRandom r) {
    try {
      JsonNode root = JSON.readTree(json);
      for (int n = 1 + r.nextInt(2); n > 0; n--) {
        List<Slot> slots = new ArrayList<>();
        List<Slot> layerSlots = new ArrayList<>();
        collect(root, slots);
        collectLayers(root, layerSlots);
        // Most of a Keras config is initializers and dtype policies that nothing reads: aim at the
        // layers' own entries and the config values converters read, most of the time.
        List<Slot> pool = !layerSlots.isEmpty() && r.nextInt(3) > 0 ? layerSlots : slots;
        if (!pool.isEmpty()) {
          apply(pool.get(r.nextInt(pool.size())), r);
        }
      }
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A place holding a value: a key of an object or an index of an array. */
  private record Slot(JsonNode parent, String key, int index) {
    JsonNode get() {
      return key != null ? parent.get(key) : parent.get(index);
    }

    void set(JsonNode v) {
      if (key != null) {
        ((ObjectNode) parent).set(key, v);
      } else {
        ((ArrayNode) parent).set(index, v);
      }
    }

    void remove() {
      if (key != null) {
        ((ObjectNode) parent).remove(key);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }

  private static void collect(JsonNode node, List<Slot> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.add(new Slot(node, e.getKey(), -1));
        collect(e.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(new Slot(node, null, i));
        collect(node.get(i), out);
      }
    }
  }

  /**
   * The slots of each {@code layers[i]} entry (name, class_name, config, inbound_nodes), of its
   * config's direct values, and of the elements of list values there (shapes, strides).
   */
  private static void collectLayers(JsonNode node, List<Slot> out) {
    if (node.isObject() && node.path("layers").isArray()) {
      for (JsonNode layer : node.get("layers")) {
        if (layer.isObject()) {
          layer.fieldNames().forEachRemaining(k -> out.add(new Slot(layer, k, -1)));
          JsonNode cfg = layer.path("config");
          if (cfg.isObject()) {
            cfg.fields().forEachRemaining(e -> {
              out.add(new Slot(cfg, e.getKey(), -1));
              if (e.getValue().isArray()) {
                for (int i = 0; i < e.getValue().size(); i++) {
                  out.add(new Slot(e.getValue(), null, i));
                }
              }
            });
            collectLayers(cfg, out); // nested models
          }
        }
      }
    }
    if (node.isObject()) {
      JsonNode cfg = node.path("config");
      if (cfg.isObject() && cfg != node) {
        collectLayers(cfg, out);
      }
    }
  }

  private static void apply(Slot slot, SplittableRandom r) {
    JsonNode v = slot.get();
    switch (r.nextInt(8)) {
      case 0 -> slot.set(F.nullNode());
      case 1 -> slot.remove();
      case 2 -> slot.set(F.numberNode(NUMBERS[r.nextInt(NUMBERS.length)] * (r.nextInt(4) == 0 ? -1 : 1)));
      case 3 -> slot.set(new JsonNode[] {F.textNode("x"), F.textNode(""), F.booleanNode(true), F.arrayNode(),
          F.objectNode(), F.numberNode(3.5), F.numberNode(1e300), F.textNode("float64")}[r.nextInt(8)]);
      case 4 -> {
        if (v.isArray() && v.size() > 0) {
          ArrayNode a = (ArrayNode) v;
          if (r.nextBoolean()) {
            a.remove(r.nextInt(a.size()));
          } else {
            a.add(a.get(r.nextInt(a.size())).deepCopy());
          }
        } else {
          slot.set(F.arrayNode().add(v == null ? F.nullNode() : v.deepCopy()));
        }
      }
      case 5 -> {
        if (v != null && v.isNumber()) {
          slot.set(F.numberNode(v.asLong() * new long[] {0, -1, 1000, 1_000_000, 2}[r.nextInt(5)]));
        } else if (v != null && v.isTextual()) {
          slot.set(F.textNode(v.asText() + new String[] {"_x", "", "\u00e9", "0"}[r.nextInt(4)]));
        } else {
          slot.set(F.nullNode());
        }
      }
      case 6 -> {
        if (v != null && v.isContainerNode()) {
          slot.set(v.isArray() ? F.arrayNode() : F.objectNode());
        } else {
          slot.set(F.numberNode(-1));
        }
      }
      default -> slot.set(v != null && v.isNumber() ? F.textNode(v.asText()) : F.numberNode(0));
    }
  }
}
